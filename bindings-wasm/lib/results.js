// Result objects the WebAssembly module builds through an import (wasm-bindgen `raw_module`).

import * as wasm from "../pkg/labourlink_wasm.js";

const DECODER = new TextDecoder("utf-8", { fatal: true });

/**
 * The plain result object of `Verifier.verify` and its siblings: `{document, body, type, id,
 * digest, issuedAt, signers, warnings}`. `document` and `body` are computed on first access from
 * `json` (the UTF-8 bytes of the verified document: the payload as signed, its RFC 8785
 * canonical form, so members come in canonical order) and cached: a caller that only reads
 * `type`, `id`, `signers` or `warnings` never pays for decoding and `JSON.parse`. Both are enumerable accessors
 * (`JSON.stringify`, spread, `structuredClone` and `assert.deepEqual` read them); assigning one
 * replaces it with a plain data property.
 * `body` is the same object as `document.body`, as when the values were eager. `digest` (SHA-256
 * of the payload, base64url) is computed by the module on first read, from the same bytes, and
 * cached: verification itself never needs it without a replay guard.
 * @internal
 */
export function verifiedResult(json, type, id, knownDigest, issuedAt, signersJson, warnings) {
  // `json` is a view of WebAssembly memory, valid during this call only: copy it.
  let bytes = json.slice();
  let document;
  let body;
  // The digest when the verifier computed it (its replay guard), else computed on first read.
  let digest = knownDigest ?? undefined;
  const parse = () => {
    if (document === undefined) {
      document = JSON.parse(DECODER.decode(bytes));
      body = document.body;
      if (digest !== undefined) bytes = undefined;
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
    get digest() {
      if (digest === undefined) {
        digest = wasm._payloadDigest(bytes);
        if (document !== undefined) bytes = undefined;
      }
      return digest;
    },
    set digest(value) {
      Object.defineProperty(this, "digest", { value, writable: true, enumerable: true, configurable: true });
    },
    issuedAt,
    // `[{kid, alg, region, agency}, ...]` as JSON text: one parse instead of an object and four
    // property sets per signer across the boundary.
    signers: JSON.parse(signersJson),
    warnings: warnings ?? [],
  };
}
