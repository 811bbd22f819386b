// The public API of the npm package `labourlink`, over the wasm-bindgen module in ../pkg/.
// This layer only passes class instances found inside arrays and options objects to the
// WebAssembly exports (which cannot borrow them out of plain values); it decides nothing.
// Entry points: ./node.js (Node: loads the .wasm with fs), ./browser.js (browsers and bundlers:
// fetches it), ./slim.js (you call init yourself). They initialise the module, then re-export
// this file.

import * as wasm from "../pkg/labourlink_wasm.js";

export {
  canonicalize,
  checkCitizenId,
  checkRegionCode,
  checkUscc,
  codeName,
  convert15To18,
  document,
  errorCodes,
  example,
  parseCitizenId,
  parseUscc,
  regionName,
  ReplayGuard,
  SigningKey,
  validate,
  validateBody,
  VerifyingKey,
} from "../pkg/labourlink_wasm.js";
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

const { ReplayGuard, SigningKey, VerifyingKey } = wasm;

function typeError(message) {
  return wasm._typeError(message, undefined);
}

/** The error a method of a freed object throws. */
function freedError(name) {
  return typeError(`this ${name} was freed (by free(), the end of its \`using\` block, or by being handed over); make a new one`);
}

/** A key or guard passed as an argument: refused with `what` named when it was freed. */
function live(obj, what) {
  if (obj.__wbg_ptr === 0) throw typeError(`${what} was freed (by free() or the end of its \`using\` block); make a new one`);
  if (obj.__wbg_ptr === undefined) throw typeError(`${what} was not made by labourlink (Object.create of its prototype?); use its static constructors`);
  return obj;
}

// A method of a freed key or replay guard would otherwise throw wasm-bindgen's bare
// "null pointer passed to rust": each method and accessor first checks the object is live.
for (const cls of [ReplayGuard, SigningKey, VerifyingKey]) {
  const proto = cls.prototype;
  for (const member of Object.getOwnPropertyNames(proto)) {
    if (member === "constructor" || member === "free" || member.startsWith("__")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, member);
    const check = (self) => {
      if (self instanceof cls && self.__wbg_ptr === 0) throw freedError(cls.name);
      // Made from the prototype (Object.create), never by wasm-bindgen: no WebAssembly object.
      if (self instanceof cls && self.__wbg_ptr === undefined) {
        throw typeError(`this ${cls.name} was not made by labourlink (use its static constructors)`);
      }
    };
    if (typeof d.value === "function") {
      const f = d.value;
      d.value = {
        [member](...args) {
          check(this);
          for (const a of args) {
            if ((a instanceof SigningKey || a instanceof VerifyingKey || a instanceof ReplayGuard) && !a.__wbg_ptr) {
              throw typeError(`${cls.name}.${member}: an argument (a ${a.constructor.name}) was freed or not made by labourlink; make a new one`);
            }
          }
          return f.apply(this, args);
        },
      }[member];
    }
    if (d.get) {
      const g = d.get;
      d.get = function () {
        check(this);
        return g.call(this);
      };
    }
    Object.defineProperty(proto, member, d);
  }
  // A second free() (or free() and then the end of a `using` block, whose dispose calls
  // free()) does nothing, as for TrustList and Verifier.
  const free = proto.free;
  const once = function free_() {
    if (this.__wbg_ptr !== 0) free.call(this);
  };
  Object.defineProperty(proto, "free", { value: once, writable: true, configurable: true });
  if (Symbol.dispose && proto[Symbol.dispose]) {
    Object.defineProperty(proto, Symbol.dispose, { value: once, writable: true, configurable: true });
  }
}

// wasm-bindgen's own check of a class argument throws a bare Error ("expected instance of
// VerifyingKey"): say it as every other wrong type is said.
{
  const equals = VerifyingKey.prototype.equals;
  const checked = {
    equals(other) {
      if (!(other instanceof VerifyingKey)) throw typeError("VerifyingKey.equals: other is not a VerifyingKey");
      return equals.call(this, other);
    },
  }.equals;
  Object.defineProperty(VerifyingKey.prototype, "equals", { value: checked, writable: true, configurable: true });
}

/**
 * `{kid, key: VerifyingKey | Jwk}` → a JWK with `kid`; a `VerifyingKey` with a kid (from
 * `signingKey.verifyingKey()` or `withKid`) → its JWK; a JWK passes through.
 */
function anchorJwk(anchor) {
  if (anchor instanceof VerifyingKey) {
    if (anchor.kid == null) {
      throw typeError("an anchor needs its kid: pass key.withKid(\"…\") or {kid, key}");
    }
    return anchor.toJwk();
  }
  if (anchor !== null && typeof anchor === "object" && "key" in anchor) {
    const key = anchor.key instanceof VerifyingKey ? anchor.key.toJwk() : anchor.key;
    return key !== null && typeof key === "object" ? { ...key, kid: anchor.kid } : key;
  }
  return anchor;
}

function anchorJwks(anchors) {
  return Array.isArray(anchors) ? anchors.map(anchorJwk) : anchors;
}

function isObject(v) {
  return v !== null && typeof v === "object";
}

/**
 * Signs a document with one key or several (a bilateral agreement) and returns the JWS
 * (general JSON serialization) as text.
 */
export function sign(document, keys) {
  const list = Array.isArray(keys) ? keys : [keys];
  const set = new wasm._SignerSet();
  try {
    list.forEach((key, i) => {
      if (!(key instanceof SigningKey)) {
        throw typeError(`sign: keys${Array.isArray(keys) ? `[${i}]` : ""} is not a SigningKey`);
      }
      set.push(live(key, `sign: keys${Array.isArray(keys) ? `[${i}]` : ""}`));
    });
    return wasm._sign(document, set);
  } finally {
    set.free();
  }
}

const handles = new WeakMap();

function handle(list) {
  const h = handles.get(list);
  if (h === undefined) throw typeError("not a TrustList (or it was freed)");
  return h;
}

function wrapList(h) {
  const list = Object.create(TrustList.prototype);
  handles.set(list, h);
  return list;
}

const refHandles = new WeakMap();

function refHandle(data) {
  const h = refHandles.get(data);
  if (h === undefined) throw typeError("not a ReferenceData (or it was freed)");
  return h;
}

function wrapRef(h) {
  const data = Object.create(ReferenceData.prototype);
  refHandles.set(data, h);
  return data;
}

/**
 * Signed reference data (参考数据): holiday calendar years and GB/T 2260 changes issued by a
 * trust anchor, verified like a trust list. `new Verifier(list, {referenceData})` runs the
 * business rules with them; without it the embedded tables are used.
 */
export class ReferenceData {
  /** Loads and verifies a signed document against the pinned anchors (`reference_data.*`). */
  static load(data, anchors, options) {
    return wrapRef(wasm._ReferenceData.load(data, anchorJwks(anchors), options));
  }

  /** From a body (unsigned), checked as loading checks it. */
  static fromBody(body) {
    return wrapRef(wasm._ReferenceData.fromBody(body));
  }

  toBody() {
    return refHandle(this).toBody();
  }

  sign(anchorKey, issuer) {
    if (!(anchorKey instanceof SigningKey)) throw typeError("ReferenceData.sign: anchorKey is not a SigningKey");
    live(anchorKey, "ReferenceData.sign: anchorKey");
    return refHandle(this).sign(anchorKey, issuer);
  }

  checkFresh(options) {
    refHandle(this).checkFresh(options);
  }

  checkNotRollback(sequence, digest) {
    refHandle(this).checkNotRollback(sequence, digest);
  }

  isConfirmed(year) {
    return refHandle(this).isConfirmed(year);
  }

  addWorkingDays(date, n) {
    return refHandle(this).addWorkingDays(date, n);
  }

  isCurrentRegion(code) {
    return refHandle(this).isCurrentRegion(code);
  }

  get sequence() {
    return refHandle(this).sequence;
  }

  get nextUpdate() {
    return refHandle(this).nextUpdate;
  }

  get digest() {
    return refHandle(this).digest ?? null;
  }

  /** Frees the WebAssembly memory now. */
  free() {
    const h = refHandles.get(this);
    if (h !== undefined) {
      refHandles.delete(this);
      h.free();
    }
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/** A trust list: the partner keys a verifier accepts, signed by a trust anchor. */
export class TrustList {
  constructor(sequence, nextUpdate) {
    handles.set(this, new wasm._TrustList(sequence, nextUpdate));
  }

  /** Loads and verifies a signed trust list against the pinned anchors. */
  static load(data, anchors, options) {
    return wrapList(wasm._TrustList.load(data, anchorJwks(anchors), options));
  }

  /** A list from its body (an unsigned draft), checked as loading checks it. */
  static fromBody(body) {
    return wrapList(wasm._TrustList.fromBody(body));
  }

  /** The record with this kid (wire form), or null. */
  key(kid) {
    return handle(this).key(kid);
  }

  addKey(record) {
    const rec =
      isObject(record) && record.key instanceof VerifyingKey
        ? { ...record, key: record.key.toJwk() }
        : record;
    handle(this).addKey(rec);
  }

  retire(kid, since) {
    handle(this).retire(kid, since);
  }

  revoke(kid, since) {
    handle(this).revoke(kid, since);
  }

  sign(anchorKey, issuer) {
    if (!(anchorKey instanceof SigningKey)) throw typeError("TrustList.sign: anchorKey is not a SigningKey");
    live(anchorKey, "TrustList.sign: anchorKey");
    return handle(this).sign(anchorKey, issuer);
  }

  checkFresh(options) {
    handle(this).checkFresh(options);
  }

  /** Throws `trust_list.rollback` when the sequence is below `minSequence` (the highest accepted before). */
  checkMinSequence(minSequence) {
    handle(this).checkMinSequence(minSequence);
  }

  /** Throws when `newer` may not follow this list (`trust_list.key_rebound`, `trust_list.revocation_undone`). */
  checkSuccessor(newer) {
    if (!(newer instanceof TrustList)) throw typeError("TrustList.checkSuccessor: newer is not a TrustList");
    handle(this).checkSuccessor(handle(newer));
  }

  /** Hygiene findings (`trust_list.invalid`, errors and warnings) that loading would not refuse. */
  lint(anchors) {
    return handle(this).lint(anchorJwks(anchors));
  }

  get sequence() {
    return handle(this).sequence;
  }

  get nextUpdate() {
    return handle(this).nextUpdate;
  }

  get digest() {
    return handle(this).digest ?? null;
  }

  get keys() {
    return handle(this).keys;
  }

  toBody() {
    return handle(this).toBody();
  }

  toJSON() {
    return this.toBody();
  }

  free() {
    const h = handles.get(this);
    handles.delete(this);
    h?.free();
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/**
 * Verifies messages against a trust list for one region. Secure by default, as the core: every
 * stage runs (schema, business rules, a replay guard of its own, a maximum age per type); only
 * `options.dangerous` weakens it.
 */
export class Verifier {
  #v;

  /** The wasm verifier; a freed Verifier says so instead of failing on `undefined`. */
  get #inner() {
    if (this.#v === undefined) throw freedError("Verifier");
    return this.#v;
  }

  constructor(trustList, options) {
    const inputs = new wasm._VerifierInputs();
    try {
      let signed;
      if (trustList instanceof TrustList) {
        inputs.setList(handle(trustList));
      } else if (typeof trustList === "string" || trustList instanceof Uint8Array) {
        signed = trustList;
      } else {
        throw typeError("Verifier: trustList must be a TrustList or a signed trust list (string or Uint8Array)");
      }
      let opts = options;
      if (isObject(opts)) {
        if (opts.replayGuard instanceof ReplayGuard) inputs.setGuard(live(opts.replayGuard, "Verifier: options.replayGuard"));
        if (opts.referenceData instanceof ReferenceData) {
          inputs.setReferenceData(refHandle(opts.referenceData));
          opts = { ...opts, referenceData: true };
        }
        if (Array.isArray(opts.anchors)) opts = { ...opts, anchors: anchorJwks(opts.anchors) };
      }
      this.#v = new wasm._Verifier(inputs, signed, opts);
    } finally {
      inputs.free();
    }
  }

  /** Runs the whole pipeline; returns {document, body, type, id, digest, signers, warnings}. */
  verify(data) {
    return this.#inner.verify(data);
  }

  /**
   * Verifies a message that answers `earlier` — the result of one of the last 256 messages a
   * verifier (any) accepted: the whole pipeline plus the flow table's reply rules and, for a
   * receipt, its binding to `earlier` (id, digest, type).
   */
  verifyReply(data, earlier) {
    if (!isObject(earlier) || typeof earlier.digest !== "string") {
      throw typeError("Verifier.verifyReply: earlier must be a result of verify() or verifyReply()");
    }
    return this.#inner.verifyReply(data, earlier.digest);
  }

  /**
   * Like `verifyReply`, with the earlier message as its stored document and payload digest (a
   * message verified or sent days ago); the caller vouches for it (it is not verified again).
   */
  verifyReplyTo(data, earlierDocument, earlierDigest) {
    return this.#inner.verifyReplyTo(data, earlierDocument, earlierDigest);
  }

  /** Archival verification of a stored message first received at `firstSeen`. */
  verifyArchived(data, firstSeen) {
    return this.#inner.verifyArchived(data, firstSeen);
  }

  /**
   * Archival verification of a stored reply to `earlier` (a result of `verifyArchived` or
   * `verify`), first received at `firstSeen`: the reply rules apply in archival mode too.
   */
  verifyArchivedReply(data, earlier, firstSeen) {
    if (!isObject(earlier) || typeof earlier.digest !== "string") {
      throw typeError("Verifier.verifyArchivedReply: earlier must be a result of verify() or verifyArchived()");
    }
    return this.#inner.verifyArchivedReply(data, earlier.digest, firstSeen);
  }

  /** The maximum age in seconds for a message type (`null`: no limit). */
  maxAgeFor(messageType) {
    return this.#inner.maxAgeFor(messageType) ?? null;
  }

  /** Which optional stages run: `{schema, rules, replay}`. */
  get stages() {
    return this.#inner.stages;
  }

  /** Verifies a newer signed trust list against the anchors and makes it current. */
  updateTrustList(data) {
    this.#inner.updateTrustList(data);
  }

  get region() {
    return this.#inner.region;
  }

  get agency() {
    return this.#inner.agency ?? null;
  }

  /** A copy of the trust list in use now. */
  get trustList() {
    return wrapList(this.#inner.trustList());
  }

  free() {
    this.#v?.free();
    this.#v = undefined;
  }

  [Symbol.dispose]() {
    this.free();
  }
}
