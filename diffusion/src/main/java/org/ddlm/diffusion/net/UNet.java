package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A small time-conditioned UNet written with DJL blocks.
 *
 * <p>Inputs: {@code x [B,1,H,W]} and the fractional schedule index {@code u [B]}; output
 * {@code [B,1,H,W]} (the model's native prediction). H and W must be multiples of
 * {@link UNetConfig#sizeMultiple()}. Layout, per {@link UNetConfig}:
 * <pre>
 * u → sinusoidal features → Linear → SiLU → Linear = time embedding (fed to every residual block)
 * x → space-to-depth(p) → 3x3 conv
 *   → level 0: residual blocks ─────────────────────────────skip──┐
 *     → 3x3 stride-2 conv → level 1: residual blocks ──skip──┐     │
 *       … coarsest level: blocks, [attention], blocks ←─ concat ┘   │
 *     ← nearest ×2 + 3x3 conv, concat skip, residual blocks        │
 *   ← nearest ×2 + 3x3 conv, concat skip, residual blocks ←────────┘
 *   → GroupNorm → SiLU → 3x3 conv → depth-to-space(p)
 * </pre>
 * Fully convolutional (no attention unless configured), GroupNorm only, no cross-sample statistics.
 */
public final class UNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final UNetConfig config;
    private final Linear timeDense1;
    private final Linear timeDense2;
    // Package-private from here: BandedForward walks the same layers one band of rows at a time.
    final Conv2d inputConv;
    final List<List<ResidualBlock>> encoder = new ArrayList<>();
    final List<Conv2d> downsamplers = new ArrayList<>();
    final ResidualBlock middle1;
    final SelfAttention attention;
    final ResidualBlock middle2;
    final List<Conv2d> upsamplers = new ArrayList<>();
    final List<List<ResidualBlock>> decoder = new ArrayList<>();
    final GroupNorm outputNorm;
    final Conv2d outputConv;

    public UNet(UNetConfig config) {
        super(VERSION);
        this.config = config;
        int levels = config.levels();
        int groups = config.groups();
        int embedding = config.timeEmbeddingDim();
        timeDense1 = addChildBlock("timeDense1", Linear.builder().setUnits(embedding).build());
        timeDense2 = addChildBlock("timeDense2", Linear.builder().setUnits(embedding).build());
        inputConv = addChildBlock("inputConv", Convolutions.conv3x3(config.width(0)));

        int channels = config.width(0);
        for (int level = 0; level < levels; level++) {
            List<ResidualBlock> blocks = new ArrayList<>();
            for (int k = 0; k < config.blocksPerLevel(); k++) {
                blocks.add(addChildBlock("down" + level + "_" + k,
                        new ResidualBlock(channels, config.width(level), groups)));
                channels = config.width(level);
            }
            encoder.add(blocks);
            if (level < levels - 1) {
                downsamplers.add(addChildBlock("downsample" + level, Convolutions.conv3x3Stride2(channels)));
            }
        }

        middle1 = addChildBlock("middle1", new ResidualBlock(channels, channels, groups));
        attention = config.bottleneckAttention()
                ? addChildBlock("attention", new SelfAttention(channels, groups))
                : null;
        middle2 = addChildBlock("middle2", new ResidualBlock(channels, channels, groups));

        for (int level = levels - 1; level >= 0; level--) {
            int width = config.width(level);
            if (level < levels - 1) {
                upsamplers.add(addChildBlock("upsample" + level, Convolutions.conv3x3(width)));
                channels = width;
            }
            List<ResidualBlock> blocks = new ArrayList<>();
            for (int k = 0; k < config.blocksPerLevel(); k++) {
                int in = k == 0 ? channels + width : width; // the first block also takes the skip
                blocks.add(addChildBlock("up" + level + "_" + k, new ResidualBlock(in, width, groups)));
            }
            channels = width;
            decoder.add(blocks);
        }

        outputNorm = addChildBlock("outputNorm", new GroupNorm(groups));
        int patch = config.patchFactor();
        outputConv = addChildBlock("outputConv", Convolutions.conv3x3(patch * patch));
    }

    /**
     * A new UNet with random weights (Xavier-uniform weights, zero biases, unit GroupNorm scales)
     * drawn from the engine's generator seeded with {@code seed} (this reseeds the engine's global
     * generator; samplers draw their noise from their own streams, algorithms.md §8).
     *
     * @param manager owns the parameters and decides their device
     */
    public static UNet create(UNetConfig config, NDManager manager, long seed) {
        UNet unet = new UNet(config);
        manager.getEngine().setRandomSeed((int) seed);
        unet.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        int m = config.sizeMultiple();
        unet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, m, m), new Shape(1));
        return unet;
    }

    public UNetConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray u = inputs.get(1);
        checkSize(x.getShape());

        NDArray time = timeEmbedding(store, u, training);

        NDArray h = apply(store, inputConv, PixelShuffle.unshuffle(x, config.patchFactor()), training);
        h = levels(h, (block, in) -> apply(store, block, in, training),
                (block, in) -> apply(store, block, in, time, training),
                in -> in.repeat(2, 2).repeat(3, 2),
                (in, skip) -> in.concat(skip, 1));
        h = Activations.silu(apply(store, outputNorm, h, training));
        h = apply(store, outputConv, h, training);
        return new NDList(PixelShuffle.shuffle(h, config.patchFactor()));
    }

    /** What a block makes of its input: an array in {@link #forwardInternal}, a shape in initialisation. */
    @FunctionalInterface
    private interface Through<T> {
        T apply(Block block, T in);
    }

    /**
     * Encoder (keeping a skip per level), middle, decoder: everything between the input and output convolutions, on
     * arrays or on shapes, so that the forward pass and the initialisation walk the same path by construction.
     *
     * @param plain    a block of one input
     * @param timed    a residual block, which also takes the time embedding
     * @param doubled  nearest-neighbour ×2 upsampling (before each upsampling convolution)
     * @param joinSkip the decoder input joined with the encoder's skip along the channels
     */
    private <T> T levels(T h, Through<T> plain, Through<T> timed, UnaryOperator<T> doubled,
                         BinaryOperator<T> joinSkip) {
        List<T> skips = new ArrayList<>();
        for (int level = 0; level < config.levels(); level++) {
            for (ResidualBlock block : encoder.get(level)) {
                h = timed.apply(block, h);
            }
            skips.add(h);
            if (level < config.levels() - 1) {
                h = plain.apply(downsamplers.get(level), h);
            }
        }
        h = timed.apply(middle1, h);
        if (attention != null) {
            h = plain.apply(attention, h);
        }
        h = timed.apply(middle2, h);
        int up = 0;
        for (int level = config.levels() - 1; level >= 0; level--) {
            if (level < config.levels() - 1) {
                h = plain.apply(upsamplers.get(up++), doubled.apply(h));
            }
            h = joinSkip.apply(h, skips.get(level));
            for (ResidualBlock block : decoder.get(config.levels() - 1 - level)) {
                h = timed.apply(block, h);
            }
        }
        return h;
    }

    /** The time embedding [B,E] that every residual block takes, for fractional indices u [B]. */
    NDArray timeEmbedding(ParameterStore store, NDArray u, boolean training) {
        NDArray time = TimeEmbedding.sinusoidal(u, config.timeEmbeddingDim());
        return apply(store, timeDense2, Activations.silu(apply(store, timeDense1, time, training)), training);
    }

    void checkSize(Shape x) {
        int multiple = config.sizeMultiple();
        if (x.dimension() != 4 || x.get(1) != 1 || x.get(2) % multiple != 0 || x.get(3) % multiple != 0) {
            throw new IllegalArgumentException("UNet input must be [B,1,H,W] with H and W multiples of "
                    + multiple + "; got " + x + " (pad by reflection first)");
        }
    }

    private static NDArray apply(ParameterStore store, Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray apply(
            ParameterStore store, Block block, NDArray x, NDArray time, boolean training) {
        return block.forward(store, new NDList(x, time), training).singletonOrThrow();
    }

    /** Walks the same path as {@link #forwardInternal} with shapes only, initialising each child. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkSize(inputShapes[0]);
        long batch = inputShapes[0].get(0);
        int patch = config.patchFactor();
        Shape features = new Shape(batch, config.timeEmbeddingDim());
        timeDense1.initialize(manager, dataType, features);
        timeDense2.initialize(manager, dataType, features);

        long height = inputShapes[0].get(2) / patch;
        long width = inputShapes[0].get(3) / patch;
        Shape h = new Shape(batch, (long) patch * patch, height, width);
        h = init(inputConv, manager, dataType, h);
        h = levels(h, (block, in) -> init(block, manager, dataType, in),
                (block, in) -> init(block, manager, dataType, in, features),
                in -> new Shape(batch, in.get(1), in.get(2) * 2, in.get(3) * 2),
                (in, skip) -> new Shape(batch, in.get(1) + skip.get(1), skip.get(2), skip.get(3)));
        h = init(outputNorm, manager, dataType, h);
        init(outputConv, manager, dataType, h);
    }

    private static Shape init(Block block, NDManager manager, DataType dataType, Shape... shapes) {
        block.initialize(manager, dataType, shapes);
        return block.getOutputShapes(shapes)[0];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
