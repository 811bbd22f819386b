//! The implementation of [`crate::json`] (private: its public items are re-exported there).

use serde_json::{Map, Number, Value};

use crate::error_imp::{Error, ErrorCode, Result, escape_pointer_token};

/// The default size limit: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;

/// The default depth limit: 32 nested arrays or objects (the root container is depth 1).
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// The deepest nesting any caller may configure: 128. [`Limits::new`] clamps to it, because
/// dropping, comparing or serialising a [`serde_json::Value`] recurses once per level and a
/// depth in the thousands overflows the stack (a host-language binding given a huge
/// `max_depth` would otherwise crash while dropping a parsed value).
pub const MAX_DEPTH_CEILING: usize = 128;

/// The largest integer a document may contain, 2^53 − 1 (the smallest is its negation).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// 2^53 as a double: integral doubles up to this magnitude are stored as integers in `Any` mode.
const TWO_POW_53: f64 = 9_007_199_254_740_992.0;

/// Resource limits applied while parsing.
///
/// ```
/// use labourlink_protocol::json::{Limits, DEFAULT_MAX_BYTES};
/// let limits = Limits::new(64 * 1024, 8);
/// assert_eq!(limits.max_depth, 8);
/// assert_eq!(Limits::default().max_bytes, DEFAULT_MAX_BYTES);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest accepted input, in bytes.
    pub max_bytes: usize,
    /// The deepest accepted nesting of arrays and objects; the root container is depth 1.
    ///
    /// The parser itself does not recurse, but dropping, comparing or serialising a
    /// [`serde_json::Value`] does, once per level: keep this in the tens, not the thousands.
    pub max_depth: usize,
}

impl Limits {
    /// Makes limits (the struct is `#[non_exhaustive]`, so other crates build it with this).
    /// `max_depth` is clamped to [`MAX_DEPTH_CEILING`] (0 allows scalars only).
    ///
    /// ```
    /// use labourlink_protocol::json::{Limits, MAX_DEPTH_CEILING};
    /// assert_eq!(Limits::new(1024, 1_000_000).max_depth, MAX_DEPTH_CEILING);
    /// ```
    #[must_use]
    pub const fn new(max_bytes: usize, max_depth: usize) -> Self {
        let max_depth = if max_depth > MAX_DEPTH_CEILING {
            MAX_DEPTH_CEILING
        } else {
            max_depth
        };
        Self {
            max_bytes,
            max_depth,
        }
    }

    /// The depth limit actually applied: [`Limits::max_depth`] clamped to
    /// [`MAX_DEPTH_CEILING`] (the field is public and may have been set directly).
    #[must_use]
    pub const fn effective_depth(&self) -> usize {
        if self.max_depth > MAX_DEPTH_CEILING {
            MAX_DEPTH_CEILING
        } else {
            self.max_depth
        }
    }

    /// Refuses an input of `len` bytes when it is longer than [`Limits::max_bytes`]: the
    /// first check [`parse`] makes, for a caller that knows an input's length before holding
    /// its bytes (a binding that would otherwise copy a huge argument first).
    ///
    /// ```
    /// use labourlink_protocol::json::Limits;
    /// use labourlink_protocol::ErrorCode;
    /// assert!(Limits::new(10, 8).check_len(10).is_ok());
    /// assert_eq!(Limits::new(10, 8).check_len(11).unwrap_err().code(), ErrorCode::JsonTooLarge);
    /// ```
    ///
    /// # Errors
    /// `json.too_large` at the root, as [`parse`] reports it.
    pub fn check_len(&self, len: usize) -> Result<()> {
        if len > self.max_bytes {
            return Err(Error::new(
                ErrorCode::JsonTooLarge,
                format!(
                    "input is {len} bytes, more than the limit of {} bytes",
                    self.max_bytes
                ),
            )
            .at(""));
        }
        Ok(())
    }

    /// [`Limits::check_len`] for a text held as `units` UTF-16 code units (a JavaScript
    /// string): its UTF-8 form has at least one byte per unit, so more units than
    /// [`Limits::max_bytes`] is too large whatever the characters, and is refused before the
    /// text is encoded. A text within the limit in units may still be too large in bytes;
    /// [`parse`] decides that on the bytes.
    ///
    /// ```
    /// use labourlink_protocol::json::Limits;
    /// assert!(Limits::new(10, 8).check_utf16_len(10).is_ok());
    /// assert!(Limits::new(10, 8).check_utf16_len(11).is_err());
    /// ```
    ///
    /// # Errors
    /// `json.too_large` at the root.
    pub fn check_utf16_len(&self, units: usize) -> Result<()> {
        if units > self.max_bytes {
            return Err(Error::new(
                ErrorCode::JsonTooLarge,
                format!(
                    "input is a text of {units} UTF-16 code units, so at least {units} bytes of \
                     UTF-8, more than the limit of {} bytes",
                    self.max_bytes
                ),
            )
            .at(""));
        }
        Ok(())
    }
}

impl Default for Limits {
    /// [`DEFAULT_MAX_BYTES`] (1 MiB) and [`DEFAULT_MAX_DEPTH`] (32).
    fn default() -> Self {
        Self::new(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH)
    }
}

/// Refuses an in-memory value nested deeper than [`MAX_DEPTH_CEILING`] (`json.too_deep` at the
/// first place too deep), walking it without recursion: a value built in code can nest
/// deeper than any parser allows, and copying, comparing or walking it recursively would
/// overflow the stack (the root container is depth 1, as for [`Limits::max_depth`]).
///
/// ```
/// use labourlink_protocol::json::check_value_depth;
/// let mut v = serde_json::json!(1);
/// for _ in 0..200 {
///     v = serde_json::json!([v]);
/// }
/// let e = check_value_depth(&v).unwrap_err();
/// assert_eq!(e.code().as_str(), "json.too_deep");
/// assert!(check_value_depth(&serde_json::json!({"a": [1, {"b": 2}]})).is_ok());
/// ```
///
/// # Errors
/// `json.too_deep`.
pub fn check_value_depth(value: &Value) -> Result<()> {
    let mut stack: Vec<(&Value, usize)> = vec![(value, 0)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(members) => Box::new(members.values()),
            _ => continue,
        };
        let depth = depth + 1;
        if depth > MAX_DEPTH_CEILING {
            return Err(Error::new(
                ErrorCode::JsonTooDeep,
                format!("the value nests deeper than {MAX_DEPTH_CEILING} levels"),
            ));
        }
        stack.extend(children.map(|c| (c, depth)));
    }
    Ok(())
}

/// Which numbers [`parse`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    /// Integers within ±(2^53−1) only, and not `-0` (signed documents).
    IntegersOnly,
    /// Any finite IEEE 754 double (I-JSON; the `canonicalize` command).
    Any,
}

/// Parses untrusted bytes strictly (see the [module documentation](crate::json) for every rule).
///
/// ```
/// use labourlink_protocol::json::{parse, Limits, Numbers};
/// use labourlink_protocol::ErrorCode;
///
/// let v = parse(br#"{"n": 1.5e0}"#, Limits::default(), Numbers::Any).unwrap();
/// assert_eq!(v["n"], 1.5);
///
/// let err = parse(br#"{"n": 1.5}"#, Limits::default(), Numbers::IntegersOnly).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::JsonNotInteger);
/// assert_eq!(err.path(), Some("/n"));
///
/// let err = parse(b"[[1]]", Limits::new(1024, 1), Numbers::Any).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::JsonTooDeep);
/// assert_eq!(err.path(), Some("/0"));
/// ```
///
/// # Errors
///
/// `json.too_large`, `json.invalid_utf8`, `json.syntax`, `json.too_deep`, `json.duplicate_key`,
/// `json.lone_surrogate`, and for numbers `json.not_integer` and `json.integer_out_of_range`
/// (`IntegersOnly`) or `json.number_out_of_range` (`Any`).
pub fn parse(bytes: &[u8], limits: Limits, numbers: Numbers) -> Result<Value> {
    parse_with_note(bytes, limits, numbers).map(|(value, _)| value)
}

/// [`parse`], and whether nothing read kept the bytes from being RFC 8785 canonical (the
/// parser's note; meaningful with [`Numbers::IntegersOnly`] only).
fn parse_with_note(bytes: &[u8], limits: Limits, numbers: Numbers) -> Result<(Value, bool)> {
    limits.check_len(bytes.len())?;
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let mut parser = Parser::new(text, limits, numbers);
            let value = parser.parse_root()?;
            Ok((value, parser.canonical))
        }
        Err(e) => Err(utf8_error(bytes, &e, limits, numbers)),
    }
}

/// [`parse`] with [`Numbers::IntegersOnly`], also telling whether the bytes are already in the
/// RFC 8785 canonical form, noted while parsing (one pass instead of a second scan).
/// `true` means canonical. `false` means "not shown": the bytes have whitespace, members out of
/// order, an escape RFC 8785 does not write, or a member name with a supplementary character
/// (whose UTF-16 order the parser does not compare); the caller then decides by
/// canonicalising and comparing.
pub(crate) fn parse_noting_canonical(bytes: &[u8], limits: Limits) -> Result<(Value, bool)> {
    parse_with_note(bytes, limits, Numbers::IntegersOnly)
}

/// Parses a document: [`parse`] with the default [`Limits`] and [`Numbers::IntegersOnly`].
///
/// ```
/// use labourlink_protocol::json::parse_document;
/// use labourlink_protocol::ErrorCode;
///
/// let v = parse_document(br#"{"amount": 12345}"#).unwrap();
/// assert_eq!(v["amount"], 12345);
///
/// let err = parse_document(br#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::JsonDuplicateKey);
/// assert_eq!(err.path(), Some("/a/b"));
/// ```
///
/// # Errors
///
/// As [`parse`].
pub fn parse_document(bytes: &[u8]) -> Result<Value> {
    parse(bytes, Limits::default(), Numbers::IntegersOnly)
}

/// Builds the `json.invalid_utf8` error, locating it by parsing the valid prefix.
fn utf8_error(bytes: &[u8], e: &std::str::Utf8Error, limits: Limits, numbers: Numbers) -> Error {
    let offset = e.valid_up_to();
    let message = match e.error_len() {
        Some(len) => {
            let bad = bytes.get(offset..offset.saturating_add(len)).unwrap_or(&[]);
            let hex: Vec<String> = bad.iter().map(|b| format!("{b:02X}")).collect();
            format!(
                "invalid UTF-8 sequence ({}) at byte {offset}",
                hex.join(" ")
            )
        }
        None => format!("truncated UTF-8 sequence at byte {offset} (end of input)"),
    };
    let pointer = bytes
        .get(..offset)
        .and_then(|prefix| std::str::from_utf8(prefix).ok())
        .and_then(|prefix| {
            let mut parser = Parser::new(prefix, limits, numbers);
            parser.locating = true;
            // The prefix parse fails (or succeeds) as it may; only where it ran out matters.
            let _ = parser.parse_root();
            parser.eof_pointer
        })
        .unwrap_or_default();
    Error::new(ErrorCode::JsonInvalidUtf8, message).at(pointer)
}

/// The index of the first byte at or after `i` that is `"`, `\\` or a control character
/// (`bytes.len()` if none): eight bytes at a time, then byte by byte.
#[inline]
pub(crate) fn scan_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const QUOTES: u64 = ONES * b'"' as u64;
    const BACKSLASHES: u64 = ONES * b'\\' as u64;
    const SPACES: u64 = ONES * 0x20;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(word);
        let q = x ^ QUOTES;
        let b = x ^ BACKSLASHES;
        // Classic "has a zero byte" / "has a byte below n" tests; the lowest flagged byte is
        // always a real hit (borrows only propagate towards higher bytes).
        let hits = ((q.wrapping_sub(ONES) & !q)
            | (b.wrapping_sub(ONES) & !b)
            | (x.wrapping_sub(SPACES) & !x))
            & HIGHS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b'"' | b'\\' | 0x00..=0x1F) {
            return i;
        }
        i += 1;
    }
    i
}

/// An open container on the parser's explicit stack.
enum Frame {
    /// An array and the elements parsed so far (the next element's index is their count).
    Array(Vec<Value>),
    /// An object, its members so far and the name of the member whose value is being parsed.
    Object(Map<String, Value>, Option<String>),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: Limits,
    numbers: Numbers,
    stack: Vec<Frame>,
    /// Set when parsing a valid prefix to locate an invalid UTF-8 sequence.
    locating: bool,
    /// The value pointer at the place the input ran out (only recorded when `locating`).
    eof_pointer: Option<String>,
    /// Nothing read so far keeps the input from being RFC 8785 canonical (see
    /// [`parse_noting_canonical`]); meaningful with [`Numbers::IntegersOnly`] only.
    canonical: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, limits: Limits, numbers: Numbers) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            limits,
            numbers,
            stack: Vec::new(),
            locating: false,
            eof_pointer: None,
            canonical: true,
        }
    }

    fn parse_root(&mut self) -> Result<Value> {
        if self.text.starts_with('\u{feff}') {
            return Err(Error::new(
                ErrorCode::JsonSyntax,
                "a byte order mark (U+FEFF) at byte 0 is not allowed",
            )
            .at(""));
        }
        self.skip_ws();
        let value = self.parse_value()?;
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(Error::new(
                ErrorCode::JsonSyntax,
                format!(
                    "unexpected {} at byte {} after the end of the JSON value",
                    self.describe_here(),
                    self.pos
                ),
            )
            .at(""));
        }
        Ok(value)
    }

    // ---------------------------------------------------------------- the main loop

    /// Parses one complete value starting at `pos` (whitespace already skipped).
    fn parse_value(&mut self) -> Result<Value> {
        'value: loop {
            let mut value = match self.peek() {
                None => return Err(self.eof("a value")),
                Some(b'[') => {
                    self.check_depth()?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Value::Array(Vec::new())
                    } else {
                        self.stack.push(Frame::Array(Vec::new()));
                        continue 'value;
                    }
                }
                Some(b'{') => {
                    self.check_depth()?;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Object(Map::new())
                    } else {
                        self.stack.push(Frame::Object(Map::new(), None));
                        self.parse_member_name()?;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    self.pos += 1;
                    Value::String(self.parse_string()?)
                }
                Some(b'-' | b'0'..=b'9') => self.parse_number()?,
                Some(b't') => self.parse_literal("true", Value::Bool(true))?,
                Some(b'f') => self.parse_literal("false", Value::Bool(false))?,
                Some(b'n') => self.parse_literal("null", Value::Null)?,
                Some(_) => return Err(self.unexpected_value()),
            };
            // A value is complete: hand it to its container, closing containers as they end.
            loop {
                match self.stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                value = self.pop_container();
                            }
                            Some(_) => return Err(self.unexpected("',' or ']' in an array")),
                            None => return Err(self.eof("',' or ']'")),
                        }
                    }
                    Some(Frame::Object(members, name)) => {
                        if let Some(name) = name.take() {
                            members.insert(name, value);
                        }
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                self.parse_member_name()?;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                value = self.pop_container();
                            }
                            Some(_) => return Err(self.unexpected("',' or '}' in an object")),
                            None => return Err(self.eof("',' or '}'")),
                        }
                    }
                }
            }
        }
    }

    fn check_depth(&self) -> Result<()> {
        if self.stack.len() >= self.limits.effective_depth() {
            return Err(Error::new(
                ErrorCode::JsonTooDeep,
                format!(
                    "arrays and objects are nested deeper than the limit of {} (at byte {})",
                    self.limits.effective_depth(),
                    self.pos
                ),
            )
            .at(self.value_pointer()));
        }
        Ok(())
    }

    fn pop_container(&mut self) -> Value {
        match self.stack.pop() {
            Some(Frame::Array(items)) => Value::Array(items),
            Some(Frame::Object(members, _)) => Value::Object(members),
            // Only called with a container open; `null` keeps this path panic-free.
            None => Value::Null,
        }
    }

    /// Parses `"name"` `:` of an object member (the object is on top of the stack) and leaves
    /// `pos` at the member's value.
    fn parse_member_name(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'"') => self.pos += 1,
            Some(b'}') => {
                return Err(self.syntax(format!(
                    "trailing comma before '}}' at byte {} is not allowed",
                    self.pos
                )));
            }
            Some(_) => return Err(self.unexpected("a member name (a double-quoted string)")),
            None => return Err(self.eof("a member name")),
        }
        let name = self.parse_string()?;
        if let Some(Frame::Object(members, _)) = self.stack.last() {
            // Members usually come in order (a canonical payload's always do): a name after
            // the greatest one so far cannot be a duplicate, and that is one comparison
            // instead of a search.
            let after_last = members.keys().next_back().is_none_or(|last| *last < name);
            // RFC 8785 orders names by UTF-16 code units, which is the UTF-8 byte order
            // compared here unless a supplementary character (a lead byte 0xF0–0xF4) occurs.
            if !after_last || name.bytes().any(|b| b >= 0xF0) {
                self.canonical = false;
            }
            if !after_last && members.contains_key(&name) {
                let pointer = format!("{}/{}", self.value_pointer(), escape_pointer_token(&name));
                return Err(Error::new(
                    ErrorCode::JsonDuplicateKey,
                    format!(
                        "duplicate member name {:?} (ending at byte {})",
                        name, self.pos
                    ),
                )
                .at(pointer));
            }
        }
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(self.unexpected("':' after a member name")),
            None => return Err(self.eof("':'")),
        }
        self.skip_ws();
        if let Some(Frame::Object(_, pending)) = self.stack.last_mut() {
            *pending = Some(name);
        }
        Ok(())
    }

    // ---------------------------------------------------------------- scalars

    /// Parses a string; `pos` is just after the opening quote.
    fn parse_string(&mut self) -> Result<String> {
        let start = self.pos;
        // Fast path: no escapes.
        let i = scan_plain(self.bytes, start);
        match self.bytes.get(i) {
            None => {
                self.pos = i;
                return Err(self.eof("'\"' closing a string"));
            }
            Some(b'"') => {
                let s = self.slice(start, i)?;
                self.pos = i + 1;
                return Ok(s.to_owned());
            }
            Some(_) => {}
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.slice(start, i)?);
        self.pos = i;
        loop {
            match self.peek() {
                None => return Err(self.eof("'\"' closing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.parse_escape(&mut out)?,
                Some(b) if b < 0x20 => {
                    return Err(self.syntax(format!(
                        "unescaped control character U+{:04X} in a string at byte {}",
                        b, self.pos
                    )));
                }
                Some(_) => {
                    let seg_start = self.pos;
                    let j = scan_plain(self.bytes, seg_start);
                    out.push_str(self.slice(seg_start, j)?);
                    self.pos = j;
                }
            }
        }
    }

    /// Parses one escape; `pos` is at the backslash.
    fn parse_escape(&mut self, out: &mut String) -> Result<()> {
        let escape_at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            None => return Err(self.eof("an escape character")),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => {
                // RFC 8785 writes '/' unescaped.
                self.canonical = false;
                '/'
            }
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                // RFC 8785 writes `\u` only for control characters without a short form, as
                // `\u00` and two lowercase hex digits.
                let written = match self.bytes.get(self.pos..self.pos + 4) {
                    Some(
                        [
                            b'0',
                            b'0',
                            hi @ (b'0' | b'1'),
                            lo @ (b'0'..=b'9' | b'a'..=b'f'),
                        ],
                    ) => !matches!((hi, lo), (b'0', b'8' | b'9' | b'a' | b'c' | b'd')),
                    _ => false,
                };
                if !written {
                    self.canonical = false;
                }
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF => self.low_surrogate(unit, escape_at)?,
                    0xDC00..=0xDFFF => {
                        return Err(self.lone_surrogate(format!(
                            "low surrogate escape \\u{unit:04X} at byte {escape_at} without a preceding high surrogate"
                        )));
                    }
                    _ => char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'),
                };
                out.push(c);
                return Ok(());
            }
            Some(_) => {
                return Err(self.syntax(format!(
                    "invalid escape \\{} at byte {}",
                    self.describe_char(),
                    escape_at
                )));
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    /// After a high surrogate escape, requires `\uDC00`–`\uDFFF` and returns the pair's char.
    fn low_surrogate(&mut self, high: u16, escape_at: usize) -> Result<char> {
        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u".as_slice()) {
            if self.pos >= self.bytes.len() {
                return Err(self.eof("a low surrogate escape"));
            }
            return Err(self.lone_surrogate(format!(
                "high surrogate escape \\u{high:04X} at byte {escape_at} is not followed by a low surrogate escape"
            )));
        }
        self.pos += 2;
        let low = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return Err(self.lone_surrogate(format!(
                "high surrogate escape \\u{high:04X} at byte {escape_at} is followed by \\u{low:04X}, not by a low surrogate"
            )));
        }
        let scalar = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        Ok(char::from_u32(scalar).unwrap_or('\u{fffd}'))
    }

    /// Reads the four hex digits of a `\u` escape at `pos`.
    fn hex4(&mut self) -> Result<u16> {
        let mut unit: u16 = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.eof("four hex digits after \\u")),
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                Some(_) => return Err(self.unexpected("a hex digit in a \\u escape")),
            };
            unit = (unit << 4) | u16::from(digit);
            self.pos += 1;
        }
        Ok(unit)
    }

    fn parse_literal(&mut self, word: &'static str, value: Value) -> Result<Value> {
        let end = self.pos + word.len();
        match self.bytes.get(self.pos..end) {
            Some(b) if b == word.as_bytes() => {
                self.pos = end;
                Ok(value)
            }
            None if word
                .as_bytes()
                .starts_with(self.bytes.get(self.pos..).unwrap_or(&[])) =>
            {
                self.pos = self.bytes.len();
                Err(self.eof(word))
            }
            _ => Err(self.syntax(format!(
                "invalid literal at byte {} (expected {word})",
                self.pos
            ))),
        }
    }

    fn parse_number(&mut self) -> Result<Value> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.syntax(format!(
                        "leading zeros are not allowed in numbers (at byte {start})"
                    )));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            None => return Err(self.eof("a digit after '-'")),
            Some(_) => {
                if self.rest().starts_with(b"Infinity") {
                    return Err(self.syntax(format!("-Infinity is not JSON (at byte {start})")));
                }
                return Err(self.unexpected("a digit after '-'"));
            }
        }
        let int_end = self.pos;
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            match self.peek() {
                Some(b'0'..=b'9') => self.skip_digits(),
                None => return Err(self.eof("a digit after the decimal point")),
                Some(_) => return Err(self.unexpected("a digit after the decimal point")),
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integral = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            match self.peek() {
                Some(b'0'..=b'9') => self.skip_digits(),
                None => return Err(self.eof("a digit in the exponent")),
                Some(_) => return Err(self.unexpected("a digit in the exponent")),
            }
        }
        let digits = self.bytes.get(int_start..int_end).unwrap_or(&[]);
        match self.numbers {
            Numbers::IntegersOnly => {
                // The number itself is never quoted: it may be an identity or phone number.
                let chars = self.pos - start;
                if !integral {
                    return Err(Error::new(
                        ErrorCode::JsonNotInteger,
                        format!(
                            "the number at byte {start} ({chars} characters) has a fraction or exponent; documents allow only integers"
                        ),
                    )
                    .at(self.value_pointer()));
                }
                let magnitude = small_magnitude(digits).filter(|&m| m <= MAX_SAFE_INTEGER);
                let Some(magnitude) = magnitude else {
                    return Err(Error::new(
                        ErrorCode::JsonIntegerOutOfRange,
                        format!(
                            "the integer at byte {start} ({} digits) is outside ±(2^53−1) = ±{MAX_SAFE_INTEGER}; identifiers such as citizen ID numbers are strings",
                            digits.len()
                        ),
                    )
                    .at(self.value_pointer()));
                };
                if negative && magnitude == 0 {
                    return Err(Error::new(
                        ErrorCode::JsonNotInteger,
                        format!("-0 at byte {start} is not an integer; write 0"),
                    )
                    .at(self.value_pointer()));
                }
                Ok(Value::from(if negative { -magnitude } else { magnitude }))
            }
            Numbers::Any => {
                if integral && digits.len() <= 15 {
                    if let Some(magnitude) = small_magnitude(digits) {
                        if negative && magnitude == 0 {
                            if let Some(n) = Number::from_f64(-0.0) {
                                return Ok(Value::Number(n));
                            }
                        }
                        return Ok(Value::from(if negative { -magnitude } else { magnitude }));
                    }
                }
                let literal = self.slice(start, self.pos)?;
                let chars = literal.len();
                let parsed: f64 = match literal.parse() {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(self.syntax(format!(
                            "invalid number at byte {start} ({chars} characters)"
                        )));
                    }
                };
                match double_value(parsed) {
                    Some(v) => Ok(v),
                    None => Err(Error::new(
                        ErrorCode::JsonNumberOutOfRange,
                        format!(
                            "the number at byte {start} ({chars} characters) is not representable as a finite IEEE 754 double"
                        ),
                    )
                    .at(self.value_pointer())),
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
            self.canonical = false;
        }
    }

    #[inline]
    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// `text[start..end]`; both ends sit next to ASCII bytes, hence on char boundaries.
    fn slice(&self, start: usize, end: usize) -> Result<&'a str> {
        self.text.get(start..end).ok_or_else(|| {
            self.syntax(format!(
                "internal error: byte range {start}..{end} is not on character boundaries"
            ))
        })
    }

    /// Pointer of the value being parsed: every open container's current child.
    fn value_pointer(&self) -> String {
        pointer_of(&self.stack)
    }

    /// Pointer of the innermost open container (`""` at the root).
    fn container_pointer(&self) -> String {
        match self.stack.split_last() {
            Some((_, outer)) => pointer_of(outer),
            None => String::new(),
        }
    }

    fn syntax(&self, message: String) -> Error {
        Error::new(ErrorCode::JsonSyntax, message).at(self.container_pointer())
    }

    fn lone_surrogate(&self, message: String) -> Error {
        Error::new(ErrorCode::JsonLoneSurrogate, message).at(self.value_pointer())
    }

    fn eof(&mut self, expected: &str) -> Error {
        if self.locating {
            self.eof_pointer = Some(self.value_pointer());
        }
        self.syntax(format!(
            "unexpected end of input at byte {} (expected {expected})",
            self.pos
        ))
    }

    fn unexpected(&self, expected: &str) -> Error {
        self.syntax(format!(
            "unexpected {} at byte {} (expected {expected})",
            self.describe_here(),
            self.pos
        ))
    }

    /// The error for a byte that cannot start a value.
    fn unexpected_value(&self) -> Error {
        let rest = self.rest();
        let what = if rest.starts_with(b"NaN") {
            "NaN is not JSON".to_owned()
        } else if rest.starts_with(b"Infinity") {
            "Infinity is not JSON".to_owned()
        } else {
            match self.peek() {
                Some(b']' | b'}') => {
                    "trailing commas and missing values are not allowed".to_owned()
                }
                Some(b'+') => "a number must not start with '+'".to_owned(),
                Some(b'.') => "a number must start with a digit, not '.'".to_owned(),
                Some(b'\'') => "single-quoted strings are not JSON".to_owned(),
                _ => format!("unexpected {}, expected a value", self.describe_here()),
            }
        };
        self.syntax(format!("{what} (at byte {})", self.pos))
    }

    /// The character at `pos`, for messages.
    fn describe_char(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_ascii_graphic() => c.to_string(),
            Some(c) => format!("U+{:04X}", u32::from(c)),
            None => "end of input".to_owned(),
        }
    }

    /// The character at `pos` quoted, with a hint for comments.
    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some('/') => "'/' (comments are not JSON)".to_owned(),
            Some('\u{feff}') => "U+FEFF (byte order mark)".to_owned(),
            Some(c) if c.is_ascii_graphic() => format!("'{c}'"),
            Some(c) => format!("U+{:04X}", u32::from(c)),
            None => "end of input".to_owned(),
        }
    }
}

/// The RFC 6901 pointer formed by the current child of each frame.
fn pointer_of(frames: &[Frame]) -> String {
    let mut pointer = String::new();
    for frame in frames {
        match frame {
            Frame::Array(items) => {
                pointer.push('/');
                pointer.push_str(&items.len().to_string());
            }
            Frame::Object(_, Some(name)) => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(name));
            }
            Frame::Object(_, None) => {}
        }
    }
    pointer
}

/// The value of at most 16 ASCII digits (no leading zeros, so 17+ digits exceed 2^53).
fn small_magnitude(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut value: i64 = 0;
    for &d in digits {
        value = value * 10 + i64::from(d.wrapping_sub(b'0'));
    }
    Some(value)
}

/// A finite double as a value: integral magnitudes up to 2^53 as integers, the rest as `f64`.
fn double_value(v: f64) -> Option<Value> {
    if !v.is_finite() {
        return None;
    }
    if v.trunc() == v && v.abs() <= TWO_POW_53 && !(v == 0.0 && v.is_sign_negative()) {
        // Exact: |v| ≤ 2^53 and integral.
        #[allow(clippy::cast_possible_truncation)]
        let i = v as i64;
        return Some(Value::from(i));
    }
    Number::from_f64(v).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_notes_canonical_form() {
        let noted = |text: &str| {
            parse_noting_canonical(text.as_bytes(), Limits::default())
                .unwrap()
                .1
        };
        for canonical in [
            r#"{"a":[1,"x",true,null],"b":{"c":-5}}"#,
            r#"{"a":"\"\\\b\f\n\r\t\u001f\u0000"}"#,
            r#"{"\n":1,"a":2}"#,
            "{\"a\":\"é中\u{7f}😀\"}",
            r#"[]"#,
            r#"7"#,
        ] {
            assert!(noted(canonical), "{canonical}");
        }
        for not_shown in [
            r#"{"a": 1}"#,
            r#" {"a":1}"#,
            r#"{"a":1}
"#,
            r#"{"b":1,"a":2}"#,
            r#"{"a":"\/"}"#,
            r#"{"a":"\u0041"}"#,
            r#"{"a":"\u001F"}"#,
            r#"{"a":"\u000a"}"#,
            r#"{"a":"\u00e9"}"#,
            r#"{"a":"\u007f"}"#,
            r#"{"a":"\ud83d\ude00"}"#,
            // UTF-16 order is not compared for supplementary characters: the caller decides.
            r#"{"a":1,"😀":2}"#,
        ] {
            assert!(!noted(not_shown), "{not_shown}");
        }
        // Errors are the parser's, whatever the form.
        assert_eq!(
            parse_noting_canonical(br#"{"a":1,"a":2}"#, Limits::default())
                .unwrap_err()
                .code(),
            ErrorCode::JsonDuplicateKey
        );
        assert_eq!(
            parse_noting_canonical(b"{\"a\":1}", Limits::new(4, 8))
                .unwrap_err()
                .code(),
            ErrorCode::JsonTooLarge
        );
    }

    /// Duplicates are found whatever the order of the members (the in-order fast path skips
    /// the search only for a name after every earlier one).
    #[test]
    fn duplicates_in_any_order() {
        for (doc, at) in [
            (r#"{"b":1,"a":2,"b":3}"#, "/b"),
            (r#"{"b":1,"a":2,"a":3}"#, "/a"),
            (r#"{"a":1,"c":2,"b":3,"c":4}"#, "/c"),
            (r#"{"a":1,"a":2}"#, "/a"),
            (r#"{"a":1,"b":2,"c":3,"b":4}"#, "/b"),
            (r#"{"a":1,"b":2,"c":3,"a":4}"#, "/a"),
            (r#"{"x":{"b":1,"a":{},"b":2}}"#, "/x/b"),
        ] {
            let err = parse_document(doc.as_bytes()).unwrap_err();
            assert_eq!(err.code(), ErrorCode::JsonDuplicateKey, "{doc}");
            assert_eq!(err.path(), Some(at), "{doc}");
        }
        for doc in [
            r#"{"a":1,"b":2,"c":3}"#,
            r#"{"c":1,"b":2,"a":3}"#,
            r#"{"b":1,"a":2,"c":3}"#,
        ] {
            assert!(parse_document(doc.as_bytes()).is_ok(), "{doc}");
        }
    }

    /// In order, out of order from the first member or from a later one, nested, large and
    /// reversed: every object holds the same members as serde_json reads.
    #[test]
    fn objects_in_any_order_hold_every_member() {
        let reversed: String = {
            let members: Vec<String> = (0..2000)
                .rev()
                .map(|i| format!("\"k{i:04}\":{i}"))
                .collect();
            format!("{{{}}}", members.join(","))
        };
        for doc in [
            r#"{"a":1,"b":{"x":[{"q":1,"p":2}],"w":null},"c":"s"}"#,
            r#"{"c":1,"b":2,"a":3}"#,
            r#"{"a":1,"b":2,"d":4,"c":3,"e":{"z":1,"y":2}}"#,
            r#"{"":0,"a":{},"b":[]}"#,
            reversed.as_str(),
        ] {
            let ours = parse_document(doc.as_bytes()).unwrap();
            let theirs: Value = serde_json::from_str(doc).unwrap();
            assert_eq!(ours, theirs, "{doc}");
        }
    }

    /// `scan_plain` finds the first `"`, `\\` or control character wherever it falls: in an
    /// eight-byte word or in the tail, next to every kind of byte that must not stop it.
    #[test]
    fn scan_plain_finds_the_first_stop_byte_anywhere() {
        let naive = |bytes: &[u8], from: usize| {
            bytes
                .iter()
                .skip(from)
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .map_or(bytes.len(), |p| p + from)
        };
        let plain = [b' ', b'!', b'#', b'[', b']', b'A', 0x7F, 0x80, 0xE4, 0xFF];
        for stop in [b'"', b'\\', 0x00, 0x0A, 0x1F] {
            for len in 0..200_usize {
                for at in (0..len).step_by(7).chain([len.saturating_sub(1)]) {
                    let mut bytes: Vec<u8> = (0..len).map(|i| plain[i % plain.len()]).collect();
                    if let Some(b) = bytes.get_mut(at) {
                        *b = stop;
                    }
                    for from in [0, 1, 9, 63, 64, 65] {
                        if from <= len {
                            assert_eq!(
                                scan_plain(&bytes, from),
                                naive(&bytes, from),
                                "stop {stop:#04x} at {at} of {len}, from {from}"
                            );
                        }
                    }
                }
            }
        }
        // No stop byte at all: the end.
        let bytes = vec![b'a'; 1000];
        assert_eq!(scan_plain(&bytes, 0), 1000);
    }

    #[test]
    fn numbers_are_never_quoted_in_errors() {
        // A citizen ID number written as a JSON number, or a phone number with ".0": the
        // message says where and how long, never the digits (personal data).
        for (text, numbers, code) in [
            (
                &br#"{"id": 513401199807120313}"#[..],
                Numbers::IntegersOnly,
                ErrorCode::JsonIntegerOutOfRange,
            ),
            (
                br#"{"phone": 13800000001.0}"#,
                Numbers::IntegersOnly,
                ErrorCode::JsonNotInteger,
            ),
            (
                br#"{"n": 1e999513401}"#,
                Numbers::Any,
                ErrorCode::JsonNumberOutOfRange,
            ),
        ] {
            let e = parse(text, Limits::default(), numbers).unwrap_err();
            assert_eq!(e.code(), code);
            for digits in ["5134011998", "1380000000", "999513401"] {
                assert!(!e.message().contains(digits), "{}", e.message());
            }
        }
    }

    #[test]
    fn pointer_escaping_in_errors() {
        let err = parse_document(br#"{"a/b":{"c~d":[1.5]}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/a~1b/c~0d/0"));
    }

    #[test]
    fn any_mode_number_storage() {
        let v = parse(
            b"[1.0, 1e2, -0, 0.5, 9007199254740993, 1e300]",
            Limits::default(),
            Numbers::Any,
        )
        .unwrap();
        assert!(v[0].is_i64() && v[0] == 1);
        assert!(v[1].is_i64() && v[1] == 100);
        assert!(v[2].is_f64() && v[2].as_f64().unwrap().is_sign_negative());
        assert!(v[3].is_f64());
        assert_eq!(v[4].as_i64(), Some(9_007_199_254_740_992));
        assert!(v[5].is_f64());
    }
}
