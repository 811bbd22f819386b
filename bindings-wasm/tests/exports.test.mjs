// index.d.ts and the runtime agree: every value the package exports is declared, and every
// declared value (function, class) exists — for "labourlink" and "labourlink/slim".
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pkgDir } from "./readme.mjs";

const ts = createRequire(import.meta.url)("typescript");

function declaredValues(file) {
  const program = ts.createProgram([join(pkgDir, file)], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(pkgDir, file));
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  return exports
    .filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((s) => s.name)
    .sort();
}

test("labourlink: runtime exports = values declared in index.d.ts", async () => {
  const runtime = Object.keys(await import("labourlink")).sort();
  assert.deepEqual(runtime, declaredValues("index.d.ts"));
});

test("labourlink/slim: runtime exports = values declared in slim.d.ts", async () => {
  const runtime = Object.keys(await import("labourlink/slim")).sort();
  assert.deepEqual(runtime, declaredValues("slim.d.ts"));
});

test("the entry points export the same API (slim adds init and initSync)", async () => {
  const main = Object.keys(await import("labourlink")).sort();
  const slim = Object.keys(await import("labourlink/slim")).filter((k) => k !== "init" && k !== "initSync").sort();
  assert.deepEqual(slim, main);
});
