package org.ddlm.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymmetryTest {

    private static final double[] PATCH = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** numpy: rot90(a, k) for k = 0..3, then fliplr of each (written out by hand). */
    private static final List<double[]> EXPECTED = List.of(
            new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
            new double[] {3, 6, 9, 2, 5, 8, 1, 4, 7},
            new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1},
            new double[] {7, 4, 1, 8, 5, 2, 9, 6, 3},
            new double[] {3, 2, 1, 6, 5, 4, 9, 8, 7},
            new double[] {9, 6, 3, 8, 5, 2, 7, 4, 1},
            new double[] {7, 8, 9, 4, 5, 6, 1, 2, 3},
            new double[] {1, 4, 7, 2, 5, 8, 3, 6, 9});

    @Test
    void eachElementIsTheExpectedExactPermutation() {
        for (int k = 0; k < Symmetry.COUNT; k++) {
            assertArrayEquals(EXPECTED.get(k), Symmetry.apply(k, PATCH, 3), 0.0, "symmetry " + k);
        }
    }

    @Test
    void eightDistinctOutputsOfAnAsymmetricPatchWithTheSameValues() {
        double[] patch = new double[16];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = Math.sin(1.7 * i + 0.3 * i * i);
        }
        Set<List<Double>> seen = new HashSet<>();
        double[] sorted = patch.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < Symmetry.COUNT; k++) {
            double[] out = Symmetry.apply(k, patch, 4);
            seen.add(Arrays.stream(out).boxed().toList());
            Arrays.sort(out);
            assertArrayEquals(sorted, out, 0.0, "symmetry " + k + " must only move pixels");
        }
        assertEquals(8, seen.size());
    }

    @Test
    void fourQuarterTurnsAndTwoMirrorsAreTheIdentity() {
        double[] p = PATCH;
        for (int i = 0; i < 4; i++) {
            p = Symmetry.apply(1, p, 3);
        }
        assertArrayEquals(PATCH, p, 0.0);
        assertArrayEquals(PATCH, Symmetry.apply(4, Symmetry.apply(4, PATCH, 3), 3), 0.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Symmetry.apply(8, PATCH, 3));
        assertThrows(IllegalArgumentException.class, () -> Symmetry.apply(0, PATCH, 4));
    }
}
