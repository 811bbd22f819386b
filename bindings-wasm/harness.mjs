#!/usr/bin/env node
// The conformance-suite harness of the npm package (conformance/README.md, conformance/protocol/):
// newline-delimited JSON on stdin/stdout, answered with the package's public API only.
//
//   labourlink conformance run --harness 'node bindings-wasm/harness.mjs'
//
// `execute(case)` is exported for tests/conformance.test.mjs, which runs the vectors directly.
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { canonicalize, LabourlinkError, ReferenceData, ReplayGuard, sign, SigningKey, TrustList, validate, Verifier } from "labourlink";

const KINDS = ["canonicalize", "sign", "verify", "validate"];
// Protocol features (conformance/src/runner.rs FEATURES) this harness supports.
export const FEATURES = ["verify.stages", "verify.earlier"];

class CaseError extends Error {}

/** A case this harness does not support (answered `skipped`). */
export class Unsupported extends Error {}

function bytesOf(input, name) {
  if (typeof input[name] === "string") return new TextEncoder().encode(input[name]);
  if (typeof input[`${name}_b64`] === "string") return new Uint8Array(Buffer.from(input[`${name}_b64`], "base64"));
  throw new CaseError(`input has neither ${name} nor ${name}_b64`);
}

const codePaths = (list) => list.map((v) => ({ code: v.code, path: v.path }));

/** A labourlink rejection as the protocol's `{error, path?, violations?}`; anything else is a harness failure. */
function rejection(e) {
  if (!(e instanceof LabourlinkError)) throw e;
  const out = { error: e.code };
  if (e.path !== null) out.path = e.path;
  if (e.violations.length) out.violations = codePaths(e.violations);
  return out;
}

function validateCase(input) {
  if (!("document" in input)) throw new CaseError("validate input has no document");
  const report = validate(input.document);
  return {
    valid: report.valid,
    findings: report.findings.map((f) => ({ code: f.code, path: f.path, severity: f.severity })),
  };
}

function canonicalizeCase(input) {
  try {
    return { canonical: new TextDecoder("utf-8", { fatal: true }).decode(canonicalize(bytesOf(input, "text"))) };
  } catch (e) {
    return rejection(e);
  }
}

function signingKey(k) {
  if (typeof k.seed_hex === "string") return SigningKey.fromSeed(new Uint8Array(Buffer.from(k.seed_hex, "hex")), k.kid);
  if (typeof k.private_pem === "string") return SigningKey.fromPem(k.private_pem, k.kid);
  throw new CaseError(`key ${k.kid} has no private material`);
}

function signCase(input) {
  if (!Array.isArray(input.signer_keys)) throw new CaseError("sign input has no signer_keys");
  const keys = input.signer_keys.map(signingKey);
  try {
    return { jws: sign(input.document, keys) };
  } catch (e) {
    return rejection(e);
  } finally {
    keys.forEach((k) => k.free());
  }
}

/** `from` of the message's payload (`{region, agency}`) as far as it can be read: test setup only. */
function messageIssuer(message) {
  try {
    const jws = JSON.parse(new TextDecoder().decode(message));
    const from = JSON.parse(Buffer.from(jws.payload, "base64url").toString("utf8")).from;
    if (typeof from.region === "string" && typeof from.agency === "string") return { region: from.region, agency: from.agency };
  } catch {}
  return { region: "", agency: "" };
}

function verifyCase(input) {
  const message = bytesOf(input, "message");
  const ctx = input.context;
  if (!ctx || typeof ctx.now !== "string") throw new CaseError("verify input has no context.now");
  if (!Array.isArray(ctx.anchor_jwks)) throw new CaseError("context.anchor_jwks is missing");
  const lists = input.trust_lists;
  if (!Array.isArray(lists) || lists.length === 0) throw new CaseError("input.trust_lists is empty");
  const stages = ctx.stages ?? {};
  for (const [name, on] of Object.entries(stages)) {
    if (on === true && name !== "schema" && name !== "rules") throw new Unsupported(`no stage ${name}`);
  }
  const mode = ctx.mode ?? "live";
  if (mode !== "live" && mode !== "archival") throw new CaseError(`context.mode ${JSON.stringify(mode)} is not live or archival`);
  if (mode === "archival" && typeof ctx.first_seen !== "string") throw new CaseError("context.first_seen is missing");
  const base = {
    region: ctx.region,
    agency: ctx.agency,
    anchors: ctx.anchor_jwks,
    clock: ctx.now,
    allowEddsaAlias: ctx.allow_eddsa_alias ?? false,
    leewaySeconds: ctx.leeway_seconds,
    requiredSigners: ctx.required_signers,
    requiredParties: ctx.required_parties,
    staleGraceSeconds: ctx.grace_seconds,
    maxBytes: ctx.max_bytes,
    maxDepth: ctx.max_depth,
    algorithms: ctx.algorithms,
  };
  // Vectors switch the catalogue stages on explicitly (context `stages`); the package's default
  // runs them, so a vector without them needs the dangerous skip switches.
  const skip = { skipSchema: stages.schema !== true, skipRules: stages.rules !== true };
  const guard = new ReplayGuard(ctx.replay_capacity == null ? undefined : { capacity: ctx.replay_capacity });
  const verifiers = [];
  const load = (opts) => {
    // The first list is loaded with the anchors at `now` (and must not be older than
    // `min_sequence`); later ones replace it in order.
    const list = TrustList.load(bytesOf(lists[0], "jws"), ctx.anchor_jwks, { at: ctx.now, graceSeconds: ctx.grace_seconds });
    try {
      if (ctx.min_sequence != null) list.checkMinSequence(ctx.min_sequence);
      let v = new Verifier(list, opts);
      verifiers.push(v);
      lists.slice(1).forEach((l) => v.updateTrustList(bytesOf(l, "jws")));
      // LL-REF: reference data after the trust lists, in order, none rolling back; the last one
      // is the rules stage's (a verifier over the current list takes it).
      const docs = input.reference_data ?? [];
      let rd = null;
      try {
        for (const entry of docs) {
          const next = ReferenceData.load(bytesOf(entry, "jws"), ctx.anchor_jwks, { at: ctx.now, graceSeconds: ctx.grace_seconds });
          try {
            if (rd !== null) next.checkNotRollback(rd.sequence, rd.digest);
            else if (ctx.reference_data_min_sequence != null) next.checkNotRollback(ctx.reference_data_min_sequence);
          } catch (e) {
            next.free();
            throw e;
          }
          if (rd !== null) rd.free();
          rd = next;
        }
        if (rd !== null) {
          const current = v.trustList;
          try {
            v = new Verifier(current, { ...opts, referenceData: rd });
            verifiers.push(v);
          } finally {
            current.free();
          }
        }
      } finally {
        if (rd !== null) rd.free();
      }
      return v;
    } finally {
      list.free();
    }
  };
  try {
    const verifier = load({ ...base, maxAgeSeconds: ctx.max_age_seconds, replayGuard: guard, dangerous: skip });
    let earlier;
    if (input.earlier !== undefined || input.earlier_b64 !== undefined) {
      // LL-REPLY-006: the earlier message is verified first, with the same context but any
      // audience, no replay protection and no maximum age (it is usually the verifier's own).
      const lenient = load({ ...base, dangerous: { ...skip, acceptAnyAudience: true, noMaxAge: true, noReplayGuard: true } });
      try {
        const bytes = bytesOf(input, "earlier");
        earlier = mode === "archival" ? lenient.verifyArchived(bytes, ctx.first_seen) : lenient.verify(bytes);
      } catch (e) {
        throw new CaseError(`the earlier message is not accepted: ${e.code} at ${JSON.stringify(e.path)} (${e.message})`);
      }
    }
    // Preloaded entries are kept 366 days from `now`; their issuer is the message's own unless given.
    const keepUntil = new Date(Date.parse(ctx.now) + 366 * 86400e3);
    try {
      for (const entry of ctx.replay_preload ?? []) {
        const issuer = entry.issuer ?? messageIssuer(message);
        guard.checkAndRecord({ region: issuer.region, agency: issuer.agency, id: entry.id }, entry.digest, ctx.now, keepUntil);
      }
    } catch (e) {
      throw new CaseError(`replay preload: ${e.message}`);
    }
    let v;
    if (mode === "archival" && earlier) v = verifier.verifyArchivedReply(message, earlier, ctx.first_seen);
    else if (mode === "archival") v = verifier.verifyArchived(message, ctx.first_seen);
    else if (earlier) v = verifier.verifyReply(message, earlier);
    else v = verifier.verify(message);
    const out = { accepted: true, digest: v.digest, type: v.type, id: v.id, signers: v.signers.map((s) => s.kid) };
    if (v.warnings.length) out.warnings = codePaths(v.warnings);
    return out;
  } catch (e) {
    if (e instanceof CaseError) throw e;
    return { accepted: false, ...rejection(e) };
  } finally {
    verifiers.forEach((v) => v.free());
    guard.free();
  }
}

/** Runs one resolved case: the protocol's `result`, or throws when the case cannot be run. */
export function execute(c) {
  switch (c.kind) {
    case "canonicalize":
      return canonicalizeCase(c.input);
    case "sign":
      return signCase(c.input);
    case "verify":
      return verifyCase(c.input);
    case "validate":
      return validateCase(c.input);
    default:
      throw new CaseError(`kind ${JSON.stringify(c.kind)} is not supported by this harness`);
  }
}

/** The answer to one request line (`undefined` for `stop` or a blank line). */
export function answer(line) {
  if (!line.trim()) return undefined;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return { errored: true, message: `not JSON: ${e.message}` };
  }
  switch (req.cmd) {
    case "start": {
      const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
      return {
        implementation: {
          name: "labourlink (npm, WebAssembly)",
          language: "javascript",
          version: pkg.version,
          homepage: "https://example.invalid/labourlink",
          kinds: KINDS,
          features: FEATURES,
        },
      };
    }
    case "run": {
      const seq = req.seq;
      try {
        return { seq, result: execute(req.case ?? {}) };
      } catch (e) {
        if (e instanceof Unsupported) return { seq, skipped: true, reason: e.message };
        return { seq, errored: true, message: String(e?.stack ?? e) };
      }
    }
    case "stop":
      return undefined;
    default:
      return { errored: true, message: `unknown command ${JSON.stringify(req.cmd)}` };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    try {
      if (JSON.parse(line)?.cmd === "stop") {
        rl.close();
        process.exit(0);
      }
    } catch {}
    const resp = answer(line);
    if (resp !== undefined) process.stdout.write(`${JSON.stringify(resp)}\n`);
  });
}
