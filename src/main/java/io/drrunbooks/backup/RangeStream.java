package io.drrunbooks.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes {@code [from, to)} of a file, read at their position, so several threads read one file at once. */
final class RangeStream extends InputStream {

    private final FileChannel channel;
    private final long to;
    private long position;

    RangeStream(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.position = from;
        this.to = to;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (position >= to) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, to - position)), position);
        if (n < 0) {
            throw new IOException("the archive ends at " + position + ", before " + to + " (truncated?)");
        }
        position += n;
        return n;
    }
}
