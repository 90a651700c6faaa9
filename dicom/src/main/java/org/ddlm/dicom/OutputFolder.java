package org.ddlm.dicom;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output folder's all-or-nothing life (dicom.md section 8): refuse unsafe targets before any work, write into a
 * hidden sibling, fsync, then move into place; on failure or cancel delete the sibling. A kill leaves only the hidden
 * sibling, never a partial series in OUT.
 */
public final class OutputFolder {
    static final String MARKER = ".ddlm-tmp";

    private final Path out;
    private final Path tmp;
    private final boolean overwrite;
    private volatile boolean committed;
    /** Deletes the temporary sibling when the JVM is stopped (SIGTERM, SIGINT) before commit or abort. */
    private final Thread onShutdown;

    private OutputFolder(Path out, Path tmp, boolean overwrite) {
        this.out = out;
        this.tmp = tmp;
        this.overwrite = overwrite;
        this.onShutdown = new Thread(this::deleteTemporary, "ddlm-output-cleanup");
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    /** Checks OUT against every input and creates the temporary sibling. */
    static OutputFolder prepare(Path out, Collection<Path> inputs, boolean overwrite) throws DicomWriteException {
        Path target = out.toAbsolutePath().normalize();
        check(target, inputs, overwrite);
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            removeStale(parent, target.getFileName().toString());
            // The owner's process id in the name lets a later run tell a dead run's leftovers from a live one.
            Path tmp = parent.resolve(temporaryPrefix(target.getFileName().toString()) + ProcessHandle.current().pid()
                    + "-" + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectory(tmp);
            Files.createFile(tmp.resolve(MARKER));
            return new OutputFolder(target, tmp, overwrite);
        } catch (IOException e) {
            throw new DicomWriteException(out, "cannot create the output folder (" + e.getMessage()
                    + ")", "Check that its parent folder is writable");
        }
    }

    static void check(Path target, Collection<Path> inputs, boolean overwrite) throws DicomWriteException {
        if (danglingLink(target)) {
            throw new DicomWriteException(target, "output is a symbolic link to a missing target",
                    "Remove the link or create its target folder");
        }
        if (Files.isRegularFile(target)) {
            throw new DicomWriteException(target, "output exists and is a file",
                    "Give a folder name for the output");
        }
        Path in = overlapping(target, inputs);
        if (in != null) {
            throw new DicomWriteException(target, "output folder is the input folder, lies"
                    + " inside it, or contains it (input " + in + ")", "Choose an output folder outside the input");
        }
        if (Files.isDirectory(target) && !overwrite && !isEmpty(target)) {
            throw new DicomWriteException(target, "output folder exists and is not empty",
                    "Choose a new folder, or pass --overwrite to replace its contents");
        }
    }

    /**
     * The input among {@code inputs} that {@code target} is, lies inside or contains, with symbolic links resolved
     * (a link into an input counts as the input); null when there is none.
     */
    /** True for a symbolic link whose target does not exist (the final move would fail only after all the work). */
    public static boolean danglingLink(Path target) {
        return Files.isSymbolicLink(target) && !Files.exists(target);
    }

    public static Path overlapping(Path target, Collection<Path> inputs) throws DicomWriteException {
        Path real = realPathOfExistingPart(target.toAbsolutePath().normalize());
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            Path realIn = realPathOfExistingPart(in.toAbsolutePath().normalize());
            if (real.equals(realIn) || real.startsWith(realIn) || realIn.startsWith(real)) {
                return in;
            }
        }
        return null;
    }

    /** The real path of OUT, or of its nearest existing ancestor plus the rest (OUT may not exist yet). */
    private static Path realPathOfExistingPart(Path target) throws DicomWriteException {
        Path existing = target;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        try {
            Path real = existing == null ? target : existing.toRealPath();
            return rest == null ? real : real.resolve(rest);
        } catch (IOException e) {
            throw new DicomWriteException(target, "cannot resolve the output path (" + e.getMessage()
                    + ")", "Check the path");
        }
    }

    private static boolean isEmpty(Path dir) throws DicomWriteException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new DicomWriteException(dir, "cannot list the output folder", "Check permissions");
        }
    }

    Path tmp() {
        return tmp;
    }

    Path out() {
        return out;
    }

    /** Writes bytes to a new file under the temporary folder and forces them to disk. */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** Moves the finished temporary folder into place. */
    void commit() throws DicomWriteException {
        try {
            Files.delete(tmp.resolve(MARKER));
            syncTree(tmp);
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                if (!overwrite && !isEmpty(out)) {
                    throw new DicomWriteException(out, "output folder was filled while writing",
                            "Run again with a new output folder");
                }
                Path old = out.resolveSibling("." + out.getFileName() + ".ddlm-old-" + UUID.randomUUID().toString()
                        .substring(0, 8));
                Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(out.getParent());
            committed = true;
            forgetShutdownHook();
        } catch (IOException e) {
            throw new DicomWriteException(out, "cannot move the finished series into place ("
                    + e + ")", "Check free space and permissions; nothing was written to the output");
        }
    }

    /** Deletes the temporary folder unless committed. Safe to call twice. */
    void abort() {
        deleteTemporary();
        forgetShutdownHook();
    }

    private void deleteTemporary() {
        // On SIGTERM the writing thread keeps running while this hook does: a file it adds mid-walk makes the folder
        // "not empty", so walk again until the folder is gone (once it is, nothing can be written into it).
        for (int attempt = 0; attempt < 50 && !committed && Files.exists(tmp, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try {
                deleteTree(tmp);
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return; // best effort: the folder is hidden and marked, a later run cleans it
                }
            }
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (and finds nothing to do after a commit)
        }
    }

    static String temporaryPrefix(String outName) {
        return "." + outName + ".ddlm-tmp-";
    }

    /**
     * Removes the temporary siblings of earlier runs for the same OUT whose process is gone (killed with SIGKILL,
     * power loss): only folders named with a process id that no longer runs and holding ddlm's marker file.
     */
    static void removeStale(Path parent, String outName) {
        String prefix = temporaryPrefix(outName);
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix) || !Files.isRegularFile(p.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash <= 0) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(rest.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    deleteTree(p);
                } catch (NumberFormatException | IOException e) {
                    // not ours, or not removable: leave it
                }
            }
        } catch (IOException e) {
            // listing the parent failed: creating the new folder will say why
        }
    }

    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                syncDirectory(d);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the files themselves were forced.
        }
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException e) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
