package org.ddlm.diffusion.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelShuffleTest {

    @Test
    void unshuffleGathersEachPatchOffsetIntoOneChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(16f).reshape(1, 1, 4, 4); // value = 4·row + col
            NDArray folded = PixelShuffle.unshuffle(x, 2);
            assertEquals(new Shape(1, 4, 2, 2), folded.getShape());
            // channel i·2 + j holds pixels (2y + i, 2x + j)
            float[] expected = {
                0, 2, 8, 10, // (0,0) offsets
                1, 3, 9, 11, // (0,1)
                4, 6, 12, 14, // (1,0)
                5, 7, 13, 15 // (1,1)
            };
            assertArrayEquals(expected, folded.toFloatArray());
        }
    }

    @Test
    void shuffleInvertsUnshuffleExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(3, 2, 12, 8));
            for (int p : new int[] {1, 2, 4}) {
                NDArray back = PixelShuffle.shuffle(PixelShuffle.unshuffle(x, p), p);
                assertEquals(x.getShape(), back.getShape());
                assertArrayEquals(x.toFloatArray(), back.toFloatArray(), 0f, "p=" + p);
            }
        }
    }
}
