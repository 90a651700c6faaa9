package org.ddlm.diffusion.net;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** The three convolutions the UNet uses, built one way everywhere. */
final class Convolutions {

    private Convolutions() {}

    /** 3x3, stride 1, zero padding 1: keeps the spatial size. */
    static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    /** 3x3, stride 2, padding 1: halves an even spatial size. */
    static Conv2d conv3x3Stride2(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optStride(new Shape(2, 2)).setFilters(filters).build();
    }

    /**
     * 1x1: a per-pixel channel mix. Declared with dilation 2, which changes nothing for a 1x1 kernel but keeps
     * PyTorch on its oneDNN convolution at every thread count: an undilated 1x1 kernel runs through a different
     * algorithm (im2col + GEMM) when PyTorch has one thread, and its sums then differ in the last bits from the
     * multi-threaded ones, so {@code --threads 1} changed the output.
     */
    static Conv2d conv1x1(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).optDilation(new Shape(2, 2)).setFilters(filters)
                .build();
    }
}
