package org.ddlm.dicom;

import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ddlm.core.Median;

/**
 * The slices of one series that share orientation and matrix, sorted along the slice normal (architecture.md's
 * CtSeries). Problems found while reading are data, not log lines.
 */
public final class CtStack {
    private final String id;
    private final List<CtSlice> slices;
    private final List<StackProblem> problems;
    private final double tiltDegrees;
    /** Median SliceThickness, read once: every slice without its own falls back to it. */
    private final double medianThicknessMm;

    CtStack(String id, List<CtSlice> slices, List<StackProblem> problems, double tiltDegrees) {
        this.id = id;
        this.slices = List.copyOf(slices);
        this.problems = List.copyOf(problems);
        this.tiltDegrees = tiltDegrees;
        double[] mm = this.slices.stream().mapToDouble(CtSlice::sliceThicknessMm).filter(v -> !Double.isNaN(v))
                .toArray();
        this.medianThicknessMm = mm.length == 0 ? Double.NaN : Median.of(mm);
    }

    /** SeriesInstanceUID, plus "#2", "#3"... when a series was split into several stacks. */
    public String id() {
        return id;
    }

    public String seriesInstanceUid() {
        return first().seriesInstanceUid();
    }

    public String seriesDescription() {
        return Attrs.string(first().header(), TagFromName.SeriesDescription);
    }

    public String seriesNumber() {
        return Attrs.string(first().header(), TagFromName.SeriesNumber);
    }

    public String studyInstanceUid() {
        return Attrs.string(first().header(), TagFromName.StudyInstanceUID);
    }

    public List<CtSlice> slices() {
        return slices;
    }

    public int size() {
        return slices.size();
    }

    public CtSlice first() {
        return slices.get(0);
    }

    public List<StackProblem> problems() {
        return problems;
    }

    /** Angle between the slice normal and the stack direction, or the gantry tilt, whichever is reported (degrees). */
    public double tiltDegrees() {
        return tiltDegrees;
    }

    /** Median SliceThickness over the slices that give one (mm); NaN when none does. */
    public double sliceThicknessMm() {
        return medianThicknessMm;
    }

    /**
     * The SliceThickness of slice {@code index} (mm), or the series' median when that slice gives none; NaN when no
     * slice does. A series may mix thicknesses: GE head protocols reconstruct the posterior fossa at 4 mm and the
     * cerebrum at 7 mm.
     */
    public double sliceThicknessMm(int index) {
        return thicknessOf(slices.get(index));
    }

    /** The SliceThickness of {@code slice} (mm), or this stack's median when it gives none. */
    public double thicknessOf(CtSlice slice) {
        double own = slice.sliceThicknessMm();
        return Double.isNaN(own) ? sliceThicknessMm() : own;
    }

    /** Median step along the normal (mm); 0 for a single slice. */
    public double medianStep() {
        if (slices.size() < 2) {
            return 0;
        }
        double[] steps = new double[slices.size() - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = slices.get(i + 1).normalPosition() - slices.get(i).normalPosition();
        }
        return Median.of(steps);
    }

    public Set<String> transferSyntaxes() {
        Set<String> out = new LinkedHashSet<>();
        for (CtSlice s : slices) {
            out.add(TransferSyntaxes.nameOf(s.transferSyntaxUid()));
        }
        return out;
    }

    /**
     * Throws when a processing command must refuse this stack (duplicate positions, one study under two
     * PatientIDs, mixed FrameOfReferenceUID), naming the files.
     */
    public void requireProcessable() throws DicomReadException {
        List<String> blocking = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        for (StackProblem p : problems) {
            if (p.blocksProcessing()) {
                blocking.add(p.text());
                fixes.add(p.fix());
            }
        }
        if (!blocking.isEmpty()) {
            throw new DicomReadException(first().path().getParent(), Problem.BAD_VALUE, "stack " + id + " cannot be "
                    + "processed: " + String.join("; ", blocking), String.join("; ", fixes));
        }
    }
}
