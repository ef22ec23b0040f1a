package io.drrunbooks.auditexport;

/** A bundle that does not check out; the message names the entry, event or file that is wrong. */
public final class BundleRejected extends RuntimeException {

    BundleRejected(String message) {
        super(message);
    }
}
