// The shared conformance vectors (conformance/vectors/), read directly and run through
// harness.mjs's execute() — the package's public API — then compared as the runner does:
// exact text for canonicalize and sign, accepted + digest/type/id/signers or the error code for
// verify (an error path that differs is only a note there; here it must match too).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execute, FEATURES, Unsupported } from "../harness.mjs";
import { pkgDir } from "./readme.mjs";

const root = join(pkgDir, "..", "conformance");
const vectorsDir = join(root, "vectors");
const keysDir = join(root, "keys");

function jsonFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return jsonFiles(p);
      return name.endsWith(".json") ? [p] : [];
    });
}

function registry() {
  const keys = new Map();
  for (const name of readdirSync(keysDir).filter((n) => n.endsWith(".json"))) {
    const k = JSON.parse(readFileSync(join(keysDir, name), "utf8"));
    if (typeof k.kid !== "string") continue;
    if (k.private_pem_file) k.private_pem = readFileSync(join(keysDir, k.private_pem_file), "utf8");
    keys.set(k.kid, k);
  }
  return keys;
}

/** Why the harness cannot run a vector (conformance/src/runner.rs required_features), or false. */
// Vectors a JavaScript binding cannot express, with the reason (shared with .ci/run's --xfail).
const KNOWN_LIMITS = new Map(
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "conformance-xfail.json"), "utf8")).map(
    (e) => [e.id, e.reason],
  ),
);

function unsupported(v) {
  if (KNOWN_LIMITS.has(v.id)) return KNOWN_LIMITS.get(v.id);
  if (v.kind !== "verify") return false;
  const needs = [];
  if (Object.values(v.input?.context?.stages ?? {}).some((on) => on === true)) needs.push("verify.stages");
  if (v.input?.earlier !== undefined || v.input?.earlier_b64 !== undefined) needs.push("verify.earlier");
  const missing = needs.filter((f) => !FEATURES.includes(f));
  return missing.length ? `needs ${missing.join(", ")}` : false;
}

/** The case a harness receives (conformance/src/vectors.rs `resolve`). */
function resolve(vector, keys) {
  const c = structuredClone({ id: vector.id, area: vector.area, kind: vector.kind, input: vector.input });
  for (const l of [...(c.input.trust_lists ?? []), ...(c.input.reference_data ?? [])]) {
    if (l.jws === undefined && l.file) l.jws = readFileSync(join(keysDir, l.file), "utf8").trimEnd();
  }
  const ctx = c.input.context;
  if (ctx && Array.isArray(ctx.anchors)) {
    ctx.anchor_jwks = ctx.anchors.map((kid) => {
      assert.ok(keys.has(kid), `no test key ${kid}`);
      return keys.get(kid).public_jwk;
    });
  }
  if (Array.isArray(c.input.signers)) {
    c.input.signer_keys = c.input.signers.map((kid) => {
      const k = keys.get(kid);
      assert.ok(k, `no test key ${kid}`);
      return { kid: k.kid, alg: k.alg, public_jwk: k.public_jwk, seed_hex: k.seed_hex, private_pem: k.private_pem };
    });
  }
  return c;
}

/** Findings as a set of "code path [severity]" strings (conformance/src/compare.rs finding_set). */
function set(list, severity = false) {
  return [...new Set((list ?? []).map((f) => `${f.code} ${f.path || '""'}${severity ? ` ${f.severity ?? "error"}` : ""}`))].sort();
}

function check(vector, result) {
  const exp = vector.expected;
  if (exp.error !== undefined) {
    assert.equal(result.error, exp.error, `expected error ${exp.error}, got ${JSON.stringify(result)}`);
    if (exp.path !== undefined) assert.equal(result.path, exp.path, "error path");
    if (vector.kind === "verify") assert.equal(result.accepted, false);
    if (exp.violations !== undefined) assert.deepEqual(set(result.violations), set(exp.violations), "violations");
    return;
  }
  switch (vector.kind) {
    case "canonicalize":
      assert.equal(result.canonical, exp.canonical, JSON.stringify(result));
      break;
    case "sign":
      assert.equal(result.jws, exp.jws, JSON.stringify(result));
      break;
    case "verify":
      assert.equal(result.accepted, true, `expected accepted, got ${JSON.stringify(result)}`);
      for (const m of ["digest", "type", "id", "signers"]) {
        if (exp[m] !== undefined) assert.deepEqual(result[m], exp[m], m);
      }
      assert.deepEqual(set(result.warnings), set(exp.warnings), "warnings");
      break;
    case "validate":
      assert.equal(result.valid, exp.valid, JSON.stringify(result));
      assert.deepEqual(set(result.findings, true), set(exp.findings, true), "findings");
      break;
    default:
      assert.fail(`unknown kind ${vector.kind}`);
  }
}

const present = existsSync(vectorsDir);
const vectors = present ? jsonFiles(vectorsDir).map((p) => JSON.parse(readFileSync(p, "utf8"))) : [];
const keys = present ? registry() : new Map();

test("the conformance vectors are there", { skip: !present && "no conformance/vectors/" }, () => {
  assert.ok(vectors.length >= 100, `${vectors.length} vectors`);
});

const byArea = Map.groupBy ? Map.groupBy(vectors, (v) => v.area) : groupBy(vectors);
function groupBy(list) {
  const m = new Map();
  for (const v of list) m.set(v.area, [...(m.get(v.area) ?? []), v]);
  return m;
}

for (const [area, list] of byArea) {
  test(`conformance: ${area}`, async (t) => {
    for (const v of list) {
      await t.test(`${v.id} [${v.requirements.join(", ")}]`, { skip: unsupported(v) }, (tt) => {
        let result;
        try {
          result = execute(resolve(v, keys));
        } catch (e) {
          if (e instanceof Unsupported) return tt.skip(e.message);
          throw e;
        }
        check(v, result);
      });
    }
  });
}
