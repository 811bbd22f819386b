// SigningKey and VerifyingKey.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KeyRejectedError, JwsError, SigningKey, VerifyingKey } from "labourlink";
import { seed, throwsLl } from "./support.mjs";

test("generate: Ed25519 and ES256, fresh randomness from Web Crypto", () => {
  const a = SigningKey.generate("Ed25519", "k-a");
  const b = SigningKey.generate("Ed25519", "k-b");
  assert.equal(a.algorithm, "Ed25519");
  assert.equal(a.kid, "k-a");
  assert.notEqual(a.verifyingKey().thumbprint, b.verifyingKey().thumbprint);
  const e = SigningKey.generate("ES256", "k-e");
  assert.equal(e.algorithm, "ES256");
  const jwk = e.verifyingKey().toJwk();
  assert.equal(jwk.kty, "EC");
  assert.equal(jwk.crv, "P-256");
  assert.equal(typeof jwk.y, "string");
});

test("fromSeed is deterministic (RFC 8032 test 1 public key)", () => {
  const hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  const s = Uint8Array.from(hex.match(/../g).map((h) => parseInt(h, 16)));
  const k = SigningKey.fromSeed(s, "rfc8032-1");
  const pub = Buffer.from(k.verifyingKey().toBytes()).toString("hex");
  assert.equal(pub, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  // A key with a kid gives it in its JWK (as Python's to_jwk); one without, none.
  assert.deepEqual(k.verifyingKey().toJwk(), {
    kty: "OKP",
    crv: "Ed25519",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    kid: "rfc8032-1",
  });
  assert.deepEqual(VerifyingKey.fromBytes("Ed25519", k.verifyingKey().toBytes()).toJwk(), {
    kty: "OKP",
    crv: "Ed25519",
    x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
  });
  // RFC 8037 appendix A.3 thumbprint of that key
  assert.equal(k.verifyingKey().thumbprint, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
});

test("PEM and PKCS#8 round trips keep the key", () => {
  for (const alg of ["Ed25519", "ES256", "SM2SM3"]) {
    const k = SigningKey.generate(alg, "kid-1");
    const pem = k.toPem();
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
    const fromPem = SigningKey.fromPem(pem, "kid-2");
    assert.equal(fromPem.kid, "kid-2");
    assert.ok(fromPem.verifyingKey().equals(k.verifyingKey()));
    const der = k.toPkcs8();
    assert.ok(der instanceof Uint8Array);
    assert.ok(SigningKey.fromPkcs8(der, "kid-3").verifyingKey().equals(k.verifyingKey()));
  }
});

test("toJSON and JSON.stringify never show the secret", () => {
  const k = SigningKey.fromSeed(seed(3), "kid-x");
  assert.equal(JSON.stringify(k), '{"kid":"kid-x","algorithm":"Ed25519"}');
});

test("bad key material is refused with KeyRejectedError", () => {
  throwsLl(() => SigningKey.fromSeed(new Uint8Array(31), "k"), {
    cls: KeyRejectedError,
    name: "KeyRejectedError",
    code: "key.invalid_format",
  });
  throwsLl(() => SigningKey.fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "k"), {
    name: "KeyRejectedError",
    code: "key.invalid_format",
  });
  throwsLl(() => SigningKey.fromPkcs8(new Uint8Array([1, 2, 3]), "k"), { code: "key.invalid_format" });
  // a private JWK is never imported
  throwsLl(() => VerifyingKey.fromJwk({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", d: "x" }), {
    code: "key.invalid_format",
    path: "/d",
  });
  // the identity point: a small-order Ed25519 key
  const identity = new Uint8Array(32);
  identity[0] = 1;
  throwsLl(() => VerifyingKey.fromBytes("Ed25519", identity), { name: "KeyRejectedError", code: "key.rejected" });
});

test("unknown algorithm names are refused (EdDSA included)", () => {
  throwsLl(() => SigningKey.generate("EdDSA", "k"), { cls: JwsError, code: "jws.algorithm_not_allowed" });
  throwsLl(() => SigningKey.generate("HS256", "k"), { code: "jws.algorithm_not_allowed" });
});

test("JWK import and export round-trip, EC too", () => {
  const k = SigningKey.generate("ES256", "kid");
  const jwk = k.verifyingKey().toJwk();
  const back = VerifyingKey.fromJwk(jwk);
  assert.ok(back.equals(k.verifyingKey()));
  assert.equal(back.algorithm, "ES256");
  assert.deepEqual(JSON.parse(JSON.stringify(back)), jwk);
});

test("wrong argument types are TypeErrors with a code; constructors are not callable", () => {
  for (const fn of [
    () => SigningKey.generate(1, "k"),
    () => SigningKey.generate("Ed25519", 7),
    () => SigningKey.fromSeed("abc", "k"),
    () => new SigningKey(),
    () => new VerifyingKey(),
  ]) {
    const e = throwsLl(fn, { cls: TypeError, code: "input.invalid" });
    assert.equal(e.name, "TypeError");
  }
});

test("free() and Symbol.dispose release keys", () => {
  const k = SigningKey.generate("Ed25519", "k");
  k.free();
  assert.throws(() => k.kid);
  const k2 = SigningKey.generate("Ed25519", "k2");
  k2[Symbol.dispose]();
  assert.throws(() => k2.kid);
});

// Written by OpenSSL 3.0 (`openssl genpkey -algorithm SM2`): id-ecPublicKey with the SM2 curve.
const OPENSSL_SM2_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg2j7YmY9vnRGkv8Ta
pbSlEp4/o7ZxTvXM3H+Lh0n+g7WhRANCAASfcNMnMv4oEoxeLPgzfEfcsPeJLv3i
OmuyB+YcYt6+W6qiaHBMU10SJx4sc+qd06jMQXc/r9jdG7NXUKSdSWaD
-----END PRIVATE KEY-----
`;

test("SM2SM3: generate, OpenSSL's PEM and signature, JWK", () => {
  const g = SigningKey.generate("SM2SM3", "sm2-g");
  assert.equal(g.algorithm, "SM2SM3");
  const sig = g.sign(new TextEncoder().encode("m"));
  assert.equal(sig.length, 64);
  g.verifyingKey().verify(new TextEncoder().encode("m"), sig);
  const k = SigningKey.fromPem(OPENSSL_SM2_PEM, "sm2");
  assert.equal(k.toPem(), OPENSSL_SM2_PEM);
  const opensslSig = Uint8Array.from(Buffer.from(
    "1860227FB86FFD51BC9D6B6E7F48A81C5ADC178D1FE82AEBE7A156C6115BFAA2" +
    "DACC2238C382597338249192EB5A245AA4A316EC8718668412F950529D65A461", "hex"));
  k.verifyingKey().verify(new TextEncoder().encode("labourlink SM2 interop"), opensslSig);
  const jwk = k.verifyingKey().toJwk();
  assert.equal(jwk.kty, "EC");
  assert.equal(jwk.crv, "SM2");
  assert.equal(VerifyingKey.fromJwk(jwk).thumbprint, k.verifyingKey().thumbprint);
  throwsLl(() => VerifyingKey.fromJwk({ ...jwk, crv: "P-256" }), { cls: KeyRejectedError, code: "key.rejected" });
});

test("wrong types reach no WebAssembly: a coded TypeError, never a trap (audit s40)", async () => {
  const { createPrivateKey } = await import("node:crypto");
  const key = SigningKey.fromSeed(seed(1), "k1");
  const priv = {
    ...createPrivateKey({ key: Buffer.from(key.toPkcs8()), format: "der", type: "pkcs8" }).export({ format: "jwk" }),
    kid: "k1",
  };
  for (const kid of [5, true, {}, Symbol("k"), 1n]) {
    throwsLl(() => SigningKey.fromJwk(priv, kid), { cls: TypeError, code: "input.invalid" });
  }
  throwsLl(() => SigningKey.fromJwk(priv, "a\uD800"), { code: "input.invalid" });
  assert.equal(SigningKey.fromJwk(priv, "k2").kid, "k2");
  assert.equal(SigningKey.fromJwk(priv).kid, "k1");
  const vk = key.verifyingKey();
  for (const other of [{}, null, "k", Object.create(VerifyingKey.prototype)]) {
    throwsLl(() => vk.equals(other), { cls: TypeError, code: "input.invalid" });
  }
  assert.equal(vk.equals(key.verifyingKey()), true);
  const fake = Object.create(SigningKey.prototype);
  throwsLl(() => fake.kid, { cls: TypeError, code: "input.invalid" });
  // Only `true` makes the secret extractable; another type is refused.
  for (const bad of ["yes", "false", 1, {}]) {
    // A rejected promise, not a synchronous throw (no async wrapper here).
    await assert.rejects(key.toCryptoKey(bad), (e) => e instanceof TypeError && e.code === "input.invalid");
  }
  assert.equal((await key.toCryptoKey()).extractable, false);
  assert.equal((await key.toCryptoKey(false)).extractable, false);
  assert.equal((await key.toCryptoKey(true)).extractable, true);
});
