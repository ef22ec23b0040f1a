package io.drrunbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.backup.ArchiveKey;
import io.drrunbooks.backup.BackupOptions;
import io.drrunbooks.backup.BackupSet;
import io.drrunbooks.backup.BackupSets;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recognisable secret in .env goes through backups, a server loss and config restores run by the service, with
 * the config archive encrypted and without; it must reach no log line, no audit event and no API answer. The
 * service has a key (and a database of its own, so no other test's service takes its steps).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutTest extends ServiceTest {

    static final String SECRET = "pgod-secret-Qx81vZt4";
    static final Path KEY = keyFile(HOME.resolve("keys/archive.key"), 11);

    @DynamicPropertySource
    static void encrypted(DynamicPropertyRegistry registry) {
        registry.add("dr.test.database", () -> "jdbc:h2:file:" + HOME.resolve("db/secrets") + ";AUTO_SERVER=TRUE");
        registry.add("dr.backup.encryption-key-file", KEY::toString);
        registry.add("logging.level.io.drrunbooks", () -> "DEBUG"); // whatever the service might log, the test sees
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;
    Api api;
    final List<String> runs = new ArrayList<>();

    @BeforeEach
    void secretInDotEnv() throws IOException {
        api = new Api(port);
        PlatformGodFixture.write(root(), ".env", "PGOD_API_KEY=" + SECRET + "\nPGOD_PORT=8080\n");
        Files.setPosixFilePermissions(root().resolve(".env"), PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void noSecretReachesALogTheAuditTrailOrTheApi(CapturedOutput output) throws IOException {
        String backupRun = run("backup", "");
        assertThat(api.awaitEnd(backupRun).get("outcome").asText()).isEqualTo("BACKED_UP");
        BackupSet encrypted = backups.list().get(0);
        assertThat(encrypted.archiveRecord("config").orElseThrow().encryption()).isNotNull();

        Path newServer = HOME.resolve("new-server-" + System.nanoTime());
        String serverLoss = run("server-loss", "\"targetRoot\":\"" + newServer + "\"");
        for (String[] task : new String[][] {{"provision-server", "{\"serverProvisioned\":true,\"diskReady\":true}"},
                {"install-runtime", "{\"pythonInstalled\":true,\"dependenciesInstalled\":true}"},
                {"clone-repository", "{\"repositoryCloned\":true}"}, {"confirm-config-restore", "{\"overwriteConfig\":true}"},
                {"switch-dns", "{\"dnsUpdated\":true}"}}) {
            api.complete(api.awaitTask(serverLoss, task[0]), task[1]);
        }
        assertThat(api.awaitEnd(serverLoss).get("outcome").asText()).isEqualTo("RECOVERED");
        assertThat(newServer.resolve(".env")).hasSameBinaryContentAs(root().resolve(".env"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newServer.resolve(".env")))).isEqualTo("rw-------");

        BackupSet plain = new BackupSets(new BackupOptions(HOME.resolve("backups"), Clock.systemUTC(), "test"))
                .write(target.layout(), target.layout().dailyDataSets());
        assertThat(plain.archiveRecord("config").orElseThrow().encryption()).isNull();
        for (BackupSet set : List.of(encrypted, plain)) {
            PlatformGodFixture.write(root(), ".env", "PGOD_API_KEY=rotated\n");
            String restore = run("restore", "\"dataSets\":[\"config\"],\"backupSet\":\"" + set.id() + "\"");
            api.complete(api.awaitTask(restore, "approve-restore"), "{\"approved\":true}");
            assertThat(api.awaitEnd(restore).get("outcome").asText()).as(set.id()).isEqualTo("RECOVERED");
            assertThat(Files.readString(root().resolve(".env"))).contains(SECRET);
        }

        assertNoSecretAnywhere(output);
    }

    @Test
    void aSetEncryptedWithAnotherKeyIsNotUsedAndTheLiveTreeStaysByteIdentical(CapturedOutput output) {
        BackupSet foreign = new BackupSets(new BackupOptions(HOME.resolve("backups"), Clock.systemUTC(), "test")
                .withEncryptionKey(ArchiveKey.read(keyFile(HOME.resolve("keys/foreign-" + System.nanoTime()), 12))))
                .write(target.layout(), target.layout().dailyDataSets());
        Map<String, String> before = PlatformGodFixture.hashes(root());

        String restore = run("restore", "\"dataSets\":[\"config\"],\"backupSet\":\"" + foreign.id() + "\"");
        JsonNode run = api.awaitEnd(restore);

        assertThat(run.get("outcome").asText()).isEqualTo("NO_USABLE_BACKUP");
        assertThat(api.get("/api/runs/" + restore + "/audit").raw())
                .contains("archive config.tar.gz.enc: encrypted with key " + foreign.archiveRecord("config").orElseThrow()
                        .encryption().keyId() + ", but key " + ArchiveKey.read(KEY).id() + " from " + KEY + " is another key");
        assertThat(PlatformGodFixture.hashes(root())).isEqualTo(before);
        assertNoSecretAnywhere(output);
    }

    private String run(String runbook, String fields) {
        String runId = api.start("{\"runbook\":\"" + runbook + "\",\"reason\":\"secrets test\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
        runs.add(runId);
        return runId;
    }

    private void assertNoSecretAnywhere(CapturedOutput output) throws UncheckedIOException {
        assertThat(output.getAll()).as("log output").doesNotContain(SECRET);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (String runId : runs) {
            try {
                assertThat(audit.events(runId)).as("audit trail of " + runId).isNotEmpty();
                assertThat(json.writeValueAsString(audit.events(runId))).as("audit trail of " + runId).doesNotContain(SECRET);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String path : List.of("/api/runs/" + runId, "/api/runs/" + runId + "/audit", "/api/tasks?runId=" + runId)) {
                assertThat(api.get(path).raw()).as(path).doesNotContain(SECRET);
            }
        }
        for (String path : List.of("/api/runs", "/api/backups", "/api/audit/verify", "/actuator/health")) {
            assertThat(api.get(path).raw()).as(path).isNotEmpty().doesNotContain(SECRET);
        }
    }

    private static Path keyFile(Path file, int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, key);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
