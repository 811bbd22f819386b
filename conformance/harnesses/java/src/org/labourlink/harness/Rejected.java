package org.labourlink.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A rejection with a labourlink error code, an optional JSON pointer (null: none) and, for
 * schema.invalid, every violation as {code, path}.
 */
public final class Rejected extends Exception {
    public final String code;
    public final String path;
    public final List<String[]> violations;

    public Rejected(String code) {
        this(code, null, new ArrayList<>());
    }

    public Rejected(String code, String path) {
        this(code, path, new ArrayList<>());
    }

    public Rejected(String code, String path, List<String[]> violations) {
        super(code, null, false, false);
        this.code = code;
        this.path = path;
        this.violations = violations;
    }
}
