package io.drrunbooks.restore;

/** A restore, quarantine or release refused or failed; the message names the set, archive and entry or path. */
public class RestoreException extends RuntimeException {

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
