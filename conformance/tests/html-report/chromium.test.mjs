// The HTML report (`labourlink conformance run --html FILE`) in headless Chromium: the page is
// opened from file:// and every request the browser makes is recorded — the only one must be the
// file itself (no stylesheet, font, image or script is fetched, even though the harness answered
// with markup pointing at a server). The page shows the totals, the verdict and the suite hash,
// and the harness's markup is text, not elements.
//
// The browser is launched as in bindings-wasm/tests/browser/chromium.test.mjs: Debian's
// /usr/bin/chromium (or $CHROMIUM) driven by playwright-core from bindings-wasm/node_modules.
// Runner: $LABOURLINK_BIN (`labourlink conformance run`), else the labourlink binary of
// $CARGO_TARGET_DIR; harness: labourlink-conformance-harness next to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache", "labourlink", "target");
const runner = process.env.LABOURLINK_BIN ?? join(targetDir, "debug", "labourlink");
const harness = join(dirname(runner), "labourlink-conformance-harness");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

let chromium;
try {
  ({ chromium } = createRequire(join(repo, "bindings-wasm", "package.json"))("playwright-core"));
} catch {
  chromium = undefined;
}
const missing = [
  [existsSync(runner), `no runner at ${runner}`],
  [existsSync(harness), `no harness at ${harness}`],
  [existsSync(executablePath), `no Chromium at ${executablePath}`],
  [chromium !== undefined, "no playwright-core in bindings-wasm/node_modules (npm ci there)"],
].filter(([ok]) => !ok).map(([, why]) => why);
// In CI everything must be there (.ci/run builds and installs it); elsewhere a gap skips.
const skip = missing.length && !process.env.CI ? missing.join("; ") : false;

const HOSTILE = "<img src=http://127.0.0.1:9/leak.png><link rel=stylesheet href=https://example.invalid/x.css>";

test("the HTML report opens in headless Chromium without any request but its own file", { skip, timeout: 180_000 }, async () => {
  assert.deepEqual(missing, [], "CI must have the runner, the harness, Chromium and playwright-core");
  const dir = mkdtempSync(join(tmpdir(), "labourlink-html-"));
  try {
    const html = join(dir, "report.html");
    // The reference harness, with one answer rewritten to markup pointing at servers.
    const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
    const sed = `s|"error":"jws.algorithm_not_allowed"|"error":"${HOSTILE.replaceAll("/", "\\/")}"|`;
    const cmd = `${q(harness)} | sed -u ${q(sed)}`;
    const run = spawnSync(runner, ["conformance", "run", "--harness", cmd, "--area", "jws", "--html", html], {
      encoding: "utf8",
      env: { ...process.env, LABOURLINK_CONFORMANCE_DIR: "" },
    });
    assert.equal(run.status, 1, `a failing run exits 1\n${run.stdout}\n${run.stderr}`);
    const last = run.stdout.trim().split("\n").at(-1);
    const [, passed, failed] = last.match(/^conformance: (\d+) passed, (\d+) failed, (\d+) skipped$/) ?? [];
    assert.ok(Number(failed) > 0, last);
    const source = readFileSync(html, "utf8");
    assert.ok(!source.includes("<img") && !source.includes("<script"), "markup from the harness is escaped");

    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      timeout: 60_000,
    });
    try {
      const context = await browser.newContext();
      const requests = [];
      context.on("request", (r) => requests.push(r.url()));
      const page = await context.newPage();
      const problems = [];
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      page.on("console", (m) => problems.push(`console ${m.type()}: ${m.text()}`));
      const url = pathToFileURL(html).href;
      await page.goto(url, { waitUntil: "load" });
      await page.waitForTimeout(500); // let any late (lazy) load start, so it would be recorded
      assert.deepEqual(requests, [url], "the only request is the report file itself");
      assert.deepEqual(problems, []);
      assert.equal(await page.textContent("#verdict"), "FAILED");
      assert.equal(await page.textContent("#passed"), passed);
      assert.equal(await page.textContent("#failed"), failed);
      const total = Number(await page.textContent("#total"));
      assert.ok(total >= Number(passed) + Number(failed), `total ${total}`);
      const hash = execFileSync("sh", ["-c",
        "find . -type f -name '*.json' -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -c1-64"],
        { cwd: join(repo, "conformance", "vectors"), encoding: "utf8" }).trim();
      assert.match(await page.textContent("#vectors-sha256"), new RegExp(`^${hash} \\(\\d+ vector files\\)$`));
      assert.ok((await page.textContent("#suite-version")).length > 0);
      // The harness's markup is text in the failures table, not elements.
      assert.equal(await page.locator("img, script, link, iframe, object, embed").count(), 0);
      assert.ok((await page.textContent("#failures")).includes(HOSTILE));
      // Per area and per requirement.
      assert.match(await page.textContent("#areas"), /jws\s*fail/);
      assert.match(await page.textContent("#requirements"), /LL-JWS-\d{3}/);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
