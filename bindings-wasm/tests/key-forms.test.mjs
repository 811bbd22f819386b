// Keys in the forms partners have, made at test time by OpenSSL, node:crypto (KeyObject) and
// WebCrypto (CryptoKey): PEM as string or bytes, SPKI, X.509 certificates, SEC1, encrypted
// PKCS#8, private JWKs — and the stable codes of the ways they go wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as nodeCrypto from "node:crypto";
import { JsonError, KeyRejectedError, SigningKey, TrustList, Verifier, VerifyingKey } from "labourlink";

function hasOpenssl() {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function withDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), "labourlink-key-forms-"));
  try {
    const openssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    const read = (name) => new Uint8Array(readFileSync(join(dir, name)));
    const text = (name) => readFileSync(join(dir, name), "utf8");
    return fn({ openssl, read, text });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Throws a labourlink error of `cls` with `code`. */
function throwsCode(fn, cls, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof cls, `${e?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

const GENKEY = {
  Ed25519: ["genpkey", "-algorithm", "ed25519", "-out", "key.pem"],
  ES256: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"],
  SM2SM3: ["genpkey", "-algorithm", "SM2", "-out", "key.pem"],
};

for (const alg of ["Ed25519", "ES256", "SM2SM3"]) {
  test(`OpenSSL-made ${alg} key in every form`, { skip: !hasOpenssl() && "needs the openssl command line" }, () =>
    withDir(({ openssl, read, text }) => {
      openssl(...GENKEY[alg]);
      const key = SigningKey.fromPem(text("key.pem"), "k");
      assert.equal(key.algorithm, alg);
      const pub = key.verifyingKey();
      assert.ok(SigningKey.fromPem(read("key.pem"), "k").verifyingKey().equals(pub));

      openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
      openssl("pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
      assert.ok(VerifyingKey.fromSpkiPem(text("pub.pem")).equals(pub));
      assert.ok(VerifyingKey.fromSpkiPem(read("pub.pem")).equals(pub));
      assert.ok(VerifyingKey.fromSpki(read("pub.der")).equals(pub));
      assert.deepEqual(pub.toSpki(), read("pub.der"));
      assert.equal(pub.toSpkiPem(), text("pub.pem"));

      openssl("req", "-x509", "-key", "key.pem", "-subj", "/CN=330200-hr", "-days", "1", "-out", "cert.pem");
      openssl("x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
      assert.ok(VerifyingKey.fromCertificate(text("cert.pem")).equals(pub));
      const fromCert = VerifyingKey.fromCertificate(read("cert.der"));
      assert.ok(fromCert.equals(pub));
      fromCert.verify(new TextEncoder().encode("input"), key.sign(new TextEncoder().encode("input")));

      for (const [name, extra] of [["enc.pem", []], ["enc-scrypt.pem", ["-scrypt"]]]) {
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "key.pem", "-passout", "pass:s3cret", "-out", name, ...extra);
        assert.ok(SigningKey.fromEncryptedPem(text(name), "s3cret", "k").verifyingKey().equals(pub));
        assert.ok(SigningKey.fromEncryptedPem(read(name), new TextEncoder().encode("s3cret"), "k").verifyingKey().equals(pub));
        assert.throws(
          () => SigningKey.fromEncryptedPem(read(name), "hunter2", "k"),
          (e) => e instanceof KeyRejectedError && e.code === "key.decryption_failed" && !e.message.includes("hunter2"),
        );
        assert.throws(
          () => SigningKey.fromPem(read(name), "k"),
          (e) => e.code === "key.invalid_format" && e.message.includes("from_encrypted_pem"),
        );
      }
      openssl("pkcs8", "-topk8", "-v2", "aes-128-cbc", "-in", "key.pem", "-passout", "pass:pw", "-outform", "DER", "-out", "enc.der");
      assert.ok(SigningKey.fromEncryptedPkcs8(read("enc.der"), "pw", "k").verifyingKey().equals(pub));

      if (alg !== "Ed25519") {
        openssl("ec", "-in", "key.pem", "-out", "sec1.pem");
        openssl("ec", "-in", "key.pem", "-outform", "DER", "-out", "sec1.der");
        assert.ok(SigningKey.fromPem(text("sec1.pem"), "k").verifyingKey().equals(pub));
        assert.ok(SigningKey.fromSec1(read("sec1.der"), "k").verifyingKey().equals(pub));
      }
    }),
  );
}

/**
 * The JWK of a node:crypto key, exported from a copy made from its DER. Node 20 can deadlock
 * exporting an EC key made by `generateKeyPairSync` as JWK: the export holds the key's mutex
 * while it allocates strings, a garbage collection then runs the key-generation job's
 * destructor, which takes the same mutex (seen as a hung CI run: the main thread in
 * `~KeyGenJob` under `ExportJWKEcKey`). The copy has a mutex of its own.
 */
function jwkOf(key) {
  const copy = key.type === "private"
    ? nodeCrypto.createPrivateKey({ key: key.export({ format: "der", type: "pkcs8" }), format: "der", type: "pkcs8" })
    : nodeCrypto.createPublicKey({ key: key.export({ format: "der", type: "spki" }), format: "der", type: "spki" });
  return copy.export({ format: "jwk" });
}

for (const [alg, type, options] of [
  ["Ed25519", "ed25519", {}],
  ["ES256", "ec", { namedCurve: "P-256" }],
]) {
  test(`node:crypto ${alg}: KeyObject, its PEM/DER exports and its private JWK`, () => {
    const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync(type, options);
    const key = SigningKey.fromKeyObject(privateKey, "k");
    assert.equal(key.algorithm, alg);
    const pub = key.verifyingKey();
    assert.ok(VerifyingKey.fromKeyObject(publicKey).equals(pub));
    assert.ok(VerifyingKey.fromKeyObject(privateKey).equals(pub));
    assert.ok(SigningKey.fromPem(privateKey.export({ format: "pem", type: "pkcs8" }), "k").verifyingKey().equals(pub));
    const encrypted = privateKey.export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "s3cret" });
    assert.ok(SigningKey.fromEncryptedPem(encrypted, "s3cret", "k").verifyingKey().equals(pub));
    if (alg === "ES256") {
      const sec1 = privateKey.export({ format: "der", type: "sec1" });
      assert.ok(SigningKey.fromSec1(sec1, "k").verifyingKey().equals(pub));
      assert.ok(SigningKey.fromPem(privateKey.export({ format: "pem", type: "sec1" }), "k").verifyingKey().equals(pub));
    }
    assert.ok(VerifyingKey.fromSpkiPem(publicKey.export({ format: "pem", type: "spki" })).equals(pub));
    assert.ok(VerifyingKey.fromSpki(publicKey.export({ format: "der", type: "spki" })).equals(pub));

    const jwk = jwkOf(privateKey);
    assert.equal(SigningKey.fromJwk({ ...jwk, kid: "from-jwk" }).kid, "from-jwk");
    assert.ok(SigningKey.fromJwk(jwk, "k").verifyingKey().equals(pub));
    assert.ok(VerifyingKey.fromJwk(jwkOf(publicKey)).equals(pub));

    // Back to node:crypto: a labourlink signature verifies there.
    const message = new TextEncoder().encode("input");
    const signature = key.sign(message);
    const theirs = nodeCrypto.createPublicKey({ key: Buffer.from(pub.toSpki()), format: "der", type: "spki" });
    const ok = alg === "Ed25519"
      ? nodeCrypto.verify(null, message, theirs, signature)
      : nodeCrypto.verify("sha256", message, { key: theirs, dsaEncoding: "ieee-p1363" }, signature);
    assert.ok(ok);
  });
}

for (const [alg, params] of [
  ["Ed25519", { name: "Ed25519" }],
  ["ES256", { name: "ECDSA", namedCurve: "P-256" }],
]) {
  test(`WebCrypto ${alg}: fromCryptoKey (async) and exported pkcs8/spki`, async () => {
    const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]);
    const key = await SigningKey.fromCryptoKey(pair.privateKey, "k");
    assert.equal(key.algorithm, alg);
    const pub = key.verifyingKey();
    assert.ok((await VerifyingKey.fromCryptoKey(pair.publicKey)).equals(pub));
    assert.ok((await VerifyingKey.fromCryptoKey(pair.privateKey)).equals(pub));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    assert.ok(SigningKey.fromPkcs8(pkcs8, "k").verifyingKey().equals(pub));
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
    assert.ok(VerifyingKey.fromSpki(spki).equals(pub));
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    assert.ok(SigningKey.fromJwk(jwk, "k").verifyingKey().equals(pub));

    // A labourlink signature verifies in WebCrypto (r‖s is WebCrypto's ECDSA format too).
    const message = new TextEncoder().encode("input");
    const imported = await crypto.subtle.importKey("spki", pub.toSpki(), params, true, ["verify"]);
    const verifyParams = alg === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : params;
    assert.ok(await crypto.subtle.verify(verifyParams, imported, key.sign(message), message));

    // Not extractable: a clear TypeError, no panic.
    const locked = await crypto.subtle.generateKey(params, false, ["sign", "verify"]);
    await assert.rejects(SigningKey.fromCryptoKey(locked.privateKey, "k"), (e) => e instanceof TypeError && /extractable/.test(e.message));
  });
}

for (const alg of ["Ed25519", "ES256"]) {
  test(`${alg} back out: toKeyObject and toCryptoKey sign and verify in node:crypto and WebCrypto`, async () => {
    const key = SigningKey.generate(alg, "k");
    const pub = key.verifyingKey();
    const message = new TextEncoder().encode("input");

    const privateObject = key.toKeyObject();
    assert.equal(privateObject.type, "private");
    assert.ok(SigningKey.fromKeyObject(privateObject, "k").verifyingKey().equals(pub));
    const publicObject = pub.toKeyObject();
    assert.equal(publicObject.type, "public");
    assert.ok(VerifyingKey.fromKeyObject(publicObject).equals(pub));
    const nodeOptions = alg === "ES256" ? { dsaEncoding: "ieee-p1363" } : {};
    const digest = alg === "ES256" ? "sha256" : null;
    const nodeSignature = nodeCrypto.sign(digest, message, { key: privateObject, ...nodeOptions });
    pub.verify(message, nodeSignature);
    assert.ok(nodeCrypto.verify(digest, message, { key: publicObject, ...nodeOptions }, key.sign(message)));

    const params = alg === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : { name: "Ed25519" };
    const privateCrypto = await key.toCryptoKey();
    assert.equal(privateCrypto.type, "private");
    assert.equal(privateCrypto.extractable, false);
    assert.deepEqual(privateCrypto.usages, ["sign"]);
    pub.verify(message, new Uint8Array(await crypto.subtle.sign(params, privateCrypto, message)));
    await assert.rejects(SigningKey.fromCryptoKey(privateCrypto, "k"), TypeError);
    const extractable = await key.toCryptoKey(true);
    assert.ok((await SigningKey.fromCryptoKey(extractable, "k")).verifyingKey().equals(pub));
    const publicCrypto = await pub.toCryptoKey();
    assert.equal(publicCrypto.type, "public");
    assert.deepEqual(publicCrypto.usages, ["verify"]);
    assert.ok(await crypto.subtle.verify(params, publicCrypto, key.sign(message), message));
    assert.ok((await VerifyingKey.fromCryptoKey(publicCrypto)).equals(pub));
  });
}

test("SM2 keys: a KeyObject round trip; no WebCrypto form (toCryptoKey rejects with a TypeError)", async () => {
  const key = SigningKey.generate("SM2SM3", "k");
  assert.ok(SigningKey.fromKeyObject(key.toKeyObject(), "k").verifyingKey().equals(key.verifyingKey()));
  assert.ok(VerifyingKey.fromKeyObject(key.verifyingKey().toKeyObject()).equals(key.verifyingKey()));
  await assert.rejects(key.toCryptoKey(), (e) => e instanceof TypeError && /WebCrypto has no SM2SM3/.test(e.message));
  await assert.rejects(key.verifyingKey().toCryptoKey(), (e) => e instanceof TypeError && /WebCrypto has no SM2SM3/.test(e.message));
});

test("refusals have stable codes: RSA certificate, P-384, P-256 labelled SM2, wrong types", () => {
  const rsa = nodeCrypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  throwsCode(() => SigningKey.fromKeyObject(rsa.privateKey, "k"), KeyRejectedError, "key.invalid_format");
  throwsCode(() => VerifyingKey.fromKeyObject(rsa.publicKey), KeyRejectedError, "key.invalid_format");
  const p384 = nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-384" });
  throwsCode(() => VerifyingKey.fromSpkiPem(p384.publicKey.export({ format: "pem", type: "spki" })), KeyRejectedError, "key.invalid_format");

  const p256 = nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = jwkOf(p256.privateKey);
  throwsCode(() => SigningKey.fromJwk({ ...jwk, crv: "SM2" }, "k"), KeyRejectedError, "key.rejected");
  const { d, ...publicJwk } = jwk;
  assert.equal(typeof d, "string");
  throwsCode(() => VerifyingKey.fromJwk({ ...publicJwk, crv: "SM2" }), KeyRejectedError, "key.rejected");
  throwsCode(() => SigningKey.fromJwk(publicJwk, "k"), KeyRejectedError, "key.invalid_format");
  throwsCode(() => SigningKey.fromJwk(jwk), KeyRejectedError, "key.invalid_format"); // no kid

  throwsCode(() => VerifyingKey.fromCertificate("garbage"), KeyRejectedError, "key.invalid_format");
  throwsCode(() => SigningKey.fromSec1(new Uint8Array([0x30, 0]), "k"), KeyRejectedError, "key.invalid_format");
  assert.throws(() => SigningKey.fromKeyObject(p256.publicKey, "k"), TypeError);
  assert.throws(() => SigningKey.fromKeyObject({}, "k"), TypeError);
  assert.throws(() => SigningKey.fromPem(42, "k"), TypeError);
  assert.throws(() => VerifyingKey.fromKeyObject(nodeCrypto.createSecretKey(Buffer.alloc(32))), TypeError);
});

test("SPKI round trip for every algorithm", () => {
  for (const alg of ["Ed25519", "ES256", "SM2SM3"]) {
    const pub = SigningKey.generate(alg, "k").verifyingKey();
    assert.ok(VerifyingKey.fromSpki(pub.toSpki()).equals(pub));
    assert.ok(VerifyingKey.fromSpkiPem(pub.toSpkiPem()).equals(pub));
  }
});

test("a compact JWS is refused with a message naming the JSON serialization", () => {
  const verifier = new Verifier(new TrustList(1, "2027-01-01T00:00:00Z"), { region: "330200", clock: "2026-11-27T08:00:00Z" });
  const compact = "eyJhbGciOiJFZDI1NTE5In0.eyJhIjoxfQ.c2lnbmF0dXJl";
  assert.throws(
    () => verifier.verify(compact),
    (e) => e instanceof JsonError && e.code === "json.syntax" && e.message.includes("compact JWS") && e.message.includes("JSON serialization"),
  );
});
