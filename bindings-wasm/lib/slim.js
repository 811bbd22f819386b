// "labourlink/slim": the API without automatic initialisation. Call `await init()` (or
// `init({module_or_path})`, or `initSync({module})`) once before using anything else; a call
// made before that throws a LabourlinkError with code "input.invalid" that says so (not a
// bare TypeError from inside the glue). The error classes work at any time.
import wasmInit, { initSync as wasmInitSync } from "../pkg/labourlink_wasm.js";
import * as api from "./api.js";
import { LabourlinkError } from "./errors.js";
import { isReady, markReady } from "./ready.js";

export {
  EnvelopeError,
  JsonError,
  JwsError,
  KeyRejectedError,
  KeyResolutionError,
  LabourlinkError,
  ReplayError,
  RuleError,
  SchemaError,
  SignatureError,
  TrustListError,
} from "./errors.js";

/** Instantiates the WebAssembly module (fetching it unless given); resolves to its exports. */
export async function init(options) {
  const exports = await wasmInit(options);
  markReady();
  return exports;
}

/** Instantiates the WebAssembly module from a compiled module or bytes, synchronously. */
export function initSync(options) {
  const exports = wasmInitSync(options);
  markReady();
  return exports;
}

function notReady(name) {
  return new LabourlinkError(
    `labourlink/slim: ${name} was called before the WebAssembly module was initialised; ` +
      "call `await init()` (or `initSync({ module })`) once, and wait for it, before anything else",
    {
      code: "input.invalid",
      messageZh: `labourlink/slim：在 WebAssembly 模块初始化之前调用了 ${name}；请先调用一次 \`await init()\`（或 \`initSync({ module })\`）并等待其完成`,
    },
  );
}

/** `f` (a function of the API, named `fname`), refusing to run before the module is
 * initialised; `label` names it in the error. */
function guardFunction(f, label, fname = f.name) {
  return {
    [fname](...args) {
      if (!isReady()) throw notReady(label);
      return f.apply(this, args);
    },
  }[fname];
}

/** A class of the API whose constructor and static methods refuse to run before the module
 * is initialised; `instanceof`, the prototype and subclassing work as with the class itself. */
function guardClass(cls) {
  const statics = new Map();
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      if (!isReady()) throw notReady(`new ${cls.name}`);
      return Reflect.construct(target, args, newTarget);
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || typeof value !== "function" || prop === "constructor") return value;
      if (!statics.has(prop)) statics.set(prop, guardFunction(value.bind(target), `${cls.name}.${prop}`, prop));
      return statics.get(prop);
    },
  });
}

export const canonicalize = guardFunction(api.canonicalize, "canonicalize");
export const checkCitizenId = guardFunction(api.checkCitizenId, "checkCitizenId");
export const checkRegionCode = guardFunction(api.checkRegionCode, "checkRegionCode");
export const checkUscc = guardFunction(api.checkUscc, "checkUscc");
export const codeName = guardFunction(api.codeName, "codeName");
export const convert15To18 = guardFunction(api.convert15To18, "convert15To18");
export const document = guardFunction(api.document, "document");
export const errorCodes = guardFunction(api.errorCodes, "errorCodes");
export const example = guardFunction(api.example, "example");
export const parseCitizenId = guardFunction(api.parseCitizenId, "parseCitizenId");
export const parseUscc = guardFunction(api.parseUscc, "parseUscc");
export const regionName = guardFunction(api.regionName, "regionName");
export const sign = guardFunction(api.sign, "sign");
export const validate = guardFunction(api.validate, "validate");
export const validateBody = guardFunction(api.validateBody, "validateBody");
export const ReferenceData = guardClass(api.ReferenceData);
export const ReplayGuard = guardClass(api.ReplayGuard);
export const SigningKey = guardClass(api.SigningKey);
export const TrustList = guardClass(api.TrustList);
export const Verifier = guardClass(api.Verifier);
export const VerifyingKey = guardClass(api.VerifyingKey);
