// (b) The Node peer stack: jose + canonicalize + ajv (draft 2020-12, ajv-formats) doing
// labourlink's core work, message by message: parse the JWS (general JSON serialization), find
// the key by kid, verify the Ed25519 signature (jose.generalVerify), decode the payload,
// re-canonicalise it (canonicalize) and compare with the received text, validate the body
// against its type's schema (every $ref resolved from schemas/). Like the Python stack it skips
// the envelope, key validity and trust-list checks that labourlink does. With --no-schema the
// schema validation is left out (signature and canonical form only).
//
//   node node_stack.mjs DIR SIZE SECONDS [--no-schema]        (see common.mjs)
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as jose from "jose";
import canonicalize from "canonicalize";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { args, run } from "./common.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { dir, noSchema } = args();

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const ids = new Map();
for (const f of readdirSync(join(ROOT, "schemas")).sort()) {
  if (!f.endsWith(".schema.json")) continue;
  const s = JSON.parse(readFileSync(join(ROOT, "schemas", f), "utf8"));
  ajv.addSchema(s);
  ids.set(f.slice(0, -".schema.json".length), s.$id);
}
const validators = new Map();
for (const [type, id] of ids) {
  if (!["defs", "envelope", "flows"].includes(type)) validators.set(type, ajv.getSchema(id));
}

const keys = new Map();
for (const jwk of JSON.parse(readFileSync(join(dir, "keys.json"), "utf8")).keys) {
  keys.set(jwk.kid, await jose.importJWK(jwk, "Ed25519"));
}
const getKey = (header) => {
  const k = keys.get(header.kid);
  if (!k) throw new Error(`unknown kid ${header.kid}`);
  return k;
};
const decoder = new TextDecoder();

async function verify(message) {
  const { payload } = await jose.generalVerify(JSON.parse(message), getKey, {
    algorithms: ["Ed25519"],
  });
  const text = decoder.decode(payload);
  const doc = JSON.parse(text);
  if (canonicalize(doc) !== text) throw new Error("payload is not canonical");
  if (noSchema) return;
  const validate = validators.get(doc.type);
  if (!validate(doc.body)) throw new Error(ajv.errorsText(validate.errors));
}

if (noSchema) {
  await run("node: jose + canonicalize, no schema", verify, "signature and canonical form only");
} else {
  await run("node: jose + canonicalize + ajv", verify);
}
