package org.labourlink.harness;

/** The case cannot be run (reported as errored). */
public final class BrokenCase extends RuntimeException {
    public BrokenCase(String message) {
        super(message);
    }
}
