package org.labourlink.harness;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON for labourlink, written from conformance/REQUIREMENTS.md (LL-JSON) and RFC 8785.
 *
 * <p>Values: {@code Map<String,Object>} (a LinkedHashMap), {@code List<Object>}, {@code String},
 * {@code Boolean}, {@link #NULL}, and numbers: {@code Long} (integers), {@code BigInteger}
 * (integers beyond a long, protocol input only) or {@code Double}.
 *
 * <p>{@link #parseStrict} is the strict parser of LL-JSON: size, UTF-8, depth, syntax, then
 * (walking the tree in document order) lone surrogates, duplicate member names and numbers.
 * {@link #parseLenient} reads the runner's protocol lines. {@link #canonical} writes RFC 8785.
 */
public final class Json {
    private Json() {}

    /** JSON null (Java null means "absent"). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public static final long MAX_SAFE = (1L << 53) - 1;
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 32;

    // ------------------------------------------------------------------ raw parse tree

    /** An object as its (name, value) pairs in document order, so duplicates stay visible. */
    static final class Pairs extends ArrayList<Object[]> {}

    /** A number literal as written. */
    static final class Num {
        final String literal;
        final boolean integral;

        Num(String literal, boolean integral) {
            this.literal = literal;
            this.integral = integral;
        }
    }

    /** A syntax error (or, with a depth limit, too deep) at the innermost open container. */
    static final class SyntaxError extends Exception {
        final String path;
        final boolean tooDeep;

        SyntaxError(String m, String path, boolean tooDeep) {
            super(m, null, false, false);
            this.path = path;
            this.tooDeep = tooDeep;
        }
    }

    /** A recursive-descent parser with the grammar of RFC 8259 (whitespace: space, tab, LF, CR). */
    static final class Parser {
        private final String s;
        private final long maxDepth;
        private int i;
        /** The pointers of the open containers, innermost first; the pointer of the value being read. */
        private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        private String valuePtr = "";

        Parser(String s) {
            this(s, Long.MAX_VALUE);
        }

        Parser(String s, long maxDepth) {
            this.s = s;
            this.maxDepth = maxDepth;
        }

        private SyntaxError error(String m) {
            return new SyntaxError(m, open.isEmpty() ? "" : open.peek(), false);
        }

        private void enter() throws SyntaxError {
            open.push(valuePtr);
            if (open.size() > maxDepth) throw new SyntaxError("too deep", open.peek(), true);
        }

        Object parseDocument() throws SyntaxError {
            ws();
            Object v = value();
            ws();
            if (i != s.length()) throw error("extra data at " + i);
            return v;
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') i++;
                else break;
            }
        }

        private Object value() throws SyntaxError {
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character at " + i);
            }
        }

        private Object literal(String word, Object v) throws SyntaxError {
            if (!s.startsWith(word, i)) throw error("bad literal at " + i);
            i += word.length();
            return v;
        }

        private Pairs object() throws SyntaxError {
            i++; // {
            enter();
            String here = valuePtr;
            Pairs out = new Pairs();
            ws();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                open.pop();
                return out;
            }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') throw error("expected a member name at " + i);
                String name = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':' at " + i);
                i++;
                ws();
                valuePtr = here + "/" + esc(name);
                Object v = value();
                out.add(new Object[] {name, v});
                ws();
                if (i >= s.length()) throw error("unterminated object");
                char c = s.charAt(i++);
                if (c == '}') {
                    open.pop();
                    return out;
                }
                if (c != ',') throw error("expected ',' or '}' at " + (i - 1));
            }
        }

        private List<Object> array() throws SyntaxError {
            i++; // [
            enter();
            String here = valuePtr;
            List<Object> out = new ArrayList<>();
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                open.pop();
                return out;
            }
            while (true) {
                ws();
                valuePtr = here + "/" + out.size();
                out.add(value());
                ws();
                if (i >= s.length()) throw error("unterminated array");
                char c = s.charAt(i++);
                if (c == ']') {
                    open.pop();
                    return out;
                }
                if (c != ',') throw error("expected ',' or ']' at " + (i - 1));
            }
        }

        private String string() throws SyntaxError {
            i++; // "
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c < 0x20) throw error("control character in string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) throw error("unterminated escape");
                char e = s.charAt(i++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u': b.append((char) hex4()); break; // lone surrogates are kept, checked later
                    default: throw error("invalid escape");
                }
            }
        }

        private int hex4() throws SyntaxError {
            if (i + 4 > s.length()) throw error("short \\u escape");
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int d = Character.digit(s.charAt(i + k), 16);
                char c = s.charAt(i + k);
                boolean ascii = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (d < 0 || !ascii) throw error("bad \\u escape");
                v = v * 16 + d;
            }
            i += 4;
            return v;
        }

        private Num number() throws SyntaxError {
            int start = i;
            if (s.charAt(i) == '-') i++;
            if (i >= s.length()) throw error("bad number");
            char c = s.charAt(i);
            if (c == '0') {
                i++;
            } else if (c >= '1' && c <= '9') {
                while (i < s.length() && isDigit(s.charAt(i))) i++;
            } else {
                throw error("bad number");
            }
            boolean integral = true;
            if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && isDigit(s.charAt(i + 1))) {
                integral = false;
                i++;
                while (i < s.length() && isDigit(s.charAt(i))) i++;
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                if (j < s.length() && isDigit(s.charAt(j))) {
                    integral = false;
                    i = j;
                    while (i < s.length() && isDigit(s.charAt(i))) i++;
                }
            }
            return new Num(s.substring(start, i), integral);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    // ------------------------------------------------------------------ strict (LL-JSON)

    /** Strict parse with integers only (messages, payloads, headers). */
    public static Object parseStrict(byte[] data) throws Rejected {
        return parseStrict(data, true, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
    }

    public static Object parseStrict(byte[] data, boolean integersOnly, long maxBytes, long maxDepth) throws Rejected {
        if (data.length > maxBytes) throw new Rejected("json.too_large", "");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("json.invalid_utf8");
        }
        if (depthExceeds(text, maxDepth)) {
            // The depth is judged on the text first (before any syntax error); the pointer is the
            // container that opens beyond the limit, when the parser gets that far.
            try {
                new Parser(text, maxDepth).parseDocument();
            } catch (SyntaxError e) {
                throw new Rejected("json.too_deep", e.tooDeep ? e.path : null);
            } catch (StackOverflowError e) {
                // no pointer
            }
            throw new Rejected("json.too_deep");
        }
        Object raw;
        try {
            raw = new Parser(text).parseDocument();
        } catch (SyntaxError e) {
            throw new Rejected("json.syntax", e.path); // the innermost open container
        } catch (StackOverflowError e) {
            throw new Rejected("json.too_deep");
        }
        return check(raw, "", integersOnly);
    }

    /** The brackets outside strings, counted before parsing (LL-JSON-006). */
    static boolean depthExceeds(String text, long maxDepth) {
        long depth = 0;
        boolean inString = false, escaped = false;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > maxDepth) return true;
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    static boolean hasSurrogate(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isSurrogate(s.charAt(k))) {
                // a well-formed pair is one code point, not a surrogate
                if (Character.isHighSurrogate(s.charAt(k)) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                    k++;
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    public static String esc(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static Object check(Object v, String ptr, boolean integersOnly) throws Rejected {
        if (v instanceof Pairs) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object[] pair : (Pairs) v) {
                String name = (String) pair[0];
                if (hasSurrogate(name)) throw new Rejected("json.lone_surrogate", ptr);
                String at = ptr + "/" + esc(name);
                if (out.containsKey(name)) throw new Rejected("json.duplicate_key", at);
                out.put(name, check(pair[1], at, integersOnly));
            }
            return out;
        }
        if (v instanceof List) {
            List<?> in = (List<?>) v;
            List<Object> out = new ArrayList<>(in.size());
            for (int k = 0; k < in.size(); k++) out.add(check(in.get(k), ptr + "/" + k, integersOnly));
            return out;
        }
        if (v instanceof String) {
            if (hasSurrogate((String) v)) throw new Rejected("json.lone_surrogate", ptr);
            return v;
        }
        if (v instanceof Num) {
            Num n = (Num) v;
            if (integersOnly) {
                if (!n.integral || n.literal.equals("-0")) throw new Rejected("json.not_integer", ptr);
                String digits = n.literal.startsWith("-") ? n.literal.substring(1) : n.literal;
                if (digits.length() > 16 || Long.parseLong(digits) > MAX_SAFE) throw new Rejected("json.integer_out_of_range", ptr);
                return Long.parseLong(n.literal);
            }
            double d = Double.parseDouble(n.literal);
            if (Double.isInfinite(d)) throw new Rejected("json.number_out_of_range", ptr);
            return d;
        }
        return v; // Boolean, NULL
    }

    // ------------------------------------------------------------------ lenient (protocol lines)

    /** Reads a protocol line: last duplicate wins, integers as Long/BigInteger, others Double. */
    public static Object parseLenient(String text) {
        try {
            return lenient(new Parser(text).parseDocument());
        } catch (SyntaxError e) {
            throw new IllegalArgumentException("invalid JSON on stdin: " + e.getMessage());
        }
    }

    private static Object lenient(Object v) {
        if (v instanceof Pairs) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object[] pair : (Pairs) v) out.put((String) pair[0], lenient(pair[1]));
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : (List<?>) v) out.add(lenient(x));
            return out;
        }
        if (v instanceof Num) {
            Num n = (Num) v;
            if (n.integral) {
                BigInteger b = new BigInteger(n.literal);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            return Double.parseDouble(n.literal);
        }
        return v;
    }

    // ------------------------------------------------------------------ RFC 8785

    public static byte[] canonical(Object v) {
        StringBuilder b = new StringBuilder();
        writeCanonical(b, v);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(Object v) {
        StringBuilder b = new StringBuilder();
        writeCanonical(b, v);
        return b.toString();
    }

    private static void writeCanonical(StringBuilder b, Object v) {
        if (v instanceof Map) {
            // String.compareTo orders by UTF-16 code units, as RFC 8785 requires.
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) sorted.put((String) e.getKey(), e.getValue());
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) b.append(',');
                first = false;
                writeString(b, e.getKey());
                b.append(':');
                writeCanonical(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                if (!first) b.append(',');
                first = false;
                writeCanonical(b, x);
            }
            b.append(']');
        } else if (v instanceof String) {
            writeString(b, (String) v);
        } else if (v instanceof Boolean || v == NULL || v == null) {
            b.append(v == null ? "null" : v.toString());
        } else if (v instanceof Long) {
            long l = (Long) v;
            b.append(Math.abs(l) <= MAX_SAFE ? Long.toString(l) : esNumber((double) l));
        } else if (v instanceof BigInteger) {
            b.append(esNumber(((BigInteger) v).doubleValue()));
        } else if (v instanceof Double) {
            b.append(esNumber((Double) v));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v);
        }
    }

    /** RFC 8785 section 3.2.2.2: only quote, backslash and the control characters are escaped. */
    static void writeString(StringBuilder b, String s) {
        b.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }

    /**
     * ECMAScript Number.prototype.toString (ECMA-262 Number::toString, radix 10) of a finite
     * double: the shortest decimal that reads back as the same double (closest to the exact value
     * when two have that length), then fixed or exponent notation by the magnitude.
     *
     * <p>Java's Double.toString (before JDK 19) does not always give the shortest digits, so the
     * digits are searched: for p = 1..17 significant digits, the p-digit decimals just below and
     * just above the exact value are the only candidates of that length that can round-trip.
     */
    public static String esNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("NaN and Infinity are not JSON");
        if (d == 0) return "0";
        if (d < 0) return "-" + esNumber(-d);
        BigDecimal exact = new BigDecimal(d);
        BigDecimal best = null;
        for (int p = 1; p <= 17 && best == null; p++) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = lo.doubleValue() == d, hiOk = hi.doubleValue() == d;
            if (loOk && hiOk && lo.compareTo(hi) != 0) {
                int cmp = exact.subtract(lo).compareTo(hi.subtract(exact));
                if (cmp < 0) best = lo;
                else if (cmp > 0) best = hi;
                else best = lo.unscaledValue().testBit(0) ? hi : lo; // tie: the even one
            } else if (loOk) {
                best = lo;
            } else if (hiOk) {
                best = hi;
            }
        }
        if (best == null) throw new IllegalStateException("no round-trip digits for " + d);
        best = best.stripTrailingZeros();
        String s = best.unscaledValue().toString();
        int k = s.length();
        int n = k - best.scale(); // value = 0.s × 10^n
        StringBuilder b = new StringBuilder();
        if (k <= n && n <= 21) {
            b.append(s);
            for (int z = 0; z < n - k; z++) b.append('0');
        } else if (0 < n && n <= 21) {
            b.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            b.append("0.");
            for (int z = 0; z < -n; z++) b.append('0');
            b.append(s);
        } else {
            int e = n - 1;
            b.append(s.charAt(0));
            if (k > 1) b.append('.').append(s, 1, k);
            b.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ output (protocol lines)

    /** Plain JSON for the protocol: insertion order, non-ASCII written literally. */
    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        writePlain(b, v);
        return b.toString();
    }

    private static void writePlain(StringBuilder b, Object v) {
        if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) b.append(',');
                first = false;
                writeString(b, (String) e.getKey());
                b.append(':');
                writePlain(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List) {
            b.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                if (!first) b.append(',');
                first = false;
                writePlain(b, x);
            }
            b.append(']');
        } else if (v instanceof String) {
            writeString(b, (String) v);
        } else if (v == null || v == NULL) {
            b.append("null");
        } else if (v instanceof Double) {
            b.append(esNumber((Double) v));
        } else {
            b.append(v.toString());
        }
    }
}
