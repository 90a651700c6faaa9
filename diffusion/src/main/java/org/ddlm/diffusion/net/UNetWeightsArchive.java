package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ddlm.core.AtomicFile;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.ModelSpec;
import org.ddlm.diffusion.model.NoiseTexture;

/**
 * A UNet's weights as a NumPy {@code .npz} archive, one float32 array per DJL parameter under its DJL name, so that
 * another framework (the GPU training script in {@code diffusion/tools/}) can read, train and return them.
 *
 * <p>The archive also carries a <em>probe</em>: a fixed input ({@code probe_x}, {@code probe_u}) and the output the
 * weights give on it ({@code probe_out}). Whoever writes an archive computes the probe with its own implementation of
 * the network; {@link #read} recomputes it with this one and refuses weights whose outputs differ, so a port that
 * wired a layer differently cannot slip through as a model that merely denoises badly.
 */
public final class UNetWeightsArchive {

    public static final String PROBE_X = "probe_x";
    public static final String PROBE_U = "probe_u";
    public static final String PROBE_OUT = "probe_out";
    /** Largest probe difference accepted, relative to the probe output's largest magnitude (float32 reorderings). */
    public static final double PROBE_TOLERANCE = 1e-3;

    private static final int PROBE_SIZE = 32;
    private static final float[] PROBE_TIMES = {3.5f, 61.25f};

    private UNetWeightsArchive() {}

    /** Writes every parameter of {@code network}'s UNet and a probe computed by it, whole or not at all. */
    public static void write(UNetNetwork network, Path npz) throws ModelException {
        UNet unet = network.unet();
        try {
            AtomicFile.write(npz, temporary -> {
                try (NDManager scope = NDManager.newBaseManager(
                        unet.getParameters().get(0).getValue().getArray().getDevice());
                     OutputStream out = Files.newOutputStream(temporary)) {
                    NDList arrays = new NDList();
                    for (Pair<String, Parameter> p : unet.getParameters()) {
                        NDArray copy = p.getValue().getArray().toType(DataType.FLOAT32, true);
                        copy.attach(scope);
                        copy.setName(p.getKey());
                        arrays.add(copy);
                    }
                    NDArray x = probeInput(scope, unet.config().sizeMultiple());
                    NDArray u = scope.create(PROBE_TIMES);
                    NDArray y = network.forward(x, u);
                    x.setName(PROBE_X);
                    u.setName(PROBE_U);
                    y.setName(PROBE_OUT);
                    arrays.add(x);
                    arrays.add(u);
                    arrays.add(y);
                    arrays.encode(out, NDList.Encoding.NPZ);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new ModelException("Cannot write weights archive " + npz.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A UNet of shape {@code config} holding the archive's weights. Every parameter must be present with its exact
     * shape, nothing else may be (apart from the probe), and the probe, when present, must be reproduced.
     *
     * @param manager receives the parameters (and decides their device)
     */
    public static UNet read(Path npz, UNetConfig config, NDManager manager) throws ModelException {
        UNet unet = UNet.create(config, manager, 0);
        try (NDManager scope = manager.newSubManager(); InputStream in = Files.newInputStream(npz)) {
            Map<String, NDArray> byName = new HashMap<>();
            for (NDArray a : NDList.decode(scope, in)) {
                byName.put(a.getName(), a);
            }
            Set<String> unused = new HashSet<>(byName.keySet());
            unused.remove(PROBE_X);
            unused.remove(PROBE_U);
            unused.remove(PROBE_OUT);
            for (Pair<String, Parameter> p : unet.getParameters()) {
                NDArray source = byName.get(p.getKey());
                NDArray target = p.getValue().getArray();
                if (source == null) {
                    throw new ModelException(npz + " has no array for parameter " + p.getKey() + " " + target.getShape()
                            + ": it was written for another network shape.");
                }
                if (!source.getShape().equals(target.getShape())) {
                    throw new ModelException(npz + ": parameter " + p.getKey() + " has shape " + source.getShape()
                            + ", this UNet needs " + target.getShape() + ".");
                }
                target.set(source.toType(DataType.FLOAT32, false).toDevice(target.getDevice(), false).toFloatArray());
                unused.remove(p.getKey());
            }
            if (!unused.isEmpty()) {
                throw new ModelException(npz + " holds arrays this UNet has no parameter for: " + unused
                        + " (written for another network shape?).");
            }
            if (byName.containsKey(PROBE_OUT)) {
                checkProbe(npz, unet, manager, byName);
            }
            return unet;
        } catch (IOException | RuntimeException e) {
            throw new ModelException("Cannot read weights archive " + npz + ": " + e.getMessage(), e);
        }
    }

    private static void checkProbe(Path npz, UNet unet, NDManager manager, Map<String, NDArray> byName)
            throws ModelException {
        NDArray expected = byName.get(PROBE_OUT);
        NDArray x = byName.get(PROBE_X);
        NDArray u = byName.get(PROBE_U);
        if (x == null || u == null) {
            throw new ModelException(npz + " has " + PROBE_OUT + " but not " + PROBE_X + " and " + PROBE_U + ".");
        }
        NDArray actual = unet.forward(new ai.djl.training.ParameterStore(x.getManager(), false),
                new NDList(x.toDevice(manager.getDevice(), false), u.toDevice(manager.getDevice(), false)), false)
                .singletonOrThrow();
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        if (a.length != e.length) {
            throw new ModelException(npz + ": probe output has " + e.length + " values, this UNet gives " + a.length + ".");
        }
        double scale = 0.0;
        double worst = 0.0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        if (!(worst <= PROBE_TOLERANCE * Math.max(scale, 1e-6))) {
            throw new ModelException(npz + ": the weights do not reproduce their probe (largest difference " + worst
                    + " against outputs up to " + scale + "): the network that wrote them is wired differently.");
        }
    }

    /** Writes the weights of a ddlm-unet prior ({@code default} or a model folder) as an archive. */
    public static void export(String model, Path npz, ai.djl.Device device) throws ModelException {
        try (LoadedNetwork loaded = ModelFiles.open(PriorModels.sidecar(model), device)) {
            if (!(loaded.network() instanceof UNetNetwork unet)) {
                throw new ModelException(model + " is not a ddlm UNet (format " + loaded.spec().format()
                        + "); only UNet weights can be exported.");
            }
            write(unet, npz);
        }
    }

    /**
     * Writes a model into the existing folder {@code folder}: the UNet shape and sidecar of the model {@code like}
     * (with base width {@code baseWidth} when it is not null), the archive's weights, {@code noise} as the declared
     * training texture (null = white), and the companion noise calibration of {@code like}. The caller makes the
     * folder appear atomically.
     */
    public static void writeModel(Path npz, String like, Integer baseWidth, NoiseTexture noise, Path folder)
            throws ModelException {
        Path likeSidecar = PriorModels.sidecar(like);
        ModelSpec likeSpec = ModelSpec.read(likeSidecar);
        if (!ModelSpec.FORMAT_UNET.equals(likeSpec.format())) {
            throw new ModelException(like + " is not a ddlm UNet; --like must name one.");
        }
        UNetConfig shape = UNetCheckpoint.config(likeSpec.weightsPath(likeSidecar));
        UNetConfig config = baseWidth == null ? shape : new UNetConfig(baseWidth, shape.widthMultipliers(),
                shape.blocksPerLevel(), shape.groups(), shape.bottleneckAttention(), shape.patchFactor());
        ModelSpec spec = new ModelSpec(likeSpec.format(), "weights.params", likeSpec.prediction(),
                likeSpec.scheduleName(), likeSpec.timesteps(), likeSpec.interpolation(), likeSpec.scheduleParameters(),
                likeSpec.intensityOffset(), likeSpec.intensityScale(), likeSpec.sizeMultiple(), noise);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            ModelFiles.saveUNet(read(npz, config, manager), spec, folder.resolve(PriorModels.SIDECAR));
        }
        String calibration = PriorModels.NOISE_CALIBRATION;
        java.util.Optional<String> text = PriorModels.companionFile(like, calibration);
        try {
            if (text.isPresent()) {
                Files.writeString(folder.resolve(calibration), text.get());
            }
        } catch (IOException e) {
            throw new ModelException("Cannot write " + folder.resolve(calibration) + ": " + e.getMessage(), e);
        }
    }

    /** A fixed, image-like probe: smooth structure plus noise, two samples of 32x32 (or the size multiple). */
    private static NDArray probeInput(NDManager manager, int sizeMultiple) {
        int size = Math.max(PROBE_SIZE, sizeMultiple);
        size = ((size + sizeMultiple - 1) / sizeMultiple) * sizeMultiple;
        Random random = new Random(20261127L);
        float[] v = new float[2 * size * size];
        for (int b = 0; b < 2; b++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double structure = 0.3 * Math.sin(0.4 * x + b) * Math.cos(0.25 * y);
                    v[(b * size + y) * size + x] = (float) (structure + 0.2 * random.nextGaussian());
                }
            }
        }
        return manager.create(v, new Shape(2, 1, size, size));
    }
}
