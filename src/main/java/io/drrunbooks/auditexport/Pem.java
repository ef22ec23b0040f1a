package io.drrunbooks.auditexport;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** PEM text of keys (RFC 7468), the form openssl reads and writes, and a key's fingerprint. */
final class Pem {

    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the first block labelled {@code label}; anything around it (comments, other blocks) is ignored. */
    static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException("no '" + begin + "' ... '" + end + "' block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance(SigningKey.ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(pem, PUBLIC_KEY)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** {@code sha256:} and the hex sha256 of the key's DER SubjectPublicKeyInfo, as {@code openssl pkey -pubin -outform DER | sha256sum} prints it. */
    static String fingerprint(PublicKey key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
