package org.ddlm.dicom;

import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.core.Median;

/** Sorting along the normal and the geometry checks of dicom.md section 5 (steps 4-8). */
final class StackGeometry {
    static final double DUPLICATE_MM = 0.01;
    static final double TILT_TAG_DEGREES = 0.01;
    static final double TILT_VECTOR_DEGREES = 0.5;

    private StackGeometry() {
    }

    static double[] normal(double[] iop) {
        double[] r = {iop[0], iop[1], iop[2]};
        double[] c = {iop[3], iop[4], iop[5]};
        return new double[] {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static final Comparator<CtSlice> ORDER = Comparator.comparingDouble(CtSlice::normalPosition)
            .thenComparingInt(CtSlice::instanceNumber).thenComparing(CtSlice::sopInstanceUid);

    /** Splits sorted slices by AcquisitionNumber when duplicates would otherwise remain (dynamic scans). */
    static List<List<CtSlice>> splitDynamic(List<CtSlice> sorted) {
        if (!hasDuplicates(sorted)) {
            return List.of(sorted);
        }
        Map<String, List<CtSlice>> byAcq = new LinkedHashMap<>();
        for (CtSlice s : sorted) {
            byAcq.computeIfAbsent(s.acquisitionNumber(), k -> new ArrayList<>()).add(s);
        }
        return byAcq.size() > 1 ? new ArrayList<>(byAcq.values()) : List.of(sorted);
    }

    static boolean hasDuplicates(List<CtSlice> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (Math.abs(sorted.get(i).normalPosition() - sorted.get(i - 1).normalPosition()) < DUPLICATE_MM) {
                return true;
            }
        }
        return false;
    }

    /** Duplicate, gap/uneven, tilt, mixed spacing and frame of reference problems of one sorted stack. */
    static List<StackProblem> check(List<CtSlice> s) {
        List<StackProblem> out = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            if (Math.abs(s.get(i).normalPosition() - s.get(i - 1).normalPosition()) < DUPLICATE_MM) {
                out.add(new StackProblem(StackProblem.Kind.DUPLICATE_POSITION, String.format(
                        "duplicate position d=%.3f mm: %s and %s", s.get(i).normalPosition(), s.get(i - 1).path(),
                        s.get(i).path())));
            }
        }
        spacing(s, out);
        double tilt = tiltDegrees(s);
        if (tilt > 0) {
            out.add(new StackProblem(StackProblem.Kind.TILT, String.format("gantry tilt %.1f deg", tilt)));
        }
        if (distinct(s, sl -> Arrays.toString(sl.pixelSpacing())) > 1) {
            out.add(new StackProblem(StackProblem.Kind.MIXED_PIXEL_SPACING, "mixed PixelSpacing"));
        }
        if (distinct(s, sl -> Attrs.string(sl.header(), TagFromName.FrameOfReferenceUID)) > 1) {
            out.add(new StackProblem(StackProblem.Kind.MIXED_FRAME_OF_REFERENCE, "mixed FrameOfReferenceUID"));
        }
        return out;
    }

    private static int distinct(List<CtSlice> s, java.util.function.Function<CtSlice, String> key) {
        return (int) s.stream().map(key).distinct().count();
    }

    /** Steps along the normal: k*median (k>=2) is a gap with k-1 missing slices, any other deviation is uneven. */
    private static void spacing(List<CtSlice> s, List<StackProblem> out) {
        if (s.size() < 3) {
            return;
        }
        double[] steps = new double[s.size() - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = s.get(i + 1).normalPosition() - s.get(i).normalPosition();
        }
        double m = Median.of(steps);
        double tol = Math.max(0.01, 0.01 * Math.abs(m));
        for (int i = 0; i < steps.length; i++) {
            double d = steps[i];
            if (Math.abs(d - m) <= tol || Math.abs(d) < DUPLICATE_MM) {
                continue;
            }
            long k = Math.round(d / m);
            if (k >= 2 && Math.abs(d - k * m) <= tol) {
                out.add(new StackProblem(StackProblem.Kind.GAP, String.format("gap between %s and %s: %.2f mm, %d "
                        + "slice(s) missing", s.get(i).path().getFileName(), s.get(i + 1).path().getFileName(), d,
                        k - 1)));
            } else {
                out.add(new StackProblem(StackProblem.Kind.UNEVEN, String.format("uneven step between %s and %s: %.2f "
                        + "mm (median %.2f mm)", s.get(i).path().getFileName(), s.get(i + 1).path().getFileName(), d,
                        m)));
            }
        }
    }

    /** The larger of |GantryDetectorTilt| (when above 0.01 deg) and the normal-vs-stack angle (when above 0.5 deg). */
    static double tiltDegrees(List<CtSlice> s) {
        double tagTilt = 0;
        try {
            tagTilt = Math.abs(Attrs.number(s.get(0).path(), s.get(0).header(), Tags.GANTRY_DETECTOR_TILT, 0));
        } catch (DicomReadException e) {
            tagTilt = 0; // unparsable tilt: the vector check below still runs
        }
        double vectorTilt = 0;
        if (s.size() > 1) {
            double[] a = s.get(0).position();
            double[] b = s.get(s.size() - 1).position();
            double[] v = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
            double len = Math.sqrt(dot(v, v));
            if (len > DUPLICATE_MM) {
                double[] n = normal(s.get(0).orientation());
                double cos = Math.min(1, Math.abs(dot(n, v)) / (len * Math.sqrt(dot(n, n))));
                vectorTilt = Math.toDegrees(Math.acos(cos));
            }
        }
        double reported = 0;
        if (tagTilt > TILT_TAG_DEGREES) {
            reported = tagTilt;
        }
        if (vectorTilt > TILT_VECTOR_DEGREES) {
            reported = Math.max(reported, vectorTilt);
        }
        return reported;
    }
}
