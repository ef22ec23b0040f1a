package io.drrunbooks.backup.gzip;

import io.drrunbooks.testsupport.PlatformGodFixture;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelGzipOutputStreamTest {

    static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @TempDir
    Path temp;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void gnuGzipAndBothJavaReadersGetTheBytesBackFromManyBlocksOfTextAndRandomData() throws IOException {
        byte[] data = concat(text(700_000), random(500_000, 1), text(300_001), random(70_000, 2));
        Path file = temp.resolve("mixed.gz");
        Files.write(file, gzip(data, 6));

        PlatformGodFixture.run(temp, "gzip", "-t", file.toString());
        PlatformGodFixture.run(temp, "sh", "-c", "gzip -dc mixed.gz > mixed");
        assertThat(Files.readAllBytes(temp.resolve("mixed"))).isEqualTo(data);
        assertThat(new GZIPInputStream(Files.newInputStream(file)).readAllBytes()).isEqualTo(data);
        assertThat(new GzipCompressorInputStream(Files.newInputStream(file), true).readAllBytes()).isEqualTo(data);
    }

    @Test
    void textCompressesWithinHalfAPercentOfSingleThreadedGzip() throws IOException {
        byte[] data = text(3_000_000);
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        try (GZIPOutputStream single = new GZIPOutputStream(reference)) {
            single.write(data);
        }
        assertThat((double) gzip(data, 6).length).isLessThan(reference.size() * 1.005);
    }

    @Test
    void randomDataIsStoredWithFiveBytesOfFramingPer64KiB() throws IOException {
        byte[] data = random(1_000_000, 3);
        byte[] gzip = gzip(data, 9);

        int storedChunks = 0;
        for (int left = data.length; left > 0; left -= ParallelGzipOutputStream.BLOCK_SIZE) {
            storedChunks += (Math.min(left, ParallelGzipOutputStream.BLOCK_SIZE) + 65_534) / 65_535;
        }
        assertThat(gzip.length).isEqualTo(10 + data.length + 5 * storedChunks + 2 + 8);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(data);
    }

    @Test
    void probingTellsRandomFromTextAndFromRepeatedRandom() {
        byte[] random = random(ParallelGzipOutputStream.BLOCK_SIZE, 4);
        assertThat(BlockCompressor.incompressible(random, random.length)).isTrue();
        assertThat(BlockCompressor.incompressible(text(100_000), 100_000)).isFalse();
        byte[] repeated = concat(random(2_000, 5), random(2_000, 5), random(2_000, 5), random(2_000, 5));
        assertThat(BlockCompressor.incompressible(repeated, repeated.length)).isFalse();
    }

    @Test
    void anEmptyStreamAndEveryLevelAreValidGzip() throws IOException {
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip(new byte[0], 6))).readAllBytes()).isEmpty();
        byte[] data = concat(text(200_000), random(200_000, 6));
        for (int level = 0; level <= 9; level++) {
            assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip(data, level))).readAllBytes()).isEqualTo(data);
        }
        assertThatThrownBy(() -> gzip(data, 10)).hasMessageContaining("between 0 and 9");
    }

    static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, level, POOL, 4)) {
            // uneven writes, so blocks are cut in the middle of them
            for (int offset = 0; offset < data.length; offset += 77_777) {
                gzip.write(data, offset, Math.min(77_777, data.length - offset));
            }
        }
        return out.toByteArray();
    }

    static byte[] text(int size) {
        StringBuilder text = new StringBuilder();
        Random random = new Random(42);
        while (text.length() < size) {
            text.append("{\"run\":").append(random.nextInt(100_000)).append(",\"agent\":\"agent-").append(random.nextInt(50))
                    .append("\",\"status\":\"").append(random.nextBoolean() ? "ok" : "failed").append("\"}\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
