package org.ddlm.validation.simulate;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Convolves each view with the band-limited ramp (Kak &amp; Slaney section 3.3): {@code h(0) = 1/(4 tau^2)},
 * {@code h(k odd) = -1/(pi^2 k^2 tau^2)}, {@code h(k even) = 0}, optionally reweighted per offset k (fan beam),
 * times a scale, then apodised. The kernel is transformed rather than |f| sampled, because sampling |f| zeroes the
 * DC term and biases the reconstruction. Zero padding to a power of two &ge; 2 x channels makes the circular
 * convolution equal the linear one on the channels kept.
 */
final class ProjectionFilter {

    private final int channels;
    private final int padded;
    /** Real frequency response at bins 0 .. padded/2 (the kernel is even, so its transform is real). */
    private final double[] response;

    /**
     * @param offsetWeight multiplies h(k) at offset k (use {@code k -> 1} for parallel beam)
     * @param scale        multiplies the kernel (the sample spacing, which turns the sum into an integral)
     */
    ProjectionFilter(int channels, double tau, ReconFilter window, IntToDoubleFunction offsetWeight, double scale) {
        this.channels = channels;
        this.padded = nextPowerOfTwo(2 * channels);
        double[] kernel = new double[padded];
        for (int i = 0; i < padded; i++) {
            int k = Math.min(i, padded - i);
            kernel[i] = rampKernel(k, tau) * offsetWeight.applyAsDouble(k) * scale;
        }
        new DoubleFFT_1D(padded).realForward(kernel);
        response = new double[padded / 2 + 1];
        response[0] = kernel[0];
        response[padded / 2] = kernel[1];
        for (int k = 1; k < padded / 2; k++) {
            response[k] = kernel[2 * k];
        }
        for (int k = 0; k <= padded / 2; k++) {
            response[k] *= window.window((double) k / padded);
        }
    }

    static int nextPowerOfTwo(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /** The band-limited ramp's spatial kernel at integer offset k, sample spacing tau. */
    static double rampKernel(int k, double tau) {
        if (k == 0) {
            return 1 / (4 * tau * tau);
        }
        if (k % 2 == 0) {
            return 0;
        }
        return -1 / (Math.PI * Math.PI * (double) k * k * tau * tau);
    }

    int paddedLength() {
        return padded;
    }

    /** Frequency response at FFT bin k (0 .. padded/2), i.e. at k / padded cycles per sample. */
    double response(int k) {
        return response[k];
    }

    /**
     * Filters every view.
     *
     * @param channelWeight multiplies channel c before filtering (fan beam: D cos gamma), or null
     */
    Sinogram apply(Sinogram in, double[] channelWeight, int threads) {
        if (in.channels() != channels) {
            throw new IllegalArgumentException("sinogram has " + in.channels() + " channels, filter expects " + channels);
        }
        double[] out = new double[in.data().length];
        Parallel.forRange(threads, in.views(), (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(padded); // one per chunk: no shared mutable state between threads
            double[] buf = new double[padded];
            for (int v = from; v < to; v++) {
                Arrays.fill(buf, 0);
                int row = v * channels;
                for (int c = 0; c < channels; c++) {
                    buf[c] = in.data()[row + c] * (channelWeight == null ? 1 : channelWeight[c]);
                }
                fft.realForward(buf);
                buf[0] *= response[0];
                buf[1] *= response[padded / 2];
                for (int k = 1; k < padded / 2; k++) {
                    buf[2 * k] *= response[k];
                    buf[2 * k + 1] *= response[k];
                }
                fft.realInverse(buf, true);
                System.arraycopy(buf, 0, out, row, channels);
            }
        });
        return new Sinogram(in.views(), channels, out);
    }
}
