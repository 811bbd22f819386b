#!/usr/bin/env node
// Verify time of the npm package in Node on the ~3 KB message of the core's benchmark
// (core/benches/common: the social_insurance.transfer_information example of schemas/examples,
// signed with the Ed25519 seed [7; 32] as 513400-si-2026a, id ending in 000000000000; stages 1–5
// (schema, rules and replay switched off through `dangerous`: the same message is verified over
// and over), clock 2026-11-27T08:00:00Z) — the same JWS bytes and stages as
// `verify_3kb/verify_pipeline` of `cargo bench -p labourlink --bench verify`.
//
//   bash bindings-wasm/build.sh && node bindings-wasm/bench/bench_verify.mjs [seconds]
//
// Also timed, for scale: Node's own (OpenSSL) Ed25519 verify of the same signing input, and
// the package's verify without building the result object is not separable (it always builds it).
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { readFileSync } from "node:fs";
import { sign, SigningKey, TrustList, Verifier } from "labourlink";

const seconds = Number(process.argv[2] ?? 3);
const example = new URL("../../core/schemas/examples/social_insurance.transfer_information.json", import.meta.url);
const doc = JSON.parse(readFileSync(example, "utf8"));
doc.id = `${doc.id.slice(0, 24)}${"0".repeat(12)}`;

const seed = (b) => new Uint8Array(32).fill(b);
const si = SigningKey.fromSeed(seed(7), "513400-si-2026a");
const hr = SigningKey.fromSeed(seed(8), "513400-hr-2026a");
const list = new TrustList(1, "2027-01-01T00:00:00Z");
for (const [key, agency, types] of [
  [si, "12513400MB1F30256L", ["social_insurance.*", "receipt"]],
  [hr, "11513400MB1H7703X8", ["worker_transfer.*", "receipt"]],
]) {
  list.addKey({ kid: key.kid, region: "513400", agency, key: key.verifyingKey(), validFrom: "2026-01-01T00:00:00Z", messageTypes: types });
}
const jws = sign(doc, si);
const bytes = new TextEncoder().encode(jws);
const verifier = new Verifier(list, {
  region: "330200",
  clock: "2026-11-27T08:00:00Z",
  dangerous: { skipSchema: true, skipRules: true, noReplayGuard: true },
});
const parsed = JSON.parse(jws);
const payloadLen = Buffer.from(parsed.payload, "base64url").length;

function time(name, fn) {
  for (let i = 0; i < 500; i++) fn(); // warm up (JIT, Liftoff → TurboFan tier-up of the wasm)
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  const us = Number(now - start) / 1e3 / n;
  const cpuUs = (cpu.user + cpu.system) / n;
  // CPU time is what to compare on a shared machine (wall time includes waiting for a core).
  console.log(`${name.padEnd(36)} ${cpuUs.toFixed(1).padStart(8)} µs CPU/op ${us.toFixed(1).padStart(8)} µs wall/op  (${n} runs)`);
  return cpuUs;
}

const wasmSize = readFileSync(new URL("../pkg/labourlink_wasm_bg.wasm", import.meta.url)).length;
console.log(`message: ${bytes.length} bytes of JWS, ${payloadLen} bytes of payload; node ${process.version}`);
console.log(`package: pkg/labourlink_wasm_bg.wasm ${wasmSize} bytes${wasmSize > 6e6 ? " — a debug build: run bash bindings-wasm/build.sh first" : ""}`);
const wasmUs = time("labourlink verify (wasm, Uint8Array)", () => verifier.verify(bytes));
time("labourlink verify (wasm, string)", () => verifier.verify(jws));

const sig = parsed.signatures[0];
const input = Buffer.from(`${sig.protected}.${parsed.payload}`);
const signature = Buffer.from(sig.signature, "base64url");
const pub = createPublicKey({ key: { ...si.verifyingKey().toJwk() }, format: "jwk" });
const osslUs = time("node:crypto Ed25519 verify only", () => nodeVerify(null, input, pub, signature));
console.log(`ratio wasm verify / node:crypto Ed25519 verify: ${(wasmUs / osslUs).toFixed(2)}×`);
console.log("native: cargo bench -p labourlink --bench verify -- verify_3kb/verify_pipeline");
