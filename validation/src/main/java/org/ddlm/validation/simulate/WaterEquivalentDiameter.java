package org.ddlm.validation.simulate;

import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;

/**
 * Water-equivalent diameter (AAPM Report 220, 2014): {@code D_w = 2 sqrt(sum (HU/1000 + 1) A_pixel / pi)} over the
 * body, taken as the largest 8-connected region of non-padding pixels above the body threshold (metrics.md section
 * 5). Holes are not filled: air inside the body adds about nothing to the sum anyway.
 */
public final class WaterEquivalentDiameter {

    private WaterEquivalentDiameter() {
    }

    public static double of(SpacedSlice slice) {
        HuImage image = slice.image();
        boolean[] body = BodyMask.largestRegion(BodyMask.above(image.toDoubles(), image.padding()), image.width(),
                image.height());
        double area = slice.rowSpacingMm() * slice.columnSpacingMm();
        double sum = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i]) {
                sum += image.hu()[i] / 1000.0 + 1;
            }
        }
        return 2 * Math.sqrt(sum * area / Math.PI);
    }
}
