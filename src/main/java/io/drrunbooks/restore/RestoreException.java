package io.drrunbooks.restore;

import io.drrunbooks.verify.Verification;

import java.util.Optional;

/** A restore, quarantine or release refused or failed; the message names the set, archive and entry or path. */
public class RestoreException extends RuntimeException {

    private final transient Verification refusal;

    /** The set did not verify: the restore was refused before anything was written. */
    public RestoreException(Verification refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public RestoreException(String message) {
        super(message);
        this.refusal = null;
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
        this.refusal = null;
    }

    /** The failed verification that refused the restore, if that was the reason. */
    public Optional<Verification> refusal() {
        return Optional.ofNullable(refusal);
    }
}
