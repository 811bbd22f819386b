// A typed walk through the whole API: `tsc --noEmit` must accept it (tests/types.test.mjs),
// and the compiled JavaScript must run.
import {
  canonicalize,
  document,
  sign,
  ReplayGuard,
  SigningKey,
  TrustList,
  Verifier,
  VerifyingKey,
  LabourlinkError,
  SignatureError,
  type DangerousOptions,
  type Document,
  type ErrorCode,
  type Finding,
  type Jwk,
  type KeyObjectLike,
  type PrivateJwk,
  type ReplayKey,
  type Verified,
  type VerifierOptions,
  type VerifierStages,
} from "labourlink";

// Keys are made by their static functions: the constructors, which only throw, do not compile.
// @ts-expect-error SigningKey.generate, fromPem, fromJwk, … make a SigningKey
const notAKey = (): SigningKey => new SigningKey();
// @ts-expect-error VerifyingKey.fromJwk, fromSpkiPem, … or signingKey.verifyingKey()
const notAPublicKey = (): VerifyingKey => new VerifyingKey();
void notAKey;
void notAPublicKey;

const at = "2026-11-27T08:00:00Z";
const anchorKey: SigningKey = SigningKey.fromSeed(new Uint8Array(32).fill(9), "330200-anchor-1");
const liangshan = SigningKey.generate("Ed25519", "513400-si-2026a");
const pem: string = liangshan.toPem();
const again = SigningKey.fromPem(pem, liangshan.kid);
const pub: VerifyingKey = again.verifyingKey();
const jwk: Jwk = pub.toJwk();
const thumbprint: string = VerifyingKey.fromJwk(jwk).thumbprint;
// Key forms: PEM as bytes, SPKI, encrypted PKCS#8, private JWK, KeyObject and CryptoKey.
const fromBytes: SigningKey = SigningKey.fromPem(new TextEncoder().encode(pem), liangshan.kid);
const spkiPem: string = pub.toSpkiPem();
const spki: Uint8Array = VerifyingKey.fromSpkiPem(spkiPem).toSpki();
const samePub: boolean = VerifyingKey.fromSpki(spki).equals(fromBytes.verifyingKey());
const privateJwk: PrivateJwk = { ...(jwk as Jwk & { kty: "OKP" }), d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A" };
const keyObject: KeyObjectLike = { type: "private", export: () => liangshan.toPkcs8() };
const fromObject: SigningKey = SigningKey.fromKeyObject(keyObject, "k");
async function fromWebCrypto(key: CryptoKey): Promise<[SigningKey, VerifyingKey]> {
  return [await SigningKey.fromCryptoKey(key, "k"), await VerifyingKey.fromCryptoKey(key)];
}
const keyFormFns = [fromWebCrypto, () => SigningKey.fromJwk(privateJwk), (p: string) => SigningKey.fromEncryptedPem(p, "pw", "k")];
console.log(samePub, fromObject.algorithm, keyFormFns.length, VerifyingKey.fromCertificate.name);

const letter: Document<"social_insurance.contact_letter"> = document({
  type: "social_insurance.contact_letter",
  from: { region: "513400", agency: "513400-SI", name: "凉山州社会保险事业管理局" },
  to: { region: "330200", agency: "330200-SI" },
  case: { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" },
  body: {
    letter_number: "513400-LXH-2026-004512",
    kind: "consent_to_receive",
    scheme: "110",
    person: { name: "马测试", citizen_id: "513401199004180574", sex: "male", birth_date: "1990-04-18" },
    personal_number: "5134010004871",
    receiving_agency: {
      region: "330200",
      code: "12330200MB0K617093",
      name: "宁波市社会保险管理局",
      address: { region: "330203", detail: "海曙区样例路1号", postcode: "315000" },
      phone: "0574-87000002",
    },
    bank_account: { bank_name: "中国工商银行宁波分行营业部", account_name: "宁波市社会保险管理局养老保险基金收入户", account_number: "3901110009000123456" },
    issued_on: "2026-11-27",
  },
  at,
});
const scheme: string | undefined = letter.body.scheme;
const jws: string = sign(letter, [liangshan]);

const list = new TrustList(1, new Date("2027-01-01T00:00:00Z"));
list.addKey({
  kid: liangshan.kid,
  region: "513400",
  agency: "513400-SI",
  key: pub,
  validFrom: "2026-01-01T00:00:00Z",
  messageTypes: ["social_insurance.*"],
});
const signedList: string = list.sign(anchorKey, { region: "330200", agency: "330200-HRSS", at });
const anchors = [{ kid: anchorKey.kid, key: anchorKey.verifyingKey() }];
const loaded = TrustList.load(signedList, anchors, { at });
const digest: string | null = loaded.digest;
loaded.checkMinSequence(1);
const lint: Finding[] = loaded.lint(anchors);

const guard = new ReplayGuard({ capacity: 1000 });
const key: ReplayKey = { region: "522300", agency: "522300-SI", id: letter.id };
guard.checkAndRecord(key, "digest", at, "2027-01-01T00:00:00Z");
const purged: number = guard.purgeExpired(at);
const options: VerifierOptions = {
  region: "330200",
  agency: "330200-SI",
  anchors,
  clock: () => at,
  replayGuard: guard,
  maxAgeSeconds: 7 * 86400,
  maxAgeForTypes: { "social_insurance.*": 14 * 86400 },
  requiredParties: [{ region: "513400", agency: "513400-SI" }],
};
using verifier = new Verifier(signedList, options);
const stages: VerifierStages = verifier.stages;
const maxAge: number | null = verifier.maxAgeFor("social_insurance.contact_letter");
const verified: Verified = verifier.verify(jws);
if (verified.type === "social_insurance.contact_letter") {
  const narrowed: Document<"social_insurance.contact_letter"> = verified.document;
  void narrowed;
}
const archived: Verified = verifier.verifyArchived(jws, new Date("2026-11-27T08:00:05Z"));
const dangerous: DangerousOptions = { skipSchema: true, skipRules: true, noReplayGuard: true, noMaxAge: true, acceptAnyAudience: true };
using relay = new Verifier(list, { region: "330100", clock: at, dangerous });
const relayed: Verified = relay.verify(jws);
console.log(JSON.stringify({ lint: lint.length, purged, stages, maxAge, archived: archived.id === relayed.id, agency: verifier.agency }));

try {
  verifier.verify(jws);
} catch (e) {
  if (e instanceof LabourlinkError) {
    const code: ErrorCode = e.code;
    const where: string | null = e.path;
    console.log(code, where, e.messageZh, e instanceof SignatureError);
  }
}

const bytes: Uint8Array = canonicalize('{"b":1,"a":2}');
console.log(JSON.stringify({ thumbprint, scheme, digest, bytes: bytes.length, signers: verified.signers.length }));
