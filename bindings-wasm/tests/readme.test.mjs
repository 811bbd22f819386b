// The README's JavaScript examples run as written, in a fresh project that has the package
// installed (the HTML example runs in tests/browser/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { blocks, project } from "./readme.mjs";

const examples = blocks("js");

test("the README has JavaScript examples", () => {
  assert.ok(examples.length >= 2);
});

examples.forEach((code, i) => {
  const first = code.split("\n").find((l) => l.trim() && !l.startsWith("import")) ?? "";
  test(`README example ${i + 1}: ${first.slice(0, 60)}`, () => {
    const dir = project();
    try {
      const file = join(dir, `example${i + 1}.mjs`);
      writeFileSync(file, code);
      const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      // A console.log followed by `// → text` (on its line or the next) must print exactly that.
      const lines = code.split("\n");
      const printed = out.trimEnd().split("\n");
      let k = 0;
      let checked = 0;
      lines.forEach((line, j) => {
        if (!/console\.log\(/.test(line)) return;
        const got = printed[k++];
        const expected = line.match(/\/\/ → (.*)$/)?.[1] ?? lines[j + 1]?.match(/^\s*\/\/ → (.*)$/)?.[1];
        if (expected !== undefined) {
          assert.equal(got, expected, `output of README example ${i + 1}, line ${j + 1}`);
          checked++;
        }
      });
      assert.ok(checked > 0, "the example states its output");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
