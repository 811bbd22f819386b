package org.labourlink.harness;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
 * <p>{@link #parseStrict} is the strict parser of LL-JSON: size, then UTF-8 on the whole input,
 * then one pass in which the first violation in reading order wins (syntax, lone surrogates,
 * duplicate member names, numbers, depth). {@link #parseLenient} reads the runner's protocol
 * lines. {@link #canonical} writes RFC 8785.
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

    // ------------------------------------------------------------------ the parser

    /**
     * A single-pass recursive-descent parser with the grammar of RFC 8259 (whitespace: space,
     * tab, LF, CR). Strict mode applies LL-JSON as it reads, so that the first violation in
     * reading order wins (LL-JSON, after size and UTF-8): a lone surrogate as soon as its escape
     * is read, a duplicate as soon as the member name is read, a number as soon as its literal
     * ends, depth as the container opens. Lenient mode (protocol lines) checks only the syntax.
     */
    static final class Parser {
        private final String s;
        private final boolean strict, integersOnly, prefix;
        private final long maxDepth;
        private int i;
        /** The pointers of the open containers, innermost first; the pointer of the value being read. */
        private final ArrayDeque<String> open = new ArrayDeque<>();
        private String valuePtr = "";
        /**
         * The open containers, innermost first, as {pointer, is-array, items read (arrays), the
         * member whose value is being read (objects)}: where the text ended, for invalid UTF-8.
         */
        private final ArrayDeque<Object[]> frames = new ArrayDeque<>();

        Parser(String s, boolean strict, boolean integersOnly, long maxDepth) {
            this(s, strict, integersOnly, maxDepth, false);
        }

        /** prefix: s is the valid UTF-8 before the first invalid byte; its end is reported as json.invalid_utf8. */
        Parser(String s, boolean strict, boolean integersOnly, long maxDepth, boolean prefix) {
            this.s = s;
            this.strict = strict;
            this.integersOnly = integersOnly;
            this.maxDepth = maxDepth;
            this.prefix = prefix;
        }

        /** The end of the text: json.syntax, or (prefix) json.invalid_utf8 where the reading stopped. */
        private Rejected eof() {
            if (!prefix) return syntax();
            String at = "";
            if (!frames.isEmpty()) {
                Object[] f = frames.peek();
                if ((Boolean) f[1]) at = f[0] + "/" + f[2];
                else at = f[3] != null ? (String) f[3] : (String) f[0];
            }
            return new Rejected("json.invalid_utf8", at);
        }

        /** json.syntax at the innermost container being parsed ("" at the top level). */
        private Rejected syntax() {
            return new Rejected("json.syntax", open.isEmpty() ? "" : open.peek());
        }

        Object parseDocument() throws Rejected {
            ws();
            Object v = value();
            ws();
            if (i != s.length()) throw syntax();
            if (prefix) throw eof();
            return v;
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') i++;
                else break;
            }
        }

        private Object value() throws Rejected {
            if (i >= s.length()) throw eof();
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"': {
                    String ptr = valuePtr;
                    return string(ptr);
                }
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw syntax(); // NaN, Infinity, +1, .5, ' …
            }
        }

        private Object literal(String word, Object v) throws Rejected {
            if (prefix && s.length() - i < word.length() && word.startsWith(s.substring(i))) throw eof();
            if (!s.startsWith(word, i)) throw syntax();
            i += word.length();
            return v;
        }

        /** LL-JSON-005: the container that opens beyond the limit, at its own position. */
        private void enter(boolean isArray) throws Rejected {
            open.push(valuePtr);
            frames.push(new Object[] {valuePtr, isArray, 0, null});
            if (strict && open.size() > maxDepth) throw new Rejected("json.too_deep", valuePtr);
        }

        private Map<String, Object> object() throws Rejected {
            i++; // {
            enter(false);
            String here = valuePtr;
            Map<String, Object> out = new LinkedHashMap<>();
            ws();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                open.pop();
                frames.pop();
                return out;
            }
            while (true) {
                ws();
                if (i >= s.length()) throw eof();
                if (s.charAt(i) != '"') throw syntax();
                String name = string(here); // a lone surrogate in a name: at the object
                String at = here + "/" + esc(name);
                if (strict && out.containsKey(name)) throw new Rejected("json.duplicate_key", at); // LL-JSON-003
                ws();
                if (i >= s.length()) throw eof();
                if (s.charAt(i) != ':') throw syntax();
                i++;
                frames.peek()[3] = at;
                ws();
                valuePtr = at;
                out.put(name, value());
                frames.peek()[3] = null;
                ws();
                if (i >= s.length()) throw eof();
                char c = s.charAt(i++);
                if (c == '}') {
                    open.pop();
                    frames.pop();
                    return out;
                }
                if (c != ',') throw syntax();
            }
        }

        private List<Object> array() throws Rejected {
            i++; // [
            enter(true);
            String here = valuePtr;
            List<Object> out = new ArrayList<>();
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                open.pop();
                frames.pop();
                return out;
            }
            while (true) {
                ws();
                valuePtr = here + "/" + out.size();
                out.add(value());
                frames.peek()[2] = out.size();
                ws();
                if (i >= s.length()) throw eof();
                char c = s.charAt(i++);
                if (c == ']') {
                    open.pop();
                    frames.pop();
                    return out;
                }
                if (c != ',') throw syntax();
            }
        }

        /** A string; surrogatePath: where a lone surrogate is reported (LL-JSON-004). */
        private String string(String surrogatePath) throws Rejected {
            i++; // "
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw eof();
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c < 0x20) throw syntax();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) throw eof();
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
                    case 'u': {
                        char cu = (char) hex4();
                        b.append(cu);
                        if (!strict) break;
                        if (Character.isLowSurrogate(cu)) throw new Rejected("json.lone_surrogate", surrogatePath);
                        if (Character.isHighSurrogate(cu)) {
                            if (i >= s.length() || (prefix && s.charAt(i) == '\\' && i + 1 >= s.length())) throw eof();
                            if (s.charAt(i) != '\\' || i + 1 >= s.length() || s.charAt(i + 1) != 'u')
                                throw new Rejected("json.lone_surrogate", surrogatePath);
                            i += 2;
                            char lo = (char) hex4();
                            if (!Character.isLowSurrogate(lo)) throw new Rejected("json.lone_surrogate", surrogatePath);
                            b.append(lo);
                        }
                        break;
                    }
                    default: throw syntax();
                }
            }
        }

        private int hex4() throws Rejected {
            int v = 0;
            for (int k = 0; k < 4; k++) {
                if (i + k >= s.length()) throw eof();
                char c = s.charAt(i + k);
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else throw syntax();
                v = v * 16 + d;
            }
            i += 4;
            return v;
        }

        private Object number() throws Rejected {
            String ptr = valuePtr;
            int start = i;
            if (s.charAt(i) == '-') i++;
            if (i >= s.length()) throw eof();
            char c = s.charAt(i);
            if (c == '0') {
                i++;
            } else if (c >= '1' && c <= '9') {
                while (i < s.length() && isDigit(s.charAt(i))) i++;
            } else {
                throw syntax();
            }
            boolean integral = true;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                if (i >= s.length()) throw eof();
                if (!isDigit(s.charAt(i))) throw syntax(); // "1."
                integral = false;
                while (i < s.length() && isDigit(s.charAt(i))) i++;
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                if (i >= s.length()) throw eof();
                if (!isDigit(s.charAt(i))) throw syntax(); // "1e"
                integral = false;
                while (i < s.length() && isDigit(s.charAt(i))) i++;
            }
            String literal = s.substring(start, i);
            if (!strict) {
                if (!integral) return Double.parseDouble(literal);
                BigInteger b = new BigInteger(literal);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (integersOnly) {
                if (!integral || literal.equals("-0")) throw new Rejected("json.not_integer", ptr); // LL-JSON-007
                String digits = literal.startsWith("-") ? literal.substring(1) : literal;
                if (digits.length() > 16 || Long.parseLong(digits) > MAX_SAFE) throw new Rejected("json.integer_out_of_range", ptr);
                return Long.parseLong(literal);
            }
            double d = Double.parseDouble(literal); // correctly rounded (LL-JSON-009)
            if (Double.isInfinite(d)) throw new Rejected("json.number_out_of_range", ptr);
            return d;
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

    /** LL-JSON: size, then UTF-8 on the whole input, then the first violation in reading order. */
    public static Object parseStrict(byte[] data, boolean integersOnly, long maxBytes, long maxDepth) throws Rejected {
        if (data.length > maxBytes) throw new Rejected("json.too_large", "");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            // Refused on the whole input before parsing (LL-JSON-002). The pointer (not
            // specified; LL-JSON-010 asks for a place) is where reading the valid text before the
            // first invalid byte stops — "" when another violation comes first.
            out.flip();
            try {
                new Parser(out.toString(), true, integersOnly, maxDepth, true).parseDocument();
            } catch (Rejected e) {
                if (e.code.equals("json.invalid_utf8")) throw e;
            }
            throw new Rejected("json.invalid_utf8", "");
        }
        out.flip();
        return new Parser(out.toString(), true, integersOnly, maxDepth).parseDocument();
    }

    public static String esc(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    // ------------------------------------------------------------------ lenient (protocol lines)

    /** Reads a protocol line: last duplicate wins, integers as Long/BigInteger, others Double. */
    public static Object parseLenient(String text) {
        try {
            return new Parser(text, false, false, Long.MAX_VALUE).parseDocument();
        } catch (Rejected e) {
            throw new IllegalArgumentException("invalid JSON on stdin (" + e.code + " at " + e.path + ")");
        }
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
