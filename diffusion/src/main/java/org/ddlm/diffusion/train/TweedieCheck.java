package org.ddlm.diffusion.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * The one-step Tweedie sanity check of a trained prior (algorithms.md §5.4): add 30 HU noise (white, or of
 * the texture the prior was trained with) to a clean slice, y = x + 0.03·z (model units), evaluate the denoiser once at u* = u(−log 0.03) on
 * α(u*)·y, and compare RMSE over the body mask of y and of x̂0 against x. A prior passes when the
 * second is at most half the first.
 */
public final class TweedieCheck {

    /** The noise added, in HU. */
    public static final double NOISE_HU = 30.0;

    private TweedieCheck() {
    }

    /**
     * @param noisyRmseHu    RMSE(y, x) over the body, HU
     * @param denoisedRmseHu RMSE(x̂0, x) over the body, HU
     * @param time           u* used
     */
    public record Result(double noisyRmseHu, double denoisedRmseHu, double time) {

        public boolean passes() {
            return denoisedRmseHu <= 0.5 * noisyRmseHu;
        }
    }

    /**
     * @param denoiser the prior (its EMA weights for a trained UNet)
     * @param hu       clean slice in HU, row-major; width and height must suit the denoiser's size multiple
     * @param body     true on body pixels (metrics.md §5 mask); RMSEs average over these
     * @param seed     seed of the added noise
     */
    public static Result run(Denoiser denoiser, float[] hu, boolean[] body, int width, int height, long seed) {
        return run(denoiser, hu, body, width, height, seed, Device.cpu(), null);
    }

    /**
     * As {@link #run(Denoiser, float[], boolean[], int, int, long)}, with the slice on {@code device} (the network's)
     * and noise of the prior's training texture (null = white).
     */
    public static Result run(Denoiser denoiser, float[] hu, boolean[] body, int width, int height, long seed,
                             Device device, NoiseTexture texture) {
        int n = width * height;
        if (hu.length != n || body.length != n) {
            throw new IllegalArgumentException("slice and mask must have " + n + " pixels");
        }
        int multiple = denoiser.sizeMultiple();
        if (width % multiple != 0 || height % multiple != 0) {
            throw new IllegalArgumentException("slice " + width + "x" + height + " is not a multiple of "
                    + multiple + "; crop it first");
        }
        double noise = denoiser.intensity().noiseToModel(NOISE_HU);
        Schedule schedule = denoiser.schedule();
        double time = schedule.time(-Math.log(noise));
        double alpha = schedule.alpha(time);
        double[] z = new double[n];
        NoiseTexture.draw(texture, z, 0, width, height, new SplittableRandom(seed));
        double[] clean = new double[n];
        double[] scaledNoisy = new double[n];
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) {
            clean[i] = denoiser.intensity().toModel(hu[i]);
            noisy[i] = clean[i] + noise * z[i];
            scaledNoisy[i] = alpha * noisy[i];
        }
        double[] estimate;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray x = manager.create(scaledNoisy, new Shape(1, 1, height, width));
            estimate = denoiser.estimate(x, new double[] {time}).x0().toType(DataType.FLOAT64, false).toDoubleArray();
        }
        double scale = denoiser.intensity().toImage(1.0) - denoiser.intensity().toImage(0.0);
        return new Result(scale * bodyRmse(noisy, clean, body), scale * bodyRmse(estimate, clean, body), time);
    }

    private static double bodyRmse(double[] a, double[] b, boolean[] body) {
        double sum = 0.0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (body[i]) {
                double d = a[i] - b[i];
                sum += d * d;
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the body mask is empty");
        }
        return Math.sqrt(sum / count);
    }
}
