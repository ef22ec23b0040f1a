package io.drrunbooks.auditlog;

import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogsTest {

    @TempDir
    Path dir;
    final AuditLogs logs = new AuditLogs();

    @Test
    void eachRunOfMissingRecordsIsARangeWithItsTimesAndCount() {
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1) + line(2) + line(5) + "\n");
        PlatformGodFixture.write(dir, "external/a.jsonl", line(1) + line(2) + line(3) + line(4) + line(5) + line(6));

        AuditLogs.Gap gap = logs.findGap(dir.resolve("restored"), List.of(dir.resolve("external")));

        assertThat(gap.ranges()).containsExactly(
                new AuditLogs.GapRange("2025-01-20T10:03:00Z", "2025-01-20T10:04:00Z", 2, "a.jsonl"),
                new AuditLogs.GapRange("2025-01-20T10:06:00Z", "2025-01-20T10:06:00Z", 1, "a.jsonl"));
        assertThat(gap.restoredRecords()).isEqualTo(3);
        assertThat(gap.sourceRecords()).isEqualTo(6);
    }

    /** The replica after a restore: the restored log, an older copy, is replicated again as a.jsonl~1. */
    @Test
    void aReplicaGenerationRepeatingEarlierRecordsDoesNotCountThemTwiceButARepeatedLineInOneLogCounts() {
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1) + line(2) + "plain\n");
        PlatformGodFixture.write(dir, "replica/a.jsonl", line(1) + line(2) + "plain\n" + line(3) + "plain\n");
        PlatformGodFixture.write(dir, "replica/a.jsonl~1", line(1) + line(2) + "plain\n");

        AuditLogs.Gap gap = logs.findGap(dir.resolve("restored"), List.of(dir.resolve("replica")));

        assertThat(gap.missing()).containsExactly(line(3).strip(), "plain");
    }

    @Test
    void linesThatAreNotJsonAreRecordsTooAndSurviveAMergeByteForByte() throws IOException {
        byte[] latin = "caf\u00e9 \u00ff not utf-8\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1));
        Files.createDirectories(dir.resolve("external"));
        Files.write(dir.resolve("external/a.jsonl"), concat((line(1) + "{broken json\n").getBytes(), latin));

        AuditLogs.Gap gap = logs.findGap(dir.resolve("restored"), List.of(dir.resolve("external")));
        assertThat(gap.missing()).hasSize(2);
        assertThat(gap.ranges()).singleElement().satisfies(r -> assertThat(r.firstAt()).isNull());

        AuditLogs.Merge merge = logs.merge(dir.resolve("restored"), gap, "recovered.jsonl", List.of(dir.resolve("external")));
        assertThat(merge.records()).isEqualTo(2);
        assertThat(Files.readAllBytes(dir.resolve("restored/recovered.jsonl"))).isEqualTo(concat("{broken json\n".getBytes(), latin));
        assertThat(logs.findGap(dir.resolve("restored"), List.of(dir.resolve("external"))).isEmpty()).isTrue();
        // the same merge delivered again changes nothing
        assertThat(logs.merge(dir.resolve("restored"), gap, "recovered.jsonl", List.of(dir.resolve("external"))).sha256())
                .isEqualTo(merge.sha256());
    }

    /** The external copy and the var/audit a restore replaced: two copies of one log. */
    @Test
    void aRecordThatTwoSourcesHoldIsMissingOnceAndOnlyWhenTheRestoredCopyLacksIt() {
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1) + line(2));
        PlatformGodFixture.write(dir, "external/a.jsonl", line(1) + line(2) + line(3));
        PlatformGodFixture.write(dir, "replaced/a.jsonl", line(1) + line(2) + line(3) + line(4));

        AuditLogs.Gap gap = logs.findGap(dir.resolve("restored"), List.of(dir.resolve("external"), dir.resolve("replaced")));

        assertThat(gap.missing()).containsExactly(line(3).strip(), line(4).strip());
        assertThat(gap.ranges()).extracting(AuditLogs.GapRange::records).containsExactly(1, 1);
    }

    @Test
    void aRecordThatOccursTwiceIsMissingOnceWhenTheRestoredCopyHasItOnce() {
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1));
        PlatformGodFixture.write(dir, "external/a.jsonl", line(1) + line(1));
        assertThat(logs.findGap(dir.resolve("restored"), List.of(dir.resolve("external"))).missing()).hasSize(1);
    }

    @Test
    void aMergeThatDoesNotCloseTheGapIsAnError() {
        PlatformGodFixture.write(dir, "restored/a.jsonl", line(1));
        PlatformGodFixture.write(dir, "external/a.jsonl", line(1) + line(2));
        AuditLogs.Gap nothing = new AuditLogs.Gap(List.of(), List.of(), 1, 2);
        assertThatThrownBy(() -> logs.merge(dir.resolve("restored"), nothing, "r.jsonl", List.of(dir.resolve("external"))))
                .hasMessageContaining("still missing");
    }

    private static String line(int minute) {
        return "{\"ts\":\"2025-01-20T10:0" + minute + ":00Z\",\"actor\":\"agent\",\"seq\":" + minute + "}\n";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
