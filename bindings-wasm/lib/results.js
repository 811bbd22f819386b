// Result objects the WebAssembly module builds through an import (wasm-bindgen `raw_module`).

/**
 * The plain result object of `Verifier.verify` and its siblings: `{document, body, type, id,
 * digest, issuedAt, signers, warnings}`. `document` and `body` are computed on first access from
 * `json` (the core's serialisation of the verified document, made when the message was
 * accepted) and cached: a caller that only reads `type`, `id`, `signers` or `warnings` never
 * pays for `JSON.parse`. Both are enumerable accessors (`JSON.stringify`, spread, `structuredClone`
 * and `assert.deepEqual` read them); assigning one replaces it with a plain data property.
 * `body` is the same object as `document.body`, as when the values were eager.
 * @internal
 */
export function verifiedResult(json, type, id, digest, issuedAt, signers, warnings) {
  let document;
  let body;
  const parse = () => {
    if (document === undefined) {
      document = JSON.parse(json);
      body = document.body;
    }
  };
  return {
    get document() {
      parse();
      return document;
    },
    set document(value) {
      Object.defineProperty(this, "document", { value, writable: true, enumerable: true, configurable: true });
    },
    get body() {
      parse();
      return body;
    },
    set body(value) {
      Object.defineProperty(this, "body", { value, writable: true, enumerable: true, configurable: true });
    },
    type,
    id,
    digest,
    issuedAt,
    signers,
    warnings,
  };
}
