package io.drrunbooks.runbook;

/** A start refused because another active recovery holds its target root (409). */
public class TargetHeldException extends RuntimeException {

    private final String heldBy;

    TargetHeldException(String message, String heldBy) {
        super(message);
        this.heldBy = heldBy;
    }

    /** The run that holds the root. */
    public String heldBy() {
        return heldBy;
    }
}
