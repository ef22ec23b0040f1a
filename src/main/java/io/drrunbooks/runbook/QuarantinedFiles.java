package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditEvent;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.restore.QuarantineList;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The file hashes a run's quarantine of a data set recorded: read from the list beside the quarantine and checked
 * against the sha256 its {@code data-set.quarantined} event holds, so a list edited or swapped since is refused.
 */
@Component
class QuarantinedFiles {

    private final AuditTrail audit;

    QuarantinedFiles(AuditTrail audit) {
        this.audit = audit;
    }

    /** Empty when the run recorded no quarantine of the data set. */
    Optional<Map<String, String>> of(String runId, String dataSet) {
        return recorded(runId, dataSet).map(event -> QuarantineList.read(
                Path.of(event.detail().get("quarantined").toString()), event.detail().get("fileListSha256").toString()));
    }

    private Optional<AuditEvent> recorded(String runId, String dataSet) {
        return audit.first(runId, QuarantineStep.EVENT, detail -> dataSet.equals(detail.get("dataSet")));
    }
}
