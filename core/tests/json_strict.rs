//! Strict JSON parsing: every rejection with its code and pointer, the limits, and a
#![allow(clippy::unwrap_used, clippy::panic)] // test helpers outside #[test] functions
//! differential fuzz loop against serde_json.

use labourlink::ErrorCode;
use labourlink::canonical::{canonicalize, to_vec};
use labourlink::json::{
    DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, Limits, MAX_SAFE_INTEGER, Numbers, parse, parse_document,
};
use serde_json::{Value, json};

fn doc_err(input: &[u8]) -> labourlink::Error {
    match parse_document(input) {
        Ok(v) => panic!("{:?} was accepted as {v}", String::from_utf8_lossy(input)),
        Err(e) => e,
    }
}

fn any_err(input: &[u8]) -> labourlink::Error {
    match parse(input, Limits::default(), Numbers::Any) {
        Ok(v) => panic!("{:?} was accepted as {v}", String::from_utf8_lossy(input)),
        Err(e) => e,
    }
}

/// Asserts that `input` is rejected (in both number modes) with `code` at `path`.
#[track_caller]
fn rejects(input: &[u8], code: ErrorCode, path: &str) {
    for err in [doc_err(input), any_err(input)] {
        assert_eq!(
            err.code(),
            code,
            "{:?}: {err}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(
            err.path(),
            Some(path),
            "{:?}: {err}",
            String::from_utf8_lossy(input)
        );
    }
}

#[track_caller]
fn syntax(input: &[u8], path: &str, message_part: &str) {
    rejects(input, ErrorCode::JsonSyntax, path);
    let err = doc_err(input);
    assert!(
        err.message().contains(message_part),
        "{:?}: message {:?} lacks {message_part:?}",
        String::from_utf8_lossy(input),
        err.message()
    );
    assert!(err.message().contains("byte "), "{:?}", err.message());
}

// ------------------------------------------------------------------ constants and limits

#[test]
fn constants_and_limits() {
    assert_eq!(DEFAULT_MAX_BYTES, 1024 * 1024);
    assert_eq!(DEFAULT_MAX_DEPTH, 32);
    assert_eq!(MAX_SAFE_INTEGER, (1_i64 << 53) - 1);
    let d = Limits::default();
    assert_eq!(
        (d.max_bytes, d.max_depth),
        (DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH)
    );
    assert_eq!(Limits::new(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH), d);
}

// ------------------------------------------------------------------ duplicates

#[test]
fn duplicate_key_top_level() {
    rejects(br#"{"a":1,"b":2,"a":3}"#, ErrorCode::JsonDuplicateKey, "/a");
}

#[test]
fn duplicate_key_nested() {
    rejects(
        br#"{"x":{"y":[1,{"k":1,"k":{"z":2}}]}}"#,
        ErrorCode::JsonDuplicateKey,
        "/x/y/1/k",
    );
}

#[test]
fn duplicate_key_escaped_equal() {
    rejects(br#"{"a":1,"\u0061":2}"#, ErrorCode::JsonDuplicateKey, "/a");
    rejects(
        "{\"\u{1F602}\":1,\"\\uD83D\\uDE02\":2}".as_bytes(),
        ErrorCode::JsonDuplicateKey,
        "/\u{1F602}",
    );
    // The pointer token is escaped (RFC 6901).
    rejects(
        br#"{"a/b~":1,"a\/b~":2}"#,
        ErrorCode::JsonDuplicateKey,
        "/a~1b~0",
    );
}

#[test]
fn duplicate_key_message_names_it() {
    let err = doc_err(br#"{"amount":1,"amount":2}"#);
    assert!(err.message().contains("\"amount\""), "{}", err.message());
}

#[test]
fn same_key_in_different_objects_is_fine() {
    let v = parse_document(br#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#).unwrap();
    assert_eq!(v, json!({"a":{"a":1},"b":[{"a":1},{"a":2}]}));
}

// ------------------------------------------------------------------ UTF-8

#[test]
fn invalid_utf8_overlong() {
    rejects(b"[\"\xC0\xAF\"]", ErrorCode::JsonInvalidUtf8, "/0");
    let err = doc_err(b"[\"\xC0\xAF\"]");
    assert!(err.message().contains("byte 2"), "{}", err.message());
    rejects(b"\"\xE0\x80\xAF\"", ErrorCode::JsonInvalidUtf8, "");
}

#[test]
fn invalid_utf8_truncated() {
    rejects(b"{\"a\":\"\xE2\x82\"}", ErrorCode::JsonInvalidUtf8, "/a");
    // Truncated at the very end of the input.
    let err = doc_err(b"{\"a\":\"\xE2\x82");
    assert_eq!(err.code(), ErrorCode::JsonInvalidUtf8);
    assert!(err.message().contains("truncated"), "{}", err.message());
}

#[test]
fn invalid_utf8_ff_byte() {
    rejects(b"{\"k\":\"\xFF\"}", ErrorCode::JsonInvalidUtf8, "/k");
    rejects(b"\xFF", ErrorCode::JsonInvalidUtf8, "");
    // Outside strings too, and in a member name (the object's pointer).
    rejects(b"[1,\xFF]", ErrorCode::JsonInvalidUtf8, "/1");
    rejects(b"{\"a\":{\"\xFF\":1}}", ErrorCode::JsonInvalidUtf8, "/a");
}

#[test]
fn invalid_utf8_encoded_surrogate() {
    rejects(
        b"[\"a\",\"\xED\xA0\x80\"]",
        ErrorCode::JsonInvalidUtf8,
        "/1",
    );
    rejects(b"\"\xED\xBF\xBF\"", ErrorCode::JsonInvalidUtf8, "");
}

#[test]
fn invalid_utf8_beats_earlier_syntax_errors() {
    // The whole input is checked first.
    let err = doc_err(b"NaN \xFF");
    assert_eq!(err.code(), ErrorCode::JsonInvalidUtf8);
}

#[test]
fn valid_multibyte_utf8_is_kept() {
    let text = "{\"宁波\":\"Ä€\u{1F602}\u{10FFFF}\u{7F}\"}";
    assert_eq!(
        parse_document(text.as_bytes()).unwrap(),
        json!({"宁波": "Ä€\u{1F602}\u{10FFFF}\u{7F}"})
    );
}

// ------------------------------------------------------------------ surrogates

#[test]
fn lone_high_surrogate() {
    rejects(br#"["\uD800"]"#, ErrorCode::JsonLoneSurrogate, "/0");
    rejects(br#"{"a":"x\udbff"}"#, ErrorCode::JsonLoneSurrogate, "/a");
}

#[test]
fn lone_low_surrogate() {
    rejects(br#"{"a":"\uDC00"}"#, ErrorCode::JsonLoneSurrogate, "/a");
    rejects(br#""\uDFFF\uD800""#, ErrorCode::JsonLoneSurrogate, "");
}

#[test]
fn high_surrogate_followed_by_non_low() {
    rejects(
        br#"{"a":["x","\uD83Dx"]}"#,
        ErrorCode::JsonLoneSurrogate,
        "/a/1",
    );
    rejects(br#""\uD800\u0041""#, ErrorCode::JsonLoneSurrogate, "");
    rejects(br#""\uD800\uD800""#, ErrorCode::JsonLoneSurrogate, "");
    rejects(br#""\uD800\n""#, ErrorCode::JsonLoneSurrogate, "");
}

#[test]
fn lone_surrogate_in_member_name() {
    rejects(
        br#"{"ok":{"\uD800":1}}"#,
        ErrorCode::JsonLoneSurrogate,
        "/ok",
    );
}

#[test]
fn valid_surrogate_pairs() {
    let v = parse_document(br#"["\uD83D\uDE00","\udbff\udfff","\uD800\uDC00"]"#).unwrap();
    assert_eq!(v, json!(["\u{1F600}", "\u{10FFFF}", "\u{10000}"]));
}

// ------------------------------------------------------------------ numbers

#[test]
fn integers_only_rejects_fractions_and_exponents() {
    for (input, path) in [
        (&br#"{"a":1.0}"#[..], "/a"),
        (b"[1e2]", "/0"),
        (b"[0,1E+2]", "/1"),
        (b"-0.0", ""),
        (b"0.5", ""),
        (b"{\"x\":[{\"y\":3.25}]}", "/x/0/y"),
        (b"1e400", ""),
    ] {
        let err = doc_err(input);
        assert_eq!(err.code(), ErrorCode::JsonNotInteger, "{err}");
        assert_eq!(err.path(), Some(path), "{err}");
    }
}

#[test]
fn integers_only_rejects_negative_zero() {
    let err = doc_err(b"{\"n\":-0}");
    assert_eq!(err.code(), ErrorCode::JsonNotInteger);
    assert_eq!(err.path(), Some("/n"));
    assert!(err.message().contains("-0"), "{}", err.message());
    assert_eq!(parse_document(b"0").unwrap(), json!(0));
}

#[test]
fn integers_at_the_safe_limits() {
    assert_eq!(
        parse_document(b"9007199254740991").unwrap(),
        json!(9_007_199_254_740_991_i64)
    );
    assert_eq!(
        parse_document(b"-9007199254740991").unwrap(),
        json!(-9_007_199_254_740_991_i64)
    );
    for (input, path) in [
        (&b"9007199254740992"[..], ""),
        (b"[-9007199254740992]", "/0"),
        (b"{\"a\":9007199254740993}", "/a"),
        (b"123456789012345678901234567890", ""),
        (b"-18446744073709551616", ""),
    ] {
        let err = doc_err(input);
        assert_eq!(err.code(), ErrorCode::JsonIntegerOutOfRange, "{err}");
        assert_eq!(err.path(), Some(path), "{err}");
    }
}

#[test]
fn integers_are_exact() {
    let v = parse_document(b"[0,-1,1,42,-42,1234567890123456]").unwrap();
    assert_eq!(v, json!([0, -1, 1, 42, -42, 1_234_567_890_123_456_i64]));
}

#[test]
fn any_mode_numbers() {
    let v = parse(
        b"[1.5,-0,-0.0,1e2,1.0,9007199254740993,1e-400,1E+308,0.1]",
        Limits::default(),
        Numbers::Any,
    )
    .unwrap();
    assert_eq!(v[0].as_f64(), Some(1.5));
    for i in [1, 2] {
        let z = v[i].as_f64().unwrap();
        assert!(v[i].is_f64() && z == 0.0 && z.is_sign_negative());
    }
    assert_eq!(v[3].as_i64(), Some(100));
    assert_eq!(v[4].as_i64(), Some(1));
    assert_eq!(v[5].as_i64(), Some(9_007_199_254_740_992));
    assert_eq!(v[6].as_i64(), Some(0));
    assert_eq!(v[7].as_f64(), Some(1e308));
    assert_eq!(v[8].as_f64(), Some(0.1));
}

#[test]
fn any_mode_out_of_range() {
    for (input, path) in [
        (&b"1e400"[..], ""),
        (b"[-1e400]", "/0"),
        (b"{\"a\":1.8e308}", "/a"),
    ] {
        let err = any_err(input);
        assert_eq!(err.code(), ErrorCode::JsonNumberOutOfRange, "{err}");
        assert_eq!(err.path(), Some(path), "{err}");
    }
}

#[test]
fn nan_and_infinity() {
    syntax(b"NaN", "", "NaN is not JSON");
    syntax(b"[Infinity]", "", "Infinity is not JSON");
    syntax(b"{\"a\":-Infinity}", "", "-Infinity is not JSON");
    syntax(b"{\"a\":[nan]}", "/a", "byte 6");
}

#[test]
fn malformed_numbers() {
    syntax(b"01", "", "leading zero");
    syntax(b"[-01]", "", "leading zero");
    syntax(b"[00]", "", "leading zero");
    syntax(b"+1", "", "'+'");
    syntax(b"[.5]", "", "'.'");
    syntax(b"1.", "", "decimal point");
    syntax(b"1.e5", "", "decimal point");
    syntax(b"1e", "", "exponent");
    syntax(b"1e+", "", "exponent");
    syntax(b"-", "", "'-'");
    syntax(b"--1", "", "'-'");
    syntax(b"0x10", "", "'x'");
    syntax(b"1_000", "", "'_'");
}

// ------------------------------------------------------------------ depth and size

fn nested_arrays(depth: usize) -> Vec<u8> {
    let mut v = vec![b'['; depth];
    v.extend(std::iter::repeat_n(b']', depth));
    v
}

#[test]
fn depth_32_accepted() {
    parse_document(&nested_arrays(32)).unwrap();
    let mut objects = b"{\"a\":".repeat(31);
    objects.extend_from_slice(b"{}");
    objects.extend(std::iter::repeat_n(b'}', 31));
    parse_document(&objects).unwrap();
}

#[test]
fn depth_33_rejected() {
    rejects(&nested_arrays(33), ErrorCode::JsonTooDeep, &"/0".repeat(32));
    let mut objects = b"{\"a\":".repeat(32);
    objects.extend_from_slice(b"[1]");
    objects.extend(std::iter::repeat_n(b'}', 32));
    rejects(&objects, ErrorCode::JsonTooDeep, &"/a".repeat(32));
    // A deep container later in the document.
    let mut late = b"[1,2,{\"x\":".to_vec();
    late.extend(nested_arrays(31));
    late.extend_from_slice(b"}]");
    rejects(
        &late,
        ErrorCode::JsonTooDeep,
        &format!("/2/x{}", "/0".repeat(30)),
    );
}

#[test]
fn custom_depth_limit() {
    let limits = Limits::new(1024, 2);
    parse(b"[[1]]", limits, Numbers::Any).unwrap();
    let err = parse(b"[[[]]]", limits, Numbers::Any).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::JsonTooDeep, Some("/0/0"))
    );
    let err = parse(b"[]", Limits::new(1024, 0), Numbers::Any).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::JsonTooDeep, Some("")));
    parse(b"\"scalar\"", Limits::new(1024, 0), Numbers::Any).unwrap();
}

#[test]
fn hundred_thousand_brackets_do_not_overflow_the_stack() {
    let deep = vec![b'['; 100_000];
    rejects(&deep, ErrorCode::JsonTooDeep, &"/0".repeat(32));
    let deep_objects = b"{\"a\":".repeat(100_000);
    rejects(&deep_objects, ErrorCode::JsonTooDeep, &"/a".repeat(32));
    // A caller cannot lift the depth limit beyond the ceiling (dropping a deep value recurses).
    let err = parse(&deep, Limits::new(usize::MAX, usize::MAX), Numbers::Any).unwrap_err();
    assert_eq!(err.code(), ErrorCode::JsonTooDeep);
    assert_eq!(
        err.path(),
        Some("/0".repeat(labourlink::json::MAX_DEPTH_CEILING).as_str())
    );
    // Setting the public field directly does not get around it either.
    let mut lifted = Limits::default();
    lifted.max_depth = usize::MAX;
    let err = parse(&deep, lifted, Numbers::Any).unwrap_err();
    assert_eq!(err.code(), ErrorCode::JsonTooDeep);
}

#[test]
fn size_limit() {
    let limits = Limits::new(10, 32);
    parse(b"[1,2,3,45]", limits, Numbers::IntegersOnly).unwrap();
    let err = parse(b"[1,2,3,456]", limits, Numbers::IntegersOnly).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::JsonTooLarge, Some(""))
    );
    // The size is checked before anything else.
    let err = parse(b"\xFF\xFF\xFF", Limits::new(2, 32), Numbers::Any).unwrap_err();
    assert_eq!(err.code(), ErrorCode::JsonTooLarge);
}

#[test]
fn default_size_limit_is_one_mebibyte() {
    let mut exactly = vec![b' '; DEFAULT_MAX_BYTES];
    exactly[0] = b'1';
    assert_eq!(parse_document(&exactly).unwrap(), json!(1));
    exactly.push(b' ');
    rejects(&exactly, ErrorCode::JsonTooLarge, "");
}

// ------------------------------------------------------------------ syntax

#[test]
fn byte_order_mark() {
    syntax(b"\xEF\xBB\xBF{}", "", "byte order mark");
    // Also inside, where whitespace is expected.
    syntax(b"[1,\xEF\xBB\xBF2]", "", "U+FEFF");
}

#[test]
fn trailing_garbage() {
    syntax(b"{} x", "", "after the end");
    syntax(b"1 2", "", "after the end");
    syntax(b"{}}", "", "after the end");
    syntax(b"[]\x00", "", "after the end");
    syntax(b"\"a\"\"b\"", "", "after the end");
}

#[test]
fn leading_garbage_and_empty_input() {
    syntax(b"x{}", "", "expected a value");
    syntax(b"", "", "end of input");
    syntax(b" \n\t\r ", "", "end of input");
    syntax(b"\x0C1", "", "U+000C");
    syntax("\u{A0}1".as_bytes(), "", "U+00A0");
    syntax("[1,\u{2028}2]".as_bytes(), "", "U+2028");
}

#[test]
fn comments() {
    syntax(b"// c\n{}", "", "comments are not JSON");
    syntax(b"{\"a\":[1 /* c */]}", "/a", "comments are not JSON");
    syntax(b"# c\n1", "", "'#'");
}

#[test]
fn trailing_commas() {
    syntax(b"[1,]", "", "trailing comma");
    syntax(b"{\"a\":1,}", "", "trailing comma");
    syntax(b"{\"a\":[{},]}", "/a", "trailing comma");
    syntax(b"[,1]", "", "expected a value");
    syntax(b"[1,,2]", "", "expected a value");
    syntax(b"{,}", "", "member name");
}

#[test]
fn single_quotes() {
    syntax(b"['a']", "", "single-quoted");
    syntax(b"{'a':1}", "", "member name");
}

#[test]
fn unescaped_control_characters() {
    syntax(b"\"a\x01b\"", "", "U+0001");
    syntax(b"[\"a\tb\"]", "", "U+0009");
    syntax(b"{\"k\":\"line\nbreak\"}", "", "U+000A");
    syntax(b"{\"k\x1F\":1}", "", "U+001F");
    // Escaped after an escape (slow path) too.
    syntax(b"\"\\n\x00\"", "", "U+0000");
    // U+007F is not a control character for JSON.
    assert_eq!(parse_document(b"\"\x7F\"").unwrap(), json!("\u{7F}"));
}

#[test]
fn invalid_escapes() {
    syntax(br#""\x41""#, "", "invalid escape");
    syntax(br#""\U0041""#, "", "invalid escape");
    syntax(br#""\'""#, "", "invalid escape");
    syntax(br#"{"a":"\u00G0"}"#, "", "hex digit");
    syntax(br#""\u12""#, "", "hex digit");
    syntax(b"\"\\", "", "end of input");
}

#[test]
fn structural_errors() {
    syntax(b"{\"a\" 1}", "", "':'");
    syntax(b"{\"a\":1 \"b\":2}", "", "',' or '}'");
    syntax(b"[1 2]", "", "',' or ']'");
    syntax(b"{\"a\":{\"b\":tru}}", "/a", "invalid literal");
    syntax(b"[True]", "", "expected a value");
    syntax(b"[nul", "", "end of input");
    syntax(b"{1:2}", "", "member name");
    syntax(b"[1", "", "end of input");
    syntax(b"{\"a\":\"b", "", "end of input");
    syntax(b"]", "", "trailing commas and missing values");
}

#[test]
fn whitespace_is_allowed_between_tokens() {
    let v = parse_document(b" \t\r\n{ \"a\" \n:\t[ 1 ,\r2 ] , \"b\" : { } } \n").unwrap();
    assert_eq!(v, json!({"a":[1,2],"b":{}}));
}

// ------------------------------------------------------------------ escapes round trip

#[test]
fn every_escape_form() {
    let input =
        br#""\"\\\/\b\f\n\r\t\u0041\u00e9\u00E9\u20AC\u0000\u001f\u007F\u2028\uD83D\uDE00\uffff""#;
    let expected = "\"\\/\u{8}\u{c}\n\r\tAéé€\u{0}\u{1f}\u{7f}\u{2028}\u{1F600}\u{FFFF}";
    assert_eq!(
        parse_document(input).unwrap(),
        Value::String(expected.to_owned())
    );
    // Escapes in member names; a string that only has escapes; escapes at the ends.
    let v = parse_document(br#"{"\n\u0041":"\\","x\"":"a\"","":"\t"}"#).unwrap();
    assert_eq!(v, json!({"\nA": "\\", "x\"": "a\"", "": "\t"}));
    // Round trip through canonical form and back.
    let canonical = canonicalize(input).unwrap();
    assert_eq!(
        canonical,
        "\"\\\"\\\\/\\b\\f\\n\\r\\tAéé€\\u0000\\u001f\u{7f}\u{2028}\u{1F600}\u{FFFF}\"".as_bytes()
    );
    assert_eq!(
        parse_document(&canonical).unwrap(),
        Value::String(expected.to_owned())
    );
}

#[test]
fn every_control_character_round_trips() {
    for c in 0_u32..0x20 {
        let escaped = format!("\"\\u{c:04x}\"");
        let v = parse_document(escaped.as_bytes()).unwrap();
        let ch = char::from_u32(c).unwrap();
        assert_eq!(v, Value::String(ch.to_string()));
        let canonical = to_vec(&v);
        assert_eq!(parse_document(&canonical).unwrap(), v);
        assert_eq!(canonical, serde_json::to_vec(&v).unwrap(), "U+{c:04X}");
    }
}

// ------------------------------------------------------------------ fuzz

/// xorshift64*: deterministic pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n as u64)) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SEEDS: &[&str] = &[
    r#"{"a":1,"b":[true,false,null],"c":{"d":"e\u0041\n","f":-12}}"#,
    r#"[1,-0,0.5,1e2,-1.5E-3,9007199254740991,"x\"y\\z",{"":[]}]"#,
    r#"{"宁波":"€\uD83D\uDE00","k":[[[[{}]]]],"n":123456789}"#,
    r#"  [ "\b\f\r\t\/" , { "a" : { "b" : [ 1 , 2 , 3 ] } } ]  "#,
    r#""just a string with é and 😂""#,
    r#"{"a":{"a":{"a":{"a":1}}},"b":0,"c":-9007199254740991}"#,
    "[1e400, 1e-400, 123.456e7, 0.1]",
];

/// Bytes that are likely to change the meaning of a JSON text.
const INTERESTING: &[u8] = b"{}[]\",:\\/-+.eE0123456789tfnu \t\n\r\x00\x1f\x7f\x80\xbf\xc0\xdf\xe0\xed\xef\xf0\xf4\xff'aAD8";

fn mutate(rng: &mut Rng, doc: &[u8]) -> Vec<u8> {
    let mut v = doc.to_vec();
    for _ in 0..=rng.below(3) {
        let len = v.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] = *rng.pick(INTERESTING);
            }
            1 => {
                let i = rng.below(len + 1);
                v.insert(i, *rng.pick(INTERESTING));
            }
            2 if len > 0 => {
                v.remove(rng.below(len));
            }
            3 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            4 if len > 1 => {
                let a = rng.below(len);
                let b = a + rng.below(len - a);
                let piece = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, piece);
            }
            5 if len > 0 => v.truncate(rng.below(len)),
            _ => {
                let snippet = *rng.pick(&[
                    &br#"\uD800"#[..],
                    br#"\uDC00"#,
                    br#""a":1,"#,
                    b"[[[[[[[[",
                    b"NaN",
                    b"-0",
                    b"1.0",
                    b"9007199254740993",
                    b"\xEF\xBB\xBF",
                ]);
                let at = rng.below(len + 1);
                v.splice(at..at, snippet.iter().copied());
            }
        }
    }
    v
}

/// serde_json's view with numbers as doubles (serde_json's float parsing may be off by one ulp).
fn numbers_close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y).abs() <= f64::EPSILON * x.abs().max(y.abs()))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| numbers_close(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && numbers_close(v1, v2))
        }
        _ => a == b,
    }
}

fn differential(input: &[u8]) -> (bool, bool) {
    let reference: Result<Value, _> = serde_json::from_slice(input);
    let strict = parse(input, Limits::default(), Numbers::IntegersOnly);
    let any = parse(input, Limits::default(), Numbers::Any);
    let show = || String::from_utf8_lossy(input).into_owned();
    match (&reference, &strict) {
        (Ok(r), Ok(s)) => assert_eq!(r, s, "IntegersOnly differs from serde_json on {:?}", show()),
        (Err(e), Ok(s)) => panic!(
            "serde_json rejects ({e}) but we accept {s} from {:?}",
            show()
        ),
        (Ok(_), Err(e)) => assert!(
            matches!(
                e.code(),
                ErrorCode::JsonDuplicateKey
                    | ErrorCode::JsonNotInteger
                    | ErrorCode::JsonIntegerOutOfRange
                    | ErrorCode::JsonTooDeep
            ),
            "serde_json accepts but we reject with {e} on {:?}",
            show()
        ),
        (Err(_), Err(_)) => {}
    }
    match (&reference, &any) {
        (Ok(r), Ok(a)) => assert!(numbers_close(r, a), "Any: {r} vs {a} on {:?}", show()),
        (Err(e), Ok(a)) => panic!(
            "serde_json rejects ({e}) but we accept {a} from {:?}",
            show()
        ),
        (Ok(_), Err(e)) => assert!(
            matches!(
                e.code(),
                ErrorCode::JsonDuplicateKey
                    | ErrorCode::JsonTooDeep
                    | ErrorCode::JsonNumberOutOfRange
            ),
            "serde_json accepts but we reject with {e} on {:?}",
            show()
        ),
        (Err(_), Err(_)) => {}
    }
    if let Ok(canonical) = canonicalize(input) {
        assert_eq!(
            canonicalize(&canonical).unwrap(),
            canonical,
            "not idempotent: {:?}",
            show()
        );
        let back: Value = serde_json::from_slice(&canonical).unwrap();
        assert!(numbers_close(&back, any.as_ref().unwrap()), "{:?}", show());
    }
    (strict.is_ok(), any.is_ok())
}

#[test]
fn fuzz_mutations_never_panic_and_agree_with_serde_json() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    for seed in SEEDS {
        differential(seed.as_bytes());
    }
    for _ in 0..20_000 {
        let seed = rng.pick(SEEDS).as_bytes();
        let input = mutate(&mut rng, seed);
        let (strict_ok, any_ok) = differential(&input);
        accepted += usize::from(strict_ok || any_ok);
    }
    // The mutations keep a fair share of inputs valid, so equality is exercised too.
    assert!(
        accepted > 1_000,
        "only {accepted} mutated inputs were valid"
    );
}

fn random_string(rng: &mut Rng) -> String {
    const CHARS: &[char] = &[
        'a',
        'b',
        'Z',
        '0',
        ' ',
        '"',
        '\\',
        '/',
        '\n',
        '\t',
        '\u{0}',
        '\u{1f}',
        '\u{7f}',
        'é',
        '€',
        '\u{2028}',
        '\u{E000}',
        '\u{FB33}',
        '\u{FFFF}',
        '\u{1F602}',
        '\u{10FFFF}',
        '宁',
    ];
    (0..rng.below(8)).map(|_| *rng.pick(CHARS)).collect()
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let kind = if depth >= 6 {
        rng.below(4)
    } else {
        rng.below(6)
    };
    match kind {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 1),
        2 => {
            let n = (rng.next() % (2 * MAX_SAFE_INTEGER as u64 + 1)) as i64 - MAX_SAFE_INTEGER;
            json!(n >> rng.below(54))
        }
        3 => Value::String(random_string(rng)),
        4 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.below(5))
                .map(|_| (random_string(rng), random_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

#[test]
fn random_documents_round_trip() {
    let mut rng = Rng(42);
    for _ in 0..3_000 {
        let value = random_value(&mut rng, 1);
        for text in [
            serde_json::to_vec(&value).unwrap(),
            serde_json::to_vec_pretty(&value).unwrap(),
            to_vec(&value),
        ] {
            assert_eq!(parse_document(&text).unwrap(), value);
            assert_eq!(
                parse(&text, Limits::default(), Numbers::Any).unwrap(),
                value
            );
        }
        let canonical = canonicalize(&serde_json::to_vec_pretty(&value).unwrap()).unwrap();
        assert_eq!(canonical, to_vec(&value));
        assert_eq!(canonicalize(&canonical).unwrap(), canonical);
    }
}

#[test]
fn random_doubles_format_and_reparse_exactly() {
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let v = f64::from_bits(rng.next());
        if !v.is_finite() {
            continue;
        }
        let text = labourlink::canonical::format_number(v);
        let back: f64 = text.parse().unwrap();
        assert!(back == v || (v == 0.0 && back == 0.0), "{v:e} -> {text}");
        assert_eq!(
            canonicalize(text.as_bytes()).unwrap(),
            text.as_bytes(),
            "{v:e}"
        );
    }
}
