package org.ddlm.diffusion.net;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.ddlm.diffusion.model.Denoiser;
import org.ddlm.diffusion.model.IntensityMapping;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.NetworkDenoiser;
import org.ddlm.diffusion.model.Prediction;
import org.ddlm.diffusion.schedule.DiscreteSchedule;
import org.ddlm.diffusion.schedule.Schedule;

/**
 * Opens a diffusion prior by name: {@code default} is the CT prior bundled in this jar's resources (so Fiji loads it
 * from the jar), anything else is a model folder holding {@code model.json} or the path of a sidecar JSON itself.
 */
public final class PriorModels {
    public static final String DEFAULT = "default";
    static final String RESOURCE_DIR = "/org/ddlm/diffusion/prior/default/";
    static final String SIDECAR = "model.json";
    /** The noise-estimate calibration a prior folder may carry beside its model.json (read by ddlm.NoiseCalibration). */
    public static final String NOISE_CALIBRATION = "noise_calibration.json";
    static final String CARD = "MODEL_CARD.md";

    private PriorModels() {
    }

    /** An opened prior: what it declares, the denoiser the samplers use, and a short id for provenance. */
    public record Opened(ModelSpec spec, Denoiser denoiser, String id, LoadedNetwork loaded) implements AutoCloseable {
        @Override
        public void close() {
            loaded.close();
        }
    }

    public static Opened open(String model, Device device) throws ModelException {
        Path sidecar = sidecar(model);
        LoadedNetwork loaded = ModelFiles.open(sidecar, device);
        try {
            ModelSpec spec = loaded.spec();
            Denoiser denoiser = new NetworkDenoiser(loaded.network(), prediction(spec), schedule(spec, sidecar),
                    new IntensityMapping(spec.intensityOffset(), spec.intensityScale()), spec.sizeMultiple());
            String id = (DEFAULT.equals(model) ? DEFAULT : sidecar.getParent().getFileName().toString()) + "(sha256:"
                    + sha256(spec.weightsPath(sidecar)).substring(0, 12) + ")";
            return new Opened(spec, denoiser, id, loaded);
        } catch (ModelException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** The model card of a prior (the bundled one, or MODEL_CARD.md beside a sidecar), or a note that it has none. */
    public static String card(String model) throws ModelException {
        if (DEFAULT.equals(model)) {
            try (InputStream in = PriorModels.class.getResourceAsStream(RESOURCE_DIR + CARD)) {
                if (in == null) {
                    throw notBundled();
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ModelException("cannot read the bundled model card: " + e.getMessage());
            }
        }
        Path card = sidecar(model).getParent().resolve(CARD);
        try {
            return Files.exists(card) ? Files.readString(card) : "(no " + CARD + " beside " + sidecar(model) + ")\n"
                    + Files.readString(sidecar(model));
        } catch (IOException e) {
            throw new ModelException("cannot read " + card + ": " + e.getMessage());
        }
    }

    /**
     * The text of a file that travels with a prior (the bundled resource, or a file beside the sidecar), if it has
     * one: e.g. its noise calibration.
     */
    public static java.util.Optional<String> companionFile(String model, String name) throws ModelException {
        if (DEFAULT.equals(model)) {
            try (InputStream in = PriorModels.class.getResourceAsStream(RESOURCE_DIR + name)) {
                return in == null ? java.util.Optional.empty()
                        : java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ModelException("cannot read the bundled " + name + ": " + e.getMessage());
            }
        }
        Path file = sidecar(model).getParent().resolve(name);
        try {
            return Files.isRegularFile(file) ? java.util.Optional.of(Files.readString(file)) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Path sidecar(String model) throws ModelException {
        if (DEFAULT.equals(model)) {
            return extractDefault();
        }
        Path p = Path.of(model);
        Path sidecar = Files.isDirectory(p) ? p.resolve(SIDECAR) : p;
        if (!Files.isRegularFile(sidecar)) {
            throw new ModelException("no model at " + model + ": expected a folder with " + SIDECAR
                    + " (as written by ddlm train) or a sidecar JSON file");
        }
        return sidecar;
    }

    static final String EXTRACTED_PREFIX = "ddlm-default-prior-";

    /** Deletes earlier extractions of the bundled prior whose process no longer runs. */
    static void removeStaleExtractions() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.util.stream.Stream<Path> dirs = Files.list(tmp)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.startsWith(EXTRACTED_PREFIX) || !Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rest = name.substring(EXTRACTED_PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash > 0 ? rest.substring(0, dash) : "x");
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    try (java.util.stream.Stream<Path> files = Files.list(d)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(d);
                } catch (NumberFormatException | IOException e) {
                    // another user's, or an older layout: leave it
                }
            }
        } catch (IOException e) {
            // the temporary folder cannot be listed: extraction below will report a real problem
        }
    }

    /** Copies the bundled prior out of the jar once per process; DJL loads parameters from files. */
    private static synchronized Path extractDefault() throws ModelException {
        try (InputStream sidecarIn = PriorModels.class.getResourceAsStream(RESOURCE_DIR + SIDECAR)) {
            if (sidecarIn == null) {
                throw notBundled();
            }
            String json = new String(sidecarIn.readAllBytes(), StandardCharsets.UTF_8);
            ModelSpec spec = ModelSpec.parse(json, "bundled " + SIDECAR);
            removeStaleExtractions();
            // The process id in the name lets a later run remove what a killed run (SIGKILL) left behind.
            Path dir = Files.createTempDirectory(EXTRACTED_PREFIX + ProcessHandle.current().pid() + "-");
            dir.toFile().deleteOnExit();
            Path sidecar = dir.resolve(SIDECAR);
            Files.writeString(sidecar, json);
            sidecar.toFile().deleteOnExit();
            try (InputStream w = PriorModels.class.getResourceAsStream(RESOURCE_DIR + spec.weights())) {
                if (w == null) {
                    throw new ModelException("the bundled prior names weights " + spec.weights()
                            + " that are not in the jar; rebuild ddlm");
                }
                Path weights = dir.resolve(spec.weights());
                Files.copy(w, weights);
                weights.toFile().deleteOnExit();
            }
            return sidecar;
        } catch (IOException e) {
            throw new ModelException("cannot unpack the bundled prior: " + e.getMessage());
        }
    }

    private static ModelException notBundled() {
        return new ModelException("this build has no bundled default prior; pass --model DIR with a prior trained by "
                + "'ddlm train', or a TorchScript model with its JSON sidecar");
    }

    static Prediction prediction(ModelSpec spec) {
        return Prediction.valueOf(spec.prediction().toUpperCase(Locale.ROOT));
    }

    static Schedule schedule(ModelSpec spec, Path source) throws ModelException {
        return switch (spec.scheduleName()) {
            case "cosine" -> DiscreteSchedule.cosine(spec.timesteps());
            case "linear" -> DiscreteSchedule.linear(spec.timesteps());
            case "scaled-linear", "scaled_linear" -> DiscreteSchedule.scaledLinear(spec.timesteps());
            default -> throw new ModelException(source + ": schedule '" + spec.scheduleName()
                    + "' is not one ddlm knows (cosine, linear, scaled-linear)");
        };
    }

    static String sha256(Path file) throws ModelException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
