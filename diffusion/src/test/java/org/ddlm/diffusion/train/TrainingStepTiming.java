package org.ddlm.diffusion.train;

import ai.djl.Device;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;

/**
 * Wall-clock time per optimiser step of the default UNet on synthetic 512x512 slices, for sizing
 * the default prior's training. Not a test; run with
 * <pre>
 * java -Dai.djl.offline=true -cp target/classes:target/test-classes:… org.ddlm.diffusion.train.TrainingStepTiming
 *     [--threads 2] [--device cpu|gpu|auto] [--warmup 2] [--steps 5] [--refs 256] [batch:patch …]
 * </pre>
 * Default cases: 16:64 32:64 16:128 32:128. {@code --extras} also times a checkpoint write and a
 * validation pass over 128 patches.
 */
public final class TrainingStepTiming {

    private TrainingStepTiming() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        String device = "cpu";
        int warmup = 2;
        int steps = 5;
        int refs = 256;
        boolean extras = false;
        java.util.List<String> cases = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--device" -> device = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--refs" -> refs = Integer.parseInt(args[++i]);
                case "--extras" -> extras = true;
                default -> cases.add(args[i]);
            }
        }
        if (cases.isEmpty()) {
            cases.addAll(Arrays.asList("16:64", "32:64", "16:128", "32:128"));
        }
        ThreadCounts actual = TorchRuntime.start(ThreadCounts.of(threads));
        Device chosen = DeviceSelector.select(DeviceChoice.parse(device));
        SliceSource slices = SyntheticSlices.phantoms(8, 512, 1);
        System.out.printf(Locale.ROOT, "device %s, intra-op threads %d, %d cores visible, STF R=%d%n", chosen,
                actual.intraOp(), Runtime.getRuntime().availableProcessors(), refs);
        for (String c : cases) {
            String[] parts = c.split(":");
            int batch = Integer.parseInt(parts[0]);
            int patch = Integer.parseInt(parts[1]);
            TrainingConfig config = TrainingConfig.defaults().withBatch(patch, batch, Math.max(refs, batch))
                    .withIntervals(extras ? 128 : 0, 1_000_000, 1_000_000);
            if (refs == 1) {
                config = config.withBatch(patch, batch, 1);
            }
            try (Trainer trainer = Trainer.start(config, slices, extras ? slices : null, chosen)) {
                if (extras) {
                    long start = System.nanoTime();
                    double loss = trainer.validationLoss();
                    System.out.printf(Locale.ROOT, "validation over 128 patches: %.2f s (loss %.4f)%n",
                            (System.nanoTime() - start) / 1e9, loss);
                }
                for (int i = 0; i < warmup; i++) {
                    trainer.trainStep();
                }
                double[] seconds = new double[steps];
                for (int i = 0; i < steps; i++) {
                    long start = System.nanoTime();
                    trainer.trainStep();
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(seconds);
                if (extras) {
                    java.nio.file.Path file = java.nio.file.Files.createTempFile("timing", ".ckpt");
                    long start = System.nanoTime();
                    trainer.saveCheckpoint(file);
                    System.out.printf(Locale.ROOT, "checkpoint: %.1f MB written in %.2f s%n",
                            java.nio.file.Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
                    java.nio.file.Files.delete(file);
                }
                System.out.printf(Locale.ROOT,
                        "batch %2d patch %3d: median %.3f s/step (min %.3f, max %.3f, %d steps after %d warm-up;"
                                + " load average %.2f)%n",
                        batch, patch, seconds[steps / 2], seconds[0], seconds[steps - 1], steps, warmup,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }
}
