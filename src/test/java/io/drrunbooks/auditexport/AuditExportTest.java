package io.drrunbooks.auditexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drrunbooks.testsupport.Api;
import io.drrunbooks.testsupport.CliRun;
import io.drrunbooks.testsupport.PlatformGodFixture;
import io.drrunbooks.testsupport.ServiceTest;
import io.drrunbooks.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run's bundle fetched over HTTP and checked offline by {@code verify-export}; then each part
 * tampered with, by someone without the key (the signature breaks) and by someone holding it (the
 * chain, the head or the sets on disk break), each refused naming the entry, event or file.
 */
class AuditExportTest extends ServiceTest {

    @LocalServerPort
    int port;
    Api api;
    Path work;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        work = Files.createTempDirectory(HOME, "export");
    }

    @Test
    void aGetExportsNothingAndWritesNothing() {
        String runId = recoveredDrill();
        int events = api.get("/api/runs/" + runId + "/audit").body().size();
        assertThat(api.get("/api/runs/" + runId + "/audit/export").status()).isEqualTo(405);
        api.get("/api/runs/" + runId + "/audit/check");
        api.get("/api/audit/verify");
        assertThat(api.get("/api/runs/" + runId + "/audit").body().size()).as("no audit.exported").isEqualTo(events);
        api.exportBundle(runId);
        assertThat(api.get("/api/runs/" + runId + "/audit").body().size()).isEqualTo(events + 1);
    }

    @Test
    void anExportedRunChecksOutOfflineAndStatesTheHeadItHolds() throws IOException {
        String runId = recoveredDrill();
        HttpResponse<byte[]> response = api.exportBundle(runId);
        Path bundle = Files.write(work.resolve("bundle.zip"), response.body());
        Path pinned = Files.write(work.resolve("service.pem"), api.download("/api/audit/signing-key").body());
        int head = Integer.parseInt(response.headers().firstValue("X-Audit-Head-Seq").orElseThrow());

        CliRun check = verify(bundle, "--public-key", pinned.toString(), "--backup-root", HOME.resolve("backups").toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("run " + runId + ": " + head + " events, chain intact")
                .contains("(the pinned key)").contains("1 backup set listed, 1 rechecked on disk");

        Map<String, byte[]> entries = BundleZip.read(bundle);
        JsonNode sets = json.readTree(entries.get(BundleZip.SETS));
        assertThat(sets.get(0).get("id").asText()).isEqualTo(backups.list().get(0).id());
        assertThat(sets.get(0).get("archives").findValuesAsText("file")).contains("registry.tar.gz");
        JsonNode exported = api.get("/api/runs/" + runId + "/audit").body().get(head);
        assertThat(exported.get("type").asText()).isEqualTo(AuditExport.EXPORTED);
        assertThat(exported.get("actor").asText()).isEqualTo(TestUsers.AUDITOR);
        assertThat(exported.at("/detail/headSeq").asInt()).isEqualTo(head);
        assertThat(exported.at("/detail/sha256Sums").asText()).isEqualTo(BundleZip.sha256(entries.get(BundleZip.SUMS)));
        assertThat(api.chainIntact(runId)).isTrue();

        // standard tools as a second opinion, the README's recipe
        Path unpacked = Files.createDirectory(work.resolve("unpacked"));
        PlatformGodFixture.run(unpacked, "unzip", "-q", bundle.toString());
        assertThat(PlatformGodFixture.run(unpacked, "sha256sum", "-c", "SHA256SUMS")).contains("events.json: OK");
        assertThat(PlatformGodFixture.run(unpacked, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pinned.toString(),
                "-rawin", "-in", "SHA256SUMS", "-sigfile", "SHA256SUMS.sig")).contains("Signature Verified Successfully");
        assertThat(PlatformGodFixture.run(unpacked, "node", Path.of("bin/audit-chain.mjs").toAbsolutePath().toString(), runId,
                "events.json")).startsWith("intact: " + head + " events");
    }

    @Test
    void eachTamperingIsRefusedNamingWhatIsWrong() throws IOException {
        String runId = recoveredDrill();
        Path bundle = Files.write(work.resolve("bundle.zip"), api.exportBundle(runId).body());
        Path pinned = Files.write(work.resolve("service.pem"), api.download("/api/audit/signing-key").body());
        SigningKey serviceKey = SigningKey.load(HOME.resolve(SigningKey.GENERATED_FILE));
        Map<String, byte[]> original = BundleZip.read(bundle);
        int approval = seqOf(original, "task.completed");

        Map<String, byte[]> edited = editEvents(original, events -> {
            ((ObjectNode) events.get(approval - 1).get("detail")).put("approved", false);
            return events;
        });
        assertRefused(write("unsigned-edit", withEntries(original, edited)), "events.json has sha256",
                "the entry was altered after signing");
        assertRefused(write("resigned-edit", signed(edited, serviceKey)), "events.json: event " + approval + " was altered");

        Map<String, byte[]> removed = editEvents(original, events -> {
            events.remove(approval - 1);
            return events;
        });
        assertRefused(write("removed", signed(removed, serviceKey)), "events.json: event " + approval + " is missing (found "
                + (approval + 1) + ")");
        Map<String, byte[]> truncated = editEvents(original, events -> {
            events.remove(events.size() - 1);
            return events;
        });
        assertRefused(write("truncated", signed(truncated, serviceKey)), "states the head is event");

        Map<String, byte[]> otherHash = new LinkedHashMap<>(original);
        otherHash.put(BundleZip.SETS, new String(original.get(BundleZip.SETS), StandardCharsets.UTF_8)
                .replaceFirst("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + "0".repeat(64) + "\"").getBytes(StandardCharsets.UTF_8));
        Path otherHashBundle = write("set-hash", signed(otherHash, serviceKey));
        assertThat(verify(otherHashBundle).exit()).as("the set hash is only wrong against the disk").isZero();
        assertRefused(otherHashBundle, "--backup-root", HOME.resolve("backups").toString(), "on disk has sha256",
                "the bundle says " + "0".repeat(64));

        Map<String, byte[]> badSignature = new LinkedHashMap<>(original);
        byte[] signature = original.get(BundleZip.SIGNATURE).clone();
        signature[7] ^= 1;
        badSignature.put(BundleZip.SIGNATURE, signature);
        assertRefused(write("bad-signature", badSignature), "SHA256SUMS.sig: the signature of SHA256SUMS does not verify");

        SigningKey mallory = SigningKey.load(Files.writeString(work.resolve("mallory.pem"), Pem.encode(Pem.PRIVATE_KEY,
                generated().getPrivate().getEncoded())));
        Map<String, byte[]> ownKey = new LinkedHashMap<>(original);
        ownKey.put(BundleZip.KEY, mallory.publicPem().getBytes(StandardCharsets.US_ASCII));
        Path forged = write("other-key", signed(ownKey, mallory));
        CliRun unpinned = verify(forged);
        assertThat(unpinned.exit()).as("a consistent forgery passes unless the key is pinned").isZero();
        assertThat(unpinned.out()).contains("NOT pinned");
        assertRefused(forged, "--public-key", pinned.toString(), "the bundle is signed with key "
                + Pem.fingerprint(mallory.publicKey()) + ", not the pinned key " + Pem.fingerprint(serviceKey.publicKey()));
        Map<String, byte[]> serviceKeyInside = new LinkedHashMap<>(signed(original, mallory));
        serviceKeyInside.put(BundleZip.KEY, original.get(BundleZip.KEY));
        assertRefused(write("signed-by-other", serviceKeyInside), "SHA256SUMS.sig");

        Path set = backups.list().get(0).archive("registry");
        byte[] archive = Files.readAllBytes(set);
        archive[archive.length / 2] ^= 0x10;
        Files.write(set, archive);
        assertRefused(bundle, "--backup-root", HOME.resolve("backups").toString(), "registry.tar.gz on disk has sha256");
    }

    private String recoveredDrill() {
        backup();
        corruptRegistry();
        String runId = api.start("{\"runbook\":\"registry-corruption\",\"reason\":\"export test\",\"drill\":true}");
        api.complete(api.awaitTask(runId, "approve-restore"), "{\"approved\":true}");
        assertThat(api.awaitEnd(runId).get("outcome").asText()).isEqualTo("RECOVERED");
        return runId;
    }

    private int seqOf(Map<String, byte[]> entries, String type) throws IOException {
        for (JsonNode event : json.readTree(entries.get(BundleZip.EVENTS))) {
            if (event.get("type").asText().equals(type)) {
                return event.get("seq").asInt();
            }
        }
        throw new AssertionError("no " + type + " event in the bundle");
    }

    private Map<String, byte[]> editEvents(Map<String, byte[]> entries, UnaryOperator<ArrayNode> edit) throws IOException {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(BundleZip.EVENTS, json.writeValueAsBytes(edit.apply((ArrayNode) json.readTree(entries.get(BundleZip.EVENTS)))));
        return copy;
    }

    /** The edited entries with the original SHA256SUMS and signature: an edit by someone without the key. */
    private static Map<String, byte[]> withEntries(Map<String, byte[]> original, Map<String, byte[]> edited) {
        Map<String, byte[]> copy = new LinkedHashMap<>(edited);
        copy.put(BundleZip.SUMS, original.get(BundleZip.SUMS));
        copy.put(BundleZip.SIGNATURE, original.get(BundleZip.SIGNATURE));
        return copy;
    }

    /** Sums and signature made again: what someone holding the key (or one of their own) could produce. */
    private static Map<String, byte[]> signed(Map<String, byte[]> entries, SigningKey key) {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        byte[] sums = BundleZip.sums(copy);
        copy.put(BundleZip.SUMS, sums);
        copy.put(BundleZip.SIGNATURE, key.sign(sums));
        return copy;
    }

    private Path write(String name, Map<String, byte[]> entries) throws IOException {
        return Files.write(work.resolve(name + ".zip"), BundleZip.zip(entries));
    }

    private static KeyPair generated() {
        try {
            return KeyPairGenerator.getInstance(SigningKey.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun verify(Path bundle, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "verify-export";
        args[1] = bundle.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return CliRun.of(args);
    }

    /** {@code optionsThenMessages}: CLI options (pairs starting with --), then the fragments the refusal must contain. */
    private static void assertRefused(Path bundle, String... optionsThenMessages) {
        int options = 0;
        while (options < optionsThenMessages.length && optionsThenMessages[options].startsWith("--")) {
            options += 2;
        }
        CliRun run = verify(bundle, Arrays.copyOfRange(optionsThenMessages, 0, options));
        assertThat(run.exit()).as(bundle + ": " + run.out()).isEqualTo(3);
        for (int i = options; i < optionsThenMessages.length; i++) {
            assertThat(run.err()).as(bundle.getFileName().toString()).contains("REJECTED: ").contains(optionsThenMessages[i]);
        }
    }
}
