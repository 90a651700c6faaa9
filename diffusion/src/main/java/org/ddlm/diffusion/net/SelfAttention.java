package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Single-head self-attention over all pixels of a low-resolution feature map, with a residual
 * connection: {@code x + proj(V softmax(QᵀK/√C)ᵀ)}. Memory grows with (H·W)², so the UNet only
 * places it at its coarsest level, and only when configured (off by default: the CT prior must
 * stay fully convolutional at patch scale, algorithms.md §5.3).
 */
final class SelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final GroupNorm norm;
    private final Conv2d queryKeyValue;
    private final Conv2d projection;

    SelfAttention(int channels, int groups) {
        super(VERSION);
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(groups));
        queryKeyValue = addChildBlock("qkv", Convolutions.conv1x1(3 * channels));
        projection = addChildBlock("proj", Convolutions.conv1x1(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long pixels = shape.get(2) * shape.get(3);
        NDArray h = apply(store, norm, x, training);
        NDList qkv = apply(store, queryKeyValue, h, training).reshape(batch, 3 * channels, pixels).split(3, 1);
        NDArray query = qkv.get(0).transpose(0, 2, 1); // [B, HW, C]
        // The scale is an array owned by the input's manager, not a Java float: autograd keeps it for backward and
        // DJL would free a scalar temporary right after the forward op.
        NDArray scale = x.getManager().create((float) (1.0 / Math.sqrt(channels)));
        NDArray scores = query.matMul(qkv.get(1)).mul(scale); // [B, HW, HW]
        NDArray weights = scores.softmax(2);
        NDArray attended = qkv.get(2).matMul(weights.transpose(0, 2, 1)); // [B, C, HW]
        NDArray out = apply(store, projection, attended.reshape(shape), training);
        return new NDList(x.add(out));
    }

    private static NDArray apply(ParameterStore store, Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        queryKeyValue.initialize(manager, dataType, inputShapes[0]);
        projection.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
