package io.drrunbooks.restore;

import java.util.List;

/** What a restore operation did, per data set; recorded so a repeated delivery of the operation returns it. */
public record RestoreResult(String setId, String operationId, List<DataSetResult> dataSets) {

    public RestoreResult {
        dataSets = List.copyOf(dataSets);
    }
}
