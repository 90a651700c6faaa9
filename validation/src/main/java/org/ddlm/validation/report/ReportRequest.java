package org.ddlm.validation.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.Window;

/** Everything a report needs besides the slices; build with {@link #builder}. */
public final class ReportRequest {

    private final SeriesInfo test;
    private final SeriesInfo reference;
    private final SeriesInfo input;
    private final double rowSpacingMm;
    private final double columnSpacingMm;
    private final List<Window> windows;
    private final boolean bodyMask;
    private final Roi noiseRoi;
    private final List<Integer> montageSlices;
    private final List<String> unmatched;
    private final List<String> problems;
    private final Map<String, String> settings;
    private final String command;
    private final String toolVersion;
    private final Instant created;

    private ReportRequest(Builder b) {
        test = Objects.requireNonNull(b.test, "test series info");
        reference = Objects.requireNonNull(b.reference, "reference series info");
        input = b.input;
        rowSpacingMm = b.rowSpacingMm;
        columnSpacingMm = b.columnSpacingMm;
        windows = List.copyOf(b.windows);
        bodyMask = b.bodyMask;
        noiseRoi = b.noiseRoi;
        montageSlices = b.montageSlices == null ? null : List.copyOf(b.montageSlices);
        unmatched = List.copyOf(b.unmatched);
        problems = List.copyOf(b.problems);
        settings = Map.copyOf(b.settings);
        command = b.command;
        toolVersion = b.toolVersion;
        created = b.created == null ? Instant.now() : b.created;
    }

    public static Builder builder(SeriesInfo test, SeriesInfo reference) {
        return new Builder(test, reference);
    }

    public SeriesInfo test() {
        return test;
    }

    public SeriesInfo reference() {
        return reference;
    }

    /** The low-dose input series, or null. */
    public SeriesInfo input() {
        return input;
    }

    public double rowSpacingMm() {
        return rowSpacingMm;
    }

    public double columnSpacingMm() {
        return columnSpacingMm;
    }

    /** The windows of the CSV and JSON; the first one is used by the plot and the montage. */
    public List<Window> windows() {
        return windows;
    }

    public Window plotWindow() {
        return windows.get(0);
    }

    public boolean bodyMask() {
        return bodyMask;
    }

    /** The noise ROI, or null for no noise columns. */
    public Roi noiseRoi() {
        return noiseRoi;
    }

    /** slice_index values for the montage rows, or null for lowest/median/highest test PSNR. */
    public List<Integer> montageSlices() {
        return montageSlices;
    }

    public List<String> unmatched() {
        return unmatched;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, String> settings() {
        return settings;
    }

    public String command() {
        return command;
    }

    public String toolVersion() {
        return toolVersion;
    }

    public Instant created() {
        return created;
    }

    /** Builder; the defaults are the report defaults of metrics.md section 9. */
    public static final class Builder {
        private final SeriesInfo test;
        private final SeriesInfo reference;
        private SeriesInfo input;
        private double rowSpacingMm = 1;
        private double columnSpacingMm = 1;
        private List<Window> windows = Window.REPORT_DEFAULTS;
        private boolean bodyMask;
        private Roi noiseRoi;
        private List<Integer> montageSlices;
        private List<String> unmatched = List.of();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String command = "";
        private String toolVersion = "unknown";
        private Instant created;

        private Builder(SeriesInfo test, SeriesInfo reference) {
            this.test = test;
            this.reference = reference;
        }

        public Builder input(SeriesInfo info) {
            input = info;
            return this;
        }

        /** PixelSpacing: row spacing (between rows, y) then column spacing (between columns, x), in mm. */
        public Builder pixelSpacing(double rowMm, double columnMm) {
            if (!(rowMm > 0) || !(columnMm > 0)) {
                throw new IllegalArgumentException("pixel spacing must be > 0, got " + rowMm + ", " + columnMm);
            }
            rowSpacingMm = rowMm;
            columnSpacingMm = columnMm;
            return this;
        }

        public Builder windows(List<Window> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("a report needs at least one window");
            }
            Set<String> names = new HashSet<>();
            for (Window w : list) {
                if (!names.add(w.name())) {
                    throw new IllegalArgumentException("window name '" + w.name() + "' given twice");
                }
            }
            windows = List.copyOf(list);
            return this;
        }

        public Builder bodyMask(boolean on) {
            bodyMask = on;
            return this;
        }

        public Builder noiseRoi(Roi roi) {
            noiseRoi = roi;
            return this;
        }

        public Builder montageSlices(List<Integer> sliceIndexes) {
            montageSlices = sliceIndexes;
            return this;
        }

        public Builder unmatched(List<String> list) {
            unmatched = list;
            return this;
        }

        public Builder problem(String text) {
            problems.add(text);
            return this;
        }

        public Builder problems(List<String> texts) {
            problems.addAll(texts);
            return this;
        }

        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public Builder command(String text) {
            command = text;
            return this;
        }

        public Builder toolVersion(String version) {
            toolVersion = version;
            return this;
        }

        public Builder created(Instant when) {
            created = when;
            return this;
        }

        public ReportRequest build() {
            return new ReportRequest(this);
        }
    }
}
