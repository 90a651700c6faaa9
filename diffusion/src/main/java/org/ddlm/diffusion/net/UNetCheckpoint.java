package org.ddlm.diffusion.net;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.AtomicFile;
import org.ddlm.diffusion.model.ModelException;

/**
 * One file per UNet: a small header with the {@link UNetConfig}, then DJL's own parameter
 * serialisation ({@code Block.saveParameters}), which stores float32 arrays byte for byte, so a
 * save/load round trip is bit-identical.
 */
public final class UNetCheckpoint {

    private static final CheckpointHeader HEADER = new CheckpointHeader("DDLMUNET", 1, "UNet checkpoint", "checkpoint");

    private UNetCheckpoint() {}

    /** Writes {@code unet} to {@code file} whole or not at all (a crash leaves no half file). */
    public static void save(UNet unet, Path file) throws ModelException {
        try {
            AtomicFile.write(file, temporary -> {
                try (DataOutputStream out = new DataOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(temporary)))) {
                    HEADER.write(out);
                    writeConfig(unet.config(), out);
                    unet.saveParameters(out);
                }
            });
        } catch (IOException e) {
            throw new ModelException("Cannot write UNet checkpoint " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @param manager receives the parameters (and decides their device)
     */
    public static UNet load(Path file, NDManager manager) throws ModelException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            UNet unet = new UNet(readHeader(file, in));
            unet.loadParameters(manager, in);
            return unet;
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
    }

    /** The shape stored in a checkpoint's header, without reading its weights. */
    public static UNetConfig config(Path file) throws ModelException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(file, in);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
    }

    /** A reason a user can act on: an EOFException has no message, and "null" says nothing. */
    private static ModelException unreadable(Path file, Exception e) {
        String why = e instanceof java.io.EOFException
                ? "the file ends early (truncated, or still being copied); copy it again or retrain"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new ModelException("Cannot read UNet checkpoint " + file + ": " + why, e);
    }

    private static UNetConfig readHeader(Path file, DataInputStream in) throws IOException, ModelException {
        HEADER.check(file, in);
        return readConfig(in);
    }

    private static void writeConfig(UNetConfig config, DataOutputStream out) throws IOException {
        out.writeInt(config.baseWidth());
        out.writeInt(config.levels());
        for (int m : config.widthMultipliers()) {
            out.writeInt(m);
        }
        out.writeInt(config.blocksPerLevel());
        out.writeInt(config.groups());
        out.writeBoolean(config.bottleneckAttention());
        out.writeInt(config.patchFactor());
    }

    private static UNetConfig readConfig(DataInputStream in) throws IOException {
        int baseWidth = in.readInt();
        int levels = in.readInt();
        if (levels < 1 || levels > 16) {
            throw new IOException("implausible level count " + levels);
        }
        List<Integer> multipliers = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            multipliers.add(in.readInt());
        }
        int blocks = in.readInt();
        int groups = in.readInt();
        boolean attention = in.readBoolean();
        int patch = in.readInt();
        return new UNetConfig(baseWidth, multipliers, blocks, groups, attention, patch);
    }
}
