package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.plugin.workflow.ValidateRequest;
import org.ddlm.validation.metrics.Window;
import org.ddlm.validation.pairing.StackPairing;
import org.ddlm.validation.report.ReportResult;
import org.ddlm.validation.report.SliceEvaluation;
import org.ddlm.validation.report.SliceImage;
import org.ddlm.validation.report.SlicePair;
import org.ddlm.validation.report.SliceSource;
import org.ddlm.validation.report.WindowRow;

/**
 * Measures a test series against a full-dose reference through the same {@link ValidateRequest} as
 * {@code ddlm validate} (the same numbers): per-slice PSNR, SSIM and RMSE in each window go to ImageJ's Results table, and PSNR and
 * SSIM against slice position to a plot. When the test is the current image, its own pixels are measured (e.g. an
 * unsaved DDLM result), placed by the files of its source series.
 */
final class ValidateAction {
    private ValidateAction() {
    }

    /** @param options report folder null: the report files go to a temporary folder that is deleted afterwards */
    static ReportResult run(ValidateOptions o, ImagePlus current, IjProgress progress) throws Exception {
        DicomSources.Source test = o.currentImage() ? DicomSources.image(current) : DicomSources.folder(o.folder(),
                "test");
        DicomSources.Source ref = DicomSources.folder(o.reference(), "reference");
        DicomSources.Source input = o.input() == null ? null : DicomSources.folder(o.input(), "low-dose input");
        ValidateRequest.Builder b = ValidateRequest.builder().windows(o.windows())
                .report(o.report(), Arrays.asList(test.folder(), ref.folder(), input == null ? null : input.folder()))
                .command("Fiji: Validate Against Reference");
        if (o.currentImage()) {
            b.testPixels(pairing -> imagePixels(pairing, current, test));
        }
        ReportResult result = b.build().run(series(test, o.currentImage() ? current.getTitle() : null),
                series(ref, null), input == null ? null : series(input, null), progress).result();
        fillResults(result, o.windows());
        progress.finish(result.slices().size() + " slice pairs measured");
        return result;
    }

    /** The pairing, with each test slice's pixels taken from the image instead of its file. */
    private static SliceSource imagePixels(StackPairing pairing, ImagePlus imp, DicomSources.Source test) {
        Map<String, Integer> imageSlice = new HashMap<>();
        for (int i = 0; i < test.stackIndex().length; i++) {
            imageSlice.put(test.stack().slices().get(test.stackIndex()[i]).sopInstanceUid(), i + 1);
        }
        return new SliceSource() {
            @Override
            public int size() {
                return pairing.size();
            }

            @Override
            public SlicePair get(int position) throws IOException {
                SlicePair p = pairing.get(position);
                SliceImage t = p.test();
                SliceImage mine = new SliceImage(t.sopInstanceUid(),
                        HuImages.hu(imp, imageSlice.get(t.sopInstanceUid())));
                return new SlicePair(p.index(), p.zMm(), p.instanceNumber(), mine, p.reference(), p.input(),
                        p.clampedPixels());
            }
        };
    }

    private static ValidateRequest.Series series(DicomSources.Source s, String imageTitle) {
        String where = imageTitle == null ? s.folder().toString() : "image '" + imageTitle + "' (" + s.folder() + ")";
        return new ValidateRequest.Series(where, s.stack());
    }

    /** One row per slice pair in the Results table; columns per window, e.g. "PSNR abdomen". */
    private static void fillResults(ReportResult result, List<Window> windows) {
        ResultsTable rt = ResultsTable.getResultsTable();
        rt.reset();
        rt.setPrecision(6); // SSIM differences in the fourth decimal matter
        for (SliceEvaluation s : result.slices()) {
            rt.incrementCounter();
            rt.addValue("Slice", s.index() + 1);
            rt.addValue("z (mm)", s.zMm());
            for (int w = 0; w < windows.size(); w++) {
                WindowRow row = s.row(w);
                String name = windows.get(w).name();
                rt.addValue("PSNR " + name, row.test().psnrDb());
                rt.addValue("SSIM " + name, row.test().ssim());
                rt.addValue("RMSE " + name, row.test().rmse());
                if (row.input() != null) {
                    rt.addValue("input PSNR " + name, row.input().psnrDb());
                    rt.addValue("input SSIM " + name, row.input().ssim());
                }
            }
        }
        rt.show("Results");
        plot(result, windows.get(0).name()).show();
    }

    static Plot plot(ReportResult result, String window) {
        int n = result.slices().size();
        double[] z = new double[n];
        double[] psnr = new double[n];
        double[] psnrIn = new double[n];
        boolean hasInput = false;
        for (int i = 0; i < n; i++) {
            SliceEvaluation s = result.slices().get(i);
            z[i] = s.zMm();
            psnr[i] = s.row(0).test().psnrDb();
            if (s.row(0).input() != null) {
                hasInput = true;
                psnrIn[i] = s.row(0).input().psnrDb();
            }
        }
        Plot plot = new Plot("PSNR per slice (" + window + " window)", "z (mm)", "PSNR (dB)");
        plot.setColor(java.awt.Color.BLUE);
        plot.add("connected circle", z, psnr);
        plot.setLabel(-1, "test");
        if (hasInput) {
            plot.setColor(java.awt.Color.RED);
            plot.add("connected circle", z, psnrIn);
            plot.setLabel(-1, "low-dose input");
        }
        plot.setLegend(null, Plot.AUTO_POSITION);
        return plot;
    }
}
