package io.drrunbooks.runbook;

/** An approval refused because of who gave it: the run's starter, or an approver approving twice. */
public class FourEyesException extends RuntimeException {

    FourEyesException(String message) {
        super(message);
    }
}
