package org.ddlm.plugin.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Starts ImageJ in a fresh JVM laid out like a Fiji installation: the plugin's classes travel as
 * {@code plugins/LDCT_Diffusion-test.jar} (so ImageJ 1 reads its plugins.config and loads it through its plugin
 * class loader, as in Fiji), everything else (ImageJ, ij1-patcher, DJL, our libraries) is on the class path as
 * Fiji's {@code jars/} would be. A fresh JVM is needed because ij1-patcher must patch ImageJ before any of its
 * classes load.
 */
final class FijiProcess {
    record Result(int exitCode, String output) {
    }

    private FijiProcess() {
    }

    /** A Fiji.app folder under {@code dir} whose plugins/ holds the plugin jar built from target/classes. */
    static Path fijiApp(Path dir) throws IOException {
        Path app = dir.resolve("Fiji.app");
        Path plugins = Files.createDirectories(app.resolve("plugins"));
        Path classes = classesDir();
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve(
                "LDCT_Diffusion-test.jar"))); Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                    Files.copy(p, jar);
                    jar.closeEntry();
                }
            }
        }
        return app;
    }

    static Path classesDir() {
        return Path.of(System.getProperty("ddlm.root", "..")).resolve("plugin/target/classes").toAbsolutePath()
                .normalize();
    }

    /** The test class path without the plugin's own classes (those come from the plugin jar). */
    static String classPath(Path pluginJar) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> keep = new ArrayList<>();
        Path classes = classesDir();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().normalize().equals(classes)) {
                keep.add(entry);
            }
        }
        // Fiji's launcher puts plugins/*.jar on the class path too; ImageJ then reads their plugins.config.
        keep.add(pluginJar.toString());
        keep.add(System.getProperty("ddlm.pixelmed", "/usr/share/java/pixelmed.jar"));
        return String.join(File.pathSeparator, keep);
    }

    /** Runs {@code mainClass} in a new JVM with ImageJ's plugins folder set to {@code app}. */
    static Result run(Path app, List<String> jvmOptions, String mainClass, List<String> args, Path log,
                      List<String> env, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        // ij1-patcher defines patched classes through ClassLoader internals, as Fiji's launcher allows.
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-Dplugins.dir=" + app);
        cmd.add("-Dij.dir=" + app);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath(app.resolve("plugins/LDCT_Diffusion-test.jar")));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(app.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Result(-1, Files.readString(log) + "\n[killed after " + timeoutSeconds + " s]");
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
