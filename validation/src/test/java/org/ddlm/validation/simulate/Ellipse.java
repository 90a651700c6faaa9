package org.ddlm.validation.simulate;

/**
 * A uniform ellipse with analytic line integrals (metrics.md section 8): for the line (s, theta), with
 * {@code s' = s - (x0 cos theta + y0 sin theta)}, {@code theta' = theta - phi},
 * {@code alpha^2 = a^2 cos^2 theta' + b^2 sin^2 theta'}, {@code p = 2 A a b sqrt(alpha^2 - s'^2) / alpha^2}.
 * Lengths in mm.
 */
record Ellipse(double value, double a, double b, double x0, double y0, double phiDeg) {

    double lineIntegral(double cosTheta, double sinTheta, double s) {
        double phi = Math.toRadians(phiDeg);
        double cp = Math.cos(phi);
        double sp = Math.sin(phi);
        // cos and sin of theta - phi
        double c = cosTheta * cp + sinTheta * sp;
        double sn = sinTheta * cp - cosTheta * sp;
        double alpha2 = a * a * c * c + b * b * sn * sn;
        double sp2 = s - (x0 * cosTheta + y0 * sinTheta);
        double d = alpha2 - sp2 * sp2;
        return d > 0 ? 2 * value * a * b * Math.sqrt(d) / alpha2 : 0;
    }

    boolean contains(double x, double y) {
        double phi = Math.toRadians(phiDeg);
        double dx = x - x0;
        double dy = y - y0;
        double u = dx * Math.cos(phi) + dy * Math.sin(phi);
        double v = -dx * Math.sin(phi) + dy * Math.cos(phi);
        return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
    }
}
