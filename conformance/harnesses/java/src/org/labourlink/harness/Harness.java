package org.labourlink.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent labourlink conformance harness in Java.
 *
 * <p>Written from conformance/REQUIREMENTS.md, conformance/vector.schema.json and the protocol
 * of conformance/protocol/ only: no labourlink code, just the JDK (17). Newline-delimited JSON
 * on stdin/stdout; the body schemas and the flow table arrive in the runner's `start` request,
 * nothing is read from files. The domain business rules (LL-RULE) are not implemented: cases
 * that name an LL-RULE requirement are answered as skipped.
 *
 * <pre>java -cp target/labourlink-harness.jar org.labourlink.harness.Harness [--skip-canonical-check]</pre>
 *
 * --skip-canonical-check deliberately disables the payload canonical-form check (LL-ENV-003), to
 * show that the runner catches a wrong implementation.
 */
@SuppressWarnings("unchecked")
public final class Harness {
    static boolean SKIP_CANONICAL_CHECK = false;
    static final String VERSION = "1.0";

    private final Schema schema = new Schema();
    private final Verifier verifier = new Verifier(schema);

    static List<Object> codePaths(List<String[]> items) {
        List<Object> out = new ArrayList<>();
        for (String[] cp : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", cp[0]);
            m.put("path", cp[1]);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> error(Rejected e) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("error", e.code);
        if (e.path != null) r.put("path", e.path);
        return r;
    }

    private static Map<String, Object> wrap(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    /** LL-SCHEMA-005: envelope, then schema; stops after the first stage with errors. */
    Map<String, Object> validate(Map<String, Object> input) {
        Verifier.Env env;
        List<Object> findings = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            env = Verifier.checkEnvelope(input.get("document"));
        } catch (Rejected e) {
            findings.add(finding(e.code, e.path == null ? "" : e.path, "error"));
            out.put("valid", false);
            out.put("findings", findings);
            return out;
        }
        List<List<String[]>> f = schema.findings(env);
        for (String[] cp : f.get(0)) findings.add(finding(cp[0], cp[1], "error"));
        for (String[] cp : f.get(1)) findings.add(finding(cp[0], cp[1], "warning"));
        out.put("valid", f.get(0).isEmpty());
        out.put("findings", findings);
        return out;
    }

    private static Map<String, Object> finding(String code, String path, String severity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("path", path);
        m.put("severity", severity);
        return m;
    }

    static Map<String, Object> canonicalize(Map<String, Object> input) throws Rejected {
        byte[] data = input.containsKey("text") ? ((String) input.get("text")).getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode((String) input.get("text_b64"));
        return wrap("canonical", Json.canonicalString(Json.parseStrict(data, false, Json.DEFAULT_MAX_BYTES, Json.DEFAULT_MAX_DEPTH)));
    }

    /** One case → the response without seq. */
    Map<String, Object> run(Map<String, Object> c) {
        Object kind = c.get("kind");
        Map<String, Object> input = (Map<String, Object>) c.get("input");
        List<String> rules = new ArrayList<>();
        for (Object r : (List<Object>) c.getOrDefault("requirements", List.of())) if (((String) r).startsWith("LL-RULE-")) rules.add((String) r);
        Map<String, Object> resp = new LinkedHashMap<>();
        if (!rules.isEmpty()) {
            resp.put("skipped", true);
            resp.put("reason", "the domain business rules (" + String.join(", ", rules) + ") are not implemented by this independent harness");
            return resp;
        }
        try {
            try {
                if ("validate".equals(kind)) {
                    resp.put("result", validate(input));
                } else if ("canonicalize".equals(kind)) {
                    resp.put("result", canonicalize(input));
                } else if ("sign".equals(kind)) {
                    resp.put("result", Verifier.sign(input));
                } else if ("verify".equals(kind)) {
                    Map<String, Object> result;
                    try {
                        result = verifier.verify(input);
                    } catch (Rejected e) {
                        result = new LinkedHashMap<>();
                        result.put("accepted", false);
                        result.put("error", e.code);
                        if (e.path != null) result.put("path", e.path);
                        if (!e.violations.isEmpty()) result.put("violations", codePaths(e.violations));
                    }
                    result.put("intermediate", Verifier.verifyIntermediates(Verifier.messageBytes(input, "message")));
                    resp.put("result", result);
                } else {
                    resp.put("skipped", true);
                    resp.put("reason", "kind " + kind + " is not implemented by this harness");
                }
            } catch (Rejected e) {
                resp.put("result", error(e));
            }
        } catch (NotImplemented e) {
            resp.clear();
            resp.put("skipped", true);
            resp.put("reason", e.getMessage());
        } catch (BrokenCase e) {
            resp.clear();
            resp.put("errored", true);
            resp.put("message", e.getMessage());
        }
        return resp;
    }

    public static void main(String[] args) throws Exception {
        for (String a : args) if (a.equals("--skip-canonical-check")) SKIP_CANONICAL_CHECK = true;
        Harness h = new Harness();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty()) continue;
            Map<String, Object> resp;
            Object seq = null;
            try {
                Map<String, Object> req = (Map<String, Object>) Json.parseLenient(line);
                Object cmd = req.get("cmd");
                seq = req.get("seq");
                if ("stop".equals(cmd)) return;
                if ("start".equals(cmd)) {
                    Object schemas = req.get("schemas");
                    h.schema.load(schemas instanceof Map ? (Map<String, Object>) schemas : Map.of());
                    Object flows = req.get("flows");
                    Verifier.flows = flows instanceof Map ? (Map<String, Object>) flows : Map.of();
                    Map<String, Object> impl = new LinkedHashMap<>();
                    impl.put("name", "labourlink-independent-java" + (SKIP_CANONICAL_CHECK ? "-skip-canonical-check" : ""));
                    impl.put("language", "java");
                    impl.put("version", VERSION);
                    impl.put("kinds", List.of("canonicalize", "sign", "verify", "validate"));
                    impl.put("features", List.of("verify.stages", "verify.earlier"));
                    resp = wrap("implementation", impl);
                } else if ("run".equals(cmd)) {
                    try {
                        resp = h.run((Map<String, Object>) req.get("case"));
                    } catch (RuntimeException | StackOverflowError e) {
                        resp = new LinkedHashMap<>();
                        resp.put("errored", true);
                        resp.put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    resp.put("seq", seq);
                } else {
                    resp = new LinkedHashMap<>();
                    resp.put("errored", true);
                    resp.put("message", "unknown command " + cmd);
                }
            } catch (RuntimeException e) {
                resp = new LinkedHashMap<>();
                resp.put("errored", true);
                resp.put("message", e.getClass().getSimpleName() + ": " + e.getMessage());
                resp.put("seq", seq);
            }
            out.write(Json.write(resp));
            out.write("\n");
            out.flush();
        }
    }
}
