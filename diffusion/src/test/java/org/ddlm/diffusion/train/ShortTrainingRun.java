package org.ddlm.diffusion.train;

import ai.djl.Device;
import java.util.Locale;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;

/**
 * A short run of the default UNet at low noise (u ≤ 100) on synthetic phantoms, ending with the
 * one-step Tweedie check on a held-out phantom: a smoke test of the whole path, not a test. Run with
 * <pre>
 * java -Dai.djl.offline=true -cp … org.ddlm.diffusion.train.ShortTrainingRun [steps] [batch] [patch] [peak lr] [ema warm-up]
 * </pre>
 */
public final class ShortTrainingRun {

    private ShortTrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int patch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        double peak = args.length > 3 ? Double.parseDouble(args[3]) : 2e-4;
        boolean emaWarmup = args.length > 4 && Boolean.parseBoolean(args[4]);
        boolean everyStep = args.length > 5 && Boolean.parseBoolean(args[5]);
        TorchRuntime.start(ThreadCounts.defaults());
        SliceSource train = SyntheticSlices.phantoms(16, 256, 1);
        SliceSource held = SyntheticSlices.phantoms(2, 256, 2);
        TrainingConfig config = TrainingConfig.defaults().withBatch(patch, batch, 256)
                .withSteps(steps, Math.max(1, steps / 20)).withIntervals(64, Math.max(1, steps / 8), steps)
                .withLearningRates(peak, 1e-6).withEma(0.999, emaWarmup);
        try (Trainer trainer = Trainer.start(config, train, held, Device.cpu())) {
            trainer.run(r -> {
                if (everyStep) {
                    System.out.printf(Locale.ROOT, "step %d loss %.9f norm %.6f%n", r.step(), r.loss(), r.gradientNorm());
                }
                if (!Double.isNaN(r.validationLoss())) {
                    System.out.printf(Locale.ROOT, "step %d loss %.4f lr %.2e val %.4f %.0f s%n", r.step(), r.loss(),
                            r.learningRate(), r.validationLoss(), r.elapsedSeconds());
                }
            }, org.ddlm.core.Progress.NONE, null);
            HuImage slice = held.slice(0);
            boolean[] body = new boolean[slice.hu().length];
            for (int i = 0; i < body.length; i++) {
                body[i] = slice.hu()[i] > BodyMask.THRESHOLD_HU;
            }
            TweedieCheck.Result r = TweedieCheck.run(trainer.emaDenoiser(), slice.hu(), body, slice.width(),
                    slice.height(), 99);
            System.out.printf(Locale.ROOT, "Tweedie check: RMSE(y) %.2f HU, RMSE(x0 hat) %.2f HU at u* = %.3f: %s%n",
                    r.noisyRmseHu(), r.denoisedRmseHu(), r.time(), r.passes() ? "pass" : "fail");
        }
    }
}
