package org.ddlm.plugin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddlm.diffusion.bench.UNetBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "bench-unet", description = "Benchmark (not a test): forward time of the default UNet, ms per pass, "
        + "each thread count in a fresh JVM. Options: [--size 512] [--batch 1] [--threads 1,2] [--warmup 3] [--runs 7] "
        + "[--device cpu|gpu|auto] [--width 32] [--mult 1,2,2] [--blocks 1] [--patch 2] [--attention].")
final class BenchUNetCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        UNetBenchmark.main(args.toArray(new String[0]));
        return 0;
    }
}
