// (c) Interop with Node: labourlink CLI messages verify with `jose`, and messages made with
// `jose` + `canonicalize` verify with the labourlink CLI.
//
//   cd tests/interop/node && npm ci && node --test
//
// The CLI path comes from LABOURLINK_BIN, default $CARGO_TARGET_DIR/debug/labourlink
// ($HOME/.cache/labourlink/target when CARGO_TARGET_DIR is unset). Every test is skipped when
// the binary does not exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import canonicalize from "canonicalize";
import * as jose from "jose";

const TARGET = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "labourlink", "target");
const BIN = process.env.LABOURLINK_BIN || join(TARGET, "debug", "labourlink");
const skip = existsSync(BIN)
  ? false
  : `labourlink CLI binary not found at ${BIN} (cargo build -p labourlink-cli, or set LABOURLINK_BIN)`;
const TYP = "labourlink+jws";
const ALGS = ["Ed25519", "ES256"];
const SENDER = { region: "513400", agency: "12513400MB1234567X", name: "凉山州社会保险事业管理局" };
const RECEIVER = { region: "330200", agency: "11330200MB7654321Y", name: "宁波市社会保险管理局" };

const utf8 = new TextEncoder();
const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const unb64url = (text) => {
  assert.match(text, /^[A-Za-z0-9_-]+$/, "unpadded base64url");
  return Buffer.from(text, "base64url");
};
const rfc3339 = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const DAY = 86_400_000;

function makeDocument() {
  const acknowledged = randomUUID();
  return {
    spec: "labourlink/1",
    type: "receipt",
    schema_version: "1.0",
    id: randomUUID(),
    from: SENDER,
    to: RECEIVER,
    issued_at: rfc3339(Date.now() - 5 * 60_000),
    // A receipt answers the message it acknowledges (LL-REPLY-007).
    in_reply_to: acknowledged,
    body: {
      received_id: acknowledged,
      received_digest: b64url(createHash("sha256").update("earlier message").digest()),
      status: "accepted",
      errors: [],
    },
  };
}

/** Runs the CLI in a fresh temporary directory per test. */
class Cli {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "labourlink-interop-"));
    this.n = 0;
  }
  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
  file(name, content) {
    const path = join(this.dir, `${this.n++}-${name}`);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  }
  run(args, { check = true } = {}) {
    const p = spawnSync(BIN, args.map(String), { cwd: this.dir, timeout: 60_000 });
    if (check && p.status !== 0) {
      assert.fail(`labourlink ${args.join(" ")} exited ${p.status}\n${p.stdout}\n${p.stderr}`);
    }
    return p;
  }
  keygen(alg) {
    const pem = this.file("key.pem");
    const jwk = this.file("key.jwk");
    this.run(["keygen", "--alg", alg, "--out", pem, "--public-out", jwk]);
    return { pem, jwk: JSON.parse(readFileSync(jwk, "utf8")) };
  }
  sign(pem, kid, document) {
    const doc = this.file("doc.json", JSON.stringify(document, null, 2));
    return JSON.parse(this.run(["sign", "--key", pem, "--kid", kid, doc]).stdout.toString("utf8"));
  }
  /** Builds and signs a trust list: Ed25519 anchor, one add-key per partner (--types receipt). */
  trustList(partners) {
    const anchorKid = `anchor-${randomUUID().slice(0, 8)}`;
    const anchor = this.keygen("Ed25519");
    const anchorJwk = this.file("anchor.jwk", JSON.stringify({ ...anchor.jwk, kid: anchorKid }));
    const now = Date.now();
    const tl = this.file("tl.json");
    this.run(["trust-list", "new", "--out", tl, "--sequence", 1, "--next-update", rfc3339(now + 30 * DAY),
      "--region", RECEIVER.region, "--agency", RECEIVER.agency]);
    for (const { kid, jwk } of partners) {
      const pub = this.file("partner.jwk", JSON.stringify(jwk));
      this.run(["trust-list", "add-key", tl, "--kid", kid, "--region", SENDER.region,
        "--agency", SENDER.agency, "--public", pub, "--types", "receipt",
        "--valid-from", rfc3339(now - 30 * DAY), "--valid-until", rfc3339(now + 365 * DAY)]);
    }
    const jws = this.file("tl.jws");
    this.run(["trust-list", "sign", tl, "--key", anchor.pem, "--kid", anchorKid, "--out", jws]);
    return { jws, anchorJwk };
  }
  /** verify --json: returns {status, out}. */
  verify(trust, message) {
    const msg = this.file("msg.jws", JSON.stringify(message));
    const p = this.run(["verify", "--trust-list", trust.jws, "--anchor", trust.anchorJwk,
      "--region", RECEIVER.region, "--json", msg], { check: false });
    let out;
    try {
      out = JSON.parse(p.stdout.toString("utf8"));
    } catch {
      assert.fail(`verify --json printed no JSON (exit ${p.status}): ${p.stdout} ${p.stderr}`);
    }
    return { status: p.status, out };
  }
}

/** Changes one payload byte (last hex digit of the document id): still canonical JSON. */
function tamper(message, id) {
  const payload = unb64url(message.payload);
  const i = payload.indexOf(Buffer.from(id)) + id.length - 1;
  assert.ok(i >= id.length - 1);
  const forged = Buffer.from(payload);
  forged[i] = forged[i] === 0x30 ? 0x31 : 0x30;
  return { ...message, payload: b64url(forged) };
}

function withCli(fn) {
  return async () => {
    const cli = new Cli();
    try {
      await fn(cli);
    } finally {
      cli.cleanup();
    }
  };
}

for (const alg of ALGS) {
  test(`CLI ${alg} message verifies with jose`, { skip }, withCli(async (cli) => {
    const { pem, jwk } = cli.keygen(alg);
    const kid = `513400-si-2026-${alg.toLowerCase()}`;
    const document = makeDocument();
    const message = cli.sign(pem, kid, document);

    assert.deepEqual(Object.keys(message).sort(), ["payload", "signatures"]);
    assert.equal(message.signatures.length, 1);
    assert.deepEqual(Object.keys(message.signatures[0]).sort(), ["protected", "signature"]);
    const protectedBytes = unb64url(message.signatures[0].protected);
    const header = JSON.parse(protectedBytes.toString("utf8"));
    assert.deepEqual(header, { alg, kid, typ: TYP });
    assert.equal(protectedBytes.toString("utf8"), canonicalize(header));

    // payload = RFC 8785 form of the document (per the `canonicalize` package)
    assert.deepEqual(unb64url(message.payload), Buffer.from(canonicalize(document), "utf8"));

    const key = await jose.importJWK(jwk, alg);
    const result = await jose.generalVerify(message, key, { algorithms: [alg] });
    assert.deepEqual(Buffer.from(result.payload), unb64url(message.payload));
    assert.deepEqual(result.protectedHeader, header);

    await assert.rejects(jose.generalVerify(tamper(message, document.id), key, { algorithms: [alg] }), {
      code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    });
  }));

  test(`jose ${alg} message verifies with the CLI; a changed byte is rejected`, { skip }, withCli(async (cli) => {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    const kid = `513400-node-${alg.toLowerCase()}`;
    const trust = cli.trustList([{ kid, jwk: await jose.exportJWK(publicKey) }]);
    const document = makeDocument();
    // jose writes the protected header with JSON.stringify in insertion order: with these
    // ASCII members in sorted order that is exactly the RFC 8785 form.
    const message = await new jose.GeneralSign(utf8.encode(canonicalize(document)))
      .addSignature(privateKey)
      .setProtectedHeader({ alg, kid, typ: TYP })
      .sign();

    const ok = cli.verify(trust, message);
    assert.equal(ok.status, 0, JSON.stringify(ok.out));
    assert.equal(ok.out.status, "accepted");
    assert.equal(ok.out.digest, b64url(createHash("sha256").update(unb64url(message.payload)).digest()));
    assert.deepEqual(ok.out.document, document);

    const bad = cli.verify(trust, tamper(message, document.id));
    assert.equal(bad.status, 1, JSON.stringify(bad.out));
    assert.equal(bad.out.code, "signature.invalid");
  }));
}
