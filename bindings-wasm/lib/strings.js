// String helpers the WebAssembly module imports (wasm-bindgen `raw_module`).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string has a UTF-8 form (no lone surrogate). `String.prototype.isWellFormed` where
 * the engine has it (ES2024), a regular expression elsewhere — in one call, where checking from
 * WebAssembly would cost one call per UTF-16 code unit.
 * @internal
 */
export const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (s) => s.isWellFormed()
    : (s) => !LONE_SURROGATE.test(s);

const ENCODER = new TextEncoder();

/**
 * The UTF-8 bytes of a well-formed string (the caller checks `isWellFormed` first: the encoder
 * would replace a lone surrogate with U+FFFD). The engine's native encoder, where wasm-bindgen's
 * string passing copies one UTF-16 code unit at a time.
 * @internal
 */
export const utf8 = (s) => ENCODER.encode(s);

/**
 * `TextEncoder.encodeInto` of a well-formed string into `capacity` bytes of WebAssembly memory at
 * `at` (`memory.buffer` read now: the module's memory may have grown since the last call);
 * returns the number of bytes written. The module passes three bytes per UTF-16 code unit, the
 * most UTF-8 needs, so the whole string fits.
 * @internal
 */
export const utf8Into = (s, memory, at, capacity) =>
  ENCODER.encodeInto(s, new Uint8Array(memory.buffer, at, capacity)).written;
