package org.ddlm.diffusion.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.diffusion.model.ModelException;
import org.ddlm.diffusion.model.NoiseTexture;

/**
 * The random part of one optimiser step, drawn from the step's generator in a fixed order: one
 * split generator per batch element (its patch, then its time u ~ U[0, u_max], then its noise
 * image, then, for CT-textured noise, its texture), then one per extra reference patch. The reference batch is the B own patches followed by
 * R − B extra ones; a draw whose origin repeats an earlier one is drawn again, so each sample's own
 * patch is in the reference batch exactly once.
 *
 * @param patches    B own patches, then R − B extra references (only the B own when R = 1)
 * @param time       u per batch element
 * @param noise      B·P² standard normals (white or CT-textured), element after element
 */
public record TrainingBatch(List<Patch> patches, double[] time, double[] noise) {

    public static TrainingBatch draw(SplittableRandom step, PatchSampler sampler, int batch, int references,
                                     double uMax) throws ModelException {
        return draw(step, sampler, batch, references, uMax, null);
    }

    /** @param texture CT noise texture, or null for white noise */
    public static TrainingBatch draw(SplittableRandom step, PatchSampler sampler, int batch, int references,
                                     double uMax, NoiseTexture texture) throws ModelException {
        int pixels = sampler.size() * sampler.size();
        List<Patch> patches = new ArrayList<>();
        double[] time = new double[batch];
        double[] noise = new double[batch * pixels];
        for (int b = 0; b < batch; b++) {
            SplittableRandom element = step.split();
            patches.add(distinctPatch(element, sampler, patches));
            time[b] = element.nextDouble() * uMax;
            NoiseTexture.draw(texture, noise, b * pixels, sampler.size(), sampler.size(), element);
        }
        for (int j = batch; j < references; j++) {
            patches.add(distinctPatch(step.split(), sampler, patches));
        }
        return new TrainingBatch(List.copyOf(patches), time, noise);
    }

    private static Patch distinctPatch(SplittableRandom random, PatchSampler sampler, List<Patch> earlier)
            throws ModelException {
        for (int attempt = 0; attempt < PatchSampler.MAX_ATTEMPTS; attempt++) {
            Patch p = sampler.draw(random);
            if (earlier.stream().noneMatch(p::sameOrigin)) {
                return p;
            }
        }
        throw new ModelException("Cannot draw " + (earlier.size() + 1) + " distinct training patches: the slices are"
                + " too few or too small for this batch and reference batch size.");
    }

    public int batchSize() {
        return time.length;
    }

    /** The first {@code count} patches' values, row after row, as one array. */
    public double[] values(int count) {
        int pixels = patches.get(0).values().length;
        double[] out = new double[count * pixels];
        for (int i = 0; i < count; i++) {
            System.arraycopy(patches.get(i).values(), 0, out, i * pixels, pixels);
        }
        return out;
    }
}
