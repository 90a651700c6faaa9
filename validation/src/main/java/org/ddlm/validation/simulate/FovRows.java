package org.ddlm.validation.simulate;

/** Which pixels of a row lie inside the circular field of view. */
final class FovRows {

    private FovRows() {
    }

    /** {first, last} column of the row at height y whose pixel centre lies within {@code radius}; empty if first &gt; last. */
    static int[] columnsInside(ImageGrid grid, double y, double radius) {
        double r2 = radius * radius - y * y;
        if (r2 < 0) {
            return new int[] {0, -1};
        }
        double half = Math.sqrt(r2);
        double centre = (grid.width() - 1) / 2.0;
        int first = (int) Math.max(0, Math.ceil(centre - half / grid.dxMm()));
        int last = (int) Math.min(grid.width() - 1, Math.floor(centre + half / grid.dxMm()));
        // Guard against rounding at the rim: keep only centres truly inside.
        while (first <= last && !inside(grid, first, y, radius)) {
            first++;
        }
        while (last >= first && !inside(grid, last, y, radius)) {
            last--;
        }
        return new int[] {first, last};
    }

    static boolean inside(ImageGrid grid, int col, double y, double radius) {
        double x = grid.x(col);
        return x * x + y * y <= radius * radius;
    }
}
