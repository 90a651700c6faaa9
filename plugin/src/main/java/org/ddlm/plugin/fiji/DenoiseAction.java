package org.ddlm.plugin.fiji;

import ai.djl.Device;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ij.IJ;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.device.DeviceChoice;
import org.ddlm.diffusion.device.DeviceSelector;
import org.ddlm.diffusion.device.ThreadCounts;
import org.ddlm.diffusion.device.TorchRuntime;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.plugin.workflow.DenoiseRequest;
import org.ddlm.plugin.workflow.UserException;

/**
 * Denoises a series with the CLI's request ({@link DenoiseRequest}): the result opens as a 32-bit HU stack, the
 * per-slice noise levels fill a ResultsTable, and a DICOM series is written when an output folder is given. The
 * series is committed only after the last slice, so a cancelled run leaves nothing behind.
 */
final class DenoiseAction {
    static final String TABLE = "DDLM denoise";

    private DenoiseAction() {
    }

    static ImagePlus run(DenoiseOptions o, ImagePlus current, IjProgress progress) throws Exception {
        DicomSources.Source src = o.currentImage() ? DicomSources.image(current) : DicomSources.folder(o.folder(),
                "input");
        if (!src.coversWholeStack()) {
            throw new UserException("the image holds " + src.stackIndex().length + " of the " + src.stack().size()
                    + " slices of its series; open the whole series or choose its folder");
        }
        DenoiseRequest request = DenoiseRequest.builder().model(o.model()).settings(o.settings())
                .sigma(o.fixedSigma()).timeFactor(o.fixedTimeFactor())
                .normalDoseNoise(o.givenNormalDoseNoise()).batch(o.batch())
                .inputs(List.of(src.folder())).output(o.output()).overwrite(o.overwrite()).build();
        request.checkOutput();
        CtStack stack = src.stack();
        return DjlContext.call(o.device(), () -> {
            TorchRuntime.start(ThreadCounts.defaults());
            Device device = DeviceSelector.select(DeviceChoice.parse(o.device()));
            int n = stack.size();
            float[][] hu = new float[n][];
            float[][] spread = new float[n][];
            SeriesDenoiser.SliceRecord[] records = new SeriesDenoiser.SliceRecord[n];
            DenoiseRequest.Result run = request.run(List.of(stack), device, progress, (s, i, out, r) -> {
                hu[i] = s.slices().get(i).loadHu().restorePadding(out.clone());
                if (o.uncertainty()) {
                    spread[i] = r.outcome().spread().clone(); // kept only when asked: a stack's worth of floats
                }
                records[i] = r;
            });
            SeriesDenoiser.Summary summary = run.summaries().get(0);
            if (!summary.flagged().isEmpty()) {
                IJ.log("DDLM warning: slice(s) " + summary.flagged() + " failed the safety check twice and were "
                        + "kept as the input (see the Flagged column of " + TABLE + ")");
            }
            if (!summary.floorCapped().isEmpty()) {
                IJ.log("DDLM note: slice(s) " + summary.floorCapped() + " are quieter than sqrt 2 x the normal-dose "
                        + "noise the prior expects at their thickness: their level is uncertain (Floor capped column of "
                        + TABLE + "); if you know the protocol's normal-dose noise, give it as the floor");
            }
            List<Path> written = run.written();
            fillTable(stack, records);
            String info = info(run.description(), summary, src, written);
            progress.finish(String.format(Locale.ROOT, "%d slices in %.1f s", n, summary.seconds()));
            ImagePlus result = HuImages.create(title(current, src, o), src, Arrays.asList(hu), info);
            if (!written.isEmpty()) {
                result.setProperty("ddlm.written", written.get(0).toString());
            }
            if (o.uncertainty()) {
                // A second stack on the same grid; scripts find it as the result's "ddlm.spread" property.
                ImagePlus map = HuImages.create(title(current, src, o) + " spread (HU)", src,
                        Arrays.asList(spread), info + "Per-pixel std across the mirror views/members (HU)\n");
                result.setProperty("ddlm.spread", map);
                if (o.show()) {
                    map.show();
                }
            }
            return result;
        });
    }

    private static void fillTable(CtStack stack, SeriesDenoiser.SliceRecord[] records) {
        ResultsTable rt = new ResultsTable();
        for (int i = 0; i < records.length; i++) {
            SeriesDenoiser.SliceRecord r = records[i];
            rt.incrementCounter();
            rt.addValue("Slice", i + 1);
            rt.addValue("File", stack.slices().get(i).path().getFileName().toString());
            rt.addValue("sigma_n (HU)", r.sigmaNHu());
            rt.addValue("Normal-dose floor (HU)", r.floorHu());
            rt.addValue("Floor capped", r.floorCapped() ? 1 : 0);
            rt.addValue("Sharpness", r.profile().sharpness());
            rt.addValue("c_t", r.outcome().timeFactor());
            rt.addValue("t*", r.match().time());
            rt.addValue("Unchanged", r.outcome().unchanged() ? 1 : 0);
            rt.addValue("Attempts", r.outcome().attempts());
            rt.addValue("Flagged", r.flagged() ? 1 : 0);
        }
        rt.show(TABLE);
    }

    private static String info(String description, SeriesDenoiser.Summary s, DicomSources.Source src,
                               List<Path> written) {
        List<String> lines = new ArrayList<>();
        lines.add("DDLM denoised (ddlm " + org.ddlm.dicom.DdlmVersion.VERSION + ")");
        lines.add("Source: " + src.folder() + " (series " + src.stack().seriesInstanceUid() + ")");
        lines.add("Settings: " + description);
        lines.add(String.format(Locale.ROOT, "Slices: %d, mean sigma_n %.2f HU, unchanged %d, %.1f s, %d network "
                + "evaluations", s.slices(), s.meanSigmaNHu(), s.unchanged(), s.seconds(), s.networkEvaluations()));
        if (!s.flagged().isEmpty()) {
            lines.add("FLAGGED (failed the safety check twice, kept as input): slices " + s.flagged());
        }
        if (!s.floorCapped().isEmpty()) {
            lines.add("Normal-dose floor capped at total/sqrt 2 (level uncertain): slices " + s.floorCapped());
        }
        for (Path p : written) {
            lines.add("Written: " + p);
        }
        return String.join("\n", lines) + "\n";
    }

    private static String title(ImagePlus current, DicomSources.Source src, DenoiseOptions o) {
        String base = o.currentImage() && current != null ? current.getShortTitle()
                : String.valueOf(src.folder().getFileName());
        return base + " DDLM";
    }
}
