package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.ScanResult;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.dicom.StackProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", description = "List the CT series (stacks) found under DIR: UID, description, slices, matrix, "
        + "spacing, HU range and problems (gaps, duplicates, tilt). Skipped files come last with their reason. "
        + "With --json: one JSON object per stack on stdout (for pipelines); each DIR is read on its own, and a DIR "
        + "that cannot be read gives an object with \"error\" and exit code 1 after the others are listed.")
final class InfoCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "folder (searched recursively) or single DICOM "
            + "file; several are read one after the other")
    List<Path> dirs;

    @Option(names = "--json", description = "one JSON object per line and stack: folder, stack, patient_id, study_uid, "
            + "series_uid, series_number, description, image_type, slices, matrix [rows, cols], pixel_spacing_mm, "
            + "slice_step_mm, source_series (ReferencedSeriesSequence), problems, processable; skipped files go to "
            + "stderr")
    boolean json;

    @Mixin
    ForceOption nonCt;

    @Option(names = "--no-pixels", description = "do not decode pixels (faster; no HU range)")
    boolean noPixels;

    @Override
    public Integer call() throws Exception {
        if (json) {
            return InfoJsonLines.print(dirs, new SeriesScanner(nonCt.force), stdout(), stderr());
        }
        for (Path dir : dirs) {
            describe(dir);
        }
        return 0;
    }

    private void describe(Path dir) throws Exception {
        PrintWriter out = stdout();
        ScanResult result = new SeriesScanner(nonCt.force).scan(dir);
        List<CtStack> stacks = result.stacks();
        out.printf("%s: %d stack(s)%n", dir, stacks.size());
        for (CtStack s : stacks) {
            CtSlice first = s.first();
            double[] ps = first.pixelSpacing();
            out.printf("%nstack %s%n", s.id());
            out.printf("  series       %s  \"%s\"%n", s.seriesNumber(), s.seriesDescription());
            out.printf("  slices       %d%n", s.size());
            out.printf("  matrix       %dx%d (rows x columns)%n", first.rows(), first.cols());
            out.printf("  spacing      %.4f x %.4f mm, median step %.3f mm%n", ps[0], ps[1], s.medianStep());
            out.printf("  position d   %.2f .. %.2f mm along the normal%n", first.normalPosition(),
                    s.slices().get(s.size() - 1).normalPosition());
            if (!noPixels) {
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (CtSlice sl : s.slices()) {
                    HuImage img = sl.loadHu();
                    for (float v : img.hu()) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                out.printf("  HU range     %.0f .. %.0f%s%n", min, max, first.forced() ? " (non-CT: units unknown)" : "");
            }
            out.printf("  syntax       %s%n", String.join(", ", s.transferSyntaxes()));
            if (s.problems().isEmpty()) {
                out.printf("  problems     none%n");
            }
            for (StackProblem p : s.problems()) {
                out.printf("  problem      %s%n", p.text());
            }
            for (CtSlice sl : s.slices()) {
                for (String note : sl.notes()) {
                    out.printf("  note         %s: %s%n", sl.path().getFileName(), note);
                }
            }
        }
        if (result.localizersExcluded() > 0) {
            out.printf("%n%d localizer image(s) excluded%n", result.localizersExcluded());
        }
        if (!result.skipped().isEmpty()) {
            out.println();
            result.skipped().forEach(out::println);
        }
        result.requireStacks();
    }
}
