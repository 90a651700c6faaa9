package org.ddlm.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link UNet}'s forward pass for images too large for one pass, evaluated layer by layer in bands of whole rows,
 * so the work inside a layer is bounded by the band and not by the image. Every 3x3 convolution of a band reads one
 * row beyond it on each side (its own zero padding only at the image's edges), and every GroupNorm normalises with
 * the statistics of the whole map, summed band by band in double: the result is the whole-image pass up to float
 * rounding. Held whole are only the maps the UNet keeps between layers (the skips and the current map).
 *
 * <p>Why not independent tiles with margins, as CSBDeep cuts images: GroupNorm normalises by the statistics of the
 * whole input, and a tile's are not the image's; with the default prior, 256- and 384-pixel tiles changed a 512x512
 * slice's DDLM output by up to 13 and 31 HU. Networks with bottleneck attention (all pixels at once) are not banded.
 */
final class BandedForward {

    private final UNet unet;
    private final ParameterStore store;
    private final int patch;
    /** Band boundaries in image rows, multiples of the UNet's size multiple, from 0 to the image height. */
    private final int[] bounds;
    private NDArray time;

    private BandedForward(UNet unet, ParameterStore store, int[] bounds) {
        this.unet = unet;
        this.store = store;
        this.patch = unet.config().patchFactor();
        this.bounds = bounds;
    }

    /** Whether this UNet can be banded: not with attention, which mixes all pixels of its level. */
    static boolean supports(UNet unet) {
        return unet.attention == null;
    }

    /**
     * @param x         [B,1,H,W] (float32), H and W multiples of the size multiple
     * @param u         [B]
     * @param maxPixels the most image pixels one band covers (at least one size multiple of rows is taken)
     * @return [B,1,H,W] in x's manager
     */
    static NDArray forward(UNet unet, ParameterStore store, NDArray x, NDArray u, long maxPixels) {
        unet.checkSize(x.getShape());
        int height = (int) x.getShape().get(2);
        int width = (int) x.getShape().get(3);
        int[] bounds = bounds(height, width, unet.config().sizeMultiple(), maxPixels);
        NDManager caller = x.getManager();
        NDList outputs = new NDList();
        for (int b = 0; b < x.getShape().get(0); b++) {
            try (NDManager work = caller.newSubManager()) {
                NDArray element = x.get(new NDIndex("{}:{}", b, b + 1));
                element.attach(work);
                NDArray index = u.get(new NDIndex("{}:{}", b, b + 1));
                index.attach(work);
                NDArray out = new BandedForward(unet, store, bounds).element(element, index, work);
                out.attach(caller);
                outputs.add(out);
            }
        }
        return outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
    }

    /** Band boundaries: as many whole rows as {@code maxPixels} allows, rounded down to the multiple (at least one). */
    static int[] bounds(int height, int width, int multiple, long maxPixels) {
        int rows = (int) Math.max(multiple, Math.min(height, maxPixels / width) / multiple * multiple);
        int count = (height + rows - 1) / rows;
        int[] out = new int[count + 1];
        for (int i = 0; i < count; i++) {
            out[i] = i * rows;
        }
        out[count] = height;
        return out;
    }

    private NDArray element(NDArray x, NDArray u, NDManager work) {
        time = unet.timeEmbedding(store, u, false);
        Stored h = input(x, work);
        List<Stored> skips = new ArrayList<>();
        int levels = unet.config().levels();
        for (int level = 0; level < levels; level++) {
            for (ResidualBlock block : unet.encoder.get(level)) {
                h = replace(h, residual(block, h, level, work), skips);
            }
            skips.add(h);
            if (level < levels - 1) {
                h = downsample(unet.downsamplers.get(level), h, level + 1, work);
            }
        }
        h = replace(h, residual(unet.middle1, h, levels - 1, work), skips);
        h = replace(h, residual(unet.middle2, h, levels - 1, work), skips);
        int up = 0;
        for (int level = levels - 1; level >= 0; level--) {
            if (level < levels - 1) {
                h = replace(h, upsample(unet.upsamplers.get(up++), h, level, work), skips);
            }
            Stored skip = skips.get(level);
            Rows joined = new Joined(h, skip);
            List<ResidualBlock> blocks = unet.decoder.get(levels - 1 - level);
            Stored next = residual(blocks.get(0), joined, level, work);
            // Both halves of the joined map are used up: the skip and the upsampled map.
            skips.set(level, null);
            skip.close();
            h = replace(h, next, skips);
            for (int k = 1; k < blocks.size(); k++) {
                h = replace(h, residual(blocks.get(k), h, level, work), skips);
            }
        }
        NDArray out = output(h, work);
        h.close();
        return out;
    }

    /** {@code next}, closing {@code previous} unless a skip still needs it. */
    private static Stored replace(Stored previous, Stored next, List<Stored> skips) {
        if (!skips.contains(previous)) {
            previous.close();
        }
        return next;
    }

    /** Space-to-depth and the input convolution. */
    private Stored input(NDArray x, NDManager work) {
        Rows image = new Stored(x);
        return stage(0, unet.config().width(0), work, (r0, r1, band) -> halo(image, r0, r1, 1, band,
                rows -> apply(unet.inputConv, PixelShuffle.unshuffle(rows, patch)), patch));
    }

    /** A residual block: conv1 of norm1(x), then conv2 of norm2 of that, plus x (through the 1x1 conv if needed). */
    private Stored residual(ResidualBlock block, Rows x, int level, NDManager work) {
        NDArray shift = block.shift(store, time, false);
        NDArray[] first = normalisation(block.norm1(), x, level, work);
        long channels = shift.getShape().get(1);
        Stored h = stage(level, channels, work, (r0, r1, band) -> halo(x, r0, r1, 1, band,
                rows -> block.firstConv(store, activate(rows, first), shift, false), 1));
        NDArray[] second = normalisation(block.norm2(), h, level, work);
        Stored out = stage(level, channels, work, (r0, r1, band) -> {
            NDArray conv = halo(h, r0, r1, 1, band, rows -> block.secondConv(store, activate(rows, second), false), 1);
            return block.residual(store, x.rows(r0, r1, band), false).add(conv);
        });
        h.close();
        return out;
    }

    /**
     * The stride-2 convolution into {@code level}: output row o reads input rows 2o−1 … 2o+1, so a band of outputs
     * [o0, o1) takes input rows from 2·o0 − 2 (one extra output row, dropped) to 2·o1.
     */
    private Stored downsample(Block conv, Rows x, int level, NDManager work) {
        return stage(level, x.channels(), work, (o0, o1, band) -> {
            int from = Math.max(0, 2 * o0 - 2);
            NDArray out = apply(conv, x.rows(from, 2 * o1, band));
            return out.get(new NDIndex(":, :, {}:", o0 - from / 2));
        });
    }

    /** Nearest ×2 from the level below, then a 3x3 convolution: a band of rows [r0, r1) (both even) needs coarse rows
     * r0/2 − 1 … r1/2. */
    private Stored upsample(Block conv, Rows coarse, int level, NDManager work) {
        long channels = unet.config().width(level);
        return stage(level, channels, work, (r0, r1, band) -> {
            int c0 = Math.max(0, r0 / 2 - 1);
            int c1 = Math.min(coarse.height(), r1 / 2 + 1);
            NDArray nearest = coarse.rows(c0, c1, band).repeat(2, 2).repeat(3, 2);
            NDArray out = apply(conv, nearest);
            return out.get(new NDIndex(":, :, {}:{}", r0 - 2 * c0, r1 - 2 * c0));
        });
    }

    /** GroupNorm, SiLU, the output convolution and depth-to-space, into the whole image. */
    private NDArray output(Stored h, NDManager work) {
        NDArray[] norm = normalisation(unet.outputNorm, h, 0, work);
        int levelRows = h.height();
        NDArray out = work.zeros(new Shape(1, 1, (long) levelRows * patch, h.width() * patch), DataType.FLOAT32);
        for (int i = 0; i + 1 < bounds.length; i++) {
            int r0 = bounds[i] / patch;
            int r1 = bounds[i + 1] / patch;
            try (NDManager band = work.newSubManager()) {
                NDArray conv = halo(h, r0, r1, 1, band, rows -> apply(unet.outputConv, activate(rows, norm)), 1);
                out.set(new NDIndex(":, :, {}:{}", r0 * patch, r1 * patch), PixelShuffle.shuffle(conv, patch));
            }
        }
        return out;
    }

    /** One band's rows [r0, r1) of a stage's output, computed in {@code band}. */
    private interface BandFunction {
        NDArray apply(int r0, int r1, NDManager band);
    }

    /** A same-size operation on rows [r0 − halo, r1 + halo) of its input (clipped at the edges), cropped to [r0, r1). */
    private interface RowOperation {
        NDArray apply(NDArray rows);
    }

    /**
     * Runs {@code op} on the source rows around output rows [r0, r1), the source having {@code scale} rows per
     * output row (the pixel fold of the input stage), and keeps the output rows [r0, r1).
     */
    private static NDArray halo(Rows source, int r0, int r1, int halo, NDManager band, RowOperation op, int scale) {
        int from = Math.max(0, r0 - halo);
        int to = Math.min(source.height() / scale, r1 + halo);
        NDArray out = op.apply(source.rows(from * scale, to * scale, band));
        return out.get(new NDIndex(":, :, {}:{}", r0 - from, r1 - from));
    }

    /** Evaluates {@code function} band by band into a whole map of {@code channels} at {@code level}. */
    private Stored stage(int level, long channels, NDManager work, BandFunction function) {
        int scale = patch << level;
        int height = bounds[bounds.length - 1] / scale;
        NDArray map = null;
        for (int i = 0; i + 1 < bounds.length; i++) {
            int r0 = bounds[i] / scale;
            int r1 = bounds[i + 1] / scale;
            try (NDManager band = work.newSubManager()) {
                NDArray rows = function.apply(r0, r1, band);
                if (map == null) {
                    map = work.zeros(new Shape(1, channels, height, rows.getShape().get(3)), rows.getDataType());
                }
                map.set(new NDIndex(":, :, {}:{}", r0, r1), rows);
            }
        }
        return new Stored(map);
    }

    /**
     * The GroupNorm of a whole map as a per-channel affine map: per channel the sum and the sum of squares over all
     * rows, as exact as double allows and in row order, so they depend neither on the bands nor on the threads.
     */
    private NDArray[] normalisation(GroupNorm norm, Rows map, int level, NDManager work) {
        int scale = patch << level;
        int channels = (int) map.channels();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        for (int i = 0; i + 1 < bounds.length; i++) {
            int r0 = bounds[i] / scale;
            int r1 = bounds[i + 1] / scale;
            try (NDManager band = work.newSubManager()) {
                NDArray rows = map.rows(r0, r1, band).toType(DataType.FLOAT64, false);
                // Torch sums along each row (one sum per row and channel, whatever the threads); rows add up here.
                double[] rowSums = rows.sum(new int[] {3}).toDoubleArray();
                double[] rowSquares = rows.square().sum(new int[] {3}).toDoubleArray();
                int n = r1 - r0;
                for (int c = 0; c < channels; c++) {
                    for (int r = 0; r < n; r++) {
                        sum[c] += rowSums[c * n + r];
                        squares[c] += rowSquares[c * n + r];
                    }
                }
            }
        }
        return norm.affine(store, work, sum, squares, (long) map.height() * map.width());
    }

    private static NDArray activate(NDArray rows, NDArray[] affine) {
        return Activations.silu(rows.mul(affine[0]).add(affine[1]));
    }

    private NDArray apply(Block block, NDArray x) {
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /** A map [1,C,h,w] that can hand out bands of its rows. */
    private interface Rows {
        long channels();

        int height();

        long width();

        /** Rows [from, to), owned by {@code band}. */
        NDArray rows(int from, int to, NDManager band);
    }

    /** A map held whole. */
    private static final class Stored implements Rows, AutoCloseable {
        private final NDArray data;

        Stored(NDArray data) {
            this.data = data;
        }

        @Override
        public long channels() {
            return data.getShape().get(1);
        }

        @Override
        public int height() {
            return (int) data.getShape().get(2);
        }

        @Override
        public long width() {
            return data.getShape().get(3);
        }

        @Override
        public NDArray rows(int from, int to, NDManager band) {
            NDArray view = data.get(new NDIndex(":, :, {}:{}", from, to));
            view.attach(band);
            return view;
        }

        @Override
        public void close() {
            data.close();
        }
    }

    /** Two maps side by side along the channels (the decoder's upsampled map and its skip), never held joined. */
    private record Joined(Rows first, Rows second) implements Rows {
        @Override
        public long channels() {
            return first.channels() + second.channels();
        }

        @Override
        public int height() {
            return first.height();
        }

        @Override
        public long width() {
            return first.width();
        }

        @Override
        public NDArray rows(int from, int to, NDManager band) {
            return first.rows(from, to, band).concat(second.rows(from, to, band), 1);
        }
    }
}
