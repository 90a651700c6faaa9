package org.ddlm.validation.simulate;

import java.util.SplittableRandom;

/**
 * One random stream per slice (metrics.md section 8): {@code new SplittableRandom(seed)}, then {@code split()} once
 * per slice in slice order. A slice's stream depends only on (seed, slice index), never on threads or on which
 * other slices are simulated.
 */
public final class SliceRandom {

    private SliceRandom() {
    }

    /** The stream of slice {@code sliceIndex} (0-based): the (sliceIndex + 1)-th split of the seed's generator. */
    public static SplittableRandom forSlice(long seed, int sliceIndex) {
        if (sliceIndex < 0) {
            throw new IllegalArgumentException("slice index must be >= 0, got " + sliceIndex);
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < sliceIndex; i++) {
            stream = root.split();
        }
        return stream;
    }
}
