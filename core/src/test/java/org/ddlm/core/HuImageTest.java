package org.ddlm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class HuImageTest {

    @Test
    void paddingIsFilledForWorkAndRestoredAfter() {
        HuImage image = new HuImage(3, 2, new float[] {-2000, 10, 20, 30, 40, -2000},
                new boolean[] {true, false, false, false, false, true});
        float[] filled = image.filledCopy(-1024);
        assertArrayEquals(new float[] {-1024, 10, 20, 30, 40, -1024}, filled);
        float[] result = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {-2000, 2, 3, 4, 5, -2000}, image.restorePadding(result));
        assertEquals(30f, image.at(0, 1));
        assertTrue(image.isPadding(5));
        assertFalse(new HuImage(3, 2, filled).isPadding(5));
    }

    @Test
    void sizesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> new HuImage(3, 2, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new HuImage(3, 2, new float[6], new boolean[5]));
        assertThrows(IllegalArgumentException.class, () -> new HuImage(0, 2, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new HuImage(3, 2, new float[6]).restorePadding(new float[4]));
    }

    @Test
    void progressStopsOnlyWhenAsked() {
        Progress.NONE.stopIfCancelled("never");
        boolean[] stop = {false};
        Progress p = Progress.of(Progress.NONE, () -> stop[0]);
        p.stopIfCancelled("slice 1");
        stop[0] = true;
        CancellationException e = assertThrows(CancellationException.class, () -> p.stopIfCancelled("slice 2"));
        assertEquals("slice 2: cancelled", e.getMessage());
    }
}
