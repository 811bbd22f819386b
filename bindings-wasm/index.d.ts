// Types of the npm package `labourlink`. Hand-written for lib/api.js and checked by
// tests/types (tsc --noEmit over a typed example); the message shapes come from the generated
// types/messages.d.ts (schemas/) and the ErrorCode and RuleCode unions from
// types/error-codes.d.ts (the core's code tables). The key classes are declared by wasm-bindgen in pkg/labourlink_wasm.d.ts.

import type { SigningKey, VerifyingKey } from "./pkg/labourlink_wasm.js";
import type { ErrorCode, RuleCode } from "./types/error-codes.js";
import type { Document, MessageBodies, MessageType, ReferenceDataBody, TrustListBody } from "./types/messages.js";

export { SigningKey, VerifyingKey } from "./pkg/labourlink_wasm.js";
export type { ErrorCode, RuleCode } from "./types/error-codes.js";
export * from "./types/messages.js";

/** A signature algorithm: `"Ed25519"`, `"ES256"` (ECDSA P-256) or `"SM2SM3"` (SM2 with SM3, GM/T 0003); always named (there is no default). */
export type Algorithm = "Ed25519" | "ES256" | "SM2SM3";

/** A public JWK: `{kty: "OKP", crv: "Ed25519", x}`, `{kty: "EC", crv: "P-256", x, y}` or `{kty: "EC", crv: "SM2", x, y}`. */
export type Jwk =
  | { kty: "OKP"; crv: "Ed25519"; x: string; kid?: string; alg?: string; use?: string; key_ops?: string[] }
  | { kty: "EC"; crv: "P-256" | "SM2"; x: string; y: string; kid?: string; alg?: string; use?: string; key_ops?: string[] };

/** A private JWK (`SigningKey.fromJwk`): a public JWK with the private member `d`. */
export type PrivateJwk = Jwk & { d: string };

/**
 * A Node `KeyObject` (`node:crypto`), described by the two members labourlink uses: `type`
 * (`"private"` or `"public"`) and `export({format: "der", type: "pkcs8" | "spki"})`.
 */
export interface KeyObjectLike {
  readonly type: string;
  export(options: { format: "der"; type: "pkcs8" | "spki" }): Uint8Array;
}

/** An instant: a `Date` or an RFC 3339 string such as `"2026-11-27T08:00:00Z"` (an offset such as `+08:00` is normalised to UTC). */
export type TimeInput = Date | string;

/** A clock: a fixed instant, or a function called whenever the current instant is needed. */
export type Clock = TimeInput | (() => TimeInput);

/** A sender or receiver: GB/T 2260 region code, agency code, optional display name. */
export interface Party {
  region: string;
  agency: string;
  name?: string;
}

/** The case a message belongs to. */
export interface CaseRef {
  id: string;
  type: string;
}

/** What `document()` needs; `spec`, `schema_version`, `id` and `issued_at` are filled in. */
export interface DocumentInit<T extends MessageType = MessageType> {
  type: T;
  from: Party;
  to: Party;
  body?: MessageBodies[T];
  case?: CaseRef;
  /** The id of the message this one answers. */
  inReplyTo?: string;
  expiresAt?: TimeInput;
  /** When the document is issued (default: now). */
  at?: Clock;
  /** A fixed id instead of a fresh UUID v7. */
  id?: string;
  /** Default `"1.0"`. */
  schemaVersion?: string;
}

/**
 * Builds a document (the payload of a message): fills `spec`, `schema_version`, `id` (a fresh
 * UUID v7) and `issued_at`, and checks the envelope (`envelope.*` errors). In a browser module,
 * import it under another name (`import { document as makeDocument }`) to keep the DOM's `document`.
 */
export function document<T extends MessageType>(init: DocumentInit<T>): Document<T>;

/** The RFC 8785 (JCS) canonical form of a JSON text (a string is taken as UTF-8), as UTF-8 bytes. */
export function canonicalize(input: string | Uint8Array): Uint8Array;

/**
 * Signs a document with one key, or several (a bilateral agreement), and returns the JWS in
 * general JSON serialization. The document must be a plain object with integers only (within
 * ±(2^53−1)) and a valid envelope.
 */
export function sign(document: Document | Record<string, unknown>, keys: SigningKey | readonly SigningKey[]): string;

/** A business-rule finding: a violation with its severity (errors reject, warnings do not). */
export interface Finding extends Violation {
  severity: "error" | "warning";
}

/** A calendar date: `"YYYY-MM-DD"`, or a `Date` (its UTC calendar date). */
export type DateInput = Date | string;

/** Findings for a citizen ID number (GB 11643): format, check character, birth date (not after `on`), address code. */
export function checkCitizenId(value: string, options: { on: DateInput; path?: string }): Finding[];
/** Findings for a unified social credit code (GB 32100): errors for format and check characters, warnings for an unknown registration pair or region. */
export function checkUscc(value: string, options?: { path?: string }): Finding[];
/** Findings for a region code that must be in the current GB/T 2260 list. */
export function checkRegionCode(value: string, options?: { path?: string }): Finding[];

/** A parsed citizen ID number. */
export interface ParsedCitizenId {
  /** The number with an upper-case `X`. */
  normalized: string;
  kind: "citizen" | "hk_mo_tw_residence_permit" | "foreign_permanent_resident" | "foreign_permanent_resident_legacy";
  addressCode: string | null;
  /** Whether the address code is historic only (still valid in an ID number). */
  historicAddress: boolean;
  /** `YYYY-MM-DD`. */
  birthDate: string | null;
  sex: "male" | "female" | null;
}
/** Parses a citizen ID number; throws `RuleError` (`rule.violation`, `violations` say why). */
export function parseCitizenId(value: string, options: { on: DateInput }): ParsedCitizenId;

/** A parsed unified social credit code. */
export interface ParsedUscc {
  registrationAuthority: string;
  category: string;
  regionCode: string;
  orgCode: string;
  registrationKnown: boolean;
  regionKnown: boolean;
}
/** Parses a unified social credit code; throws `RuleError` for format and check-character errors. */
export function parseUscc(value: string): ParsedUscc;
/** The name of a current GB/T 2260 division; throws `RuleError` for an unknown or abolished code. */
export function regionName(code: string): string;
/**
 * The Chinese name of a code of a national code table: `"gb_t_2261_1"` (sex), `"gb_t_2261_2"`
 * (marital status), `"gb_t_3304"` (ethnicity), `"gb_t_4658"` (education), `"gb_t_4754_sections"`,
 * `"gb_t_4754_divisions"` (industry), `"occupation_2022"` (occupation major groups);
 * `codeName("gb_t_3304", "07")` → `"彝族"`. Throws `RuleError` for a code not in the table,
 * `LabourlinkError` (`input.invalid`) for an unknown table.
 */
export function codeName(table: string, code: string): string;
/** Converts a 15-digit pre-1999 ID number to its 18-character form (not otherwise validated). */
export function convert15To18(id15: string): string;
/** What `validate` returns: `valid` when no finding is an error (warnings allowed). */
export interface ValidationReport {
  valid: boolean;
  findings: Finding[];
}
/**
 * Validates an unsigned document — the verifier's stages 5–7 without signatures, keys, audience
 * or clock: envelope, then schema, then business rules, stopping after the first stage with
 * errors. A string or bytes are read with the verifier's strict JSON parser (`json.*` findings);
 * a text over the size limit (1 MiB) throws `JsonError` `json.too_large` before it is read.
 */
export function validate(document: Document | object | string | Uint8Array): ValidationReport;
/** Validates a body against its type's JSON Schema; throws `SchemaError` with every violation (pointers under `/body`). */
export function validateBody(messageType: MessageType, body: object): void;
/** The example document of a message type (`schemas/examples/`), or null. */
export function example<T extends MessageType>(messageType: T): Document<T> | null;
/** Every error code as `[code, stage, summary, summaryZh]`. */
export function errorCodes(): [ErrorCode, string, string, string][];

/** One problem at one place of a document (a schema violation or a business-rule finding). */
export interface Violation {
  /** `schema.*` and `trust_list.invalid` codes are `ErrorCode`s; business-rule findings carry a `RuleCode`. */
  code: ErrorCode | RuleCode;
  /** RFC 6901 JSON pointer into the document. */
  path: string;
  message: string;
  messageZh: string;
}

/** Who signed a verified message (the first signer is the issuer). */
export interface SignerInfo {
  kid: string;
  alg: Algorithm;
  region: string;
  agency: string;
}

/**
 * A message that passed every stage of the pipeline. Checking `type` narrows `document` and `body`.
 * `document` and `body` are enumerable accessors, parsed on first access and cached (a caller that
 * reads only `type`, `id`, `signers` or `warnings` pays no JSON round trip); assigning one replaces it.
 */
export type Verified<T extends MessageType = MessageType> = T extends MessageType
  ? {
      /** The payload as signed (its RFC 8785 canonical form: members in canonical order), parsed on first access, then cached. */
      document: Document<T>;
      /** The same object as `document.body` (parsed on first access, then cached). */
      body: MessageBodies[T];
      type: T;
      id: string;
      /** `document.issued_at` (RFC 3339 UTC). */
      issuedAt: string;
      /** SHA-256 of the payload bytes, base64url: what receipts and duplicate detection use. */
      digest: string;
      signers: SignerInfo[];
      /** Warnings of the schema and rules stages. */
      warnings: Violation[];
    }
  : never;

/** A pinned trust anchor: a public JWK with its `kid`, a kid and a key, or a `VerifyingKey` that has a kid (`signingKey.verifyingKey()`, `withKid`). */
export type Anchor = (Jwk & { kid: string }) | { kid: string; key: VerifyingKey | Jwk } | VerifyingKey;

/** A key record as `addKey` takes it. */
export interface KeyRecordInit {
  kid: string;
  region: string;
  agency: string;
  key: VerifyingKey | Jwk;
  validFrom: TimeInput;
  validUntil?: TimeInput;
  /** Type patterns the key may sign: `"*"`, `"domain.*"` or an exact type. */
  messageTypes: string[];
  /** The party's inbox URL (`https://…/v1/messages`; trust-list schema 1.1). */
  endpoint?: string;
}

/** A key record in wire form (as signed in a trust list). */
export type KeyRecord = TrustListBody["keys"][number];

/** A trust list: the partner keys a verifier accepts, signed by a trust anchor (DESIGN §6). */
export class TrustList {
  constructor(sequence: number, nextUpdate: TimeInput);
  /** Loads and verifies a signed trust list against the pinned anchors (`trust_list.*` errors). */
  static load(data: string | Uint8Array, anchors: Anchor[], options?: { at?: Clock; graceSeconds?: number }): TrustList;
  /** A list from its body (an unsigned draft), checked as loading checks it. */
  static fromBody(body: TrustListBody): TrustList;
  /** The record with this kid, or null. */
  key(kid: string): KeyRecord | null;
  addKey(record: KeyRecordInit): void;
  /** Messages issued before `since` stay valid. */
  retire(kid: string, since: TimeInput): void;
  /** Nothing the key signed verifies any more. */
  revoke(kid: string, since: TimeInput): void;
  /** Signs the list with the anchor key and returns the JWS. */
  sign(anchorKey: SigningKey, issuer: { region: string; agency: string; name?: string; at?: Clock }): string;
  /** Throws `trust_list.stale` past `nextUpdate` plus the grace period (default 7 days). */
  checkFresh(options?: { at?: Clock; graceSeconds?: number }): void;
  /**
   * Throws `trust_list.rollback` when `sequence` is below `minSequence`: the highest sequence
   * accepted before (persisted by the caller), so that an older list cannot be replayed.
   */
  checkMinSequence(minSequence: number): void;
  /**
   * Throws when `newer` may not follow this list, as a node checks a newer list before taking
   * it: a key id bound to another key or party (`trust_list.key_rebound`), or a key this list
   * revoked that `newer` lists otherwise or leaves out (`trust_list.revocation_undone`). A
   * publisher calls it before signing the next list; the sequence is `checkMinSequence`'s check.
   */
  checkSuccessor(newer: TrustList): void;
  /**
   * Hygiene findings (code `trust_list.invalid`) that loading would not refuse: an anchor's key
   * listed as a partner key (error); identifiers that are not plain ASCII, one agency code in two
   * regions, keys valid for more than five years, `*` for a partner key (warnings).
   */
  lint(anchors?: Anchor[]): Finding[];
  readonly sequence: number;
  readonly nextUpdate: string;
  /** The digest of the signed list this was loaded from, `null` when built in memory. */
  readonly digest: string | null;
  readonly keys: KeyRecord[];
  toBody(): TrustListBody;
  toJSON(): TrustListBody;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Signed reference data (参考数据): holiday calendar years and GB/T 2260 changes issued by a
 * trust anchor, verified like a trust list (`reference_data.*` errors, class `TrustListError`).
 */
export class ReferenceData {
  /** Loads and verifies a signed document against the pinned anchors (the trust-list anchors). */
  static load(data: string | Uint8Array, anchors: Anchor[], options?: { at?: Clock; graceSeconds?: number }): ReferenceData;
  /** From a body (unsigned), checked as loading checks it. */
  static fromBody(body: ReferenceDataBody): ReferenceData;
  toBody(): ReferenceDataBody;
  /** Signs the document with the anchor key and returns the JWS. */
  sign(anchorKey: SigningKey, issuer: { region: string; agency: string; name?: string; at?: Clock }): string;
  /** Throws `reference_data.stale` past `nextUpdate` plus the grace period (default 7 days). */
  checkFresh(options?: { at?: Clock; graceSeconds?: number }): void;
  /** Throws `reference_data.rollback` below `sequence` (the highest accepted), or at it with another `digest`. */
  checkNotRollback(sequence: number, digest?: string | null): void;
  /** Whether `year` follows an official holiday schedule in this data's calendar. */
  isConfirmed(year: number): boolean;
  /** The `n`th working day after `date` (YYYY-MM-DD) on this data's calendar. */
  addWorkingDays(date: string, n: number): string | null;
  /** Whether `code` is in this data's current GB/T 2260 list. */
  isCurrentRegion(code: string): boolean;
  readonly sequence: number;
  readonly nextUpdate: string;
  /** The payload digest of the signed document, `null` when read from a body. */
  readonly digest: string | null;
  free(): void;
  [Symbol.dispose](): void;
}

/** What a replay record is keyed by: the issuer (`from.region`, `from.agency`) and the message `id`. */
export interface ReplayKey {
  region: string;
  agency: string;
  id: string;
}

/**
 * Remembers accepted messages (issuer, id and digest) until they could no longer verify: a
 * redelivery is refused with `replay.duplicate`, another message with a known issuer and id with
 * `replay.conflict`. A full guard refuses new messages with `replay.capacity` rather than forget
 * live entries. Every verifier has its own; share one between verifiers, or size it, with
 * `{ replayGuard: guard }`.
 */
export class ReplayGuard {
  /** An in-memory guard holding at most `capacity` entries (default one million; 0 is taken as 1). */
  constructor(options?: { capacity?: number });
  /** Records a message (its issuer and id, and its digest), e.g. to preload what was accepted before a restart; throws `replay.*`. */
  checkAndRecord(key: ReplayKey, digest: string, now: TimeInput, keepUntil: TimeInput): void;
  /** Drops the entries whose `keepUntil` is before `now`; returns how many. */
  purgeExpired(now: TimeInput): number;
  /** The number of messages remembered. */
  readonly size: number;
  /** The most entries the guard holds. */
  readonly capacity: number;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Switches that weaken verification, each named for what it gives up: for archives, relays and
 * tests, never for a receiving service.
 */
export interface DangerousOptions {
  /** Skip the schema stage (bodies are not checked against their JSON Schema). */
  skipSchema?: boolean;
  /** Skip the business-rules stage. */
  skipRules?: boolean;
  /** No replay guard: a message is accepted every time it is delivered. */
  noReplayGuard?: boolean;
  /** No maximum age for any type. */
  noMaxAge?: boolean;
  /** No maximum age for the types matching these patterns (`*`, `domain.*` or a type). */
  noMaxAgeForTypes?: string[];
  /** Accept messages addressed to any region and agency. */
  acceptAnyAudience?: boolean;
}

/** Which optional stages a verifier runs. */
export interface VerifierStages {
  schema: boolean;
  rules: boolean;
  replay: boolean;
}

/**
 * Options of `new Verifier(trustList, options)`. Unknown names are refused (TypeError). Every
 * stage runs by default (schema, business rules, replay guard, maximum age); only `dangerous`
 * weakens verification.
 */
export interface VerifierOptions {
  /** The verifier's own region (GB/T 2260): messages must be addressed to it. */
  region: string;
  /** The verifier's own agency: when set, messages must be addressed to it too. */
  agency?: string;
  /** Pinned trust anchors: needed when `trustList` is a signed list, and for `updateTrustList`. */
  anchors?: Anchor[];
  /** Default: the system clock (`Date.now()`). */
  clock?: Clock;
  /** Tolerated clock skew for `issued_at` in the future (default 300). */
  leewaySeconds?: number;
  /**
   * Maximum age of transactional messages in seconds (default 30 days); long-lived documents
   * (contribution certificates, family-planning certificates and service agreements) have none.
   */
  maxAgeSeconds?: number;
  /** Maximum age per type pattern (`"*"`, `"domain.*"` or a type), in seconds; none at all is `dangerous.noMaxAgeForTypes`. */
  maxAgeForTypes?: Record<string, number>;
  /** How long after a key's retirement or `validUntil` its long-lived documents still verify live (default 30 days). */
  retiredKeyWindowSeconds?: number;
  /** Accept the deprecated `EdDSA` header for Ed25519 keys (default false). */
  allowEddsaAlias?: boolean;
  /** A `ReplayGuard` to share between verifiers or to size (default: an in-memory guard of its own). */
  replayGuard?: ReplayGuard;
  /** Grace period after the trust list's `next_update` (default 7 days). */
  staleGraceSeconds?: number;
  /** At least this many distinct parties with distinct keys must have signed (default 1). */
  requiredSigners?: number;
  /** Parties that must each have signed (`name` is ignored). */
  requiredParties?: Party[];
  /** Accepted algorithms (default all three: Ed25519, ES256, SM2SM3). */
  algorithms?: Algorithm[];
  /** Size limit of a message in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Nesting limit (default 32; a value above 128, the deepest the core handles, is taken as 128). */
  maxDepth?: number;
  /**
   * Signed reference data (holiday calendar, GB/T 2260 changes) the business rules use instead
   * of the embedded tables; without it, the embedded ones.
   */
  referenceData?: ReferenceData;
  /** Switches that weaken verification (see `DangerousOptions`). */
  dangerous?: DangerousOptions;
}

/** Verifies messages for one region against a trust list (DESIGN §7). */
export class Verifier {
  /** `trustList`: a `TrustList`, or a signed trust list loaded with `options.anchors`. */
  constructor(trustList: TrustList | string | Uint8Array, options: VerifierOptions);
  /** Runs the whole pipeline (live, recorded by the replay guard); throws the first failing stage's error. */
  verify(data: string | Uint8Array): Verified;
  /**
   * Verifies a message that answers `earlier` (a result of `verify`/`verifyReply` in this
   * process): the whole pipeline plus the flow table's reply rules and, for a receipt, its binding
   * to `earlier` (`envelope.unexpected_reply`).
   */
  verifyReply(data: string | Uint8Array, earlier: Verified): Verified;
  /**
   * Like `verifyReply`, with the earlier message as its stored document and payload digest
   * (`Verified.digest`); the caller vouches for it (it is not verified again).
   */
  verifyReplyTo(data: string | Uint8Array, earlierDocument: Document, earlierDigest: string): Verified;
  /**
   * Archival verification of a stored message first received at `firstSeen`: no maximum age and
   * no replay record; key retirement and expiry judged at `firstSeen`.
   */
  verifyArchived(data: string | Uint8Array, firstSeen: TimeInput): Verified;
  /**
   * Archival verification of a stored reply to `earlier` (a result of `verifyArchived`/`verify`)
   * first received at `firstSeen`: the reply rules apply in archival mode too.
   */
  verifyArchivedReply(data: string | Uint8Array, earlier: Verified, firstSeen: TimeInput): Verified;
  /** Verifies a newer signed trust list against the anchors and makes it current. */
  updateTrustList(data: string | Uint8Array): void;
  /** The maximum age in seconds for a message type (`null`: no limit). */
  maxAgeFor(messageType: string): number | null;
  /** Which optional stages run. */
  readonly stages: VerifierStages;
  readonly region: string;
  /** The verifier's own agency, or `null`. */
  readonly agency: string | null;
  /** A copy of the trust list in use now. */
  readonly trustList: TrustList;
  free(): void;
  [Symbol.dispose](): void;
}

/** What every labourlink error carries. */
export interface ErrorDetails {
  code?: ErrorCode;
  messageZh?: string;
  path?: string | null;
  violations?: Violation[];
}

/** The base class of labourlink's errors; the subclass is chosen by the code's family. */
export class LabourlinkError extends Error {
  constructor(message: string, details?: ErrorDetails);
  /** Stable dotted code, identical in Rust, Python and JavaScript. */
  code: ErrorCode;
  /** Chinese message. */
  messageZh: string;
  /** JSON pointer of the offending place, or `null`. */
  path: string | null;
  /** The individual violations behind `schema.invalid` / `rule.violation`. */
  violations: Violation[];
  toJSON(): { name: string; code: ErrorCode; message: string; messageZh: string; path: string | null; violations: Violation[] };
}
/** `json.*` */
export class JsonError extends LabourlinkError {}
/** `jws.*` */
export class JwsError extends LabourlinkError {}
/** `key.rejected`, `key.invalid_format`, `key.decryption_failed` */
export class KeyRejectedError extends LabourlinkError {}
/** Other `key.*` (unknown, expired, retired, revoked, algorithm mismatch…) */
export class KeyResolutionError extends LabourlinkError {}
/** `signature.invalid` */
export class SignatureError extends LabourlinkError {}
/** `payload.*`, `envelope.*` */
export class EnvelopeError extends LabourlinkError {}
/** `trust_list.*`, `reference_data.*` */
export class TrustListError extends LabourlinkError {}
/** `schema.*` */
export class SchemaError extends LabourlinkError {}
/** `rule.*` */
export class RuleError extends LabourlinkError {}
/** `replay.*` (`replay.duplicate`, `replay.conflict`, `replay.capacity`) */
export class ReplayError extends LabourlinkError {}

/** The `TypeError` thrown for a JavaScript value of the wrong type carries the same fields. */
export interface LabourlinkTypeError extends TypeError {
  code: "input.invalid";
  messageZh: string;
  path: string | null;
  violations: Violation[];
}
