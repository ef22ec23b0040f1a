package io.drrunbooks.target;

/** What the health probe saw; {@code detail} is the last failure or "status ok". */
public record HealthResult(String url, boolean healthy, int attempts, String detail) {
}
