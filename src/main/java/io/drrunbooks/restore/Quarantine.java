package io.drrunbooks.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A live directory moved aside and made read-only, as the runbook's {@code mv var/registry var/registry.corrupted.$(date +%s)}.
 *
 * @param fileSha256     every regular file's path relative to the directory, and its sha256 when it was quarantined
 * @param fileListSha256 the sha256 of that list as written beside the quarantine ({@link QuarantineList})
 */
public record Quarantine(String dataSet, Path live, Path quarantined, Instant at, Map<String, String> fileSha256,
                         String fileListSha256) {

    public Quarantine {
        fileSha256 = Map.copyOf(fileSha256);
    }

    public Path fileList() {
        return QuarantineList.of(quarantined);
    }
}
