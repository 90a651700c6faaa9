package org.ddlm.diffusion.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.ddlm.diffusion.model.ModelException;

/**
 * The magic bytes and format version that open each of ddlm's binary checkpoint files, written and checked in one
 * place. {@code kind} names the file in the wrong-header message, {@code formatName} in the wrong-version message.
 */
public record CheckpointHeader(String magic, int version, String kind, String formatName) {

    public void write(DataOutputStream out) throws IOException {
        out.write(magic.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(version);
    }

    /** Reads the header of {@code file} and refuses another kind of file or another format version. */
    public void check(Path file, DataInputStream in) throws IOException, ModelException {
        byte[] expected = magic.getBytes(StandardCharsets.US_ASCII);
        byte[] found = new byte[expected.length];
        in.readFully(found);
        if (!Arrays.equals(found, expected)) {
            throw new ModelException(file + " is not a ddlm " + kind + " (wrong header).");
        }
        int foundVersion = in.readInt();
        if (foundVersion != version) {
            throw new ModelException(file + " has " + formatName + " format " + foundVersion
                    + "; this build reads format " + version + ".");
        }
    }
}
