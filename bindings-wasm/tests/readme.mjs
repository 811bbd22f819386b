// The code blocks of bindings-wasm/README.md, for tests/readme.test.mjs and the browser test.
// README.zh-CN.md is not run: tools/check_translations.py (in .ci/run) proves its code blocks
// are byte-identical to these.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The fenced blocks of a language, in order. */
export function blocks(lang) {
  const text = readFileSync(join(pkgDir, "README.md"), "utf8");
  const re = new RegExp("^```" + lang + "\\n([\\s\\S]*?)^```", "gm");
  return [...text.matchAll(re)].map((m) => m[1]);
}

let tarball;

/**
 * A fresh project directory with the package installed as `npm install` would install it: the
 * tarball of `npm pack` (so only the files package.json lists), unpacked into node_modules.
 */
export function project() {
  if (!tarball) {
    const out = mkdtempSync(join(tmpdir(), "labourlink-pack-"));
    const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: pkgDir, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop();
    tarball = join(out, name);
  }
  const dir = mkdtempSync(join(tmpdir(), "labourlink-readme-"));
  const target = join(dir, "node_modules", "labourlink");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
  return dir;
}
