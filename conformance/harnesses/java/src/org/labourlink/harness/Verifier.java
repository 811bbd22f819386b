package org.labourlink.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verification pipeline (LL-ENV-001): the JWS profile (LL-JWS), key resolution (LL-KEY),
 * the canonical payload and envelope (LL-ENV), trust lists (LL-TRUST), time (LL-TIME), replies
 * (LL-REPLY) and replay (LL-REPLAY); plus signing (LL-ENV-016).
 */
@SuppressWarnings("unchecked")
public final class Verifier {
    static final long DEFAULT_LEEWAY = 300;
    static final long DEFAULT_GRACE = 7 * 24 * 3600;
    static final long DAY = 24 * 3600;
    static final long DEFAULT_MAX_AGE = 30 * DAY; // LL-TIME-001
    static final Set<String> LONG_LIVED = Set.of("social_insurance.contribution_certificate", "family_planning.certificate",
            "family_planning.service_agreement");
    static final long TRUST_LIST_SKEW = 300; // LL-TRUST-009
    static final long DEFAULT_REPLAY_CAPACITY = 1_000_000; // LL-REPLAY-006
    static final String TYP = "labourlink+jws";
    static final String SPEC = "labourlink/1";
    static final String UNEXPECTED = "envelope.unexpected_reply";

    static final Set<String> CATALOGUE = new HashSet<>(List.of("receipt", "trust_list", "reference_data"));

    static {
        String[][] domains = {
            {"control", "reminder reminder_reply clarification_request clarification_reply invalidate reject case_close case_reopen"},
            {"worker_transfer", "job_demand roster roster_reply arrival insurance_enrolment retention separation certificate_attestation reconciliation"
                + " cooperation_agreement"},
            {"family_planning", "service_agreement certificate arrival_notice verification_request verification_reply birth_registration_notice service_notice benefit_notice"},
            {"social_insurance", "contribution_certificate transfer_application contact_letter application_refusal transfer_information fund_transfer transfer_completion"
                + " benefit_place_request benefit_place_decision"},
            {"worker_rights", "wage_arrears_referral wage_arrears_outcome work_injury_notice work_injury_decision dispute_referral dispute_outcome"},
        };
        for (String[] d : domains) for (String n : d[1].split(" ")) CATALOGUE.add(d[0] + "." + n);
    }

    /** schemas/flows.json from the start request. */
    static Map<String, Object> flows = new HashMap<>();

    private final Schema schema;

    Verifier(Schema schema) {
        this.schema = schema;
    }

    // ------------------------------------------------------------------ helpers

    static String ptrEsc(String s) {
        return Json.esc(s);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long num(Map<String, Object> ctx, String key, long dflt) {
        Object v = ctx.get(key);
        return v instanceof Number ? ((Number) v).longValue() : dflt;
    }

    static boolean truthy(Object v) {
        if (v == null || v == Json.NULL) return false;
        if (v instanceof Boolean) return (Boolean) v;
        if (v instanceof Number) return ((Number) v).doubleValue() != 0;
        if (v instanceof String) return !((String) v).isEmpty();
        if (v instanceof Map) return !((Map<?, ?>) v).isEmpty();
        if (v instanceof List) return !((List<?>) v).isEmpty();
        return true;
    }

    // ------------------------------------------------------------------ time (RFC 3339 UTC)

    private static final Pattern INSTANT = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]{1,9})?Z");

    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** An RFC 3339 UTC instant, or null. */
    static Instant parseInstant(Object text) {
        if (!(text instanceof String)) return null;
        Matcher m = INSTANT.matcher((String) text);
        if (!m.matches()) return null;
        int y = Integer.parseInt(m.group(1)), mo = Integer.parseInt(m.group(2)), d = Integer.parseInt(m.group(3));
        int hh = Integer.parseInt(m.group(4)), mm = Integer.parseInt(m.group(5)), ss = Integer.parseInt(m.group(6));
        boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int[] daysIn = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (mo < 1 || mo > 12 || d < 1 || d > daysIn[mo - 1] || hh > 23 || mm > 59 || ss > 59) return null;
        String frac = m.group(7) == null ? "" : m.group(7).substring(1);
        StringBuilder f = new StringBuilder(frac);
        while (f.length() < 9) f.append('0');
        long nanos = Long.parseLong(f.toString());
        return Instant.ofEpochSecond(daysFromCivil(y, mo, d) * 86400 + hh * 3600L + mm * 60L + ss, nanos);
    }

    static boolean after(Instant a, Instant b) {
        return a.compareTo(b) > 0;
    }

    // ------------------------------------------------------------------ JWS (LL-JWS)

    static final List<String> EMBEDDED = List.of("jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256");

    /** One signature of a JWS: alg, kid, the protected text, the signature bytes, its pointer. */
    static final class Sig {
        String alg, kid, protectedB64, ptr;
        byte[] sig;
    }

    static final class Jws {
        String payloadB64;
        byte[] payload;
        List<Sig> sigs = new ArrayList<>();
    }

    static String[] parseHeader(byte[] raw, String path, long maxBytes, long maxDepth, List<String> allowed, boolean eddsaAlias)
            throws Rejected {
        Object parsed;
        try {
            parsed = Json.parseStrict(raw, true, maxBytes, maxDepth);
        } catch (Rejected e) {
            throw new Rejected(e.code, path);
        }
        if (!(parsed instanceof Map)) throw new Rejected("jws.header_invalid", path);
        Map<String, Object> h = (Map<String, Object>) parsed;
        for (String m : EMBEDDED) if (h.containsKey(m)) throw new Rejected("jws.embedded_key", path);
        if (h.containsKey("crit")) throw new Rejected("jws.unknown_crit", path);
        for (String k : new TreeSet<>(h.keySet())) {
            if (!k.equals("alg") && !k.equals("kid") && !k.equals("typ")) throw new Rejected("jws.unknown_header", path);
        }
        Object algV = h.get("alg");
        if (!(algV instanceof String)) throw new Rejected("jws.header_invalid", path);
        String alg = (String) algV;
        if (alg.equals("EdDSA") && eddsaAlias) alg = "Ed25519";
        if (Keys.algorithm(alg) == null || !allowed.contains(alg)) throw new Rejected("jws.algorithm_not_allowed", path);
        Object kid = h.get("kid");
        if (!(kid instanceof String) || ((String) kid).isEmpty()) throw new Rejected("jws.header_invalid", path);
        if (!TYP.equals(h.get("typ"))) throw new Rejected("jws.wrong_typ", path);
        return new String[] {alg, (String) kid};
    }

    private static String takeString(Map<String, Object> obj, String member, String path) throws Rejected {
        if (!obj.containsKey(member)) throw new Rejected("jws.malformed", path);
        Object v = obj.get(member);
        if (!(v instanceof String)) throw new Rejected("jws.malformed", path + "/" + member);
        return (String) v;
    }

    static Jws parseJws(byte[] data) throws Rejected {
        return parseJws(data, Json.DEFAULT_MAX_BYTES, Json.DEFAULT_MAX_DEPTH, Keys.names(), false);
    }

    static Jws parseJws(byte[] data, long maxBytes, long maxDepth, List<String> allowed, boolean eddsaAlias) throws Rejected {
        Object parsed = Json.parseStrict(data, true, maxBytes, maxDepth);
        if (!(parsed instanceof Map)) throw new Rejected("jws.malformed", "");
        Map<String, Object> obj = (Map<String, Object>) parsed;
        for (String k : new TreeSet<>(obj.keySet())) {
            if (!k.equals("payload") && !k.equals("signatures")) throw new Rejected("jws.malformed", "/" + ptrEsc(k));
        }
        Jws out = new Jws();
        out.payloadB64 = takeString(obj, "payload", "");
        out.payload = Keys.b64uDecode(out.payloadB64, "/payload");
        if (!obj.containsKey("signatures")) throw new Rejected("jws.malformed", "");
        Object sigsV = obj.get("signatures");
        if (!(sigsV instanceof List)) throw new Rejected("jws.malformed", "/signatures");
        List<Object> sigs = (List<Object>) sigsV;
        if (sigs.isEmpty()) throw new Rejected("jws.no_signatures", "/signatures");
        for (int i = 0; i < sigs.size(); i++) {
            String ptr = "/signatures/" + i;
            if (!(sigs.get(i) instanceof Map)) throw new Rejected("jws.malformed", ptr);
            Map<String, Object> s = (Map<String, Object>) sigs.get(i);
            for (String k : new TreeSet<>(s.keySet())) {
                if (k.equals("header")) throw new Rejected("jws.unprotected_header", ptr + "/header");
                if (!k.equals("protected") && !k.equals("signature")) throw new Rejected("jws.malformed", ptr + "/" + ptrEsc(k));
            }
            String prot = takeString(s, "protected", ptr);
            String signature = takeString(s, "signature", ptr);
            byte[] header = Keys.b64uDecode(prot, ptr + "/protected");
            byte[] sig = Keys.b64uDecode(signature, ptr + "/signature");
            String[] ak = parseHeader(header, ptr + "/protected", maxBytes, maxDepth, allowed, eddsaAlias);
            for (Sig o : out.sigs) if (o.kid.equals(ak[1])) throw new Rejected("jws.duplicate_signer", ptr);
            Sig one = new Sig();
            one.alg = ak[0];
            one.kid = ak[1];
            one.protectedB64 = prot;
            one.sig = sig;
            one.ptr = ptr;
            out.sigs.add(one);
        }
        return out;
    }

    /** LL-ENV-002/003: the document and the digest. */
    static Object[] canonicalPayload(byte[] payload, long maxBytes, long maxDepth, boolean skipCanonicalCheck) throws Rejected {
        Object doc = Json.parseStrict(payload, true, maxBytes, maxDepth);
        if (!skipCanonicalCheck && !Arrays.equals(Json.canonical(doc), payload)) throw new Rejected("payload.not_canonical");
        return new Object[] {doc, Keys.b64u(sha256(payload))};
    }

    // ------------------------------------------------------------------ envelope (LL-ENV-005…008)

    private static final Pattern UUID_RE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern REGION = Pattern.compile("[1-8][0-9]{5}");
    private static final Pattern VERSION_PART = Pattern.compile("0|[1-9][0-9]{0,5}");

    /** The checked envelope of a document. */
    static final class Env {
        String type, version, id, inReplyTo, digest;
        Map<String, Object> caseObj;
        List<String> from, to;
        Instant issued, expires;
        Map<String, Object> body;
    }

    private static String getStr(Map<String, Object> obj, String key, String base, boolean required) throws Rejected {
        if (!obj.containsKey(key)) {
            if (required) throw new Rejected("envelope.invalid", base);
            return null;
        }
        Object v = obj.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) throw new Rejected("envelope.invalid", base + "/" + key);
        return (String) v;
    }

    private static void members(Map<String, Object> obj, List<String> allowed, String base) throws Rejected {
        for (String k : new TreeSet<>(obj.keySet())) {
            if (!allowed.contains(k)) throw new Rejected("envelope.invalid", base + "/" + ptrEsc(k));
        }
    }

    private static List<String> party(Map<String, Object> doc, String key) throws Rejected {
        String base = "/" + key;
        if (!doc.containsKey(key)) throw new Rejected("envelope.invalid", "");
        if (!(doc.get(key) instanceof Map)) throw new Rejected("envelope.invalid", base);
        Map<String, Object> p = (Map<String, Object>) doc.get(key);
        members(p, List.of("region", "agency", "name"), base);
        String region = getStr(p, "region", base, true);
        if (!REGION.matcher(region).matches()) throw new Rejected("envelope.invalid", base + "/region");
        String agency = getStr(p, "agency", base, true);
        if (agency.codePointCount(0, agency.length()) > 64) throw new Rejected("envelope.invalid", base + "/agency");
        String name = getStr(p, "name", base, false);
        if (name != null && name.codePointCount(0, name.length()) > 100) throw new Rejected("envelope.invalid", base + "/name");
        return List.of(region, agency);
    }

    private static Instant instant(Map<String, Object> doc, String key, boolean required) throws Rejected {
        String s = getStr(doc, key, "", required);
        if (s == null) return null;
        Instant t = parseInstant(s);
        if (t == null) throw new Rejected("envelope.invalid", "/" + key);
        return t;
    }

    static final List<String> ENVELOPE_MEMBERS = List.of("spec", "type", "schema_version", "id", "case", "in_reply_to", "from", "to",
            "issued_at", "expires_at", "body");

    /** The form of a message type: dot-separated segments of a-z 0-9 _ (LL-TRUST-002). */
    static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9_]+(?:\\.[a-z0-9_]+)*");

    /** LL-ENV-005: a case type is domain.name (at most 64 characters). */
    static final Pattern CASE_TYPE = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");

    static boolean isTypeName(String t) {
        return TYPE_NAME.matcher(t).matches();
    }

    /** LL-ENV-005…008, with the catalogue as the known types (LL-ENV-008). */
    static Env checkEnvelope(Object d) throws Rejected {
        return checkEnvelope(d, CATALOGUE::contains);
    }

    /** LL-ENV-005…008; `known` says which types exist (for a trust list only the type-name form, LL-TRUST-002). */
    static Env checkEnvelope(Object d, Predicate<String> known) throws Rejected {
        if (!(d instanceof Map)) throw new Rejected("envelope.invalid", "");
        Map<String, Object> doc = (Map<String, Object>) d;
        members(doc, ENVELOPE_MEMBERS, "");
        if (!SPEC.equals(getStr(doc, "spec", "", true))) throw new Rejected("envelope.unsupported_spec", "/spec");
        Env env = new Env();
        env.type = getStr(doc, "type", "", true);
        env.version = getStr(doc, "schema_version", "", true);
        String[] parts = env.version.split("\\.", 2);
        if (parts.length != 2 || !VERSION_PART.matcher(parts[0]).matches() || !VERSION_PART.matcher(parts[1]).matches())
            throw new Rejected("envelope.invalid", "/schema_version");
        if (Integer.parseInt(parts[0]) != 1) throw new Rejected("envelope.unsupported_version", "/schema_version");
        if (!isTypeName(env.type) || !known.test(env.type)) throw new Rejected("envelope.unknown_type", "/type");
        env.id = getStr(doc, "id", "", true);
        if (!UUID_RE.matcher(env.id).matches()) throw new Rejected("envelope.invalid", "/id");
        if (doc.containsKey("case")) {
            if (!(doc.get("case") instanceof Map)) throw new Rejected("envelope.invalid", "/case");
            Map<String, Object> c = (Map<String, Object>) doc.get("case");
            members(c, List.of("id", "type"), "/case");
            String caseId = getStr(c, "id", "/case", true);
            if (caseId.codePointCount(0, caseId.length()) > 64) throw new Rejected("envelope.invalid", "/case/id");
            String caseType = getStr(c, "type", "/case", true);
            if (caseType.length() > 64 || !CASE_TYPE.matcher(caseType).matches()) throw new Rejected("envelope.invalid", "/case/type");
            env.caseObj = c;
        }
        env.inReplyTo = getStr(doc, "in_reply_to", "", false);
        if (env.inReplyTo != null && !UUID_RE.matcher(env.inReplyTo).matches()) throw new Rejected("envelope.invalid", "/in_reply_to");
        env.from = party(doc, "from");
        env.to = party(doc, "to");
        env.issued = instant(doc, "issued_at", true);
        env.expires = instant(doc, "expires_at", false);
        if (env.expires != null && env.expires.compareTo(env.issued) < 0) throw new Rejected("envelope.invalid", "/expires_at");
        if (!doc.containsKey("body")) throw new Rejected("envelope.invalid", "");
        if (!(doc.get("body") instanceof Map)) throw new Rejected("envelope.invalid", "/body");
        env.body = (Map<String, Object>) doc.get("body");
        return env;
    }

    // ------------------------------------------------------------------ trust lists (LL-TRUST)

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_]+");

    static boolean validPattern(String p) {
        if (p.equals("*")) return true;
        String name = p.endsWith(".*") ? p.substring(0, p.length() - 2) : p;
        if (name.isEmpty()) return false;
        for (String seg : name.split("\\.", -1)) if (seg.isEmpty() || !SEGMENT.matcher(seg).matches()) return false;
        return true;
    }

    static boolean typeMatches(String pattern, String type) {
        if (pattern.equals("*")) return true;
        if (pattern.endsWith(".*")) return type.startsWith(pattern.substring(0, pattern.length() - 1));
        return pattern.equals(type);
    }

    private static String tlStr(Map<String, Object> obj, String key, String base) throws Rejected {
        Object v = obj.get(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) throw new Rejected("trust_list.invalid", base + "/" + key);
        return (String) v;
    }

    /** LL-TRUST-008: characters that make identifiers look alike, besides the control characters (Cc). */
    private static final int[][] LOOKALIKE = {{0x00AD, 0x00AD}, {0x061C, 0x061C}, {0x180E, 0x180E}, {0x200B, 0x200F},
        {0x2028, 0x202E}, {0x2060, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0xFF00, 0xFFEF}};

    static boolean forbiddenChar(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
        for (int[] r : LOOKALIKE) if (cp >= r[0] && cp <= r[1]) return true;
        return false;
    }

    private static String tlName(Map<String, Object> obj, String key, String base) throws Rejected {
        String v = tlStr(obj, key, base);
        if (v.codePoints().anyMatch(Verifier::forbiddenChar)) throw new Rejected("trust_list.invalid", base + "/" + key);
        return v;
    }

    private static Instant tlTime(Map<String, Object> obj, String key, String base) throws Rejected {
        Instant t = parseInstant(tlStr(obj, key, base));
        if (t == null) throw new Rejected("trust_list.invalid", base + "/" + key);
        return t;
    }

    static final List<String> RECORD_FIELDS = List.of("kid", "region", "agency", "alg", "jwk", "valid_from", "valid_until", "status",
            "status_since", "message_types", "endpoint");

    /** One key of a trust list. */
    static final class Rec {
        String kid, region, agency, alg, status;
        Keys.Key key;
        Instant validFrom, validUntil, since;
        List<String> types;

        List<String> party() {
            return List.of(region, agency);
        }
    }

    static Rec readRecord(Object value, String base) throws Rejected {
        if (!(value instanceof Map)) throw new Rejected("trust_list.invalid", base);
        Map<String, Object> r = (Map<String, Object>) value;
        for (String k : new TreeSet<>(r.keySet())) {
            if (!RECORD_FIELDS.contains(k)) throw new Rejected("trust_list.invalid", base + "/" + ptrEsc(k));
        }
        Rec rec = new Rec();
        rec.kid = tlName(r, "kid", base);
        rec.region = tlStr(r, "region", base);
        if (!REGION.matcher(rec.region).matches()) throw new Rejected("trust_list.invalid", base + "/region");
        rec.agency = tlName(r, "agency", base);
        rec.alg = tlStr(r, "alg", base);
        if (Keys.algorithm(rec.alg) == null) throw new Rejected("trust_list.invalid", base + "/alg");
        if (!r.containsKey("jwk")) throw new Rejected("trust_list.invalid", base);
        Object jwk = r.get("jwk");
        if (jwk instanceof Map && ((Map<String, Object>) jwk).get("kid") instanceof String
                && !((Map<String, Object>) jwk).get("kid").equals(rec.kid)) {
            throw new Rejected("trust_list.invalid", base + "/jwk/kid");
        }
        try {
            rec.key = Keys.fromJwk(jwk);
        } catch (Rejected e) {
            throw new Rejected(e.code, base + "/jwk" + (e.path == null ? "" : e.path));
        }
        if (!rec.key.alg.name().equals(rec.alg)) throw new Rejected("trust_list.invalid", base + "/alg");
        rec.validFrom = tlTime(r, "valid_from", base);
        rec.validUntil = r.containsKey("valid_until") ? tlTime(r, "valid_until", base) : null;
        if (rec.validUntil != null && rec.validUntil.compareTo(rec.validFrom) < 0)
            throw new Rejected("trust_list.invalid", base + "/valid_until");
        rec.status = tlStr(r, "status", base);
        if (!List.of("active", "retired", "revoked").contains(rec.status)) throw new Rejected("trust_list.invalid", base + "/status");
        rec.since = r.containsKey("status_since") ? tlTime(r, "status_since", base) : null;
        if (!rec.status.equals("active") && rec.since == null) throw new Rejected("trust_list.invalid", base);
        Object types = r.get("message_types");
        if (!(types instanceof List) || ((List<?>) types).isEmpty()) throw new Rejected("trust_list.invalid", base + "/message_types");
        rec.types = new ArrayList<>();
        List<Object> tl = (List<Object>) types;
        for (int j = 0; j < tl.size(); j++) {
            Object t = tl.get(j);
            if (!(t instanceof String) || !validPattern((String) t)) throw new Rejected("trust_list.invalid", base + "/message_types/" + j);
            rec.types.add((String) t);
        }
        if (r.containsKey("endpoint")) checkEndpoint(r.get("endpoint"), base + "/endpoint");
        return rec;
    }

    /** LL-TRUST-012: an inbox URL, https:// or http://, a host, no user information or fragment. */
    static void checkEndpoint(Object value, String ptr) throws Rejected {
        if (!(value instanceof String)) throw new Rejected("trust_list.invalid", ptr);
        String url = (String) value;
        if (url.length() > 2048 || !url.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) throw new Rejected("trust_list.invalid", ptr);
        String rest;
        if (url.startsWith("https://")) rest = url.substring(8);
        else if (url.startsWith("http://")) rest = url.substring(7);
        else throw new Rejected("trust_list.invalid", ptr);
        String authority = rest.split("[/?#]", 2)[0];
        if (authority.isEmpty() || authority.contains("@") || url.contains("#")) throw new Rejected("trust_list.invalid", ptr);
    }

    /** A loaded trust list. */
    static final class TrustList {
        long sequence;
        Instant nextUpdate;
        Map<String, Rec> records = new LinkedHashMap<>();
        String digest;
    }

    static TrustList readBody(Object value) throws Rejected {
        if (!(value instanceof Map)) throw new Rejected("trust_list.invalid", "/body");
        Map<String, Object> body = (Map<String, Object>) value;
        for (String k : new TreeSet<>(body.keySet())) {
            if (!List.of("sequence", "next_update", "keys").contains(k)) throw new Rejected("trust_list.invalid", "/body/" + ptrEsc(k));
        }
        Object seq = body.get("sequence");
        if (!(seq instanceof Long) || (Long) seq < 0) throw new Rejected("trust_list.invalid", "/body/sequence");
        TrustList tl = new TrustList();
        tl.sequence = (Long) seq;
        tl.nextUpdate = tlTime(body, "next_update", "/body");
        Object keys = body.get("keys");
        if (!(keys instanceof List)) throw new Rejected("trust_list.invalid", "/body/keys");
        Set<String> material = new HashSet<>();
        List<Object> list = (List<Object>) keys;
        for (int i = 0; i < list.size(); i++) {
            Rec rec = readRecord(list.get(i), "/body/keys/" + i);
            if (tl.records.containsKey(rec.kid)) throw new Rejected("trust_list.invalid", "/body/keys/" + i + "/kid");
            if (material.contains(rec.key.material())) throw new Rejected("trust_list.invalid", "/body/keys/" + i + "/jwk"); // LL-TRUST-007
            tl.records.put(rec.kid, rec);
            material.add(rec.key.material());
        }
        return tl;
    }

    /** LL-TRUST-009: a list from the future or long expired is refused (fixed 300 s skew). */
    static void checkListTimes(Env env, Instant now) throws Rejected {
        if (after(env.issued, now.plusSeconds(TRUST_LIST_SKEW))) throw new Rejected("envelope.issued_in_future", "/issued_at");
        if (env.expires != null && env.expires.plusSeconds(TRUST_LIST_SKEW).compareTo(now) < 0)
            throw new Rejected("envelope.expired", "/expires_at");
    }

    /** LL-TRUST-010: a later list may not bind a kid of the current list to other key material or party. */
    static void checkRebound(TrustList current, TrustList tl) throws Rejected {
        int i = 0;
        for (Rec rec : tl.records.values()) {
            Rec old = current.records.get(rec.kid);
            if (old != null && (!old.key.material().equals(rec.key.material()) || !old.party().equals(rec.party())))
                throw new Rejected("trust_list.key_rebound", "/body/keys/" + i);
            i++;
        }
    }

    /** LL-TRUST-013: a later list may not list a key the current list revoked (by kid or key material) as not revoked, nor leave it out. */
    static void checkRevocations(TrustList current, TrustList tl) throws Rejected {
        int i = 0;
        for (Rec rec : tl.records.values()) {
            if (!rec.status.equals("revoked")) {
                for (Rec r : current.records.values()) {
                    if (r.status.equals("revoked") && (r.kid.equals(rec.kid) || r.key.material().equals(rec.key.material())))
                        throw new Rejected("trust_list.revocation_undone", "/body/keys/" + i);
                }
            }
            i++;
        }
        // ... and must keep each of them listed as revoked (by kid or key material).
        for (Rec r : current.records.values()) {
            if (!r.status.equals("revoked")) continue;
            boolean kept = false;
            for (Rec rec : tl.records.values()) {
                if (rec.status.equals("revoked") && (rec.kid.equals(r.kid) || rec.key.material().equals(r.key.material())))
                    kept = true;
            }
            if (!kept) throw new Rejected("trust_list.revocation_undone", "/body/keys");
        }
    }

    static void checkFresh(TrustList tl, Instant now, long grace) throws Rejected {
        if (after(now, tl.nextUpdate.plusSeconds(grace))) throw new Rejected("trust_list.stale");
    }

    TrustList loadTrustList(byte[] data, Map<String, Keys.Key> anchors, Instant now, long grace) throws Rejected {
        Jws jws = parseJws(data);
        for (Sig s : jws.sigs) {
            Keys.Key anchor = anchors.get(s.kid);
            if (anchor == null) throw new Rejected("trust_list.untrusted_anchor", s.ptr + "/protected");
            if (!anchor.alg.name().equals(s.alg)) throw new Rejected("key.algorithm_mismatch", s.ptr + "/protected");
            anchor.verify((s.protectedB64 + "." + jws.payloadB64).getBytes(StandardCharsets.UTF_8), s.sig);
        }
        Object[] dd = canonicalPayload(jws.payload, Json.DEFAULT_MAX_BYTES, Json.DEFAULT_MAX_DEPTH, Harness.SKIP_CANONICAL_CHECK);
        // LL-TRUST-002: the envelope with the type-name form only (a trust-list loader need not know
        // the catalogue); any other type than trust_list, known or not, is then trust_list.invalid.
        Env env = checkEnvelope(dd[0], Verifier::isTypeName);
        if (!env.type.equals("trust_list")) throw new Rejected("trust_list.invalid", "/type");
        checkListTimes(env, now);
        TrustList tl = readBody(env.body);
        tl.digest = (String) dd[1];
        checkFresh(tl, now, grace);
        return tl;
    }

    // ------------------------------------------------------------------ reference data (LL-REF)

    static Rejected rdBad(String path) {
        return new Rejected("reference_data.invalid", path);
    }

    static Map<String, Object> rdObj(Object v, String base) throws Rejected {
        if (!(v instanceof Map)) throw rdBad(base);
        return (Map<String, Object>) v;
    }

    static void rdFields(Map<String, Object> o, List<String> allowed, String base) throws Rejected {
        for (String k : new TreeSet<>(o.keySet())) if (!allowed.contains(k)) throw rdBad(base + "/" + ptrEsc(k));
    }

    static String rdText(Map<String, Object> o, String key, String base) throws Rejected {
        Object v = o.get(key);
        if (!(v instanceof String) || ((String) v).isBlank()) throw rdBad(base + "/" + key);
        return (String) v;
    }

    static java.time.LocalDate rdDate(Map<String, Object> o, String key, String base) throws Rejected {
        String t = rdText(o, key, base);
        if (!t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) throw rdBad(base + "/" + key);
        try {
            return java.time.LocalDate.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw rdBad(base + "/" + key);
        }
    }

    static long rdYear(Object v, String base) throws Rejected {
        Map<String, Object> y = rdObj(v, base);
        rdFields(y, List.of("year", "status", "source", "days"), base);
        Object year = y.get("year");
        if (!(year instanceof Long) || (Long) year < 1900 || (Long) year > 9999) throw rdBad(base + "/year");
        if (!List.of("official", "provisional").contains(rdText(y, "status", base))) throw rdBad(base + "/status");
        rdText(y, "source", base);
        Object days = y.get("days");
        if (!(days instanceof List)) throw rdBad(base + "/days");
        Set<java.time.LocalDate> seen = new HashSet<>();
        List<Object> list = (List<Object>) days;
        for (int i = 0; i < list.size(); i++) {
            String p = base + "/days/" + i;
            Map<String, Object> d = rdObj(list.get(i), p);
            rdFields(d, List.of("date", "kind", "name"), p);
            java.time.LocalDate date = rdDate(d, "date", p);
            if (date.getYear() != (Long) year || !seen.add(date)) throw rdBad(p + "/date");
            if (!List.of("holiday", "workday").contains(rdText(d, "kind", p))) throw rdBad(p + "/kind");
            rdText(d, "name", p);
        }
        return (Long) year;
    }

    static List<String> rdPairs(Map<String, Object> o, String key, String second, String base) throws Rejected {
        List<String> out = new ArrayList<>();
        if (!o.containsKey(key)) return out;
        if (!(o.get(key) instanceof List)) throw rdBad(base + "/" + key);
        List<Object> items = (List<Object>) o.get(key);
        for (int i = 0; i < items.size(); i++) {
            String p = base + "/" + key + "/" + i;
            Map<String, Object> e = rdObj(items.get(i), p);
            rdFields(e, List.of("code", second), p);
            String code = rdText(e, "code", p);
            if (!code.matches("[0-9]{6}") || out.contains(code)) throw rdBad(p + "/code");
            rdText(e, second, p);
            out.add(code);
        }
        return out;
    }

    /** LL-REF-002 in the reference's order; returns {sequence, next_update}. (A retired code that
     *  is not current needs the GB/T 2260 list, which this harness does not carry.) */
    static Object[] readReferenceBody(Object value) throws Rejected {
        Map<String, Object> body = rdObj(value, "/body");
        rdFields(body, List.of("sequence", "next_update", "calendar", "regions"), "/body");
        Object seq = body.get("sequence");
        if (!(seq instanceof Long) || (Long) seq < 0) throw rdBad("/body/sequence");
        Instant next = parseInstant(rdText(body, "next_update", "/body"));
        if (next == null) throw rdBad("/body/next_update");
        if (!body.containsKey("calendar") && !body.containsKey("regions")) throw rdBad("/body");
        if (body.containsKey("calendar")) {
            Map<String, Object> c = rdObj(body.get("calendar"), "/body/calendar");
            rdFields(c, List.of("version", "years"), "/body/calendar");
            rdText(c, "version", "/body/calendar");
            if (!(c.get("years") instanceof List) || ((List<Object>) c.get("years")).isEmpty()) throw rdBad("/body/calendar/years");
            List<Object> years = (List<Object>) c.get("years");
            Set<Long> listed = new HashSet<>();
            for (int i = 0; i < years.size(); i++) {
                String base = "/body/calendar/years/" + i;
                if (!listed.add(rdYear(years.get(i), base))) throw rdBad(base + "/year");
            }
        }
        if (body.containsKey("regions")) {
            String base = "/body/regions";
            Map<String, Object> r = rdObj(body.get("regions"), base);
            rdFields(r, List.of("as_of", "source", "added", "retired"), base);
            rdDate(r, "as_of", base);
            rdText(r, "source", base);
            List<String> added = rdPairs(r, "added", "name", base);
            List<String> retired = rdPairs(r, "retired", "note", base);
            for (String a : added) if (retired.contains(a)) throw rdBad(base);
        }
        return new Object[] {seq, next};
    }

    /** LL-REF-001…003: loaded as a trust list, type reference_data; returns {sequence, digest}. */
    Object[] loadReferenceData(byte[] data, Map<String, Keys.Key> anchors, Instant now, long grace) throws Rejected {
        Jws jws = parseJws(data);
        for (Sig s : jws.sigs) {
            Keys.Key anchor = anchors.get(s.kid);
            if (anchor == null) throw new Rejected("reference_data.untrusted_anchor", s.ptr + "/protected");
            if (!anchor.alg.name().equals(s.alg)) throw new Rejected("key.algorithm_mismatch", s.ptr + "/protected");
            anchor.verify((s.protectedB64 + "." + jws.payloadB64).getBytes(StandardCharsets.UTF_8), s.sig);
        }
        Object[] dd = canonicalPayload(jws.payload, Json.DEFAULT_MAX_BYTES, Json.DEFAULT_MAX_DEPTH, Harness.SKIP_CANONICAL_CHECK);
        Env env = checkEnvelope(dd[0], Verifier::isTypeName);
        if (!env.type.equals("reference_data")) throw new Rejected("reference_data.invalid", "/type");
        checkListTimes(env, now);
        Object[] rd = readReferenceBody(env.body);
        if (after(now, ((Instant) rd[1]).plusSeconds(grace))) throw new Rejected("reference_data.stale");
        return new Object[] {rd[0], dd[1]};
    }

    /** The trust lists of a verify case, loaded and updated in order (LL-TRUST). */
    TrustList loadContext(Map<String, Object> input) throws Rejected {
        Map<String, Object> ctx = (Map<String, Object>) input.get("context");
        Instant now = parseInstant(ctx.get("now"));
        long grace = num(ctx, "grace_seconds", DEFAULT_GRACE);
        Map<String, Keys.Key> anchors = new HashMap<>();
        for (Object jwk : (List<Object>) ctx.getOrDefault("anchor_jwks", List.of())) {
            anchors.put((String) ((Map<String, Object>) jwk).get("kid"), Keys.fromJwk(jwk));
        }
        TrustList current = null;
        for (Object e : (List<Object>) input.get("trust_lists")) {
            String text = (String) ((Map<String, Object>) e).get("jws");
            TrustList tl = loadTrustList(text.getBytes(StandardCharsets.UTF_8), anchors, now, grace);
            if (current == null) {
                if (tl.sequence < num(ctx, "min_sequence", 0)) throw new Rejected("trust_list.rollback", "/body/sequence");
            } else {
                checkRebound(current, tl);
                if (tl.sequence < current.sequence || (tl.sequence == current.sequence && !tl.digest.equals(current.digest)))
                    throw new Rejected("trust_list.rollback", "/body/sequence");
                checkRevocations(current, tl);
            }
            current = tl;
        }
        // LL-REF: reference data after the trust lists, in order, none rolling back (its tables
        // matter to the rules stage only, which this harness does not run).
        Long acceptedSeq = ctx.containsKey("reference_data_min_sequence") ? num(ctx, "reference_data_min_sequence", 0) : null;
        String acceptedDigest = null;
        for (Object e : (List<Object>) input.getOrDefault("reference_data", List.of())) {
            String text = (String) ((Map<String, Object>) e).get("jws");
            Object[] rd = loadReferenceData(text.getBytes(StandardCharsets.UTF_8), anchors, now, grace);
            long seq = (Long) rd[0];
            String digest = (String) rd[1];
            if (acceptedSeq != null && (seq < acceptedSeq || (seq == acceptedSeq && acceptedDigest != null && !digest.equals(acceptedDigest))))
                throw new Rejected("reference_data.rollback", "/body/sequence");
            acceptedSeq = seq;
            acceptedDigest = digest;
        }
        return current;
    }

    // ------------------------------------------------------------------ keys, signers, parties, clock

    /** LL-KEY-010: signature by signature, unknown kid → algorithm mismatch → revoked. */
    static List<Rec> resolveKeys(TrustList current, List<Sig> sigs) throws Rejected {
        List<Rec> records = new ArrayList<>();
        for (Sig s : sigs) {
            Rec rec = current.records.get(s.kid);
            String at = s.ptr + "/protected";
            if (rec == null) throw new Rejected("key.unknown", at);
            if (!rec.alg.equals(s.alg)) throw new Rejected("key.algorithm_mismatch", at);
            if (rec.status.equals("revoked")) throw new Rejected("key.revoked", at);
            records.add(rec);
        }
        return records;
    }

    /** LL-ENV-015: distinct parties with distinct keys, in signature order; then required_parties. */
    static void checkSigners(Map<String, Object> ctx, List<Rec> records) throws Rejected {
        Set<List<String>> parties = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Rec rec : records) {
            if (!parties.contains(rec.party()) && !keys.contains(rec.key.material())) {
                parties.add(rec.party());
                keys.add(rec.key.material());
            }
        }
        if (parties.size() < num(ctx, "required_signers", 1)) throw new Rejected("envelope.missing_signer", "/signatures");
        Set<List<String>> signed = new HashSet<>();
        for (Rec rec : records) signed.add(rec.party());
        for (Object p : (List<Object>) ctx.getOrDefault("required_parties", List.of())) {
            Map<String, Object> pm = (Map<String, Object>) p;
            if (!signed.contains(List.of(pm.get("region"), pm.get("agency")))) throw new Rejected("envelope.missing_signer", "/signatures");
        }
    }

    /** LL-KEY-004…006: every signer's key at issued_at. */
    static void checkKeyValidity(List<Rec> records, Instant issued) throws Rejected {
        for (Rec rec : records) {
            if (issued.compareTo(rec.validFrom) < 0) throw new Rejected("key.not_yet_valid", "/issued_at");
            if (rec.validUntil != null && after(issued, rec.validUntil)) throw new Rejected("key.expired", "/issued_at");
            if (rec.status.equals("retired") && issued.compareTo(rec.since != null ? rec.since : rec.validFrom) >= 0)
                throw new Rejected("key.retired", "/issued_at");
        }
    }

    /** LL-ENV-009…011: issuer, type allowed, audience (region, then the verifier's agency). */
    static void checkParties(Map<String, Object> ctx, Env env, List<Rec> records, boolean anyAudience) throws Rejected {
        if (!records.get(0).party().equals(env.from)) throw new Rejected("envelope.issuer_mismatch", "/from");
        for (Rec rec : records) {
            boolean ok = false;
            for (String p : rec.types) ok |= typeMatches(p, env.type);
            if (!ok) throw new Rejected("envelope.type_not_allowed", "/type");
        }
        if (anyAudience) return;
        if (!env.to.get(0).equals(ctx.get("region"))) throw new Rejected("envelope.wrong_audience", "/to/region");
        if (ctx.containsKey("agency") && !env.to.get(1).equals(ctx.get("agency"))) throw new Rejected("envelope.wrong_audience", "/to/agency");
    }

    /** LL-ENV-012/013: future, expiry. */
    static void checkClock(Env env, Instant now, long leeway) throws Rejected {
        if (after(env.issued, now.plusSeconds(leeway))) throw new Rejected("envelope.issued_in_future", "/issued_at");
        if (env.expires != null && env.expires.plusSeconds(leeway).compareTo(now) < 0) throw new Rejected("envelope.expired", "/expires_at");
    }

    /** LL-TIME-001: the type's maximum age in seconds, null for the long-lived documents. */
    static Long maxAge(Map<String, Object> ctx, String type) {
        if (LONG_LIVED.contains(type)) return null;
        return num(ctx, "max_age_seconds", DEFAULT_MAX_AGE);
    }

    /** LL-TIME-001 maximum age, then LL-TIME-002 retired and expired keys bounded by the same window. */
    static void checkLiveAge(Map<String, Object> ctx, Env env, List<Rec> records, Instant now, long leeway) throws Rejected {
        Long limit = maxAge(ctx, env.type);
        if (limit != null && env.issued.plusSeconds(limit).compareTo(now) < 0) throw new Rejected("envelope.too_old", "/issued_at");
        long window = limit == null ? DEFAULT_MAX_AGE : limit;
        for (Rec rec : records) {
            if (rec.status.equals("retired") && rec.since != null && rec.since.plusSeconds(window + leeway).compareTo(now) < 0)
                throw new Rejected("key.retired", "/issued_at");
            if (rec.validUntil != null && rec.validUntil.plusSeconds(window + leeway).compareTo(now) < 0)
                throw new Rejected("key.expired", "/issued_at");
        }
    }

    /** LL-TIME-003: the message judged at the instant it was first seen. */
    static void checkArchival(Env env, List<Rec> records, Instant firstSeen, long leeway) throws Rejected {
        if (after(env.issued, firstSeen.plusSeconds(leeway))) throw new Rejected("envelope.issued_in_future", "/issued_at");
        for (Rec rec : records) {
            if (rec.status.equals("retired") && rec.since != null && firstSeen.compareTo(rec.since) >= 0)
                throw new Rejected("key.retired", "/issued_at");
            if (rec.validUntil != null && after(firstSeen, rec.validUntil.plusSeconds(leeway))) throw new Rejected("key.expired", "/issued_at");
        }
    }

    /** The context's `first_seen` in archival mode, null in live mode. */
    static Instant archivalFirstSeen(Map<String, Object> ctx) {
        Object mode = ctx.getOrDefault("mode", "live");
        if ("live".equals(mode)) return null;
        if (!"archival".equals(mode)) throw new BrokenCase("unknown verification mode " + mode);
        Instant firstSeen = parseInstant(ctx.get("first_seen"));
        if (firstSeen == null) throw new BrokenCase("mode archival needs an instant first_seen");
        return firstSeen;
    }

    /** LL-REPLY-007: a receipt names what it acknowledges (and, as a reply, exactly the earlier message). */
    static void checkReceipt(Env env, Env earlier) throws Rejected {
        if (!env.type.equals("receipt")) return;
        Object receivedId = env.body.get("received_id");
        if (receivedId instanceof String && !receivedId.equals(env.inReplyTo)) throw new Rejected(UNEXPECTED, "/body/received_id");
        if (earlier == null) return;
        if (!Objects.equals(receivedId, earlier.id)) throw new Rejected(UNEXPECTED, "/body/received_id");
        if (!Objects.equals(env.body.get("received_digest"), earlier.digest)) throw new Rejected(UNEXPECTED, "/body/received_digest");
        if (env.body.containsKey("received_type") && !Objects.equals(env.body.get("received_type"), earlier.type))
            throw new Rejected(UNEXPECTED, "/body/received_type");
    }

    /** LL-REPLAY: keyed by (issuer, id); duplicate or conflict, then a full guard refuses (LL-REPLAY-006). */
    static void checkReplay(Map<String, Object> ctx, Env env, String digest) throws Rejected {
        Map<List<Object>, Object> entries = new HashMap<>();
        for (Object o : (List<Object>) ctx.getOrDefault("replay_preload", List.of())) {
            Map<String, Object> entry = (Map<String, Object>) o;
            Object issuer = entry.get("issuer");
            Object party = truthy(issuer)
                    ? List.of(((Map<String, Object>) issuer).get("region"), ((Map<String, Object>) issuer).get("agency"))
                    : env.from;
            entries.putIfAbsent(List.of(party, entry.get("id")), entry.get("digest"));
        }
        Object seen = entries.get(List.of((Object) env.from, env.id));
        if (seen != null) throw new Rejected(seen.equals(digest) ? "replay.duplicate" : "replay.conflict", "/id");
        if (entries.size() >= num(ctx, "replay_capacity", DEFAULT_REPLAY_CAPACITY)) throw new Rejected("replay.capacity");
    }

    // ------------------------------------------------------------------ replies (LL-REPLY)

    private static boolean caseTypeAllowed(List<Object> allowed, String caseType) {
        for (Object c : allowed) if ("*".equals(c) || Objects.equals(c, caseType)) return true;
        return false;
    }

    /** LL-REPLY-001…005, in that order. */
    static void checkReply(Env reply, Env earlier) throws Rejected {
        if (!Objects.equals(reply.inReplyTo, earlier.id)) throw new Rejected(UNEXPECTED, "/in_reply_to");
        Map<String, Object> messages = (Map<String, Object>) flows.getOrDefault("messages", Map.of());
        Map<String, Object> flow = (Map<String, Object>) messages.get(reply.type);
        if (flow == null) throw new Rejected(UNEXPECTED, "/type");
        String caseType = reply.caseObj != null ? (String) reply.caseObj.get("type") : null;
        if (earlier.caseObj != null) {
            if (reply.caseObj == null) throw new Rejected(UNEXPECTED, "");
            if (!reply.caseObj.equals(earlier.caseObj)) throw new Rejected(UNEXPECTED, "/case");
        }
        if (!truthy(flow.get("caseless")) && !caseTypeAllowed((List<Object>) flow.getOrDefault("case_types", List.of()), caseType))
            throw new Rejected(UNEXPECTED, "/case/type");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Object o : (List<Object>) flow.getOrDefault("answers", List.of())) {
            Map<String, Object> a = (Map<String, Object>) o;
            if (typeMatches((String) a.get("type"), earlier.type)
                    && (!a.containsKey("case_types") || caseTypeAllowed((List<Object>) a.get("case_types"), caseType)))
                matching.add(a);
        }
        if (matching.isEmpty()) throw new Rejected(UNEXPECTED, "/type");
        boolean counterparty = reply.from.equals(earlier.to) && reply.to.equals(earlier.from);
        boolean same = reply.from.equals(earlier.from) && reply.to.equals(earlier.to);
        for (Map<String, Object> a : matching) {
            Object sender = a.get("sender");
            if (("counterparty".equals(sender) && counterparty) || ("same".equals(sender) && same)
                    || ("either".equals(sender) && (counterparty || same)))
                return;
        }
        throw new Rejected(UNEXPECTED, "/from");
    }

    // ------------------------------------------------------------------ the pipeline (LL-ENV-001)

    /** Stages 1-8 on one message. asEarlier (LL-REPLY-006): any audience, no maximum age, no replay. */
    Object[] verifyMessage(Map<String, Object> ctx, TrustList current, byte[] message, Env earlier, boolean asEarlier) throws Rejected {
        Instant now = parseInstant(ctx.get("now"));
        long grace = num(ctx, "grace_seconds", DEFAULT_GRACE);
        long leeway = num(ctx, "leeway_seconds", DEFAULT_LEEWAY);
        long maxBytes = num(ctx, "max_bytes", Json.DEFAULT_MAX_BYTES);
        long maxDepth = num(ctx, "max_depth", Json.DEFAULT_MAX_DEPTH);
        Map<String, Object> stages = (Map<String, Object>) ctx.getOrDefault("stages", Map.of());
        Instant firstSeen = archivalFirstSeen(ctx);
        List<String> allowed = ctx.containsKey("algorithms") ? (List<String>) (List<?>) ctx.get("algorithms") : Keys.names();
        Jws jws = parseJws(message, maxBytes, maxDepth, allowed, truthy(ctx.get("allow_eddsa_alias")));
        checkFresh(current, now, grace);
        List<Rec> records = resolveKeys(current, jws.sigs);
        checkSigners(ctx, records);
        for (int k = 0; k < jws.sigs.size(); k++) {
            Sig s = jws.sigs.get(k);
            records.get(k).key.verify((s.protectedB64 + "." + jws.payloadB64).getBytes(StandardCharsets.UTF_8), s.sig);
        }
        Object[] dd = canonicalPayload(jws.payload, maxBytes, maxDepth, Harness.SKIP_CANONICAL_CHECK);
        String digest = (String) dd[1];
        Env env = checkEnvelope(dd[0]);
        env.digest = digest;
        checkKeyValidity(records, env.issued);
        checkParties(ctx, env, records, asEarlier);
        checkClock(env, now, leeway);
        if (firstSeen != null) checkArchival(env, records, firstSeen, leeway);
        else if (!asEarlier) checkLiveAge(ctx, env, records, now, leeway);
        if (earlier != null) {
            checkReply(env, earlier);
            // LL-REPLY-008: a reply is not issued before what it answers (less the leeway).
            if (env.issued.plusSeconds(leeway).compareTo(earlier.issued) < 0) throw new Rejected(UNEXPECTED, "/issued_at");
        }
        checkReceipt(env, earlier);
        List<String[]> warnings = truthy(stages.get("schema")) ? schema.check(env) : List.of();
        if (truthy(stages.get("rules"))) throw new NotImplemented("the business rules (LL-RULE) are not implemented by this harness");
        if (firstSeen == null && !asEarlier) checkReplay(ctx, env, digest);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accepted", true);
        result.put("digest", digest);
        result.put("type", env.type);
        result.put("id", env.id);
        List<Object> signers = new ArrayList<>();
        for (Sig s : jws.sigs) signers.add(s.kid);
        result.put("signers", signers);
        if (!warnings.isEmpty()) result.put("warnings", Harness.codePaths(warnings));
        return new Object[] {result, env};
    }

    Map<String, Object> verify(Map<String, Object> input) throws Rejected {
        Map<String, Object> ctx = (Map<String, Object>) input.get("context");
        TrustList current = loadContext(input);
        Env earlier = null;
        if (input.containsKey("earlier") || input.containsKey("earlier_b64")) {
            try {
                earlier = (Env) verifyMessage(ctx, current, messageBytes(input, "earlier"), null, true)[1];
            } catch (Rejected e) {
                throw new BrokenCase("the earlier message is not accepted: " + e.code + " at " + e.path);
            }
        }
        return (Map<String, Object>) verifyMessage(ctx, current, messageBytes(input, "message"), earlier, false)[0];
    }

    static byte[] messageBytes(Map<String, Object> input, String name) {
        if (input.containsKey(name)) return ((String) input.get(name)).getBytes(StandardCharsets.UTF_8);
        return Base64.getDecoder().decode((String) input.get(name + "_b64"));
    }

    /** What was computed on the way, so the runner can locate a divergence (best effort). */
    static Map<String, Object> verifyIntermediates(byte[] message) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> obj;
        String payloadB64;
        byte[] payload;
        try {
            obj = (Map<String, Object>) Json.parseStrict(message, false, Json.DEFAULT_MAX_BYTES, Json.DEFAULT_MAX_DEPTH);
            payloadB64 = (String) obj.get("payload");
            if (payloadB64 == null) return out;
            payload = Keys.b64uDecode(payloadB64, "");
        } catch (Exception e) {
            return out;
        }
        out.put("payload_hex", Keys.hex(payload));
        out.put("digest", Keys.b64u(sha256(payload)));
        try {
            out.put("canonical_payload_hex", Keys.hex(Json.canonical(Json.parseStrict(payload))));
        } catch (Exception e) {
            // not canonicalizable
        }
        List<Object> sigs = new ArrayList<>();
        if (obj.get("signatures") instanceof List) {
            for (Object o : (List<Object>) obj.get("signatures")) {
                Map<String, Object> entry = new LinkedHashMap<>();
                if (o instanceof Map) {
                    Map<String, Object> s = (Map<String, Object>) o;
                    if (s.get("protected") instanceof String) entry.put("signing_input", s.get("protected") + "." + payloadB64);
                    if (s.get("signature") instanceof String) {
                        try {
                            entry.put("signature_hex", Keys.hex(Keys.b64uDecode(s.get("signature"), "")));
                        } catch (Rejected e) {
                            // not base64url
                        }
                    }
                }
                sigs.add(entry);
            }
        }
        out.put("signatures", sigs);
        return out;
    }

    // ------------------------------------------------------------------ sign (LL-ENV-016)

    /**
     * LL-JSON-007 for a document to sign: a number given with a fraction or exponent (even 1.0,
     * -0.0) is json.not_integer, before anything else, in canonical member order — it is not
     * first canonicalised into an integer (the reference does the same).
     */
    static void checkSignNumbers(Object v, String ptr) throws Rejected {
        if (v instanceof Double) throw new Rejected("json.not_integer", ptr);
        if (v instanceof Map) {
            for (String k : new TreeSet<>(((Map<String, Object>) v).keySet()))
                checkSignNumbers(((Map<String, Object>) v).get(k), ptr + "/" + ptrEsc(k));
        } else if (v instanceof List) {
            List<Object> a = (List<Object>) v;
            for (int i = 0; i < a.size(); i++) checkSignNumbers(a.get(i), ptr + "/" + i);
        }
    }

    static Map<String, Object> sign(Map<String, Object> input) throws Rejected {
        checkSignNumbers(input.get("document"), "");
        byte[] canonical = Json.canonical(input.get("document"));
        Object doc = Json.parseStrict(canonical); // re-read as a verifier would
        checkEnvelope(doc);
        String payloadB64 = Keys.b64u(canonical);
        List<Object> signatures = new ArrayList<>();
        Map<String, Object> inter = new LinkedHashMap<>();
        inter.put("canonical_payload_hex", Keys.hex(canonical));
        inter.put("payload_b64", payloadB64);
        inter.put("digest", Keys.b64u(sha256(canonical)));
        List<Object> interSigs = new ArrayList<>();
        for (Object o : (List<Object>) input.get("signer_keys")) {
            Map<String, Object> key = (Map<String, Object>) o;
            Keys.Alg alg = Keys.algorithm(String.valueOf(key.get("alg")));
            if (alg == null) throw new NotImplemented("this harness does not sign with " + key.get("alg"));
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", alg.name());
            header.put("kid", key.get("kid"));
            header.put("typ", TYP);
            String prot = Keys.b64u(Json.canonical(header));
            String signingInput = prot + "." + payloadB64;
            byte[] sig = alg.sign(key, signingInput.getBytes(StandardCharsets.UTF_8));
            if (sig == null) throw new NotImplemented("this harness does not sign with " + alg.name() + " keys of this form");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("protected", prot);
            s.put("signature", Keys.b64u(sig));
            signatures.add(s);
            Map<String, Object> is = new LinkedHashMap<>();
            is.put("protected_b64", prot);
            is.put("signing_input", signingInput);
            is.put("signature_hex", Keys.hex(sig));
            interSigs.add(is);
        }
        inter.put("signatures", interSigs);
        Map<String, Object> jws = new LinkedHashMap<>();
        jws.put("payload", payloadB64);
        jws.put("signatures", signatures);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jws", Json.canonicalString(jws));
        out.put("intermediate", inter);
        return out;
    }
}
