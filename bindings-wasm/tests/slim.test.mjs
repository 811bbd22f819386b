// "labourlink/slim" before and after init: a call made too early throws a LabourlinkError with
// code "input.invalid" that says to call init first (not a bare TypeError from inside the
// glue); the error classes work at any time; after initSync everything works and classes keep
// their identity. Runs in a process of its own (node --test), so nothing has initialised the
// module before it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pkgDir } from "./readme.mjs";

test("labourlink/slim: coded errors before init, the whole API after", async () => {
  const slim = await import("labourlink/slim");
  const early = [
    () => slim.canonicalize('{"b":1,"a":2}'),
    () => slim.errorCodes(),
    () => slim.SigningKey.generate("Ed25519", "k"),
    () => slim.TrustList.fromBody({}),
    () => new slim.ReplayGuard(),
    () => new slim.Verifier({}),
  ];
  for (const call of early) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof slim.LabourlinkError, String(e));
      assert.equal(e.code, "input.invalid");
      assert.match(e.message, /before the WebAssembly module was initialised; call `await init\(\)`/);
      assert.match(e.messageZh, /init/);
      return true;
    });
  }
  // The error classes are plain JavaScript: usable before init.
  assert.equal(new slim.SchemaError("x", { code: "schema.invalid" }).code, "schema.invalid");

  slim.initSync({ module: readFileSync(join(pkgDir, "pkg", "labourlink_wasm_bg.wasm")) });
  assert.equal(new TextDecoder().decode(slim.canonicalize('{"b":1,"a":2}')), '{"a":2,"b":1}');
  const key = slim.SigningKey.generate("Ed25519", "330200-test-1");
  assert.ok(key instanceof slim.SigningKey);
  assert.equal(slim.SigningKey.generate.name, "generate");
  const guard = new slim.ReplayGuard();
  assert.ok(guard instanceof slim.ReplayGuard);
  assert.ok(slim.errorCodes().some(([code]) => code === "input.invalid"));
  // A second initSync is harmless.
  slim.initSync({ module: readFileSync(join(pkgDir, "pkg", "labourlink_wasm_bg.wasm")) });
});
