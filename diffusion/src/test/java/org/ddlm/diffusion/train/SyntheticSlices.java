package org.ddlm.diffusion.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddlm.core.HuImage;

/** Small CT-like slices: an air background with an elliptical soft-tissue body holding a few bright and dark discs. */
final class SyntheticSlices {

    private SyntheticSlices() {
    }

    static SliceSource phantoms(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HuImage> slices = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            float[] hu = new float[size * size];
            double c = (size - 1) / 2.0;
            double ax = size * (0.42 + 0.05 * random.nextDouble());
            double ay = size * (0.36 + 0.05 * random.nextDouble());
            double[][] discs = new double[4][];
            for (int d = 0; d < discs.length; d++) {
                discs[d] = new double[] {c + (random.nextDouble() - 0.5) * ax, c + (random.nextDouble() - 0.5) * ay,
                        size * (0.05 + 0.08 * random.nextDouble()), d % 2 == 0 ? 900 : -700};
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double ex = (x - c) / ax;
                    double ey = (y - c) / ay;
                    double value = -1000;
                    if (ex * ex + ey * ey <= 1) {
                        value = 40 + 30 * Math.sin(x * 0.3) * Math.cos(y * 0.2);
                        for (double[] d : discs) {
                            double dx = x - d[0];
                            double dy = y - d[1];
                            if (dx * dx + dy * dy <= d[2] * d[2]) {
                                value = d[3];
                            }
                        }
                    }
                    hu[y * size + x] = (float) value;
                }
            }
            slices.add(new HuImage(size, size, hu));
        }
        return SliceSource.of(slices);
    }
}
