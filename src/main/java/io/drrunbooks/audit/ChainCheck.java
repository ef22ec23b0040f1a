package io.drrunbooks.audit;

/**
 * The result of recomputing a run's chain.
 *
 * @param firstBadSeq the first event whose link or hash does not recompute, or -1
 */
public record ChainCheck(String runId, boolean intact, int events, int firstBadSeq, String problem) {
}
