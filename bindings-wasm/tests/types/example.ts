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
  type Document,
  type ErrorCode,
  type Jwk,
  type Verified,
  type VerifierOptions,
} from "labourlink";

const at = "2026-11-27T08:00:00Z";
const anchorKey: SigningKey = SigningKey.fromSeed(new Uint8Array(32).fill(9), "330200-anchor-1");
const liangshan = SigningKey.generate("Ed25519", "513400-si-2026a");
const pem: string = liangshan.toPem();
const again = SigningKey.fromPem(pem, liangshan.kid);
const pub: VerifyingKey = again.verifyingKey();
const jwk: Jwk = pub.toJwk();
const thumbprint: string = VerifyingKey.fromJwk(jwk).thumbprint;

const letter: Document<"social_insurance.contact_letter"> = document({
  type: "social_insurance.contact_letter",
  from: { region: "513400", agency: "513400-SI", name: "凉山州社会保险事业管理局" },
  to: { region: "330200", agency: "330200-SI" },
  case: { id: "330200-SI-2026-000123", type: "social_insurance.pension_transfer" },
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

const options: VerifierOptions = { region: "330200", anchors, clock: () => at, replayGuard: new ReplayGuard() };
using verifier = new Verifier(signedList, options);
const verified: Verified = verifier.verify(jws);
if (verified.type === "social_insurance.contact_letter") {
  const narrowed: Document<"social_insurance.contact_letter"> = verified.document;
  void narrowed;
}

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
