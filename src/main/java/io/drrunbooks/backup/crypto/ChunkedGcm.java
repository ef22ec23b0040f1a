package io.drrunbooks.backup.crypto;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/** Encrypting and decrypting streams of the chunked AES-256-GCM format. See {@code package-info.java}. */
public final class ChunkedGcm {

    public static final String ALGORITHM = "AES-256-GCM";
    public static final int CHUNK_BYTES = 64 * 1024;
    static final int HEADER_BYTES = 32;
    static final int TAG_BYTES = 16;
    private static final byte[] MAGIC = {'D', 'R', 'G', 'C', 'M', 1};
    private static final int PREFIX_BYTES = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChunkedGcm() {
    }

    /** Writes the header at once; {@code close()} seals the final chunk and closes {@code out}. */
    public static OutputStream encrypt(OutputStream out, SecretKey key) throws IOException {
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(prefix);
        byte[] header = header(CHUNK_BYTES, prefix);
        out.write(header);
        return new EncryptingStream(out, new Sealer(key, header));
    }

    /** Reads and checks the header at once; every read returns only authenticated plaintext. */
    public static InputStream decrypt(InputStream in, SecretKey key) throws IOException {
        byte[] header = in.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not an encrypted archive of this product (no " + ALGORITHM + " header)");
        }
        int chunkBytes = ByteBuffer.wrap(header, MAGIC.length, 4).getInt();
        if (chunkBytes < 1 || chunkBytes > 16 * CHUNK_BYTES) {
            throw new IOException("encrypted archive header names a chunk size of " + chunkBytes + " bytes");
        }
        return new DecryptingStream(in, new Sealer(key, header), chunkBytes);
    }

    private static byte[] header(int chunkBytes, byte[] prefix) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).putInt(chunkBytes).put(prefix);
        return header.array();
    }

    /** Seals and opens the chunks of one file: the nonce and associated data of each come from the header. */
    static final class Sealer {

        private final SecretKey key;
        private final byte[] header;
        private final Cipher cipher;

        Sealer(SecretKey key, byte[] header) throws IOException {
            this.key = key;
            this.header = header.clone();
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IOException("this Java runtime has no AES/GCM: " + e, e);
            }
        }

        byte[] seal(long index, boolean last, byte[] plain, int length) throws IOException {
            return run(Cipher.ENCRYPT_MODE, index, last, plain, length);
        }

        byte[] open(long index, boolean last, byte[] sealed, int length) throws IOException {
            return run(Cipher.DECRYPT_MODE, index, last, sealed, length);
        }

        private byte[] run(int mode, long index, boolean last, byte[] input, int length) throws IOException {
            if (index > 0xFFFF_FFFFL) {
                throw new IOException("more than 2^32 chunks");
            }
            byte[] nonce = ByteBuffer.allocate(12).put(header, MAGIC.length + 4, PREFIX_BYTES)
                    .putInt((int) index).put((byte) (last ? 1 : 0)).array();
            try {
                cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
                cipher.updateAAD(header);
                return cipher.doFinal(input, 0, length);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new IOException("chunk " + index + (last ? " (the last)" : "")
                        + " fails authentication: the file was altered, truncated or extended, or the key is wrong");
            } catch (GeneralSecurityException e) {
                throw new IOException("chunk " + index + ": " + e, e);
            }
        }
    }
}
