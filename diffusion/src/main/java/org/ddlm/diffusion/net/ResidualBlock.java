package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The UNet's residual unit (Ho et al. 2020 style): GroupNorm, SiLU, 3x3 conv, add a per-channel
 * shift computed from the time embedding, GroupNorm, SiLU, 3x3 conv, plus the input (through a
 * 1x1 conv when the channel count changes).
 *
 * <p>Inputs: {@code x [B,Cin,H,W]} and the time embedding {@code [B,E]}. Output: {@code [B,Cout,H,W]}.
 */
final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeShift;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    ResidualBlock(int inChannels, int outChannels, int groups) {
        super(VERSION);
        this.outChannels = outChannels;
        norm1 = addChildBlock("norm1", new GroupNorm(groups));
        conv1 = addChildBlock("conv1", Convolutions.conv3x3(outChannels));
        timeShift = addChildBlock("timeShift", Linear.builder().setUnits(outChannels).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups));
        conv2 = addChildBlock("conv2", Convolutions.conv3x3(outChannels));
        skip = inChannels == outChannels ? null : addChildBlock("skip", Convolutions.conv1x1(outChannels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = apply(store, norm1, x, training);
        h = firstConv(store, Activations.silu(h), shift(store, inputs.get(1), training), training);
        h = apply(store, norm2, h, training);
        h = secondConv(store, Activations.silu(h), training);
        return new NDList(residual(store, x, training).add(h));
    }

    // The block's steps, also used one band of rows at a time by BandedForward (GroupNorms applied by the caller).

    GroupNorm norm1() {
        return norm1;
    }

    GroupNorm norm2() {
        return norm2;
    }

    /** The per-channel shift [B,C,1,1] from the time embedding [B,E]. */
    NDArray shift(ParameterStore store, NDArray time, boolean training) {
        NDArray shift = apply(store, timeShift, Activations.silu(time), training);
        return shift.reshape(shift.getShape().get(0), outChannels, 1, 1);
    }

    /** conv1 of the normalised, activated input, plus the time shift: the map norm2 normalises. */
    NDArray firstConv(ParameterStore store, NDArray activated, NDArray shift, boolean training) {
        return apply(store, conv1, activated, training).add(shift);
    }

    /** conv2 of the normalised, activated first map. */
    NDArray secondConv(ParameterStore store, NDArray activated, boolean training) {
        return apply(store, conv2, activated, training);
    }

    /** The input as added to the output: itself, or through the 1x1 conv when the channel count changes. */
    NDArray residual(ParameterStore store, NDArray x, boolean training) {
        return skip == null ? x : apply(store, skip, x, training);
    }

    private static NDArray apply(ParameterStore store, Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape out = new Shape(x.get(0), outChannels, x.get(2), x.get(3));
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        timeShift.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, out);
        conv2.initialize(manager, dataType, out);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }
}
