package org.ddlm.diffusion.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.net.CheckpointHeader;

/**
 * Everything needed to continue a run exactly: settings, step, loss history, weights, EMA weights
 * and Adam's moments. No generator state is stored, because every draw derives from (seed, step).
 * Written to a temporary file in the same folder, forced to disk, then moved over the target in
 * one atomic rename, so a crash leaves either the previous checkpoint or the new one, never a mix.
 */
public record TrainingCheckpoint(
        TrainingConfig config,
        long step,
        double[] losses,
        List<ValidationPoint> validations,
        long adamUpdates,
        List<NamedTensor> weights,
        List<NamedTensor> emaWeights,
        List<NamedTensor> adamFirst,
        List<NamedTensor> adamSecond) {

    private static final CheckpointHeader HEADER =
            new CheckpointHeader("DDLMTRAIN", 1, "training checkpoint", "training checkpoint");
    private static final Gson GSON = new Gson();

    /** Called between writing the temporary file and moving it into place (tests inject crashes here). */
    @FunctionalInterface
    interface WriteHook {
        void afterTemporaryWritten(Path temporary) throws IOException;
    }

    public void write(Path file) throws ModelException {
        write(file, temporary -> { });
    }

    void write(Path file, WriteHook hook) throws ModelException {
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile());
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16))) {
                writeBody(out);
                out.flush();
                stream.getFD().sync();
            }
            hook.afterTemporaryWritten(temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ModelException("Cannot write training checkpoint " + target + ": " + e.getMessage()
                    + " (the previous checkpoint, if any, is unchanged).", e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The failure that brought us here is what the caller needs to see.
            }
        }
    }

    private void writeBody(DataOutputStream out) throws IOException {
        HEADER.write(out);
        byte[] json = GSON.toJson(config).getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
        out.writeLong(step);
        out.writeInt(losses.length);
        for (double loss : losses) {
            out.writeDouble(loss);
        }
        out.writeInt(validations.size());
        for (ValidationPoint v : validations) {
            out.writeLong(v.step());
            out.writeDouble(v.loss());
        }
        out.writeLong(adamUpdates);
        for (List<NamedTensor> group : List.of(weights, emaWeights, adamFirst, adamSecond)) {
            writeTensors(group, out);
        }
    }

    private static void writeTensors(List<NamedTensor> tensors, DataOutputStream out) throws IOException {
        out.writeInt(tensors.size());
        for (NamedTensor t : tensors) {
            out.writeUTF(t.name());
            out.writeInt(t.shape().length);
            for (long d : t.shape()) {
                out.writeLong(d);
            }
            out.writeInt(t.values().length);
            ByteBuffer bytes = ByteBuffer.allocate(4 * t.values().length);
            bytes.asFloatBuffer().put(t.values());
            out.write(bytes.array());
        }
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static TrainingCheckpoint read(Path file) throws ModelException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            HEADER.check(file, in);
            byte[] json = new byte[checkedLength(in.readInt(), 1 << 20, "settings")];
            in.readFully(json);
            TrainingConfig config = GSON.fromJson(new String(json, StandardCharsets.UTF_8), TrainingConfig.class)
                    .validated();
            long step = in.readLong();
            double[] losses = new double[checkedLength(in.readInt(), Integer.MAX_VALUE, "loss history")];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = in.readDouble();
            }
            int validationCount = checkedLength(in.readInt(), Integer.MAX_VALUE, "validation history");
            List<ValidationPoint> validations = new ArrayList<>(validationCount);
            for (int i = 0; i < validationCount; i++) {
                validations.add(new ValidationPoint(in.readLong(), in.readDouble()));
            }
            long adamUpdates = in.readLong();
            return new TrainingCheckpoint(config, step, losses, validations, adamUpdates,
                    readTensors(in), readTensors(in), readTensors(in), readTensors(in));
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            throw new ModelException("Cannot read training checkpoint " + file + ": " + e.getMessage()
                    + " (the file is damaged or was not written by ddlm train).", e);
        }
    }

    private static List<NamedTensor> readTensors(DataInputStream in) throws IOException {
        int count = checkedLength(in.readInt(), 1 << 20, "tensor count");
        List<NamedTensor> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] shape = new long[checkedLength(in.readInt(), 16, "tensor rank")];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readLong();
            }
            float[] values = new float[checkedLength(in.readInt(), 1 << 28, "tensor size")];
            byte[] bytes = new byte[4 * values.length];
            in.readFully(bytes);
            ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
            out.add(new NamedTensor(name, shape, values));
        }
        return out;
    }

    private static int checkedLength(int length, int max, String what) throws IOException {
        if (length < 0 || length > max) {
            throw new IOException("implausible " + what + " " + length);
        }
        return length;
    }
}
