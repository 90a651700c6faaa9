package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018) over [B,C,H,W]: each sample's channels are split into
 * groups, and each group is normalised by its own mean and variance, then scaled and shifted per
 * channel. Statistics never mix samples, unlike BatchNorm (algorithms.md §5.3, §8).
 */
public final class GroupNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int groups;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * @param groups number of channel groups; must divide the channel count
     * @param epsilon added to the variance before the square root
     */
    public GroupNorm(int groups, float epsilon) {
        super(VERSION);
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        this.groups = groups;
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    public GroupNorm(int groups) {
        this(groups, 1e-5f);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long channels = shape.get(1);
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        // No scalar-argument op whose scalar autograd keeps (pow's exponent): DJL frees that temporary right after
        // the forward op, and backward would read freed memory. div(sqrt) keeps only tensors.
        NDArray normalised = centred.div(variance.add(epsilon).sqrt()).reshape(shape);
        NDArray scale = store.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
        NDArray shift = store.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
        // A reshape of a parameter lives in the parameter's manager, which is never closed during sampling:
        // move these per-call views to the input's manager so they are freed with the call's other arrays.
        scale.attach(x.getManager());
        shift.attach(x.getManager());
        return new NDList(normalised.mul(scale).add(shift));
    }

    /**
     * The normalisation as a per-channel affine map {@code x·scale + shift} [1,C,1,1], from statistics gathered
     * elsewhere (whole-image sums of a map evaluated in bands): per channel the sum and the sum of squares of its
     * values, each channel having {@code count} values. The group means and (biased) variances are formed in double.
     *
     * @return {scale, shift}, float32, on {@code manager}'s device
     */
    NDArray[] affine(ParameterStore store, NDManager manager, double[] sum, double[] sumSquares, long count) {
        int channels = sum.length;
        int perGroup = channels / groups;
        float[] gammaValues = store.getValue(gamma, manager.getDevice(), false).toFloatArray();
        float[] betaValues = store.getValue(beta, manager.getDevice(), false).toFloatArray();
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int g = 0; g < groups; g++) {
            double s = 0;
            double q = 0;
            for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
                s += sum[c];
                q += sumSquares[c];
            }
            double n = (double) count * perGroup;
            double mean = s / n;
            double variance = Math.max(q / n - mean * mean, 0.0);
            double inverse = 1.0 / Math.sqrt(variance + epsilon);
            for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
                scale[c] = (float) (gammaValues[c] * inverse);
                shift[c] = (float) (betaValues[c] - mean * gammaValues[c] * inverse);
            }
        }
        return new NDArray[] {manager.create(scale, new Shape(1, channels, 1, 1)),
                manager.create(shift, new Shape(1, channels, 1, 1))};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long channels = inputShapes[0].get(1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm: " + groups + " groups do not divide " + channels + " channels");
        }
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
