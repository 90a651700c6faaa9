package org.ddlm.dicom;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes PixelMed is given: chosen ranges of the data set, in order, each either copied from the file's buffer or
 * replaced by bytes of our own. Nothing is copied ahead of the reader, so skipped ranges are never touched.
 */
final class ElementStream extends InputStream {
    /** A range [offset, offset + length) of the buffer, or, when {@code replacement} is set, those bytes instead. */
    record Piece(long offset, long length, byte[] replacement) {
        static Piece of(long offset, long length) {
            return new Piece(offset, length, null);
        }

        static Piece replaced(byte[] bytes) {
            return new Piece(-1, bytes.length, bytes);
        }
    }

    private final ByteBuffer data;
    private final List<Piece> pieces;
    private int index;
    private long done;

    ElementStream(ByteBuffer data, List<Piece> pieces) {
        this.data = data;
        this.pieces = pieces;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (index < pieces.size() && done == pieces.get(index).length()) {
            index++;
            done = 0;
        }
        if (index == pieces.size()) {
            return -1;
        }
        Piece piece = pieces.get(index);
        int n = (int) Math.min(len, piece.length() - done);
        if (piece.replacement() != null) {
            System.arraycopy(piece.replacement(), (int) done, b, off, n);
        } else {
            data.get((int) (piece.offset() + done), b, off, n);
        }
        done += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long left = n;
        byte[] sink = new byte[8192];
        while (left > 0) {
            int r = read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }
}
