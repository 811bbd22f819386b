#!/usr/bin/env node
// Generates bindings-wasm/types/messages.d.ts — TypeScript interfaces of the documents and
// message bodies — from the normative JSON Schemas in schemas/ (draft 2020-12).
//
//   node bindings-wasm/tools/gen-types.mjs           # write the file
//   node bindings-wasm/tools/gen-types.mjs --check   # exit 1 if the file is not current
//
// What maps to TypeScript: type, properties/required, additionalProperties, items, const,
// enum, oneOf/anyOf (unions), allOf (intersections), $ref (named types). What a static type
// cannot say — patterns, lengths, ranges, if/then/else, not, propertyNames — stays with the
// schema stage of the verifier; titles and descriptions become doc comments.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemasDir = join(here, "..", "..", "schemas");
const outFile = join(here, "..", "types", "messages.d.ts");

const URN = /^urn:labourlink:schema:([a-z0-9_.]+):1(?:#\/\$defs\/([a-z0-9_]+))?$/;
const NOT_MESSAGES = new Set(["defs", "envelope", "flows"]);

const pascal = (s) =>
  s
    .split(/[._]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
const bodyName = (type) => `${pascal(type)}Body`;
// Definitions whose plain name would shadow a global of ECMAScript or the DOM.
const RENAMED = { Date: "CalendarDate", Text: "FreeText" };
const defName = (def) => RENAMED[pascal(def)] ?? pascal(def);
const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k) => (identifier.test(k) ? k : JSON.stringify(k));

function doc(schema, indent) {
  const parts = [schema.title, schema.description].filter((x) => typeof x === "string" && x);
  if (parts.length === 0) return "";
  const text = parts.join(" — ").replaceAll("*/", "*\\/");
  return `${indent}/** ${text} */\n`;
}

function refName(ref) {
  const m = URN.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref}`);
  const [, name, def] = m;
  if (name === "defs" && def) return defName(def);
  if (!def && !NOT_MESSAGES.has(name)) return bodyName(name);
  throw new Error(`unsupported $ref ${ref}`);
}

// Members of allOf/oneOf that only constrain (if/then/else/not) add nothing to the type.
const CONDITIONAL = new Set(["if", "then", "else", "not", "title", "description", "$comment"]);
const onlyConditional = (s) => Object.keys(s).every((k) => CONDITIONAL.has(k));

function literal(v) {
  return JSON.stringify(v);
}

/** The TypeScript type of a schema, written at `indent`. */
function ts(schema, indent = "") {
  if (schema === true || schema === undefined) return "unknown";
  if (schema === false) return "never";
  const parts = [];
  if (schema.$ref) parts.push(refName(schema.$ref));
  if ("const" in schema) parts.push(literal(schema.const));
  else if (Array.isArray(schema.enum)) parts.push(schema.enum.map(literal).join(" | "));
  else if (schema.type !== undefined || schema.properties) parts.push(typed(schema, indent));
  for (const kw of ["oneOf", "anyOf"]) {
    if (Array.isArray(schema[kw])) {
      const members = schema[kw].filter((s) => !onlyConditional(s)).map((s) => ts(s, indent));
      if (members.length) parts.push(members.length > 1 ? `(${members.join(" | ")})` : members[0]);
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const s of schema.allOf) if (!onlyConditional(s)) parts.push(ts(s, indent));
  }
  if (parts.length === 0) return "unknown";
  return parts.join(" & ");
}

function typed(schema, indent) {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "object"];
  return types
    .map((t) => {
      switch (t) {
        case "string":
          return "string";
        case "integer":
        case "number":
          return "number";
        case "boolean":
          return "boolean";
        case "null":
          return "null";
        case "array": {
          const item = ts(schema.items, indent);
          return /^[A-Za-z0-9_"]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
        }
        case "object":
          return object(schema, indent);
        default:
          throw new Error(`unsupported type ${t}`);
      }
    })
    .join(" | ");
}

function object(schema, indent) {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const lines = [];
  for (const [name, sub] of Object.entries(props)) {
    lines.push(`${doc(sub, inner)}${inner}${key(name)}${required.has(name) ? "" : "?"}: ${ts(sub, inner)};`);
  }
  const extra = schema.additionalProperties;
  if (extra !== false && (extra !== undefined || Object.keys(props).length === 0)) {
    lines.push(`${inner}[key: string]: ${extra === undefined || extra === true ? "unknown" : ts(extra, inner)};`);
  }
  if (lines.length === 0) return "Record<string, never>";
  return `{\n${lines.join("\n")}\n${indent}}`;
}

function declare(name, schema) {
  const type = ts(schema, "");
  const d = doc(schema, "");
  if (type.startsWith("{\n")) return `${d}export interface ${name} ${type}\n`;
  return `${d}export type ${name} = ${type};\n`;
}

function generate() {
  const files = readdirSync(schemasDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort();
  const load = (f) => JSON.parse(readFileSync(join(schemasDir, f), "utf8"));
  const defs = load("defs.schema.json").$defs;
  const envelope = load("envelope.schema.json");
  const types = files
    .map((f) => f.slice(0, -".schema.json".length))
    .filter((n) => !NOT_MESSAGES.has(n));

  let out = `// Generated by bindings-wasm/tools/gen-types.mjs from schemas/*.schema.json. Do not edit:
// change the schemas and run \`node bindings-wasm/tools/gen-types.mjs\` (CI checks it is current).
// Field names are the wire's (snake_case). Patterns, lengths, ranges and conditional requirements
// are checked by the verifier's schema stage, not by these types.

`;
  out += "// ---- Common definitions (schemas/defs.schema.json)\n\n";
  for (const [name, schema] of Object.entries(defs)) out += `${declare(defName(name), schema)}\n`;

  out += "// ---- Message bodies, one per message type\n\n";
  for (const t of types) out += `${declare(bodyName(t), load(`${t}.schema.json`))}\n`;

  out += "/** The body type of each message type. */\nexport interface MessageBodies {\n";
  for (const t of types) out += `  ${JSON.stringify(t)}: ${bodyName(t)};\n`;
  out += "}\n\n";

  // The envelope: every property but `type` and `body`, which the Document type pairs up.
  const { type: _type, body: _body, ...envelopeProps } = envelope.properties;
  const fields = { ...envelope, properties: envelopeProps, required: envelope.required.filter((r) => r !== "type" && r !== "body") };
  delete fields.allOf;
  out += declare("EnvelopeFields", fields).replace(/^\/\*\*[^\n]*\*\/\n/, "/** The envelope fields of a document (schemas/envelope.schema.json) except `type` and `body`. */\n");
  out += `
/**
 * A document (the payload of a message, DESIGN §3): the envelope fields with the body of its
 * type. \`Document\` alone is the union over every message type, so checking \`doc.type\`
 * narrows \`doc.body\`.
 */
export type Document<T extends MessageType = MessageType> = T extends MessageType
  ? EnvelopeFields & { type: T; body: MessageBodies[T] }
  : never;
`;
  for (const t of types) {
    const declared = defs.message_type?.enum ?? [];
    if (!declared.includes(t)) throw new Error(`schemas/${t}.schema.json is not in defs message_type`);
  }
  return out;
}

const text = generate();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(outFile, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${outFile} is not current: run node bindings-wasm/tools/gen-types.mjs`);
    process.exit(1);
  }
  console.log(`${outFile} is current`);
} else {
  writeFileSync(outFile, text);
  console.log(`wrote ${outFile}`);
}
