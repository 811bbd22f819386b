// Browser test: headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no
// browser download) loads pages served from 127.0.0.1 that import the package as an ES module —
// the README's HTML example as written, and a page using "labourlink/slim" — signs and verifies
// messages, and the test reads the results from the page. Playwright starts the browser with a
// fresh, empty profile (--user-data-dir) of its own.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { blocks, pkgDir } from "../readme.mjs";
import { serve } from "./server.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const missing = !existsSync(executablePath);
// In CI the browser must be there (.ci/run installs it); elsewhere a missing browser skips.
const skip = missing && !process.env.CI ? `no Chromium at ${executablePath}` : false;

const SLIM_PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="importmap">{ "imports": { "labourlink/slim": "/node_modules/labourlink/lib/slim.js" } }</script>
<script type="module">
  import { init, SigningKey, VerifyingKey, TrustList, Verifier, document as makeDocument, sign, canonicalize,
           SignatureError, JsonError, LabourlinkError } from "labourlink/slim";
  const out = {};
  try {
    await init();
    const at = "2026-11-27T08:00:00Z";
    const key = SigningKey.generate("ES256", "522300-hr-2026a");
    const list = new TrustList(1, "2027-01-01T00:00:00Z");
    list.addKey({ kid: key.kid, region: "522300", agency: "QXN-HR", key: key.verifyingKey().toJwk(),
                  validFrom: "2026-01-01T00:00:00Z", messageTypes: ["worker_transfer.*"] });
    const doc = makeDocument({ type: "worker_transfer.roster", at,
      from: { region: "522300", agency: "QXN-HR", name: "黔西南州人力资源和社会保障局" },
      to: { region: "330200", agency: "NB-HR" },
      body: { roster_number: "QXNRS-2026-0001", workers: [{ line: 1, hukou_region: "513401", organised: true,
        consent_on: "2026-11-20", person: { name: "吉克样例", citizen_id: "513401199807120313", sex: "male",
        birth_date: "1998-07-12" } }] } });
    const jws = sign(doc, key);
    const v = new Verifier(list, { region: "330200", clock: () => new Date(at) });
    const verified = v.verify(jws);
    out.type = verified.type;
    out.digest = verified.digest;
    out.plain = Object.getPrototypeOf(verified.body) === Object.prototype;
    out.name = verified.document.from.name;
    try { v.verify(jws.replace("eyJ", "eyK")); } catch (e) {
      out.tampered = [e instanceof SignatureError, e instanceof LabourlinkError, e instanceof Error, e.name, e.code];
    }
    try { canonicalize('{"a":1,"a":2}'); } catch (e) { out.duplicate = [e instanceof JsonError, e.code, e.path]; }
    out.canonical = new TextDecoder().decode(canonicalize('{"b":1,"a":"é"}'));
    // Keys to and from WebCrypto in the browser; no KeyObject here.
    const bytes = new TextEncoder().encode("input");
    const ecdsa = { name: "ECDSA", hash: "SHA-256" };
    const cryptoKey = await key.toCryptoKey();
    key.verifyingKey().verify(bytes, new Uint8Array(await crypto.subtle.sign(ecdsa, cryptoKey, bytes)));
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const imported = await SigningKey.fromCryptoKey(pair.privateKey, "k2");
    const publicKey = await VerifyingKey.fromCryptoKey(pair.publicKey);
    const webVerified = await crypto.subtle.verify(ecdsa, await publicKey.toCryptoKey(), imported.sign(bytes), bytes);
    out.webcrypto = [cryptoKey.type, cryptoKey.extractable, imported.algorithm, publicKey.equals(imported.verifyingKey()), webVerified];
    try { key.toKeyObject(); } catch (e) { out.keyObject = [e instanceof TypeError, /toCryptoKey/.test(e.message)]; }
  } catch (e) {
    out.error = String(e && e.stack || e);
  }
  window.__result = out;
</script>`;

let server;
let origin;
let browser;

before(async () => {
  if (skip) return;
  const html = blocks("html");
  assert.equal(html.length, 1, "the README has one HTML example");
  ({ server, origin } = await serve(pkgDir, { "/": html[0], "/slim.html": SLIM_PAGE }));
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: 60_000,
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(`${origin}${path}`);
  return { page, problems };
}

test("the README's HTML example signs and verifies in Chromium", { skip, timeout: 120_000 }, async () => {
  const { page, problems } = await open("/");
  await page.waitForFunction(() => document.getElementById("out")?.textContent !== "verifying…", null, { timeout: 60_000 });
  const text = await page.textContent("#out");
  assert.match(text, /^verified receipt [A-Za-z0-9_-]{43}$/, `${text}\n${problems.join("\n")}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("labourlink/slim: explicit init, ES256, errors are the exported classes", { skip, timeout: 120_000 }, async () => {
  const { page, problems } = await open("/slim.html");
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.__result);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.type, "worker_transfer.roster");
  assert.match(r.digest, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(r.plain, true);
  assert.equal(r.name, "黔西南州人力资源和社会保障局");
  assert.deepEqual(r.tampered, [true, true, true, "SignatureError", "signature.invalid"]);
  assert.deepEqual(r.duplicate, [true, "json.duplicate_key", "/a"]);
  assert.equal(r.canonical, '{"a":"é","b":1}');
  assert.deepEqual(r.webcrypto, ["private", false, "ES256", true, true]);
  assert.deepEqual(r.keyObject, [true, true]);
  assert.deepEqual(problems, []);
  await page.close();
});
