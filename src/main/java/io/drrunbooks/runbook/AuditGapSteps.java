package io.drrunbooks.runbook;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.auditlog.AuditLogs;
import io.drrunbooks.auditlog.AuditLogs.Gap;
import io.drrunbooks.engine.StepContext;
import io.drrunbooks.engine.StepHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.stream.Collectors.joining;

/**
 * The steps of {@code audit-log-loss} after the restore (spec 4.3): {@code detect-audit-gap}
 * compares the restored {@code var/audit} with the external copy ({@code dr.audit.external-source})
 * and with whatever the restore replaced; {@code record-gap-account} puts the commander's account of
 * the gap into the run's audit trail, in the name of whoever completed the form; {@code merge-audit-records} writes the missing records back,
 * verified, once approved.
 */
@Configuration(proxyBeanMethods = false)
class AuditGapSteps {

    private final AuditLogs logs = new AuditLogs();

    @Bean
    StepHandler detectAuditGap(RunTargets targets, @Value("${dr.audit.external-source:}") String externalSource) {
        return StepHandler.of("detect-audit-gap", context -> {
            List<Path> sources = sources(context, externalSource);
            Gap gap = logs.findGap(targets.directory(context, "audit"), sources);
            List<Map<String, Object>> ranges = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            gap.ranges().forEach(r -> {
                Map<String, Object> range = new LinkedHashMap<>();
                range.put("first", r.firstAt());
                range.put("last", r.lastAt());
                range.put("records", r.records());
                range.put("source", r.source());
                ranges.add(range);
                lines.add(r.records() + " records from " + r.firstAt() + " to " + r.lastAt() + " (" + r.source() + ")");
            });
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("gapRanges", ranges);
            output.put("missingRecords", gap.missing().size());
            output.put("gapSummary", restoredFrom(context) + measured(sources, gap, lines));
            output.put("mergeAvailable", !gap.isEmpty());
            return output;
        });
    }

    /** Said first when nothing was restored: the commander documents a gap reaching back past every backup. */
    private static String restoredFrom(StepContext context) {
        return context.flag("noUsableBackup") ? "no usable backup set, so var/audit was not restored:\n"
                + context.optionalString("skippedSummary").orElse("") + "\n\n" : "";
    }

    /** An empty or missing copy measures nothing: "no gap" would tell the commander that nothing was lost. */
    private static String measured(List<Path> sources, Gap gap, List<String> ranges) {
        if (sources.isEmpty()) {
            return "no external copy is configured (dr.audit.external-source): the gap since the backup cannot be measured";
        }
        if (gap.sourceRecords() == 0) {
            return "the external copy holds no records (" + sources.stream().map(Path::toString).collect(joining(", "))
                    + "): the gap since the backup cannot be measured";
        }
        return gap.isEmpty() ? "none: every record of the external copy is in the restored audit log" : String.join("\n", ranges);
    }

    @Bean
    StepHandler recordGapAccount(AuditTrail audit) {
        return StepHandler.of("record-gap-account", context -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("account", context.string("account"));
            detail.put("gapRanges", context.variable("gapRanges").orElse(List.of()));
            detail.put("missingRecords", context.variable("missingRecords").orElse(0));
            // the account is the commander's who wrote it, who need not be whoever started the run
            audit.append(context.runId(), context.string(RunService.COMPLETED_BY), "audit-gap.documented", context.step(), detail);
            return Map.of();
        });
    }

    @Bean
    StepHandler mergeAuditRecords(RunTargets targets, AuditTrail audit,
                                  @Value("${dr.audit.external-source:}") String externalSource) {
        return StepHandler.of("merge-audit-records", context -> {
            Path auditDir = targets.directory(context, "audit");
            List<Path> sources = sources(context, externalSource);
            Gap gap = logs.findGap(auditDir, sources);
            AuditLogs.Merge merge = logs.merge(auditDir, gap, "recovered-" + context.runId() + ".jsonl", sources);
            audit.append(context.runId(), StepAudit.ACTOR, "audit-records.merged", context.step(), Map.of(
                    "file", merge.file().toString(), "records", merge.records(), "sha256", merge.sha256()));
            return Map.of("outcome", "RECOVERED", "mergedRecords", merge.records());
        });
    }

    /** The external copy and, when the restore replaced a surviving var/audit, that tree too. */
    private static List<Path> sources(StepContext context, String externalSource) {
        List<Path> sources = new ArrayList<>();
        if (!externalSource.isBlank()) {
            sources.add(Path.of(externalSource));
        }
        context.variable("restored").filter(List.class::isInstance).map(List.class::cast).ifPresent(restored -> {
            for (Object entry : restored) {
                Object replaced = entry instanceof Map<?, ?> map ? map.get("replacedTree") : null;
                if (replaced != null) {
                    sources.add(Path.of(replaced.toString()));
                }
            }
        });
        return sources;
    }
}
