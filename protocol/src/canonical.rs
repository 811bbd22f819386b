//! The implementation of [`crate::canonical`] (private: its public items are re-exported there).

use std::io::Write as _;

use serde_json::{Map, Number, Value};

use crate::error_imp::Result;
use crate::json_imp::{self as json, Limits, Numbers};

/// 2^53: integers up to this magnitude are exact doubles.
const TWO_POW_53: u64 = 9_007_199_254_740_992;

/// Parses untrusted JSON text strictly and returns its RFC 8785 canonical form.
///
/// Uses [`json::parse`] with the default [`Limits`] and [`Numbers::Any`], so duplicate names,
/// lone surrogates, non-finite numbers and everything else [`json::parse`] refuses are errors.
///
/// ```
/// use labourlink_protocol::canonical::canonicalize;
/// let out = canonicalize(br#"{ "b": [1.0, 2e-7, "\u00e9"], "a": -0 }"#).unwrap();
/// assert_eq!(out, r#"{"a":0,"b":[1,2e-7,"é"]}"#.as_bytes());
/// ```
///
/// # Errors
///
/// Every error of [`json::parse`] (codes `json.*`).
pub fn canonicalize(bytes: &[u8]) -> Result<Vec<u8>> {
    let value = json::parse(bytes, Limits::default(), Numbers::Any)?;
    Ok(to_vec(&value))
}

/// The canonical bytes of an in-memory value.
///
/// ```
/// use labourlink_protocol::canonical::to_vec;
/// let v = serde_json::json!({"z": null, "\u{1F602}": true, "\u{FB33}": false});
/// // UTF-16 order: "z" (0x007A) < U+1F602 (0xD83D 0xDE02) < U+FB33 (0xFB33).
/// assert_eq!(to_vec(&v), "{\"z\":null,\"\u{1F602}\":true,\"\u{FB33}\":false}".as_bytes());
/// ```
#[must_use]
pub fn to_vec(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    write(value, &mut out);
    out
}

/// Appends the canonical bytes of `value` to `out`.
///
/// ```
/// use labourlink_protocol::canonical::write;
/// let mut out = b"payload=".to_vec();
/// write(&serde_json::json!(["\n", 1e21, 0.000001]), &mut out);
/// assert_eq!(out, br#"payload=["\n",1e+21,0.000001]"#);
/// ```
pub fn write(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(item, out);
            }
            out.push(b']');
        }
        Value::Object(members) => write_object(members, out),
    }
}

fn write_object(members: &Map<String, Value>, out: &mut Vec<u8>) {
    out.push(b'{');
    if in_utf16_order(members) {
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_string(name, out);
            out.push(b':');
            write(value, out);
        }
    } else {
        let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
        sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        for (i, (name, value)) in sorted.into_iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_string(name, out);
            out.push(b':');
            write(value, out);
        }
    }
    out.push(b'}');
}

/// Whether iteration order is already UTF-16 order: names strictly ascending by bytes (always,
/// unless `serde_json`'s `preserve_order` is enabled) and none above U+FFFF (where UTF-8 order
/// and UTF-16 order can differ).
fn in_utf16_order(members: &Map<String, Value>) -> bool {
    let mut previous: Option<&str> = None;
    for name in members.keys() {
        if name.bytes().any(|b| b >= 0xF0) {
            return false;
        }
        if let Some(p) = previous {
            if p >= name.as_str() {
                return false;
            }
        }
        previous = Some(name);
    }
    true
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x09 => b't',
            0x0A => b'n',
            0x0C => b'f',
            0x0D => b'r',
            0x00..=0x1F => 0,
            _ => continue,
        };
        out.extend_from_slice(bytes.get(start..i).unwrap_or(&[]));
        if short == 0 {
            out.extend_from_slice(b"\\u00");
            out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'));
        } else {
            out.push(b'\\');
            out.push(short);
        }
        start = i + 1;
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or(&[]));
    out.push(b'"');
}

fn write_number(n: &Number, out: &mut Vec<u8>) {
    if let Some(i) = n.as_i64() {
        if i.unsigned_abs() <= TWO_POW_53 {
            // Writing to a Vec cannot fail.
            let _ = write!(out, "{i}");
        } else {
            #[allow(clippy::cast_precision_loss)]
            out.extend_from_slice(format_number(i as f64).as_bytes());
        }
    } else if let Some(u) = n.as_u64() {
        if u <= TWO_POW_53 {
            let _ = write!(out, "{u}");
        } else {
            #[allow(clippy::cast_precision_loss)]
            out.extend_from_slice(format_number(u as f64).as_bytes());
        }
    } else if let Some(f) = n.as_f64() {
        out.extend_from_slice(format_number(f).as_bytes());
    } else {
        // Unreachable without serde_json's `arbitrary_precision`; keep serde_json's text.
        out.extend_from_slice(n.to_string().as_bytes());
    }
}

/// Formats a double as ECMAScript's `Number.prototype.toString` does (ECMA-262 `Number::toString`,
/// required by RFC 8785 §3.2.2.3): the shortest digits that round-trip (the closest such, the
/// even one when two are equally close), in fixed notation for
/// decimal exponents from −7 to 20 and as `d.ddde±n` otherwise; `0` for both zeros.
///
/// NaN and the infinities cannot occur in a [`serde_json::Value`] (so [`write()`] never meets
/// them); for them this returns ECMAScript's `"NaN"`, `"Infinity"` and `"-Infinity"`, which are
/// not JSON, rather than panicking or writing `null`.
///
/// ```
/// use labourlink_protocol::canonical::format_number;
/// assert_eq!(format_number(-0.0), "0");
/// assert_eq!(format_number(1e21), "1e+21");
/// assert_eq!(format_number(1e20), "100000000000000000000");
/// assert_eq!(format_number(1e-7), "1e-7");
/// assert_eq!(format_number(0.000001), "0.000001");
/// assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(format_number(5e-324), "5e-324");
/// ```
#[must_use]
pub fn format_number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    let Some((digits, exponent)) = shortest_digits(value.abs()) else {
        return format!("{value:e}");
    };
    // value = 0.d1..dk × 10^n
    let k = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let n = exponent.saturating_add(1);

    let mut out = String::with_capacity(32);
    if value < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n(
            '0',
            usize::try_from(n - k).unwrap_or(0),
        ));
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits
            .split_at_checked(usize::try_from(n).unwrap_or(0))
            .unwrap_or((&digits, ""));
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-n).unwrap_or(0)));
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((&digits, ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n >= 1 { '+' } else { '-' });
        out.push_str(&(n - 1).unsigned_abs().to_string());
    }
    out
}

/// The shortest decimal digits `d1..dk` (no trailing zeros) that round-trip to the positive
/// finite `a`, and the decimal exponent `e` with `a ≈ d1.d2..dk × 10^e`.
///
/// Rust's `{:e}` gives the shortest round-trip digits, closest to the value; when the value lies
/// exactly halfway between two such digit strings it rounds the last digit up, while ECMAScript
/// (ECMA-262 `Number::toString`, note 2, as V8 and SpiderMonkey do) takes the even one:
/// 141044733268868.625 is `141044733268868.62` in JavaScript, `…868.63` from `{:e}`.
fn shortest_digits(a: f64) -> Option<(String, i32)> {
    let scientific = format!("{a:e}");
    let (mantissa, exponent) = scientific.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    match even_tie(a, &digits, exponent) {
        Some(even) => Some((even, exponent)),
        None => Some((digits, exponent)),
    }
}

/// If `a` is exactly halfway between the odd `digits` and a neighbour that also round-trips,
/// the neighbour (which is even).
fn even_tie(a: f64, digits: &str, exponent: i32) -> Option<String> {
    if digits.len() > 17 {
        return None;
    }
    let d: u64 = digits.parse().ok()?;
    if d % 2 == 0 {
        return None;
    }
    let k = i32::try_from(digits.len()).ok()?;
    // A k-digit integer D stands for D × 10^(exponent − k + 1); a midpoint between D and D ± 1
    // is (10·min + 5) × 10^(exponent − k).
    let p = exponent - k;
    for neighbour in [d - 1, d + 1] {
        let midpoint = d.min(neighbour) * 10 + 5;
        if !is_exactly(a, midpoint, p) {
            continue;
        }
        let text = neighbour.to_string();
        let round_trips = format!("{text}e{}", p + 1).parse::<f64>() == Ok(a);
        if text.len() == digits.len() && round_trips {
            return Some(text.trim_end_matches('0').to_owned());
        }
    }
    None
}

/// Whether the finite `a` equals `n × 10^p` exactly, for an odd `n`.
fn is_exactly(a: f64, n: u64, p: i32) -> bool {
    let bits = a.to_bits();
    let biased = i32::try_from((bits >> 52) & 0x7FF).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    let (m, q) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if m == 0 {
        return false;
    }
    // a = m_odd × 2^q; n × 10^p = (n × 5^p) × 2^p with n × 5^p odd (or n / 5^-p for p < 0),
    // so the powers of two must agree and the odd parts match.
    let shift = m.trailing_zeros();
    let m_odd = u128::from(m >> shift);
    let q = q + i32::try_from(shift).unwrap_or(0);
    if q != p {
        return false;
    }
    let five_pow = 5_u128.checked_pow(p.unsigned_abs());
    if p >= 0 {
        five_pow.and_then(|f| f.checked_mul(u128::from(n))) == Some(m_odd)
    } else {
        five_pow.and_then(|f| f.checked_mul(m_odd)) == Some(u128::from(n))
    }
}

/// Whether `bytes` — a document that [`json::parse`] accepted in [`Numbers::IntegersOnly`]
/// mode — is already in RFC 8785 canonical form, decided in one pass without building
/// anything: no insignificant whitespace, only the escapes RFC 8785 writes, and member names
/// in strictly ascending UTF-16 order. (For such a document every number is an integer within
/// ±(2^53−1) without sign, leading zero, fraction or exponent, which is its canonical form.)
///
/// The verifier uses it as a fast path: `true` is definitive; on `false` (or a member name with
/// an escape, which it does not decode) the verifier falls back to re-serialising and comparing.
/// A test checks it against that slow path on random and mutated documents.
///
/// ```
/// use labourlink_protocol::canonical::is_canonical_document;
/// assert!(is_canonical_document(br#"{"a":[1,"x"],"b":{"c":null}}"#));
/// assert!(!is_canonical_document(br#"{"b":1,"a":2}"#));
/// assert!(!is_canonical_document(br#"{"a": 1}"#));
/// assert!(!is_canonical_document(br#"{"a":"\u0041"}"#));
/// ```
#[must_use]
pub fn is_canonical_document(bytes: &[u8]) -> bool {
    // One entry per open container: Some(previous member name) for objects, None for arrays.
    let mut stack: Vec<Option<Option<(usize, usize)>>> = Vec::with_capacity(16);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => {
                stack.push(Some(None));
                i += 1;
            }
            b'[' => {
                stack.push(None);
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let Some((end, escaped)) = scan_canonical_string(bytes, start) else {
                    return false;
                };
                i = end + 1;
                if bytes.get(i) == Some(&b':') {
                    if escaped {
                        return false; // let the slow path decide
                    }
                    if let Some(Some(prev)) = stack.last_mut() {
                        if let Some((ps, pe)) = *prev {
                            let (Some(a), Some(b)) = (bytes.get(ps..pe), bytes.get(start..end))
                            else {
                                return false;
                            };
                            if !utf16_less(a, b) {
                                return false;
                            }
                        }
                        *prev = Some((start, end));
                    }
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => return false,
            _ => i += 1,
        }
    }
    true
}

/// Scans a string body from `start` to its closing quote; `None` if an escape is not the one
/// RFC 8785 would write. Returns the index of the closing quote and whether it had escapes.
fn scan_canonical_string(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut i = start;
    let mut escaped = false;
    loop {
        // Runs without `"`, `\\` or control characters are skipped eight bytes at a time.
        i = crate::json_imp::scan_plain(bytes, i);
        match *bytes.get(i)? {
            b'"' => return Some((i, escaped)),
            b'\\' => {
                escaped = true;
                match *bytes.get(i + 1)? {
                    b'"' | b'\\' | b'b' | b't' | b'n' | b'f' | b'r' => i += 2,
                    b'u' => {
                        let hex = bytes.get(i + 2..i + 6)?;
                        // Only \u00XX for control characters without a short form, lowercase.
                        let ok = hex[0] == b'0'
                            && hex[1] == b'0'
                            && matches!(hex[2], b'0' | b'1')
                            && matches!(hex[3], b'0'..=b'9' | b'a'..=b'f')
                            && !matches!(&hex[2..4], b"08" | b"09" | b"0a" | b"0c" | b"0d");
                        if !ok {
                            return None;
                        }
                        i += 6;
                    }
                    _ => return None,
                }
            }
            _ => i += 1,
        }
    }
}

/// `a < b` in UTF-16 code-unit order, for unescaped UTF-8 member names.
fn utf16_less(a: &[u8], b: &[u8]) -> bool {
    if a.iter().chain(b).all(|&c| c < 0xF0) {
        // Without supplementary characters, UTF-8 byte order is UTF-16 order.
        return a < b;
    }
    match (std::str::from_utf8(a), std::str::from_utf8(b)) {
        (Ok(a), Ok(b)) => a.encode_utf16().lt(b.encode_utf16()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::excessive_precision)]
    fn format_number_table() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (-1e-7, "-1e-7"),
            (1.25e-7, "1.25e-7"),
            (1e-6, "0.000001"),
            (1.5e-6, "0.0000015"),
            (333_333_333.333_333_3, "333333333.3333333"),
            (1e30, "1e+30"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            (9_007_199_254_740_993.0, "9007199254740992"),
            // Exactly halfway between two shortest candidates: ECMAScript takes the even one.
            (-141_044_733_268_868.625, "-141044733268868.62"),
            (1_794_022_469_879_237.25, "1794022469879237.2"),
            (90_574_309_106_309.625, "90574309106309.62"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (v, s) in cases {
            assert_eq!(format_number(*v), *s, "{v:e}");
        }
    }

    #[test]
    fn big_in_memory_integers_go_through_double() {
        assert_eq!(
            to_vec(&Value::from(9_007_199_254_740_993_u64)),
            b"9007199254740992"
        );
        assert_eq!(
            to_vec(&Value::from(-9_007_199_254_740_993_i64)),
            b"-9007199254740992"
        );
        assert_eq!(to_vec(&Value::from(u64::MAX)), b"18446744073709552000");
        assert_eq!(to_vec(&Value::from(i64::MIN)), b"-9223372036854776000");
        assert_eq!(
            to_vec(&Value::from(9_007_199_254_740_992_u64)),
            b"9007199254740992"
        );
    }

    #[test]
    fn fast_canonical_check_agrees_with_reserialising() {
        use serde_json::json;
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut rnd = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let alphabet = [
            "a",
            "b",
            "Z",
            "\u{7f}",
            "\u{1}",
            "\n",
            "\"",
            "\\",
            "é",
            "\u{e000}",
            "\u{fb33}",
            "\u{1f602}",
            "中",
            "/",
            "\u{2028}",
        ];
        let word = |rnd: &mut dyn FnMut(u64) -> u64| -> String {
            (0..rnd(4))
                .map(|_| alphabet[usize::try_from(rnd(alphabet.len() as u64)).unwrap()])
                .collect()
        };
        let mut checked = 0;
        for _ in 0..3000 {
            let mut obj = serde_json::Map::new();
            for _ in 0..rnd(6) {
                let v = match rnd(4) {
                    0 => json!(i64::try_from(rnd(1 << 53)).unwrap() - (1 << 52)),
                    1 => json!(word(&mut rnd)),
                    2 => json!([word(&mut rnd), {"k": true, "j": null}]),
                    _ => json!({word(&mut rnd): 0, "x": [1, 2]}),
                };
                obj.insert(word(&mut rnd), v);
            }
            let v = Value::Object(obj);
            let canonical = to_vec(&v);
            assert!(
                is_canonical_document(&canonical) || canonical.windows(2).any(|w| w[0] == b'\\'),
                "{}",
                String::from_utf8_lossy(&canonical)
            );
            for variant in [
                serde_json::to_vec(&v).unwrap(),
                serde_json::to_vec_pretty(&v).unwrap(),
                String::from_utf8(canonical.clone())
                    .unwrap()
                    .replace('/', "\\/")
                    .into_bytes(),
                String::from_utf8(canonical.clone())
                    .unwrap()
                    .replace("\\u001f", "\\u001F")
                    .into_bytes(),
                String::from_utf8(canonical.clone())
                    .unwrap()
                    .replacen('a', "\\u0061", 1)
                    .into_bytes(),
            ] {
                if crate::json_imp::parse(&variant, Limits::default(), Numbers::IntegersOnly)
                    .is_err()
                {
                    continue;
                }
                let truth = to_vec(
                    &crate::json_imp::parse(&variant, Limits::default(), Numbers::IntegersOnly)
                        .unwrap(),
                ) == variant;
                // The parser's own note (what the verifier uses): sound, and complete unless
                // a supplementary character occurs (member names are then left to the slow path).
                let (_, noted) =
                    crate::json_imp::parse_noting_canonical(&variant, Limits::default()).unwrap();
                assert!(
                    !noted || truth,
                    "the parser noted a non-canonical document as canonical: {}",
                    String::from_utf8_lossy(&variant)
                );
                assert!(
                    noted || !truth || variant.iter().any(|&b| b >= 0xF0),
                    "the parser did not note a canonical document: {}",
                    String::from_utf8_lossy(&variant)
                );
                // fast says canonical ⇒ it is (soundness); fast says no ⇒ slow path decides.
                if is_canonical_document(&variant) {
                    assert!(
                        truth,
                        "fast path accepted a non-canonical document: {}",
                        String::from_utf8_lossy(&variant)
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 10_000);
    }
}
