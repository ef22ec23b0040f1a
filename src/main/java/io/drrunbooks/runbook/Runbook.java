package io.drrunbooks.runbook;

import io.drrunbooks.rto.RtoBudget;

import java.time.Duration;
import java.util.List;

/** A runbook: its BPMN process id, its objectives and the data sets it restores by default. */
public record Runbook(String id, RtoBudget budget, Duration rpo, List<String> dataSets) {
}
