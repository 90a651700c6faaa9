package org.ddlm.diffusion.sampler;

import org.ddlm.diffusion.model.GaussianStream;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One independent noise stream per batch element, made on the host and copied to the state's
 * device, so results depend neither on the device RNG nor on batch size or composition.
 */
public final class ElementNoise implements NoiseSource {

    private final List<GaussianStream> streams;

    public ElementNoise(List<GaussianStream> streams) {
        this.streams = List.copyOf(streams);
    }

    /** Streams from the callers' per-element generators (e.g. split per slice and member). */
    public static ElementNoise of(List<SplittableRandom> randoms) {
        List<GaussianStream> s = new ArrayList<>(randoms.size());
        for (SplittableRandom r : randoms) {
            s.add(new GaussianStream(r));
        }
        return new ElementNoise(s);
    }

    /** {@code batch} streams split in order from one seed (tests and single-run tools). */
    public static ElementNoise fromSeed(long seed, int batch) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SplittableRandom> r = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            r.add(root.split());
        }
        return of(r);
    }

    @Override
    public NDArray standardNormal(NDArray like) {
        long batch = like.getShape().get(0);
        if (batch != streams.size()) {
            throw new IllegalArgumentException(streams.size() + " noise streams for a batch of " + batch);
        }
        int perElement = Math.toIntExact(like.size() / batch);
        double[] values = new double[Math.toIntExact(like.size())];
        for (int b = 0; b < batch; b++) {
            streams.get(b).fill(values, b * perElement, perElement);
        }
        NDArray z = like.getManager().create(values, like.getShape());
        if (!z.getDevice().equals(like.getDevice())) {
            z = z.toDevice(like.getDevice(), false);
        }
        return z.getDataType() == like.getDataType() ? z : z.toType(like.getDataType(), false);
    }

}
