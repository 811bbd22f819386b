//! Ed25519 verification agrees with *ring*'s, signature by signature: labourlink verifies with
//! ed25519-dalek's equation over the point decoded at key load (faster), and must accept and
//! refuse exactly what ring's `ED25519` does for every key that loads — valid signatures,
//! signatures altered in one bit, `S` pushed past L (malleated), and `R` replaced by the same
//! point plus a small-order component, by a small-order point, or by a non-canonical encoding
//! (y ≥ p). The ed25519-speccheck and Wycheproof cases are pinned in `core/tests/keys.rs`.
// Test code: unwrap on fixtures is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::CompressedEdwardsY;
use labourlink_protocol::keys::{Algorithm, SigningKey, VerifyingKey};
use proptest::prelude::*;

/// L, the order of the base point, little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

fn ring_accepts(key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, key)
        .verify(message, signature)
        .is_ok()
}

/// `a + b` over 256-bit little-endian numbers (the carry out of the top byte is dropped).
fn add(a: &[u8], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = (s & 0xff) as u8;
        carry = s >> 8;
    }
    out
}

/// The variants of `signature` whose verdicts must agree: the signature itself, one bit
/// flipped, `S + L` and `S + 2L`, and `R` altered as described in the module documentation.
fn variants(signature: &[u8], bit: usize) -> Vec<Vec<u8>> {
    let mut out = vec![signature.to_vec()];
    let mut flipped = signature.to_vec();
    flipped[bit / 8] ^= 1 << (bit % 8);
    out.push(flipped);
    let s_plus_l = add(&signature[32..], &L);
    let s_plus_2l = add(&s_plus_l, &L);
    for s in [s_plus_l, s_plus_2l] {
        let mut v = signature[..32].to_vec();
        v.extend_from_slice(&s);
        out.push(v);
    }
    let r = CompressedEdwardsY(signature[..32].try_into().unwrap())
        .decompress()
        .unwrap();
    for t in EIGHT_TORSION.iter() {
        for replaced in [(r + t).compress().to_bytes(), t.compress().to_bytes()] {
            let mut v = replaced.to_vec();
            v.extend_from_slice(&signature[32..]);
            out.push(v);
            // The same point with y + p when y + p still fits in 255 bits (y < 19): a
            // non-canonical encoding.
            let y_low = replaced[0];
            if replaced[1..31].iter().all(|b| *b == 0) && replaced[31] & 0x7f == 0 && y_low < 19 {
                let mut p_plus = replaced;
                p_plus[0] = y_low.wrapping_add(0xed);
                for b in &mut p_plus[1..31] {
                    *b = 0xff;
                }
                p_plus[31] = 0x7f | (replaced[31] & 0x80);
                let mut v = p_plus.to_vec();
                v.extend_from_slice(&signature[32..]);
                out.push(v);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn labourlink_and_ring_agree_on_every_variant(
        seed in any::<[u8; 32]>(),
        message in prop::collection::vec(any::<u8>(), 0..2048),
        bit in 0usize..512,
    ) {
        let key = SigningKey::from_seed(&seed, "k").unwrap();
        let public = key.verifying_key();
        let loaded = VerifyingKey::from_bytes(Algorithm::Ed25519, public.as_bytes()).unwrap();
        let signature = key.sign(&message).unwrap();
        prop_assert!(loaded.verify(&message, &signature).is_ok());
        for (i, v) in variants(&signature, bit).iter().enumerate() {
            let ours = loaded.verify(&message, v).is_ok();
            prop_assert_eq!(
                ours,
                ring_accepts(public.as_bytes(), &message, v),
                "variant {}", i
            );
            if i > 0 && v != &signature {
                prop_assert!(!ours, "variant {} accepted", i);
            }
        }
        // A signature of the wrong length never verifies.
        prop_assert!(loaded.verify(&message, &signature[..63]).is_err());
        let mut long = signature.clone();
        long.push(0);
        prop_assert!(loaded.verify(&message, &long).is_err());
    }
}

#[test]
fn the_identity_and_small_order_r_never_verify_even_with_s_zero() {
    // [0]B − [k]A = −[k]A is never a small-order point for a prime-order A, so these fail
    // in both implementations for any message.
    let key = SigningKey::from_seed(&[5; 32], "k").unwrap();
    let public = key.verifying_key();
    for t in EIGHT_TORSION.iter() {
        let mut sig = t.compress().to_bytes().to_vec();
        sig.extend_from_slice(&[0; 32]);
        assert!(public.verify(b"m", &sig).is_err());
        assert!(!ring_accepts(public.as_bytes(), b"m", &sig));
    }
}
