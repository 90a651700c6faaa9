package org.ddlm.diffusion.ddlm;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One random stream per (seed, series UID, slice index, ensemble member) (algorithms.md §6.7, §8):
 * the root generator is {@code new SplittableRandom(seed ⊕ FNV-1a-64(UID))}; the slice's stream is the
 * (sliceIndex + 1)-th split of the root, the member's stream the (member + 1)-th split of the slice's
 * stream. A stream never depends on batch size, batch composition or threads.
 */
public final class SliceStreams {

    private SliceStreams() {
    }

    public static SplittableRandom member(long seed, String seriesUid, int sliceIndex, int member) {
        if (sliceIndex < 0 || member < 0) {
            throw new IllegalArgumentException("slice index and member must be >= 0");
        }
        SplittableRandom root = new SplittableRandom(seed ^ fnv1a64(seriesUid == null ? "" : seriesUid));
        SplittableRandom slice = root.split();
        for (int k = 0; k < sliceIndex; k++) {
            slice = root.split();
        }
        SplittableRandom stream = slice.split();
        for (int k = 0; k < member; k++) {
            stream = slice.split();
        }
        return stream;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: fixed across JVMs (unlike identity hashes). */
    static long fnv1a64(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
