// canonicalize(): RFC 8785 bytes of a JSON text. (All node tests import the package by its name,
// "labourlink", resolved to this directory through package.json "exports"; pkg/ is built by
// bindings-wasm/build.sh or .ci/run.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalize } from "labourlink";

const bytes = (s) => new TextEncoder().encode(s);

test("sorts keys and keeps UTF-8", () => {
  const out = canonicalize('{"b":1,"a":[true,null,"\\u00e9"]}');
  assert.ok(out instanceof Uint8Array);
  assert.deepEqual(Buffer.from(out), Buffer.from('{"a":[true,null,"\u00e9"],"b":1}', "utf8"));
  assert.deepEqual(
    Buffer.from(out),
    Buffer.from([...bytes('{"a":[true,null,"'), 0xc3, 0xa9, ...bytes('"],"b":1}')]),
  );
});

test("string and Uint8Array give the same bytes", () => {
  const text = '{"b":1,"a":[true,null,"\\u00e9"]}';
  assert.deepEqual(canonicalize(bytes(text)), canonicalize(text));
});

test("strings of every UTF-8 length, empty and large, give the bytes their UTF-8 form gives", () => {
  // A string is encoded by the engine straight into WebAssembly memory (three bytes per UTF-16
  // unit reserved); a large one makes the memory grow first.
  const texts = [
    '""',
    '"a"',
    '"\u00e9\u4e2d\ud83d\ude00"',
    JSON.stringify("é中😀a".repeat(5)),
    JSON.stringify({ k: "宁波 330200 凉山 513400 😀".repeat(12000) }),
  ];
  for (const text of texts) {
    assert.deepEqual(Buffer.from(canonicalize(text)), Buffer.from(canonicalize(bytes(text))));
  }
});

test("duplicate key throws a real Error named JsonError", () => {
  let thrown;
  assert.throws(
    () => canonicalize('{"a":1,"a":2}'),
    (e) => {
      thrown = e;
      return true;
    },
  );
  assert.ok(thrown instanceof Error, "a real Error, not a string");
  assert.equal(thrown.name, "JsonError");
  assert.equal(thrown.code, "json.duplicate_key");
  assert.equal(thrown.path, "/a");
  assert.equal(typeof thrown.message, "string");
  assert.ok(thrown.message.length > 0);
  assert.equal(typeof thrown.messageZh, "string");
  assert.ok(Array.isArray(thrown.violations));
});

test("invalid UTF-8 bytes throw json.invalid_utf8", () => {
  assert.throws(() => canonicalize(new Uint8Array([0x22, 0xff, 0x22])), {
    name: "JsonError",
    code: "json.invalid_utf8",
  });
});

test("a string with a lone surrogate throws json.invalid_utf8", () => {
  assert.throws(() => canonicalize('"\ud800"'), { name: "JsonError", code: "json.invalid_utf8" });
});

test("truncated input is a json.syntax JsonError", () => {
  assert.throws(() => canonicalize("{"), (e) => e instanceof Error && e.code === "json.syntax");
});

test("other argument types throw TypeError", () => {
  assert.throws(() => canonicalize(42), TypeError);
});
