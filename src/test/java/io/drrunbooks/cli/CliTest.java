package io.drrunbooks.cli;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.testsupport.ChildJvm;
import io.drrunbooks.testsupport.CliRun;
import io.drrunbooks.testsupport.PlatformGodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on real files, with GNU tar and the spec's own restore script as second opinions. */
class CliTest {

    @TempDir
    Path dir;

    @Test
    void backupPrintsTheSetLastAndTheSetVerifiesListsAndRestores() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Map<String, String> registry = PlatformGodFixture.hashes(root.resolve("var/registry"));

        CliRun backup = CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString());
        assertThat(backup.exit()).isZero();
        Path set = Path.of(backup.lastLine());
        assertThat(set.getParent()).isEqualTo(dir.resolve("backups"));
        assertThat(set.getFileName().toString()).matches("\\d{8}_\\d{6}");
        assertThat(PlatformGodFixture.run(set, "tar", "-tzf", "registry.tar.gz")).contains("var/registry/agents/alpha.yaml");
        assertThat(PlatformGodFixture.run(set, "sha256sum", "-c", "SHA256SUMS")).contains("registry.tar.gz: OK");

        assertThat(CliRun.of("verify", set.toString()).exit()).isZero();
        CliRun list = CliRun.of("list", "--from", dir.resolve("backups").toString());
        assertThat(list.out()).contains(set.getFileName().toString()).contains("registry,state,artifacts,audit,config");

        PlatformGodFixture.write(root, "var/registry/agents/alpha.yaml", "broken: [\n");
        PlatformGodFixture.write(root, "var/registry/agents/new.yaml", "name: new\n");
        CliRun restore = CliRun.of("restore", "--from", set.toString(), "--root", root.toString(), "--only", "registry",
                "--home", dir.resolve("home").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(PlatformGodFixture.hashes(root.resolve("var/registry"))).isEqualTo(registry);
        assertThat(Files.list(root.resolve("var")).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("registry.replaced."));

        String runId = restore.lines().stream().filter(l -> l.startsWith("audit trail: ")).findFirst().orElseThrow()
                .split(" ")[2];
        AuditTrail audit = new AuditTrail(CliDatabase.open(dir.resolve("home")), Clock.systemUTC());
        assertThat(audit.events(runId)).extracting(e -> e.type()).contains("restore.requested", "restore.completed");
        assertThat(audit.check(runId).intact()).isTrue();

        CliRun verifyAudit = CliRun.of("verify-audit", "--home", dir.resolve("home").toString());
        assertThat(verifyAudit.exit()).isZero();
        assertThat(verifyAudit.out()).contains("1 of 1 audit chain intact");
        new org.springframework.jdbc.core.JdbcTemplate(CliDatabase.open(dir.resolve("home")))
                .update("UPDATE dr_audit_event SET actor = 'mallory' WHERE seq = 2");
        CliRun tampered = CliRun.of("verify-audit", "--home", dir.resolve("home").toString());
        assertThat(tampered.exit()).isNotZero();
        assertThat(tampered.err()).contains(runId).contains("event 2 was altered");
    }

    @Test
    void selfTestRunsTheCommandsOnAGeneratedTreeAndLeavesNothingBehind() {
        Path work = dir.resolve("self-test");

        CliRun selfTest = CliRun.of("self-test", "--work", work.toString());

        assertThat(selfTest.exit()).as(selfTest.err()).isZero();
        assertThat(selfTest.out()).contains("self-test passed: backup, verify, list, restore, verify-audit");
        assertThat(work).doesNotExist();
    }

    @Test
    void aHomeAtTheNewestMigrationIsUsedWithoutStartingFlyway() {
        Path home = dir.resolve("home");
        javax.sql.DataSource database = CliDatabase.open(home); // a new home: migrated
        assertThat(CliDatabase.migrated(database)).isTrue();
        // Flyway checks every applied migration's checksum whenever it runs, and refuses a home whose checksum is wrong
        new org.springframework.jdbc.core.JdbcTemplate(database)
                .update("UPDATE \"dr_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");

        CliRun verifyAudit = CliRun.of("verify-audit", "--home", home.toString());

        assertThat(verifyAudit.exit()).as(verifyAudit.err()).isZero();
    }

    @Test
    void theMigrationTheCommandLineChecksForIsTheNewestShipped() throws IOException {
        try (var files = Files.walk(Path.of("src/main/resources/db"))) {
            int newest = files.map(f -> f.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
            assertThat(CliDatabase.NEWEST_MIGRATION).isEqualTo(String.valueOf(newest));
        }
    }

    @Test
    void verifyNamesTheFirstBadArchiveAndExitsNonZero() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path set = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString()).lastLine());
        byte[] state = Files.readAllBytes(set.resolve("state.tar.gz"));
        state[state.length / 2] ^= 0x40;
        Files.write(set.resolve("state.tar.gz"), state);

        CliRun verify = CliRun.of("verify", set.toString());
        assertThat(verify.exit()).isNotZero();
        assertThat(verify.err()).contains("state.tar.gz");
    }

    @Test
    void aCorruptArchiveLaterInTheListLeavesEveryDataSetUntouched() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path set = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString()).lastLine());
        byte[] state = Files.readAllBytes(set.resolve("state.tar.gz"));
        state[state.length / 2] ^= 0x01;
        Files.write(set.resolve("state.tar.gz"), state);
        PlatformGodFixture.write(root, "var/registry/agents/alpha.yaml", "edited after the backup\n");
        Map<String, String> registry = PlatformGodFixture.hashes(root.resolve("var/registry"));

        CliRun restore = CliRun.of("restore", "--from", set.toString(), "--root", root.toString(), "--only", "registry,state",
                "--home", dir.resolve("home").toString());

        assertThat(restore.exit()).isNotZero();
        assertThat(restore.err()).contains("state.tar.gz");
        assertThat(PlatformGodFixture.hashes(root.resolve("var/registry"))).isEqualTo(registry);
        assertThat(Files.list(root.resolve("var")).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.contains(".replaced.") || name.contains(".staging."));
    }

    @Test
    void aRestoreACrashLeftHalfStagedIsRolledBackBeforeTheNextOne() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path set = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString()).lastLine());
        Path staging = root.resolve("var/.registry.staging.cli-restore-killed");
        PlatformGodFixture.write(staging, "agents/half-writ", "name: ha");
        PlatformGodFixture.write(root, ".dr-restore/cli-restore-killed.registry.json", """
                {"operationId":"cli-restore-killed","setId":"%s","dataSet":"registry","phase":"staging","stagingRoot":"%s",
                 "steps":[{"live":"%s","staging":"%s","quarantine":null}]}
                """.formatted(set.getFileName(), staging, root.resolve("var/registry"), staging));

        CliRun restore = CliRun.of("restore", "--from", set.toString(), "--root", root.toString(), "--only", "registry",
                "--home", dir.resolve("home").toString());

        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("interrupted restore: operation cli-restore-killed", "live data left as it was");
        assertThat(new AuditTrail(CliDatabase.open(dir.resolve("home")), Clock.systemUTC()).events("cli-restore-killed"))
                .as("the recovery, in the trail of the restore it rolled back").extracting(e -> e.type())
                .containsExactly("restore.recovered");
        assertThat(staging).doesNotExist();
        assertThat(root.resolve(".dr-restore/cli-restore-killed.registry.json")).doesNotExist();
    }

    @Test
    void theSpecsOwnRestoreScriptAcceptsASetTheProductWrote() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Map<String, String> audit = PlatformGodFixture.hashes(root.resolve("var/audit"));
        Path set = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString()).lastLine());
        Path restored = dir.resolve("new-server");
        Files.createDirectories(restored);
        // section 3.1 of the spec, kept once for the tests and the benchmark
        ProcessBuilder specScript = new ProcessBuilder("bash", Path.of("bench/spec/restore_platform_god.sh").toString(),
                set.toString()).redirectErrorStream(true);
        specScript.environment().put("PGOD_ROOT", restored.toString());
        Process process = specScript.start();
        process.getOutputStream().write("y".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("Restoration complete").doesNotContain("Error");
        assertThat(PlatformGodFixture.hashes(restored.resolve("var/audit"))).isEqualTo(audit);
        assertThat(restored.resolve(".env")).hasSameBinaryContentAs(root.resolve(".env"));
    }

    @Test
    void anEncryptedConfigArchiveNeedsTheKeyFileToVerifyAndRestore() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path key = dir.resolve("archive.key");
        Files.writeString(key, "9f".repeat(32) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun refused = CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString(), "--key-file", key.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("encryption key file " + key + " is open to group or others");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        CliRun backup = CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString(), "--key-file", key.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        Path set = Path.of(backup.lastLine());
        assertThat(set.resolve("config.tar.gz.enc")).exists();
        CliRun unverified = CliRun.of("verify", set.toString());
        assertThat(unverified.exit()).isEqualTo(3);
        assertThat(unverified.err()).startsWith("NOT VERIFIED: ").contains("config.tar.gz.enc").contains("without the key");
        assertThat(CliRun.of("verify", set.toString(), "--key-file", key.toString()).exit()).isZero();

        byte[] env = Files.readAllBytes(root.resolve(".env"));
        PlatformGodFixture.write(root, ".env", "PGOD_API_KEY=changed\n");
        CliRun restore = CliRun.of("restore", "--from", set.toString(), "--root", root.toString(), "--only", "config",
                "--home", dir.resolve("home").toString(), "--key-file", key.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(Files.readAllBytes(root.resolve(".env"))).isEqualTo(env);
    }

    @Test
    void badArgumentsAreRefusedWithAClearMessage() {
        CliRun restore = CliRun.of("restore", "--from", dir.resolve("missing").toString(), "--root", dir.toString());
        assertThat(restore.exit()).isNotZero();
        assertThat(restore.err()).contains("no backup set at").contains("missing");
        CliRun unknown = CliRun.of("backup", "--root", dir.toString(), "--to", dir.resolve("b").toString(), "--only", "registry,bogus");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("bogus");
        CliRun level = CliRun.of("backup", "--root", dir.toString(), "--to", dir.resolve("b").toString(), "--level", "10");
        assertThat(level.exit()).isNotZero();
        assertThat(level.err()).contains("compression level 10 is not between 0 and 9");
    }

    @Test
    void listShowsASetThatDoesNotOpenWithWhy() throws IOException {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path backups = dir.resolve("backups");
        Path good = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", backups.toString()).lastLine());
        Path corrupt = PlatformGodFixture.writeSetWithSpecScript(root, backups, "20200101_000000");
        Files.write(corrupt.resolve("audit.tar.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));

        CliRun list = CliRun.of("list", "--from", backups.toString());

        assertThat(list.exit()).isZero();
        assertThat(list.lines()).hasSize(2);
        assertThat(list.lines().get(0)).startsWith(good.getFileName().toString()).contains("registry,state,artifacts,audit,config");
        assertThat(list.lines().get(1)).startsWith("20200101_000000  2020-01-01T00:00:00Z")
                .contains("UNREADABLE: set 20200101_000000").contains("audit.tar.gz").contains("(written by backup_platform_god.sh)");
    }

    @Test
    void aMistypedCommandIsRefusedWithExit2AndStartsNoService() {
        CliRun mistyped = CliRun.of("restor", "--from", dir.toString(), "--root", dir.toString());
        assertThat(mistyped.exit()).isEqualTo(2);
        assertThat(mistyped.err()).startsWith("unknown command 'restor'; commands: backup, restore, verify, list,")
                .contains("serve");
        assertThat(mistyped.out()).isEmpty();

        try (ChildJvm main = ChildJvm.start(dir.resolve("main.log"), List.of("restor", "--from", dir.toString()))) {
            assertThat(main.await(Duration.ofMinutes(1))).as(main.output()).isEqualTo(2);
            assertThat(main.output()).contains("unknown command 'restor'").doesNotContain("Spring").doesNotContain("Tomcat");
        }
    }

    @Test
    void noArgumentsServeOrSpringOptionsStartTheServiceAndCommandsDoNot() {
        for (String[] service : new String[][] {{}, {"serve"}, {"serve", "--server.port=0"}, {"--spring.profiles.active=demo"},
                {"--server.port=9090", "--dr.home=/tmp/x"}}) {
            assertThat(Cli.startsService(service)).as(String.join(" ", service)).isTrue();
        }
        for (String[] command : new String[][] {{"restore"}, {"restor"}, {"list", "--from", "x"}, {"--help"}, {"-V"}, {"help"}}) {
            assertThat(Cli.startsService(command)).as(String.join(" ", command)).isFalse();
        }
        assertThat(CliRun.of("help").exit()).isZero();
        assertThat(CliRun.of("--version").exit()).isZero();
    }

    @Test
    void listingABackupRootThatIsNotThereFailsNamingIt() {
        CliRun list = CliRun.of("list", "--from", dir.resolve("nonexistent").toString());

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).isEqualTo("error: no backup root at " + dir.resolve("nonexistent") + ": not a directory\n");
        assertThat(list.out()).isEmpty();
    }

    /** In a process of its own, as a script runs it: what the command prints on stdout is its result alone. */
    @Test
    void aRestorePrintsItsResultOnStdoutAndLogsOnlyOnStderr() throws Exception {
        Path root = dir.resolve("pgod");
        PlatformGodFixture.create(root);
        Path set = Path.of(CliRun.of("backup", "--root", root.toString(), "--to", dir.resolve("backups").toString()).lastLine());
        Path stdout = dir.resolve("restore.out");
        Path stderr = dir.resolve("restore.err");
        Process restore = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), io.drrunbooks.DrRunbooksApplication.class.getName(),
                "restore", "--from", set.toString(), "--root", root.toString(), "--only", "registry,state",
                "--home", dir.resolve("home").toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();

        assertThat(restore.waitFor()).as(Files.readString(stderr)).isZero();
        List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).as("stdout").hasSize(3).allMatch(line -> line.matches("(restored|audit trail:) .*"));
        assertThat(lines.get(0)).matches("restored registry +\\d+ files  .*");
        assertThat(Files.readString(stderr)).doesNotContain("Flyway").doesNotContain(" INFO ");
    }

    @Test
    void everyHelpTextIsASentenceAndCountsSayOneFile() {
        for (CommandLine command : new CommandLine(new Cli()).getSubcommands().values()) {
            if (command.getCommandName().equals("help")) {
                continue; // picocli's own
            }
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                String text = String.join(" ", arg.description());
                if (!text.isEmpty()) {
                    assertThat(text).as(command.getCommandName() + " " + arg.paramLabel()).matches("[A-Z].*[.?]");
                }
            }
            String description = String.join(" ", command.getCommandSpec().usageMessage().description());
            assertThat(description).as(command.getCommandName()).matches("[A-Z].*\\.");
        }
        assertThat(Counted.of(1, "file")).isEqualTo("1 file");
        assertThat(Counted.of(0, "file")).isEqualTo("0 files");
        assertThat(Counted.of(20_000, "file")).isEqualTo("20000 files");
    }
}
