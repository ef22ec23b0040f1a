package io.drrunbooks.audit;

/**
 * Signs a run's head and checks such a signature: the key that signs audit exports ({@code auditexport.SigningKey}),
 * so that nobody without it can move a head, even with write access to the database.
 */
public interface HeadSigner {

    /** The signature of {@code message}, base64. */
    String signHead(String message);

    boolean verifiesHead(String message, String signature);
}
