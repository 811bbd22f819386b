package org.labourlink.harness;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and signatures (LL-KEY-007…011, LL-JWS-014, LL-JWS-017): Ed25519 and ES256 with the JDK's
 * own providers, SM2SM3 with BouncyCastle ({@link Sm2}).
 *
 * <p>Every algorithm is one {@link Alg} in {@link #ALGORITHMS}: its JWS name, its JWK (kty, crv),
 * the public-key checks, verification and (for the test keys) signing. Adding an algorithm is
 * adding one entry there (SM2SM3 was: {@link Sm2}); a name not in the list is refused as
 * jws.algorithm_not_allowed in a header and trust_list.invalid in a trust-list record.
 */
public final class Keys {
    private Keys() {}

    // ------------------------------------------------------------------ base64url (LL-JWS-004)

    public static byte[] b64uDecode(Object text, String path) throws Rejected {
        if (!(text instanceof String)) throw new Rejected("jws.base64", path);
        String s = (String) text;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) throw new Rejected("jws.base64", path);
        }
        if (s.length() % 4 == 1) throw new Rejected("jws.base64", path);
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new Rejected("jws.base64", path);
        }
        if (!b64u(raw).equals(s)) throw new Rejected("jws.base64", path); // non-zero trailing bits
        return raw;
    }

    public static String b64u(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String hex(byte[] raw) {
        StringBuilder b = new StringBuilder(raw.length * 2);
        for (byte x : raw) b.append(String.format("%02x", x & 0xff));
        return b.toString();
    }

    public static byte[] unhex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int k = 0; k < out.length; k++) out[k] = (byte) Integer.parseInt(s.substring(2 * k, 2 * k + 2), 16);
        return out;
    }

    // ------------------------------------------------------------------ algorithms

    /** One signature algorithm of the profile. */
    public interface Alg {
        /** The JWS `alg` name, also the trust-list record's `alg`. */
        String name();

        /** The JWK `kty` and `crv` of its keys. */
        String kty();

        String crv();

        /** The raw public key from the JWK's coordinates (already checked to be 32 bytes each). */
        byte[] rawFromJwk(Map<String, Object> jwk) throws Rejected;

        /** Loads the raw public key, refusing what the key-load policy refuses (key.rejected). */
        Object load(byte[] raw) throws Rejected;

        /** Whether sig is a valid signature of message under the loaded key. */
        boolean verify(Object loaded, byte[] message, byte[] sig);

        /**
         * Signs with a sign vector's test key ({@code input.signer_keys[i]}: kid, alg, public_jwk and
         * seed_hex or private_pem); null when this harness cannot sign with it.
         */
        byte[] sign(Map<String, Object> signerKey, byte[] message);
    }

    public static final List<Alg> ALGORITHMS = List.of(new Ed25519(), new Es256(), new Sm2());

    public static Alg algorithm(String name) {
        for (Alg a : ALGORITHMS) if (a.name().equals(name)) return a;
        return null;
    }

    /** A loaded public key: its algorithm, the raw bytes (the key material of LL-TRUST-007), the JDK key. */
    public static final class Key {
        public final Alg alg;
        public final byte[] raw;
        final Object loaded;

        Key(Alg alg, byte[] raw) throws Rejected {
            this.alg = alg;
            this.raw = raw;
            this.loaded = alg.load(raw);
        }

        /** LL-JWS-014: any failure is signature.invalid. */
        public void verify(byte[] message, byte[] sig) throws Rejected {
            if (!alg.verify(loaded, message, sig)) throw new Rejected("signature.invalid");
        }

        /** The key material, comparable: algorithm and raw bytes. */
        public String material() {
            return alg.name() + ":" + hex(raw);
        }
    }

    // ------------------------------------------------------------------ Ed25519 (RFC 8032, ed25519-speccheck policy)

    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    /** Extended coordinates (X, Y, Z, T). */
    private static BigInteger[] edAdd(BigInteger[] a, BigInteger[] b) {
        BigInteger A = a[1].subtract(a[0]).multiply(b[1].subtract(b[0])).mod(P);
        BigInteger B = a[1].add(a[0]).multiply(b[1].add(b[0])).mod(P);
        BigInteger C = BigInteger.TWO.multiply(a[3]).multiply(b[3]).multiply(D).mod(P);
        BigInteger Dd = BigInteger.TWO.multiply(a[2]).multiply(b[2]).mod(P);
        BigInteger E = B.subtract(A), F = Dd.subtract(C), G = Dd.add(C), H = B.add(A);
        return new BigInteger[] {E.multiply(F).mod(P), G.multiply(H).mod(P), F.multiply(G).mod(P), E.multiply(H).mod(P)};
    }

    private static BigInteger[] edMul(BigInteger k, BigInteger[] pt) {
        BigInteger[] acc = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        for (int bit = 0; bit < k.bitLength(); bit++) {
            if (k.testBit(bit)) acc = edAdd(acc, pt);
            pt = edAdd(pt, pt);
        }
        return acc;
    }

    private static boolean isIdentity(BigInteger[] pt) {
        return pt[0].mod(P).signum() == 0 && pt[1].subtract(pt[2]).mod(P).signum() == 0;
    }

    private static BigInteger le(byte[] raw) {
        byte[] be = new byte[raw.length];
        for (int k = 0; k < raw.length; k++) be[k] = raw[raw.length - 1 - k];
        return new BigInteger(1, be);
    }

    private static final Map<String, Boolean> ED_CHECKED = new HashMap<>();

    /** LL-KEY-007: canonical encoding, on the curve, not of small order, torsion-free. */
    static void checkEd25519Public(byte[] raw) throws Rejected {
        if (raw.length != 32) throw new Rejected("key.rejected");
        String cacheKey = hex(raw);
        Boolean cached = ED_CHECKED.get(cacheKey);
        if (cached != null) {
            if (!cached) throw new Rejected("key.rejected");
            return;
        }
        boolean ok = ed25519PublicOk(raw);
        ED_CHECKED.put(cacheKey, ok);
        if (!ok) throw new Rejected("key.rejected");
    }

    private static boolean ed25519PublicOk(byte[] raw) {
        BigInteger y = le(raw).clearBit(255);
        int sign = (raw[31] & 0xff) >> 7;
        if (y.compareTo(P) >= 0) return false; // non-canonical y
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (x.multiply(x).subtract(x2).mod(P).signum() != 0) x = x.multiply(SQRT_M1).mod(P);
        if (x.multiply(x).subtract(x2).mod(P).signum() != 0) return false; // not on the curve
        if (x.signum() == 0 && sign == 1) return false; // non-canonical sign of x = 0
        if ((x.testBit(0) ? 1 : 0) != sign) x = P.subtract(x);
        BigInteger[] pt = {x, y, BigInteger.ONE, x.multiply(y).mod(P)};
        if (isIdentity(edMul(BigInteger.valueOf(8), pt))) return false; // small order
        return isIdentity(edMul(L, pt)); // mixed order otherwise
    }

    static final class Ed25519 implements Alg {
        public String name() {
            return "Ed25519";
        }

        public String kty() {
            return "OKP";
        }

        public String crv() {
            return "Ed25519";
        }

        public byte[] rawFromJwk(Map<String, Object> jwk) throws Rejected {
            return jwkCoord(jwk, "x");
        }

        public Object load(byte[] raw) throws Rejected {
            checkEd25519Public(raw);
            try {
                boolean xOdd = (raw[31] & 0x80) != 0;
                EdECPoint point = new EdECPoint(xOdd, le(raw).clearBit(255));
                return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
            } catch (GeneralSecurityException e) {
                throw new Rejected("key.rejected");
            }
        }

        public boolean verify(Object loaded, byte[] message, byte[] sig) {
            if (sig.length != 64) return false;
            if (le(Arrays.copyOfRange(sig, 32, 64)).compareTo(L) >= 0) return false; // S < L (RFC 8032 5.1.7)
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify((PublicKey) loaded);
                s.update(message);
                return s.verify(sig);
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        public byte[] sign(Map<String, Object> signerKey, byte[] message) {
            if (!(signerKey.get("seed_hex") instanceof String)) return null;
            byte[] seed = unhex((String) signerKey.get("seed_hex"));
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ------------------------------------------------------------------ ES256 (P-256, ECDSA with SHA-256)

    static final BigInteger P256_P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    static final BigInteger P256_B = new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    static final BigInteger P256_N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static ECParameterSpec p256Params;

    static synchronized ECParameterSpec p256() throws GeneralSecurityException {
        if (p256Params == null) {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec("secp256r1"));
            p256Params = ap.getParameterSpec(ECParameterSpec.class);
        }
        return p256Params;
    }

    static final class Es256 implements Alg {
        public String name() {
            return "ES256";
        }

        public String kty() {
            return "EC";
        }

        public String crv() {
            return "P-256";
        }

        public byte[] rawFromJwk(Map<String, Object> jwk) throws Rejected {
            byte[] x = jwkCoord(jwk, "x"), y = jwkCoord(jwk, "y");
            byte[] raw = new byte[65];
            raw[0] = 4;
            System.arraycopy(x, 0, raw, 1, 32);
            System.arraycopy(y, 0, raw, 33, 32);
            return raw;
        }

        /** An uncompressed point with coordinates below p on y² = x³ − 3x + b (the JDK does not check). */
        public Object load(byte[] raw) throws Rejected {
            if (raw.length != 65 || raw[0] != 4) throw new Rejected("key.rejected");
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(raw, 1, 33));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(raw, 33, 65));
            if (x.compareTo(P256_P) >= 0 || y.compareTo(P256_P) >= 0) throw new Rejected("key.rejected");
            BigInteger lhs = y.multiply(y).mod(P256_P);
            BigInteger rhs = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(P256_B).mod(P256_P);
            if (!lhs.equals(rhs)) throw new Rejected("key.rejected");
            try {
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), p256()));
            } catch (GeneralSecurityException e) {
                throw new Rejected("key.rejected");
            }
        }

        /** r || s, each 32 bytes, 1 ≤ r, s < n (high S accepted, as the profile does). */
        public boolean verify(Object loaded, byte[] message, byte[] sig) {
            if (sig.length != 64) return false;
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
            if (r.signum() == 0 || s.signum() == 0 || r.compareTo(P256_N) >= 0 || s.compareTo(P256_N) >= 0) return false;
            try {
                Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
                v.initVerify((PublicKey) loaded);
                v.update(message);
                return v.verify(sig);
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        public byte[] sign(Map<String, Object> signerKey, byte[] message) {
            return null;
        }
    }

    // ------------------------------------------------------------------ JWK (LL-KEY-009)

    private static String jwkStr(Map<String, Object> jwk, String name) throws Rejected {
        Object v = jwk.get(name);
        if (!(v instanceof String)) throw new Rejected("key.invalid_format", "/" + name);
        return (String) v;
    }

    static byte[] jwkCoord(Map<String, Object> jwk, String name) throws Rejected {
        String text = jwkStr(jwk, name);
        byte[] raw;
        try {
            raw = b64uDecode(text, "");
        } catch (Rejected e) {
            throw new Rejected("key.invalid_format", "/" + name);
        }
        if (raw.length != 32) throw new Rejected("key.invalid_format", "/" + name);
        return raw;
    }

    /** LL-KEY-009 then LL-KEY-007/008. Paths are relative to the JWK. */
    @SuppressWarnings("unchecked")
    public static Key fromJwk(Object value) throws Rejected {
        if (!(value instanceof Map)) throw new Rejected("key.invalid_format", "");
        Map<String, Object> jwk = (Map<String, Object>) value;
        if (jwk.containsKey("d")) throw new Rejected("key.invalid_format", "/d");
        String kty = jwkStr(jwk, "kty");
        boolean ktyKnown = false;
        for (Alg a : ALGORITHMS) ktyKnown |= a.kty().equals(kty);
        if (!ktyKnown) throw new Rejected("key.invalid_format", "/kty");
        String crv = jwkStr(jwk, "crv");
        Alg alg = null;
        for (Alg a : ALGORITHMS) if (a.kty().equals(kty) && a.crv().equals(crv)) alg = a;
        if (alg == null) throw new Rejected("key.invalid_format", "/crv");
        byte[] raw = alg.rawFromJwk(jwk);
        if (jwk.containsKey("alg")) {
            String name = jwkStr(jwk, "alg");
            if (!(name.equals(alg.name()) || (alg.name().equals("Ed25519") && name.equals("EdDSA"))))
                throw new Rejected("key.invalid_format", "/alg");
        }
        if (jwk.containsKey("use") && !jwkStr(jwk, "use").equals("sig")) throw new Rejected("key.invalid_format", "/use");
        if (jwk.containsKey("key_ops")) {
            Object ops = jwk.get("key_ops");
            if (!(ops instanceof List)) throw new Rejected("key.invalid_format", "/key_ops");
            for (Object o : (List<?>) ops) if (!(o instanceof String)) throw new Rejected("key.invalid_format", "/key_ops");
            if (!((List<?>) ops).contains("verify")) throw new Rejected("key.invalid_format", "/key_ops");
        }
        return new Key(alg, raw);
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Alg a : ALGORITHMS) out.add(a.name());
        return out;
    }
}
