package io.drrunbooks.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Raises one notification per distinct problem. The problem is claimed in {@code dr_notification_problem}
 * (its key: the sha256 of type and problem) before the notification is raised, so repeated checks,
 * concurrent ones and other instances on the same database raise it once; a raise that fails gives
 * the claim back, and the next check tries again.
 */
final class IncidentReports implements Incidents {

    private static final Logger log = LoggerFactory.getLogger(IncidentReports.class);

    private final ObjectProvider<Notifications> notifications; // built from the engine, whose steps report here
    private final EscalationPaths paths;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IncidentReports(ObjectProvider<Notifications> notifications, EscalationPaths paths, DataSource dataSource, Clock clock) {
        this.notifications = notifications;
        this.paths = paths;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public void report(String issueType, String problem, String runId) {
        if (!paths.knows(issueType)) {
            log.warn("{} is not reported: dr.escalation has no path for {}", problem, issueType);
            return;
        }
        String key = key(issueType, problem);
        String subject = abbreviate(problem); // a subject fits the notification's columns too
        try {
            jdbc.update("INSERT INTO dr_notification_problem (problem_key, problem, reported_at) VALUES (?, ?, ?)",
                    key, subject, Instant.now(clock).toString());
        } catch (DuplicateKeyException reportedBefore) {
            return;
        } catch (RuntimeException e) {
            log.error("could not claim the {} problem '{}'; not notified", issueType, problem, e);
            return;
        }
        try {
            Notifications raised = notifications.getObject();
            Optional<String> id = runId == null ? Optional.of(raised.raise(issueType, subject, Notifications.ACTOR))
                    : raised.raiseFor(runId, issueType, subject);
            if (id.isEmpty()) {
                release(key); // a drill told nobody: the same problem in a real run must still be told
                return;
            }
            jdbc.update("UPDATE dr_notification_problem SET notification_id = ? WHERE problem_key = ?", id.get(), key);
        } catch (RuntimeException e) {
            log.error("could not raise the {} notification for '{}'; the next check tries again", issueType, problem, e);
            release(key);
        }
    }

    private void release(String key) {
        try {
            jdbc.update("DELETE FROM dr_notification_problem WHERE problem_key = ?", key);
        } catch (RuntimeException e) {
            log.error("could not release the claim {}; its problem stays unreported", key, e);
        }
    }

    private static String key(String issueType, String problem) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((issueType + "\n" + problem).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String abbreviate(String problem) {
        return problem.length() <= 4000 ? problem : problem.substring(0, 3997) + "...";
    }
}
