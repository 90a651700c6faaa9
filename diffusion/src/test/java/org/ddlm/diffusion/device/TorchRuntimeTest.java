package org.ddlm.diffusion.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ddlm.diffusion.model.ModelException;
import org.junit.jupiter.api.Test;

/**
 * DJL reads {@code ai.djl.pytorch.num_threads} / {@code num_interop_threads} once, when the engine
 * starts. Each case runs {@link ThreadProbe} in a fresh JVM, since this JVM's engine is shared by all tests.
 */
class TorchRuntimeTest {

    private static Map<String, String> probe(List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ThreadProbe.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe finished");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("SLF4J")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    @Test
    void djlPropertiesSetBeforeStartAreApplied() throws Exception {
        Map<String, String> v = probe(List.of("-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1"), "plain");
        assertEquals("1,1", v.get("started"));
        v = probe(List.of("-Dai.djl.pytorch.num_threads=3", "-Dai.djl.pytorch.num_interop_threads=2"), "plain");
        assertEquals("3,2", v.get("started"));
    }

    @Test
    void startAppliesTheRequestedCounts() throws Exception {
        Map<String, String> v = probe(List.of(), "api", "3", "2");
        assertEquals("3,2", v.get("reported"));
        assertEquals("3,2", v.get("started"));
    }

    @Test
    void propertiesSetAfterStartAreIgnoredButStartStillFixesIntraOp() throws Exception {
        // the engine starts with one inter-op thread set by DJL; PyTorch allows that call only once
        Map<String, String> v = probe(List.of("-Dai.djl.pytorch.num_interop_threads=1"), "late");
        String[] initial = v.get("started").split(",");
        int wanted = Integer.parseInt(initial[0]) + 1;
        assertEquals(v.get("started"), v.get("propertyAfterStart"), "the property is read only at start");
        assertEquals("1", initial[1]);
        assertEquals(wanted + ",1", v.get("apiAfterStart"), "intra-op changed in place");
        assertFalse(v.containsKey("interopChanged"), "inter-op pool cannot be resized once started");
        assertTrue(v.get("interopRefused").contains("ai.djl.pytorch.num_interop_threads"), v.toString());
    }

    @Test
    void rejectsCountsBelowOne() {
        assertThrows(ModelException.class, () -> ThreadCounts.of(0));
        assertThrows(ModelException.class, () -> TorchRuntime.start(new ThreadCounts(1, 0)));
    }
}
