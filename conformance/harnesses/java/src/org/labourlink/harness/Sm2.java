package org.labourlink.harness;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;

/**
 * SM2SM3 (LL-JWS-017, LL-KEY-011): the SM2 signature of GM/T 0003.2 / GB/T 32918.2 on the
 * recommended curve of GB/T 32918.5 (OID 1.2.156.10197.1.301) with SM3, through BouncyCastle's
 * lightweight API (bcprov, Debian's libbcprov-java) — the JDK has neither SM2 nor SM3.
 *
 * <p>Exact bytes: for the signing input M, Z_A = SM3(0x0080 ‖ "1234567812345678" ‖ a ‖ b ‖ x_G ‖
 * y_G ‖ x_A ‖ y_A) (GM/T 0009, the default user id for every key), e = SM3(Z_A ‖ M), and the
 * signature is r ‖ s, 32 + 32 bytes big-endian (BouncyCastle's {@link PlainDSAEncoding}, not the
 * DER SM2Signature). The user id is passed explicitly, not left to BouncyCastle's default.
 *
 * <p>What the profile demands beyond the signature equation is checked here in BigInteger before
 * BouncyCastle sees the input: the public point's coordinates below p and on y² = x³ + ax + b
 * (x = y = 0, the identity as some libraries write it, is not on the curve; the cofactor is 1,
 * so every point on the curve is in the group of order n); the signature exactly 64 bytes, r and
 * s in [1, n−1], (r + s) mod n ≠ 0.
 *
 * <p>Signing (the sign vectors' test key, a PKCS#8 PEM as OpenSSL, GmSSL and BouncyCastle write
 * it: id-ecPublicKey with the SM2 curve) uses a random k, as GM/T 0003 describes: the bytes differ
 * from the reference's (which derives k), and the runner accepts any signature that verifies
 * with the key ({@code expected.signature_keys}).
 */
final class Sm2 implements Keys.Alg {
    /** GB/T 32918.5 recommended curve (sm2p256v1). */
    static final BigInteger P = new BigInteger("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff", 16);
    static final BigInteger A = new BigInteger("fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc", 16);
    static final BigInteger B = new BigInteger("28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93", 16);
    static final BigInteger N = new BigInteger("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123", 16);
    static final BigInteger GX = new BigInteger("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7", 16);
    static final BigInteger GY = new BigInteger("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0", 16);

    /** The default user id of GM/T 0009 — labourlink's only one (LL-JWS-017). */
    static final byte[] USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private static final ECDomainParameters DOMAIN;

    static {
        X9ECParameters x9 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        ECPoint g = x9.getG().normalize();
        // The constants above are the standard's; refuse to run with a library that disagrees.
        if (!x9.getCurve().getField().getCharacteristic().equals(P) || !x9.getCurve().getA().toBigInteger().equals(A)
                || !x9.getCurve().getB().toBigInteger().equals(B) || !x9.getN().equals(N)
                || !g.getAffineXCoord().toBigInteger().equals(GX) || !g.getAffineYCoord().toBigInteger().equals(GY)
                || !x9.getH().equals(BigInteger.ONE)) {
            throw new IllegalStateException("BouncyCastle's sm2p256v1 differs from GB/T 32918.5");
        }
        DOMAIN = new ECDomainParameters(x9);
    }

    public String name() {
        return "SM2SM3";
    }

    public String kty() {
        return "EC";
    }

    public String crv() {
        return "SM2";
    }

    public byte[] rawFromJwk(Map<String, Object> jwk) throws Rejected {
        byte[] x = Keys.jwkCoord(jwk, "x"), y = Keys.jwkCoord(jwk, "y");
        byte[] raw = new byte[65];
        raw[0] = 4;
        System.arraycopy(x, 0, raw, 1, 32);
        System.arraycopy(y, 0, raw, 33, 32);
        return raw;
    }

    /** LL-KEY-011: an uncompressed point, coordinates below p, on the SM2 curve. */
    public Object load(byte[] raw) throws Rejected {
        if (raw.length != 65 || raw[0] != 4) throw new Rejected("key.rejected");
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 33, 65));
        if (!onCurve(x, y)) throw new Rejected("key.rejected");
        try {
            return new ECPublicKeyParameters(DOMAIN.getCurve().validatePoint(x, y), DOMAIN);
        } catch (IllegalArgumentException e) {
            throw new Rejected("key.rejected");
        }
    }

    static boolean onCurve(BigInteger x, BigInteger y) {
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) return false;
        BigInteger lhs = y.multiply(y).mod(P);
        BigInteger rhs = x.pow(3).add(A.multiply(x)).add(B).mod(P);
        return lhs.equals(rhs);
    }

    /** 64 bytes r ‖ s, r and s in [1, n−1], (r + s) mod n ≠ 0, then GB/T 32918.2 §7 with Z_A. */
    public boolean verify(Object loaded, byte[] message, byte[] sig) {
        if (sig.length != 64) return false;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) return false;
        if (r.add(s).mod(N).signum() == 0) return false;
        try {
            SM2Signer v = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            v.init(false, new ParametersWithID((ECPublicKeyParameters) loaded, USER_ID));
            v.update(message, 0, message.length);
            return v.verifySignature(sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Signs with the test key's PKCS#8 PEM ({@code private_pem}); a random k. */
    public byte[] sign(Map<String, Object> signerKey, byte[] message) {
        if (!(signerKey.get("private_pem") instanceof String)) return null;
        BigInteger d = privateScalar((String) signerKey.get("private_pem"));
        ECPoint pub = DOMAIN.getG().multiply(d).normalize();
        Object jwk = signerKey.get("public_jwk");
        if (jwk != null) {
            try {
                Keys.Key key = Keys.fromJwk(jwk);
                if (!key.alg.name().equals(name()) || !Arrays.equals(key.raw, pub.getEncoded(false)))
                    throw new BrokenCase("the SM2 private key does not match the signer's public_jwk");
            } catch (Rejected e) {
                throw new BrokenCase("the signer's public_jwk does not load: " + e.code);
            }
        }
        try {
            SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            ECPrivateKeyParameters priv = new ECPrivateKeyParameters(d, DOMAIN);
            signer.init(true, new ParametersWithID(new ParametersWithRandom(priv, new SecureRandom()), USER_ID));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The private scalar of a PKCS#8 PEM: PrivateKeyInfo with id-ecPublicKey and the SM2 curve,
     * an ECPrivateKey whose optional parameters name the same curve and whose optional public key
     * is d·G; d in [1, n−2] (n−1 has no (1 + d)⁻¹).
     */
    static BigInteger privateScalar(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(Base64.getDecoder().decode(body));
            if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                    || !GMObjectIdentifiers.sm2p256v1.equals(info.getPrivateKeyAlgorithm().getParameters()))
                throw new BrokenCase("the signer's PKCS#8 key is not id-ecPublicKey on the SM2 curve");
            ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
            BigInteger d = ec.getKey();
            if (d.signum() <= 0 || d.compareTo(N.subtract(BigInteger.ONE)) >= 0)
                throw new BrokenCase("the signer's SM2 private scalar is outside [1, n-2]");
            ASN1Object params = ec.getParametersObject();
            if (params != null && !GMObjectIdentifiers.sm2p256v1.equals(params))
                throw new BrokenCase("the signer's ECPrivateKey names another curve");
            if (ec.getPublicKey() != null
                    && !Arrays.equals(ec.getPublicKey().getOctets(), DOMAIN.getG().multiply(d).normalize().getEncoded(false)))
                throw new BrokenCase("the signer's ECPrivateKey holds another public key");
            return d;
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BrokenCase("the signer's SM2 PKCS#8 key does not parse: " + e.getMessage());
        }
    }
}
