// The README's "Posting to an inbox from a browser portal" code, run as written (the
// `javascript` block with `async function deliver(`) in a fresh project with the package
// installed, against a real `labourlink serve` process on 127.0.0.1. Needs the CLI binary
// (LABOURLINK_BIN, set by .ci/run); skipped without it. Bounded: a few requests, every wait has
// a limit, the node is killed at the end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TrustList } from "../lib/node.js";
import { anchorKey, liangshanKey } from "./support.mjs";
import { blocks, project } from "./readme.mjs";

const BIN = process.env.LABOURLINK_BIN ?? "";
const skip = !(BIN && existsSync(BIN)) && "LABOURLINK_BIN (the labourlink CLI, to run an inbox) is not set; .ci/run sets it";
const NB = { region: "330200", agency: "11330200MB0P21461X" };
const LS = { region: "513400", agency: "11513400MB1H7703X8" };

/** Starts `labourlink serve` in `dir`; resolves with its base URL once it listens. */
function serve(dir) {
  const child = spawn(BIN, ["serve", "--config", "node.toml", "--log-level", "error"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${out}`)), 20000);
    child.stdout.on("data", (b) => {
      out += b;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        ok({ child, base: m[1] });
      }
    });
  });
}

/** A proxy that cuts the first request's body short (then closes), and forwards the rest. */
function cuttingProxy(backend) {
  let first = true;
  const seen = { connections: 0 };
  const server = createServer((c) => {
    seen.connections++;
    const url = new URL(backend);
    const b = connect(Number(url.port), url.hostname);
    if (first) {
      first = false;
      let sent = 0;
      c.on("data", (d) => {
        if (sent === 0) {
          b.write(d.subarray(0, Math.max(1, d.length - 100)));
          b.end();
        }
        sent += d.length;
      });
    } else {
      c.pipe(b);
    }
    b.pipe(c);
    b.on("error", () => c.destroy());
    c.on("error", () => b.destroy());
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ server, seen, url: `http://127.0.0.1:${server.address().port}` })));
}

test("the README's fetch delivery against a labourlink serve process", { skip, timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "labourlink-deliver-"));
  let node;
  let proxy;
  try {
    // The node's key (the CLI writes PEM and JWK), Liangshan's and the anchor's (seeded).
    execFileSync(BIN, ["keygen", "--alg", "Ed25519", "--out", join(dir, "node.pem"), "--public-out", join(dir, "node.jwk"), "--kid", "330200-si-node"]);
    const nodeJwk = JSON.parse(readFileSync(join(dir, "node.jwk"), "utf8"));
    const ls = liangshanKey();
    const anchor = anchorKey();
    const now = Date.now();
    const list = new TrustList(1, new Date(now + 30 * 86400e3));
    const validFrom = new Date(now - 86400e3);
    list.addKey({ kid: "330200-si-node", ...NB, key: nodeJwk, validFrom, messageTypes: ["receipt"] });
    list.addKey({ kid: ls.kid, ...LS, key: ls.verifyingKey(), validFrom, messageTypes: ["worker_transfer.*", "receipt"] });
    const tl = list.sign(anchor, { region: "330200", agency: "330200-trust-anchor" });
    writeFileSync(join(dir, "tl.jws"), tl);
    writeFileSync(join(dir, "anchor.jwk"), JSON.stringify({ ...anchor.verifyingKey().toJwk(), kid: anchor.kid }));
    writeFileSync(join(dir, "node.toml"), `listen = "127.0.0.1:0"\nstore = "sqlite://${join(dir, "store.db")}"\nregion = "${NB.region}"\nagency = "${NB.agency}"\n[signing_key]\npath = "node.pem"\nkid = "330200-si-node"\n[trust_list]\npath = "tl.jws"\nanchor = "anchor.jwk"\n[outbox]\nenabled = false\n`);
    execFileSync(BIN, ["store", "init", "--store", `sqlite://${join(dir, "store.db")}`]);
    node = await serve(dir);
    proxy = await cuttingProxy(node.base);

    // The README block, made importable, in a fresh project; a runner that uses it.
    const code = blocks("javascript").find((b) => b.includes("async function deliver("));
    assert.ok(code, "the README has the delivery example");
    const proj = project();
    writeFileSync(join(proj, "deliver.mjs"), `${code}\nexport { deliver };\n`);
    writeFileSync(join(proj, "run.mjs"), `
import { TrustList, SigningKey, document, example } from "labourlink";
import { deliver } from "./deliver.mjs";
const [tl, anchorJwk, inbox, cut] = process.argv.slice(2);
const list = TrustList.load(tl, [{ kid: "330200-anchor-1", key: JSON.parse(anchorJwk) }]);
const key = SigningKey.fromSeed(new Uint8Array(32).fill(1), "513400-si-2026a");
const roster = (body) => document({
  type: "worker_transfer.roster", from: ${JSON.stringify(LS)}, to: ${JSON.stringify(NB)}, body,
  case: { id: "513400-WT-2026-0001", type: "worker_transfer.placement" } });
const out = {};
const doc = roster(example("worker_transfer.roster").body);
out.accepted = await deliver(inbox + "/v1/messages", doc, key, list);
out.again = await deliver(inbox + "/v1/messages", doc, key, list);
out.rejected = await deliver(inbox + "/v1/messages", roster({ workers: [] }), key, list);
out.cut = await deliver(cut + "/v1/messages", roster(example("worker_transfer.roster").body), key, list, { attempts: 3, maxWaitSeconds: 0.05 });
try {
  await deliver("http://127.0.0.1:9/v1/messages", doc, key, list, { attempts: 2, maxWaitSeconds: 0.05 });
  out.nobody = "delivered?";
} catch (e) { out.nobody = e.message; }
console.log(JSON.stringify(out));
`);
    const anchorJwk = JSON.stringify({ ...anchor.verifyingKey().toJwk(), kid: anchor.kid });
    const printed = await new Promise((ok, fail) => {
      const c = spawn(process.execPath, ["run.mjs", tl, anchorJwk, node.base, proxy.url], { cwd: proj, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      c.stdout.on("data", (b) => (out += b));
      c.stderr.on("data", (b) => (err += b));
      c.on("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`runner exited ${code}: ${err}`))));
    });
    rmSync(proj, { recursive: true, force: true });
    const r = JSON.parse(printed);
    assert.equal(r.accepted.status, "accepted", printed);
    assert.deepEqual(r.again, r.accepted, "a redelivery: the same receipt");
    assert.equal(r.rejected.status, "rejected", printed);
    assert.equal(r.rejected.errors[0].code, "schema.invalid", printed);
    assert.equal(r.cut.status, "accepted", "a cut body is sent again");
    assert.equal(proxy.seen.connections, 2, "the cut attempt, then the whole one");
    assert.match(r.nobody, /^no receipt/, printed);
  } finally {
    node?.child.kill();
    proxy?.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
