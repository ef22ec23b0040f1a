package io.drrunbooks.backup.crypto;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedGcmTest {

    private static final int CHUNK = ChunkedGcm.CHUNK_BYTES;
    private static final int SEALED = CHUNK + ChunkedGcm.TAG_BYTES;
    private final SecretKey key = key(1);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 12345})
    void roundTripsEverySizeAroundTheChunkBoundaries(int size) throws IOException {
        byte[] plain = random(size);
        byte[] sealed = encrypt(plain);

        int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK); // a full last chunk carries the final flag itself
        assertThat(sealed).hasSize(ChunkedGcm.HEADER_BYTES + size + chunks * ChunkedGcm.TAG_BYTES);
        assertThat(decrypt(sealed, key)).isEqualTo(plain);
    }

    @Test
    void theSameContentEncryptsDifferentlyEachTime() throws IOException {
        byte[] plain = random(1000);
        assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    }

    @Test
    void aWrongKeyFailsAtTheFirstChunk() throws IOException {
        byte[] sealed = encrypt(random(2 * CHUNK));
        assertThatThrownBy(() -> decrypt(sealed, key(2))).isInstanceOf(IOException.class)
                .hasMessageContaining("chunk 0 fails authentication");
    }

    @Test
    void cuttingTheFileAtAChunkBoundaryIsDetected() throws IOException {
        byte[] sealed = encrypt(random(3 * CHUNK + 100));
        byte[] cut = Arrays.copyOf(sealed, ChunkedGcm.HEADER_BYTES + 2 * SEALED);
        assertThatThrownBy(() -> decrypt(cut, key)).hasMessageContaining("chunk 1 (the last) fails authentication");
    }

    @Test
    void swappingTwoChunksIsDetected() throws IOException {
        byte[] sealed = encrypt(random(3 * CHUNK));
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, ChunkedGcm.HEADER_BYTES, swapped, ChunkedGcm.HEADER_BYTES + SEALED, SEALED);
        System.arraycopy(sealed, ChunkedGcm.HEADER_BYTES + SEALED, swapped, ChunkedGcm.HEADER_BYTES, SEALED);
        assertThatThrownBy(() -> decrypt(swapped, key)).hasMessageContaining("chunk 0 fails authentication");
    }

    @Test
    void bytesAfterTheFinalChunkAndAnAlteredHeaderAreDetected() throws IOException {
        byte[] sealed = encrypt(random(100));
        byte[] extended = Arrays.copyOf(sealed, sealed.length + 20);
        assertThatThrownBy(() -> decrypt(extended, key)).hasMessageContaining("fails authentication");
        byte[] header = sealed.clone();
        header[12] ^= 1; // a byte of the nonce prefix
        assertThatThrownBy(() -> decrypt(header, key)).hasMessageContaining("chunk 0 (the last) fails authentication");
        byte[] flipped = sealed.clone();
        flipped[ChunkedGcm.HEADER_BYTES + 5] ^= 1;
        assertThatThrownBy(() -> decrypt(flipped, key)).hasMessageContaining("fails authentication");
    }

    @Test
    void aPlainGzipFileIsNotTakenForAnEncryptedOne() {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> decrypt(gzip, key)).hasMessageContaining("not an encrypted archive");
    }

    private byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = ChunkedGcm.encrypt(sealed, key)) {
            // odd write sizes, so chunks are filled across writes
            for (int offset = 0; offset < plain.length; offset += 7777) {
                out.write(plain, offset, Math.min(7777, plain.length - offset));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, SecretKey key) throws IOException {
        try (InputStream in = ChunkedGcm.decrypt(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    private static SecretKey key(int seed) {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
