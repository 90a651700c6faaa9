package org.ddlm.plugin.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.ddlm.DdlmSettings;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Results do not depend on the thread count (issue 15 item 14): a real 512x512 slice of the shared sharp-kernel
 * chest series (B70f) denoised with one and with two PyTorch threads gives the same float HU, bit for bit, in whole
 * slice passes and in bands. (Before the fix one thread took another convolution algorithm for the 1x1 kernels and
 * the outputs differed by up to 2e-4 HU, enough to move written pixels by 1 HU.)
 */
class ThreadCountTest {

    @AfterAll
    static void restoreTwoThreads() throws Exception {
        TorchRuntime.start(ThreadCounts.of(2));
    }

    private static HuImage slice() throws Exception {
        Path series = Path.of(System.getProperty("ddlm.shared", "../../shared"))
                .resolve("data/ct/chest-siemens-sensation10-b70f");
        CtStack stack = new SeriesScanner().scan(series).requireStacks().get(0);
        return StackSource.toSlice(stack.slices().get(stack.size() / 2).loadHu());
    }

    private static float[] denoise(HuImage slice, DdlmSettings settings, int threads) throws Exception {
        TorchRuntime.start(ThreadCounts.of(threads));
        float[][] out = new float[1][];
        try (SeriesDenoiser d = SeriesDenoiser.open("default", settings, Device.cpu())) {
            SeriesDenoiser.Summary s = d.run(new SeriesDenoiser.SliceSource() {
                @Override
                public int size() {
                    return 1;
                }

                @Override
                public HuImage slice(int index) {
                    return slice;
                }

                @Override
                public String seriesUid() {
                    return "1.2.3";
                }
            }, (i, hu, r) -> out[0] = hu, 1, null, null, null);
            assertEquals(0, s.unchanged());
        }
        return out[0];
    }

    private static void sameBits(DdlmSettings settings) throws Exception {
        HuImage slice = slice();
        float[] one = denoise(slice, settings, 1);
        float[] two = denoise(slice, settings, 2);
        double change = 0;
        int differing = 0;
        for (int i = 0; i < one.length; i++) {
            change = Math.max(change, Math.abs(one[i] - slice.hu()[i]));
            differing += Float.floatToIntBits(one[i]) != Float.floatToIntBits(two[i]) ? 1 : 0;
        }
        assertTrue(change > 50, "the slice was denoised (largest change " + change + " HU)");
        assertEquals(0, differing, "pixels whose float HU differ between 1 and 2 threads");
        assertTrue(Arrays.equals(one, two));
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBitsAtTheDefaults() throws Exception {
        sameBits(DdlmSettings.defaults());
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBitsInBands() throws Exception {
        // Bands of 128 rows; one view keeps it short.
        sameBits(DdlmSettings.defaults().withTile(256).withFlips(1));
    }
}
