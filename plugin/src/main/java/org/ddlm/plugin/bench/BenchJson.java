package org.ddlm.plugin.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** bench.json: the run's facts (machine, threads, model, grid, noise source) and the result rows. */
public final class BenchJson {
    private BenchJson() {
    }

    /** Machine facts that explain the timings: cores, CPU model, load at start, JVM. */
    public static JsonObject machine(int torchIntraOpThreads, int torchInterOpThreads) {
        JsonObject o = new JsonObject();
        o.addProperty("available_processors", Runtime.getRuntime().availableProcessors());
        o.addProperty("cpu_model", cpuModel());
        o.addProperty("load_average_1min_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        o.addProperty("torch_intra_op_threads", torchIntraOpThreads);
        o.addProperty("torch_inter_op_threads", torchInterOpThreads);
        o.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        o.addProperty("java", System.getProperty("java.version"));
        o.addProperty("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return o;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the model is not essential.
        }
        return "unknown";
    }

    public static void write(Path file, Map<String, Object> facts, JsonObject machine, List<BenchResult> results)
            throws IOException {
        JsonObject root = new JsonObject();
        facts.forEach((k, v) -> root.addProperty(k, String.valueOf(v)));
        root.add("machine", machine);
        JsonArray rows = new JsonArray();
        for (BenchResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("sample", r.sample());
            o.addProperty("method", r.method());
            o.addProperty("family", r.family());
            o.addProperty("role", r.role());
            o.addProperty("sampler", r.sampler());
            o.addProperty("steps", r.steps());
            o.addProperty("conditioning", r.conditioning());
            o.addProperty("parameter", r.parameter());
            o.addProperty("slices", r.slices());
            o.addProperty("nfe", r.nfe());
            o.addProperty("forwards", r.forwards());
            o.addProperty("vjps", r.vjps());
            o.addProperty("cost_units", r.costUnits());
            o.addProperty("seconds_per_slice", r.secondsPerSlice());
            o.addProperty("psnr_abdomen_db", r.score().psnrAbdomen());
            o.addProperty("ssim_abdomen", r.score().ssimAbdomen());
            o.addProperty("psnr_wide_db", r.score().psnrWide());
            o.addProperty("ssim_wide", r.score().ssimWide());
            rows.add(o);
        }
        root.add("results", rows);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(root) + "\n", StandardCharsets.UTF_8);
    }
}
