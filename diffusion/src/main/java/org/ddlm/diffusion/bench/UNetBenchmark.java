package org.ddlm.diffusion.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.net.UNet;
import org.ddlm.diffusion.net.UNetConfig;
import org.ddlm.diffusion.net.UNetNetwork;

/**
 * Forward-pass time of the UNet: for each thread count, a few warm-up passes, then the median
 * (and min/max) of timed passes. Each thread count runs in a fresh JVM, because PyTorch's thread
 * pools are sized once per process (as the CLI will do it). Not a test; run it with
 * <pre>
 * java -Dai.djl.offline=true -cp … org.ddlm.diffusion.bench.UNetBenchmark
 *     [--size 512] [--batch 1] [--threads 1,2] [--warmup 3] [--runs 7] [--device cpu|gpu|auto]
 *     [--width 32] [--mult 1,2,2] [--blocks 1] [--patch 2] [--attention]
 * </pre>
 * Defaults: the default {@link UNetConfig} on a 1x1x512x512 input.
 */
public final class UNetBenchmark {

    private UNetBenchmark() {}

    /** Runs this benchmark again in a child JVM with one thread count, passing the other options on. */
    private static void runInFreshJvm(String[] args, int threads) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("ai.djl.") || k.equals("DJL_CACHE_DIR") || k.equals("ENGINE_CACHE_DIR"))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UNetBenchmark.class.getName());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads")) {
                i++; // replaced below
            } else {
                command.add(args[i]);
            }
        }
        command.add("--threads");
        command.add(Integer.toString(threads));
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("benchmark with " + threads + " threads failed (exit " + status + ")");
        }
    }

    public static void main(String[] args) throws Exception {
        UNetConfig defaults = UNetConfig.defaults();
        int size = 512;
        int batch = 1;
        int warmup = 3;
        int runs = 7;
        int[] threads = {1, 2};
        String device = "cpu";
        int width = defaults.baseWidth();
        List<Integer> multipliers = defaults.widthMultipliers();
        int blocks = defaults.blocksPerLevel();
        int patch = defaults.patchFactor();
        boolean attention = defaults.bottleneckAttention();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--device" -> device = args[++i];
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--mult" -> multipliers = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--patch" -> patch = Integer.parseInt(args[++i]);
                case "--attention" -> attention = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (threads.length > 1) {
            for (int t : threads) {
                runInFreshJvm(args, t);
            }
            return;
        }
        UNetConfig config = new UNetConfig(width, multipliers, blocks, defaults.groups(), attention, patch);
        ThreadCounts actual = TorchRuntime.start(new ThreadCounts(threads[0], 1));
        Device chosen = DeviceSelector.select(DeviceChoice.parse(device));
        System.out.printf(Locale.ROOT, "%s, %s, config %s, input %dx1x%dx%d, %d cores visible%n",
                TorchRuntime.engine().getEngineName() + " " + TorchRuntime.engine().getVersion(), chosen,
                config, batch, size, size, Runtime.getRuntime().availableProcessors());

        NDManager weights = NDManager.newBaseManager(chosen);
        try (UNetNetwork network = new UNetNetwork(UNet.create(config, weights, 42), weights);
                NDManager inputs = NDManager.newBaseManager(chosen)) {
            long parameters = network.unet().getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size()).sum();
            System.out.printf(Locale.ROOT, "parameters: %d%n", parameters);
            NDArray x = inputs.randomNormal(new Shape(batch, 1, size, size));
            NDArray u = inputs.full(new Shape(batch), 11.85f);
            List<Double> millis = time(network, x, u, warmup, runs);
            System.out.printf(Locale.ROOT,
                    "threads intra=%d inter=%d: median %.1f ms per pass (min %.1f, max %.1f, %d runs after %d warm-up;"
                            + " system load average %.2f)%n",
                    actual.intraOp(), actual.interOp(), millis.get(millis.size() / 2), millis.get(0),
                    millis.get(millis.size() - 1), runs, warmup,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Wall-clock milliseconds of the timed passes, sorted. */
    private static List<Double> time(UNetNetwork network, NDArray x, NDArray u, int warmup, int runs) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            NDArray y = network.forward(x, u);
            y.toFloatArray(); // wait for the result (and its device-to-host copy)
            long end = System.nanoTime();
            y.close();
            if (i >= warmup) {
                millis.add((end - start) / 1e6);
            }
        }
        millis.sort(null);
        return millis;
    }
}
