// (d) labourlink's Node/WASM package: `new Verifier(trustList, {region, clock, maxAgeSeconds,
// dangerous: {skipRules, noReplayGuard}})` — the schema stage on, as the peer stacks do; no
// rules; messages repeat and `verify(text)`, message by message. The package directory comes from LABOURLINK_WASM_PKG
// (default ../../bindings-wasm): run.sh points it at a copy whose pkg/ is a release build
// (profile wasm-release), so the repository's bindings-wasm/pkg is left alone.
//
//   node node_labourlink.mjs DIR SIZE SECONDS        (see common.mjs)
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { args, run, skip } from "./common.mjs";

const NAME = "labourlink Node/WASM package";
const HERE = dirname(fileURLToPath(import.meta.url));
const PKG = resolve(process.env.LABOURLINK_WASM_PKG || join(HERE, "..", "..", "bindings-wasm"));
const { dir, size } = args();

async function main() {
  const entry = join(PKG, "lib", "node.js");
  if (!existsSync(entry) || !existsSync(join(PKG, "pkg", "labourlink_wasm_bg.wasm"))) {
    return skip(NAME, size, `no built package at ${PKG}`);
  }
  let ll;
  try {
    ll = await import(pathToFileURL(entry).href);
  } catch (e) {
    return skip(NAME, size, `cannot load ${entry}: ${e.message}`);
  }
  if (typeof ll.Verifier !== "function" || typeof ll.TrustList?.load !== "function") {
    return skip(NAME, size, "the package has no Verifier / TrustList.load yet");
  }
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
  const anchor = JSON.parse(readFileSync(join(dir, "anchor.jwk"), "utf8"));
  const list = ll.TrustList.load(readFileSync(join(dir, "trust_list.jws"), "utf8"), [anchor], {
    at: meta.now,
  });
  let verifier;
  let note = "";
  try {
    verifier = new ll.Verifier(list, {
      region: meta.region,
      clock: meta.now,
      // the 30 KB roster carries the catalogue example's date (March): a maximum age of a year
      // keeps it live, as in bench/rust's fixture (the check costs the same)
      maxAgeSeconds: 366 * 86400,
      dangerous: { skipRules: true, noReplayGuard: true },
    });
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    verifier = new ll.Verifier(list, { region: meta.region, clock: meta.now });
    note = "no schema option: stages 1-5, then validateBody(type, body)";
    const v = verifier;
    verifier = {
      verify(m) {
        const r = v.verify(m);
        ll.validateBody(r.type, r.body);
        return r;
      },
    };
  }
  await run(NAME, (m) => verifier.verify(m), note);
}

await main();
