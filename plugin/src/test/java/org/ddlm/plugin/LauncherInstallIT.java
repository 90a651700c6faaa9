package org.ddlm.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's first-run path: {@code ./ddlm info sample-scans} on a machine without PixelMed. Each case runs the
 * real launcher (and the jar that {@code package} just built) in a private mount namespace whose
 * {@code /usr/share/java} is an empty tmpfs, with stub {@code apt-get}/{@code sudo} first on PATH that log how they
 * were called; the stub apt-get "installs" PixelMed by copying the real jar into the hidden folder. Runs after
 * {@code package} (failsafe), needs root for {@code unshare -m}; under CI=true a missing prerequisite fails.
 */
class LauncherInstallIT {
    private static final Path PIXELMED = Path.of("/usr/share/java/pixelmed.jar");
    private static final int NOBODY = 65534;

    record Result(int exit, String stdout, String stderr, String log) {
    }

    private static Path root;

    @BeforeAll
    static void prerequisites() throws Exception {
        root = Path.of(System.getProperty("ddlm.root", "..")).toAbsolutePath().normalize();
        require(Files.isRegularFile(PIXELMED), PIXELMED + " is needed to stand in for the install");
        require(Files.isRegularFile(Path.of("/usr/bin/unshare")), "unshare (util-linux) is needed");
        require(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "the mount namespace needs root");
    }

    private static void require(boolean ok, String why) {
        if (!ok && "true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.assumeTrue(ok, why);
    }

    @Test
    void asRootInstallsWithAptGetDirectly() throws Exception {
        Result r = run(false, true);
        assertInstalledAndListedTheSamples(r);
        assertTrue(r.stderr.contains("installing Debian's libpixelmed-java"), r.stderr);
        assertTrue(r.stdout.contains("skipped"), "info lists the skipped README: " + r.stdout);
        assertFalse(r.log.contains("sudo"), "root needs no sudo: " + r.log);
        assertTrue(r.log.contains("apt-get update"), r.log);
    }

    @Test
    void asUserInstallsThroughSudo() throws Exception {
        Result r = run(true, true);
        assertInstalledAndListedTheSamples(r);
        assertTrue(r.log.contains("sudo apt-get update"), r.log);
        assertTrue(r.log.contains("sudo env DEBIAN_FRONTEND=noninteractive apt-get install"), r.log);
    }

    @Test
    void failedInstallSaysWhatToDoAndStops() throws Exception {
        Result r = run(false, false);
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("could not install libpixelmed-java; install it yourself"), r.stderr);
        assertFalse(r.stderr.contains("command not found"), r.stderr);
        assertEquals("", r.stdout);
    }

    /** apt-get installed PixelMed non-interactively, then info listed the four bundled stacks, without a shell error. */
    private static void assertInstalledAndListedTheSamples(Result r) {
        assertEquals(0, r.exit, r.stderr);
        assertFalse(r.stderr.contains("command not found"), r.stderr);
        assertEquals(4, countStacks(r.stdout), "two samples, full and low dose: " + r.stdout);
        assertTrue(r.log.contains("apt-get install -y -qq libpixelmed-java DEBIAN_FRONTEND=noninteractive"), r.log);
    }

    private static int countStacks(String infoOutput) {
        return (int) infoOutput.lines().filter(l -> l.startsWith("stack ")).count();
    }

    /**
     * Runs {@code ddlm info sample-scans} with PixelMed hidden; {@code asUser}: as uid 65534 with a stub sudo;
     * {@code installWorks}: whether the stub apt-get puts the jar in place.
     */
    private static Result run(boolean asUser, boolean installWorks) throws Exception {
        Path dir = Files.createTempDirectory("ddlm-launcher");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path home = Files.createDirectories(dir.resolve("home"));
            Path log = dir.resolve("calls.log");
            Files.writeString(log, "");
            Path jarCopy = dir.resolve("pixelmed.jar");
            Files.copy(PIXELMED, jarCopy);
            for (Path p : List.of(bin, home, log, jarCopy)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
            script(bin.resolve("apt-get"), "#!/bin/sh\n"
                    + "echo \"apt-get $* DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-unset}\" >> " + log + "\n"
                    + (installWorks ? "case \"$1\" in install) cp " + jarCopy + " " + PIXELMED + ";; esac\n" : "")
                    + "exit " + (installWorks ? 0 : 100) + "\n");
            // A stub sudo as a real one would be used: it logs and runs the command.
            script(bin.resolve("sudo"), "#!/bin/sh\necho \"sudo $*\" >> " + log + "\nexec \"$@\"\n");
            String launch = "cd " + q(root.toString()) + " && exec env HOME=" + q(home.toString())
                    + " PATH=" + q(bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                    + " ./ddlm info sample-scans";
            String inner = "mount -t tmpfs -o mode=1777 ddlm-test " + PIXELMED.getParent() + " && "
                    + (asUser ? "exec setpriv --reuid=" + NOBODY + " --regid=" + NOBODY + " --clear-groups sh -c "
                            + q(launch) : launch);
            Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c", inner)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[][] out = new byte[2][];
            Thread err = new Thread(() -> out[1] = readAll(p.getErrorStream()));
            err.start();
            out[0] = readAll(p.getInputStream());
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the launcher did not finish in 300 s");
            }
            err.join();
            assertTrue(Files.isRegularFile(PIXELMED), "the real jar is untouched outside the namespace");
            return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8),
                    new String(out[1], StandardCharsets.UTF_8), Files.readString(log));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void script(Path path, String text) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Single-quotes a word for sh. */
    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
