package io.drrunbooks.web;

import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.backup.ListedSet;
import io.drrunbooks.backup.UnreadableSet;
import io.drrunbooks.backup.VerificationLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/backups}: the complete sets, newest first, with age and last verification; a set that does
 * not open is listed too, with its {@code problem}.
 */
@RestController
@RequestMapping("/api/backups")
class BackupsController {

    private final BackupSets backups;
    private final VerificationLog verifications;
    private final Clock clock;

    BackupsController(BackupSets backups, VerificationLog verifications, Clock clock) {
        this.backups = backups;
        this.verifications = verifications;
        this.clock = clock;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        Instant now = Instant.now(clock);
        return backups.catalogue().stream().map(set -> describe(set, now)).toList();
    }

    /** A set that does not open is listed with its {@code problem}, as not verified. */
    private Map<String, Object> describe(ListedSet set, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", set.id());
        view.put("createdAt", set.createdAt());
        view.put("ageSeconds", Duration.between(set.createdAt(), now).toSeconds());
        if (set instanceof BackupSet readable) {
            view.put("dataSets", readable.dataSets());
            var verification = verifications.latest(set.id());
            view.put("verified", verification.map(VerificationLog.Entry::ok).orElse(null));
            view.put("verifiedAt", verification.map(VerificationLog.Entry::verifiedAt).orElse(null));
            view.put("verificationProblem", verification.map(VerificationLog.Entry::problem).orElse(null));
            view.put("verifiedByRun", verification.map(VerificationLog.Entry::runId).orElse(null));
        } else {
            view.put("dataSets", List.of());
            view.put("verified", false);
            view.put("verifiedAt", null);
            view.put("verificationProblem", null);
            view.put("verifiedByRun", null);
        }
        view.put("sizeBytes", set.sizeBytes());
        view.put("legacy", set.legacy());
        view.put("directory", set.directory().toString());
        view.put("problem", set instanceof UnreadableSet unreadable ? unreadable.problem() : null);
        return view;
    }
}
