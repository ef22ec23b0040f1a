package io.drrunbooks.backup;

/** A backup set could not be written, read or trusted; the message names the set, data set and file. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
