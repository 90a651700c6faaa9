package org.ddlm.validation.baseline;

/**
 * The discrete gradient and divergence of Chambolle (2004): ∇ by forward differences, zero in the
 * last column (x part) and last row (y part); div = −∇ᵀ, backward differences with the matching
 * boundary terms, so that ⟨∇u, p⟩ = −⟨u, div p⟩ exactly.
 */
public final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** Writes ∇u into gx (along rows) and gy (along columns). */
    public static void gradient(double[] u, int width, int height, double[] gx, double[] gy) {
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                gx[i] = x < width - 1 ? u[i + 1] - u[i] : 0.0;
                gy[i] = y < height - 1 ? u[i + width] - u[i] : 0.0;
            }
        }
    }

    /** Writes div p into out. */
    public static void divergence(double[] px, double[] py, int width, int height, double[] out) {
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                double d = x < width - 1 ? px[i] : 0.0;
                if (x > 0) {
                    d -= px[i - 1];
                }
                if (y < height - 1) {
                    d += py[i];
                }
                if (y > 0) {
                    d -= py[i - width];
                }
                out[i] = d;
            }
        }
    }
}
