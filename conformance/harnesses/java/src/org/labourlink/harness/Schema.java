package org.labourlink.harness;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema stage (LL-SCHEMA): a JSON Schema draft 2020-12 validator for the keywords the
 * catalogue's body schemas use ($ref, type, properties, required, additionalProperties, items,
 * min/maxItems, uniqueItems, contains, min/maxLength, pattern, format date/date-time/uuid,
 * minimum/maximum, const, enum, allOf/anyOf/oneOf/not, if/then/else, propertyNames,
 * maxProperties). An unknown keyword is an error of the harness, never silently ignored.
 *
 * <p>Every violation is reported at the instance location of the keyword that fails; keywords
 * that apply subschemas to members or items (properties, additionalProperties with a schema,
 * items, allOf, $ref, then/else) report what their subschemas report, and the others (oneOf,
 * anyOf, not, contains, required, additionalProperties: false, propertyNames) report at the
 * object or array itself (propertyNames: at the object).
 */
@SuppressWarnings("unchecked")
public final class Schema {
    static final int MAX_VIOLATIONS = 100; // LL-SCHEMA-002

    /** file name → schema, and $id → schema, from the start request. */
    private final Map<String, Object> byFile = new HashMap<>();
    private final Map<String, Object> byId = new HashMap<>();
    private final Map<String, Pattern> patterns = new HashMap<>();

    void load(Map<String, Object> schemas) {
        byFile.clear();
        byId.clear();
        for (Map.Entry<String, Object> e : schemas.entrySet()) {
            byFile.put(e.getKey(), e.getValue());
            if (e.getValue() instanceof Map && ((Map<String, Object>) e.getValue()).get("$id") instanceof String)
                byId.put((String) ((Map<String, Object>) e.getValue()).get("$id"), e.getValue());
        }
    }

    /** One violation: where, which keyword, the schema object holding it, the instance. */
    static final class Err {
        final String ptr, keyword;
        final Map<String, Object> schema;
        final Object instance;
        final Object value;

        Err(String ptr, String keyword, Map<String, Object> schema, Object instance, Object value) {
            this.ptr = ptr;
            this.keyword = keyword;
            this.schema = schema;
            this.instance = instance;
            this.value = value;
        }
    }

    static final List<String> IGNORED = List.of("$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default",
            "deprecated", "then", "else");

    void validate(Object inst, Object schemaV, String ptr, Object root, List<Err> out) {
        if (schemaV instanceof Boolean) {
            if (!(Boolean) schemaV) out.add(new Err(ptr, "false", null, inst, false));
            return;
        }
        Map<String, Object> s = (Map<String, Object>) schemaV;
        if (s.get("$id") instanceof String) root = s;
        for (Map.Entry<String, Object> kv : s.entrySet()) {
            String k = kv.getKey();
            Object v = kv.getValue();
            switch (k) {
                case "$ref": {
                    Object[] target = resolve((String) v, root);
                    validate(inst, target[0], ptr, target[1], out);
                    break;
                }
                case "type": {
                    boolean ok = false;
                    if (v instanceof List) for (Object t : (List<Object>) v) ok |= isType(inst, (String) t);
                    else ok = isType(inst, (String) v);
                    if (!ok) out.add(new Err(ptr, k, s, inst, v));
                    break;
                }
                case "properties":
                    if (inst instanceof Map) {
                        Map<String, Object> o = (Map<String, Object>) inst;
                        for (Map.Entry<String, Object> p : ((Map<String, Object>) v).entrySet()) {
                            if (o.containsKey(p.getKey())) validate(o.get(p.getKey()), p.getValue(), ptr + "/" + Json.esc(p.getKey()), root, out);
                        }
                    }
                    break;
                case "required":
                    if (inst instanceof Map) {
                        for (Object r : (List<Object>) v) if (!((Map<String, Object>) inst).containsKey(r)) out.add(new Err(ptr, k, s, inst, v));
                    }
                    break;
                case "additionalProperties":
                    if (inst instanceof Map) {
                        List<String> extras = unknownMembers(s, (Map<String, Object>) inst);
                        if (v instanceof Map) {
                            for (String x : extras) validate(((Map<String, Object>) inst).get(x), v, ptr + "/" + Json.esc(x), root, out);
                        } else if (Boolean.FALSE.equals(v) && !extras.isEmpty()) {
                            out.add(new Err(ptr, k, s, inst, v));
                        }
                    }
                    break;
                case "patternProperties":
                    if (inst instanceof Map) {
                        for (Map.Entry<String, Object> p : ((Map<String, Object>) v).entrySet()) {
                            for (Map.Entry<String, Object> m : ((Map<String, Object>) inst).entrySet()) {
                                if (pattern(p.getKey()).matcher(m.getKey()).find())
                                    validate(m.getValue(), p.getValue(), ptr + "/" + Json.esc(m.getKey()), root, out);
                            }
                        }
                    }
                    break;
                case "propertyNames":
                    if (inst instanceof Map) for (String name : ((Map<String, Object>) inst).keySet()) validate(name, v, ptr, root, out);
                    break;
                case "maxProperties":
                    if (inst instanceof Map && ((Map<?, ?>) inst).size() > ((Number) v).longValue()) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "minProperties":
                    if (inst instanceof Map && ((Map<?, ?>) inst).size() < ((Number) v).longValue()) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "items":
                    if (inst instanceof List) {
                        List<Object> a = (List<Object>) inst;
                        int prefix = s.get("prefixItems") instanceof List ? ((List<?>) s.get("prefixItems")).size() : 0;
                        if (Boolean.FALSE.equals(v)) {
                            if (a.size() > prefix) out.add(new Err(ptr, k, s, inst, v));
                        } else {
                            for (int i = prefix; i < a.size(); i++) validate(a.get(i), v, ptr + "/" + i, root, out);
                        }
                    }
                    break;
                case "minItems":
                    if (inst instanceof List && ((List<?>) inst).size() < ((Number) v).longValue()) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "maxItems":
                    if (inst instanceof List && ((List<?>) inst).size() > ((Number) v).longValue()) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "uniqueItems":
                    if (Boolean.TRUE.equals(v) && inst instanceof List) {
                        List<Object> a = (List<Object>) inst;
                        boolean dup = false;
                        for (int i = 0; i < a.size() && !dup; i++) for (int j = i + 1; j < a.size() && !dup; j++) dup = equal(a.get(i), a.get(j));
                        if (dup) out.add(new Err(ptr, k, s, inst, v));
                    }
                    break;
                case "contains":
                    if (inst instanceof List) {
                        boolean any = false;
                        for (Object x : (List<Object>) inst) any |= valid(x, v, root);
                        if (!any) out.add(new Err(ptr, k, s, inst, v));
                    }
                    break;
                case "minLength":
                    if (inst instanceof String && ((String) inst).codePointCount(0, ((String) inst).length()) < ((Number) v).longValue())
                        out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "maxLength":
                    if (inst instanceof String && ((String) inst).codePointCount(0, ((String) inst).length()) > ((Number) v).longValue())
                        out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "pattern":
                    if (inst instanceof String && !pattern((String) v).matcher((String) inst).find()) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "format":
                    if (inst instanceof String && !format((String) v, (String) inst)) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "minimum":
                    if (isNumber(inst) && compare(inst, v) < 0) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "maximum":
                    if (isNumber(inst) && compare(inst, v) > 0) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "exclusiveMinimum":
                    if (isNumber(inst) && compare(inst, v) <= 0) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "exclusiveMaximum":
                    if (isNumber(inst) && compare(inst, v) >= 0) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "const":
                    if (!equal(inst, v)) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "enum": {
                    boolean any = false;
                    for (Object x : (List<Object>) v) any |= equal(inst, x);
                    if (!any) out.add(new Err(ptr, k, s, inst, v));
                    break;
                }
                case "allOf":
                    for (Object sub : (List<Object>) v) validate(inst, sub, ptr, root, out);
                    break;
                case "anyOf": {
                    boolean any = false;
                    for (Object sub : (List<Object>) v) if (valid(inst, sub, root)) {
                        any = true;
                        break;
                    }
                    if (!any) out.add(new Err(ptr, k, s, inst, v));
                    break;
                }
                case "oneOf": {
                    int n = 0;
                    for (Object sub : (List<Object>) v) if (valid(inst, sub, root)) n++;
                    if (n != 1) out.add(new Err(ptr, k, s, inst, v));
                    break;
                }
                case "not":
                    if (valid(inst, v, root)) out.add(new Err(ptr, k, s, inst, v));
                    break;
                case "if":
                    if (valid(inst, v, root)) {
                        if (s.containsKey("then")) validate(inst, s.get("then"), ptr, root, out);
                    } else if (s.containsKey("else")) {
                        validate(inst, s.get("else"), ptr, root, out);
                    }
                    break;
                case "prefixItems":
                    if (inst instanceof List) {
                        List<Object> a = (List<Object>) inst, subs = (List<Object>) v;
                        for (int i = 0; i < Math.min(a.size(), subs.size()); i++) validate(a.get(i), subs.get(i), ptr + "/" + i, root, out);
                    }
                    break;
                default:
                    if (!IGNORED.contains(k)) throw new BrokenCase("schema keyword " + k + " is not implemented by this harness");
            }
        }
    }

    boolean valid(Object inst, Object schema, Object root) {
        List<Err> errs = new ArrayList<>();
        validate(inst, schema, "", root, errs);
        return errs.isEmpty();
    }

    /** A $ref: an absolute `$id#pointer` or a fragment of the current resource → {schema, its resource}. */
    private Object[] resolve(String ref, Object root) {
        int hash = ref.indexOf('#');
        String base = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        Object resource = base.isEmpty() ? root : byId.get(base);
        if (resource == null) throw new BrokenCase("unresolvable $ref " + ref);
        Object node = resource;
        if (!fragment.isEmpty()) {
            for (String token : fragment.substring(1).split("/", -1)) {
                String name = token.replace("~1", "/").replace("~0", "~");
                if (node instanceof Map) node = ((Map<String, Object>) node).get(name);
                else if (node instanceof List) node = ((List<Object>) node).get(Integer.parseInt(name));
                else node = null;
                if (node == null) throw new BrokenCase("unresolvable $ref " + ref);
            }
        }
        return new Object[] {node, resource};
    }

    private Pattern pattern(String p) {
        // UNIX_LINES: `$` may match before a final "\n" only, as in Python's re (the reference's regex crate aside).
        return patterns.computeIfAbsent(p, x -> Pattern.compile(x, Pattern.UNIX_LINES));
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof BigInteger;
    }

    static boolean isType(Object v, String t) {
        switch (t) {
            case "object": return v instanceof Map;
            case "array": return v instanceof List;
            case "string": return v instanceof String;
            case "boolean": return v instanceof Boolean;
            case "null": return v == Json.NULL;
            case "number": return isNumber(v);
            case "integer":
                return v instanceof Long || v instanceof BigInteger
                        || (v instanceof Double && !((Double) v).isInfinite() && (Double) v == Math.floor((Double) v));
            default: throw new BrokenCase("unknown type " + t);
        }
    }

    static BigDecimal dec(Object v) {
        if (v instanceof Long) return BigDecimal.valueOf((Long) v);
        if (v instanceof BigInteger) return new BigDecimal((BigInteger) v);
        return new BigDecimal((Double) v);
    }

    static int compare(Object a, Object b) {
        return dec(a).compareTo(dec(b));
    }

    /** Equality of JSON values (booleans are not numbers; 1 equals 1.0). */
    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) return compare(a, b) == 0;
        if (a instanceof Map && b instanceof Map) {
            Map<String, Object> x = (Map<String, Object>) a, y = (Map<String, Object>) b;
            if (x.size() != y.size()) return false;
            for (Map.Entry<String, Object> e : x.entrySet()) if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) return false;
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<Object> x = (List<Object>) a, y = (List<Object>) b;
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
            return true;
        }
        return a == b || (a != null && a.equals(b) && !isNumber(a));
    }

    // ------------------------------------------------------------------ formats (LL-SCHEMA-003)

    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern UUID_ANY = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static boolean isDate(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches()) return false;
        int y = Integer.parseInt(m.group(1));
        if (y < 1) return false;
        try {
            LocalDate.of(y, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean format(String name, String text) {
        switch (name) {
            case "date":
                return isDate(text);
            case "date-time": {
                Matcher m = DATE_TIME.matcher(text);
                return m.matches() && isDate(m.group(1)) && Integer.parseInt(m.group(2)) <= 23 && Integer.parseInt(m.group(3)) <= 59
                        && Integer.parseInt(m.group(4)) <= 60;
            }
            case "uuid":
                return UUID_ANY.matcher(text).matches();
            default:
                return true; // formats are annotations unless named here
        }
    }

    // ------------------------------------------------------------------ the stage

    private static final Pattern TOLERATED_MEMBER = Pattern.compile("[a-z0-9_]+");

    /** The members of an object not named by the schema's properties nor matched by its patternProperties. */
    List<String> unknownMembers(Map<String, Object> schema, Map<String, Object> inst) {
        Map<String, Object> known = schema.get("properties") instanceof Map ? (Map<String, Object>) schema.get("properties") : Map.of();
        Map<String, Object> pats = schema.get("patternProperties") instanceof Map ? (Map<String, Object>) schema.get("patternProperties")
                : Map.of();
        List<String> out = new ArrayList<>();
        for (String k : inst.keySet()) {
            if (known.containsKey(k)) continue;
            boolean matched = false;
            for (String p : pats.keySet()) matched |= pattern(p).matcher(k).find();
            if (!matched) out.add(k);
        }
        return out;
    }

    /**
     * LL-SCHEMA-002/006: the distinct pointers of the violations and the pointers of the objects
     * with tolerated unknown members (a document of a newer minor version whose unknown members
     * all have plain names), in the validator's order.
     */
    List<List<String>> violations(String type, Map<String, Object> body, boolean tolerant) {
        Object schema = byFile.get(type + ".schema.json");
        if (schema == null) throw new BrokenCase("the start request carried no schema for " + type);
        List<Err> errs = new ArrayList<>();
        validate(body, schema, "/body", schema, errs);
        List<String> out = new ArrayList<>(), warnings = new ArrayList<>();
        for (Err e : errs) {
            if (tolerant && e.keyword.equals("additionalProperties") && Boolean.FALSE.equals(e.value) && e.instance instanceof Map) {
                boolean plain = true;
                for (String k : unknownMembers(e.schema, (Map<String, Object>) e.instance)) plain &= TOLERATED_MEMBER.matcher(k).matches();
                if (plain) {
                    if (!warnings.contains(e.ptr)) warnings.add(e.ptr);
                    continue;
                }
            }
            if (!out.contains(e.ptr)) out.add(e.ptr);
        }
        return List.of(out, warnings);
    }

    /** Where a /body/… pointer lies in the canonical payload (containers first, members in UTF-16 order). */
    static List<Double> documentPosition(Map<String, Object> body, String ptr) {
        Object node = body;
        List<Double> pos = new ArrayList<>();
        String[] tokens = ptr.split("/", -1);
        for (int t = 2; t < tokens.length; t++) {
            String name = tokens[t].replace("~1", "/").replace("~0", "~");
            if (node instanceof Map && ((Map<String, Object>) node).containsKey(name)) {
                pos.add((double) new TreeSet<>(((Map<String, Object>) node).keySet()).headSet(name).size());
                node = ((Map<String, Object>) node).get(name);
            } else if (node instanceof List && name.matches("[0-9]+") && name.length() < 10
                    && Integer.parseInt(name) < ((List<?>) node).size()) {
                pos.add((double) Integer.parseInt(name));
                node = ((List<Object>) node).get(Integer.parseInt(name));
            } else {
                pos.add(Double.POSITIVE_INFINITY);
            }
        }
        return pos;
    }

    static final Comparator<List<Double>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Double.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    /** The stage's findings: {errors, warnings} as {code, path} (beyond 100 errors: the first 100 in document order, then schema.truncated). */
    List<List<String[]>> findings(Verifier.Env env) {
        boolean newerMinor = Integer.parseInt(env.version.split("\\.", 2)[1]) > 0;
        List<List<String>> vw = violations(env.type, env.body, newerMinor);
        List<String> violations = vw.get(0);
        List<String[]> errors = new ArrayList<>();
        if (violations.size() > MAX_VIOLATIONS) {
            List<String> kept = new ArrayList<>(violations);
            kept.sort((a, b) -> LEXICOGRAPHIC.compare(documentPosition(env.body, a), documentPosition(env.body, b)));
            for (String p : kept.subList(0, MAX_VIOLATIONS)) errors.add(new String[] {"schema.invalid", p});
            errors.add(new String[] {"schema.truncated", "/body"});
        } else {
            for (String p : violations) errors.add(new String[] {"schema.invalid", p});
        }
        List<String[]> warnings = new ArrayList<>();
        for (String p : vw.get(1)) warnings.add(new String[] {"schema.unknown_member", p});
        return List.of(errors, warnings);
    }

    /** Rejects a body with violations; returns the warnings of an accepted one. */
    List<String[]> check(Verifier.Env env) throws Rejected {
        List<List<String[]>> f = findings(env);
        if (!f.get(0).isEmpty()) {
            // `violations` carries every violation (LL-SCHEMA-002), not the tolerated unknown
            // members of a newer minor (LL-SCHEMA-006: warnings of an accepted message).
            List<String[]> all = new ArrayList<>(f.get(0));
            // The error's own path (a note only): the first violation in document order.
            String first = null;
            for (String[] e : f.get(0)) {
                if (e[0].equals("schema.invalid")
                        && (first == null || LEXICOGRAPHIC.compare(documentPosition(env.body, e[1]), documentPosition(env.body, first)) < 0))
                    first = e[1];
            }
            throw new Rejected("schema.invalid", first, all);
        }
        return f.get(1);
    }
}
