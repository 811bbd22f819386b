// The labourlink error classes. Every error thrown by the package is one of these or a
// TypeError (a JavaScript value of the wrong type), and always carries:
//   code        stable dotted code, identical in Rust, Python and JavaScript ("signature.invalid")
//   message     English, for people (may improve between releases: match on `code`)
//   messageZh   Chinese
//   path        RFC 6901 JSON pointer of the offending place, or null
//   violations  [{code, path, message, messageZh}] behind schema.invalid / rule.violation
// The class is chosen by the code's family, exactly as in the Python package (labourlink.errors):
//   json.*                              JsonError
//   jws.*                               JwsError
//   key.rejected, key.invalid_format,   KeyRejectedError
//   key.decryption_failed
//   key.* (unknown, expired, revoked…)  KeyResolutionError
//   signature.*                         SignatureError
//   payload.*, envelope.*               EnvelopeError
//   trust_list.*, reference_data.*      TrustListError
//   schema.*                            SchemaError
//   rule.*                              RuleError
//   replay.*                            ReplayError
//   input.*, internal.*, store.*,       LabourlinkError
//   exchange.*
// The WebAssembly module imports `makeError` from this very file (wasm-bindgen `raw_module`),
// so `instanceof` works against the classes the package exports.

function attach(error, code, messageZh, path, violations) {
  error.code = code;
  error.messageZh = messageZh;
  error.path = path ?? null;
  error.violations = violations ?? [];
  return error;
}

/** The base class of every labourlink error (except the TypeErrors for wrong argument types). */
export class LabourlinkError extends Error {
  constructor(message, { code = "input.invalid", messageZh = "", path = null, violations = [] } = {}) {
    super(message);
    attach(this, code, messageZh, path, violations);
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messageZh: this.messageZh,
      path: this.path,
      violations: this.violations,
    };
  }
}

export class JsonError extends LabourlinkError {}
export class JwsError extends LabourlinkError {}
export class KeyRejectedError extends LabourlinkError {}
export class KeyResolutionError extends LabourlinkError {}
export class SignatureError extends LabourlinkError {}
export class EnvelopeError extends LabourlinkError {}
export class TrustListError extends LabourlinkError {}
export class SchemaError extends LabourlinkError {}
export class RuleError extends LabourlinkError {}
export class ReplayError extends LabourlinkError {}

const CLASSES = {
  LabourlinkError,
  JsonError,
  JwsError,
  KeyRejectedError,
  KeyResolutionError,
  SignatureError,
  EnvelopeError,
  TrustListError,
  SchemaError,
  RuleError,
  ReplayError,
};

// Names are set explicitly so that minifiers renaming classes do not change `error.name`.
for (const [name, cls] of Object.entries(CLASSES)) {
  Object.defineProperty(cls.prototype, "name", {
    value: name,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/**
 * Builds an error (called from WebAssembly). `name` is a class name above or "TypeError".
 * @internal
 */
export function makeError(name, message, code, messageZh, path, violations) {
  if (name === "TypeError") {
    return attach(new TypeError(message), code, messageZh, path, violations);
  }
  const cls = CLASSES[name] ?? LabourlinkError;
  return new cls(message, { code, messageZh, path, violations });
}
