package org.ddlm.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ddlm.core.HuImage;
import org.ddlm.validation.metrics.Roi;
import org.ddlm.validation.metrics.Window;
import org.junit.jupiter.api.Test;

/**
 * A report on real 512x512 abdomen slices (CC BY 4.0, TCIA Colorectal-Liver-Metastases) with a simulated noisy
 * input and a 3x3 mean filter as a stand-in denoiser. It leaves its files in target/report-preview for a person
 * to look at. Pixels are read without a DICOM library: these files are Explicit VR Little Endian and end with
 * Pixel Data (a 12-byte OW header, then 512*512 signed 16-bit values, RescaleIntercept -1024).
 */
class RealSliceReportTest {

    private static final int N = 512;
    private static final double SPACING = 0.796875;
    private static final float OUTSIDE_FOV = -3024; // stored -2000: the scanner's padding value

    static float[] readAbdomenSlice(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        int offset = raw.length - N * N * 2;
        String header = HexFormat.of().formatHex(raw, offset - 12, offset);
        if (!header.equals("e07f10004f57000000000800")) {
            throw new IOException(file + ": Pixel Data is not the last element as expected");
        }
        ByteBuffer b = ByteBuffer.wrap(raw, offset, N * N * 2).order(ByteOrder.LITTLE_ENDIAN);
        float[] hu = new float[N * N];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = b.getShort() - 1024f;
        }
        return hu;
    }

    @Test
    void reportOnRealSlicesShowsTheDenoiserBeatingTheInput() throws Exception {
        Path folder = Paths.get(System.getProperty("ddlm.shared", "../../shared"), "data", "ct",
                "abdomen-ge-lightspeed16");
        assumeTrue(Files.isDirectory(folder), "real CT data not present: " + folder);
        Random rnd = new Random(2026);
        List<SlicePair> pairs = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            float[] ref = readAbdomenSlice(folder.resolve("1-" + (18 + k) + ".dcm"));
            boolean[] pad = new boolean[ref.length];
            float[] input = new float[ref.length];
            for (int i = 0; i < ref.length; i++) {
                pad[i] = ref[i] == OUTSIDE_FOV;
                input[i] = pad[i] ? OUTSIDE_FOV : (float) (ref[i] + (20 + 8 * k) * rnd.nextGaussian());
            }
            float[] test = box3(input, pad);
            double z = -260 - 5 * k; // ImagePositionPatient z of files 1-18 .. 1-23
            pairs.add(new SlicePair(k, z, 62 + k, new SliceImage("test-" + k, new HuImage(N, N, test, pad)),
                    new SliceImage("ref-" + k, new HuImage(N, N, ref, pad)),
                    new SliceImage("in-" + k, new HuImage(N, N, input, pad)), 0));
        }
        ReportRequest req = ReportRequest.builder(new SeriesInfo("mean3x3", null, "3x3 mean of input", 6),
                        new SeriesInfo(folder.toString(), null, "CT CH/AB/PEL", 6))
                .input(new SeriesInfo("noisy", null, "reference + Gaussian noise 20-60 HU", 6))
                .pixelSpacing(SPACING, SPACING).noiseRoi(new Roi.CentredCircleMm(N, N, SPACING, SPACING, 10))
                .bodyMask(false)
                .windows(Window.REPORT_DEFAULTS).command("RealSliceReportTest").build();
        Path out = Paths.get("target", "report-preview");
        ReportResult r = ReportWriter.write(req, SliceSource.of(pairs), out, org.ddlm.core.Progress.NONE);

        WindowSummary abdomen = r.summaries().get(0);
        // Sanity band: the mean filter must gain, and cannot gain more than its white-noise variance reduction,
        // 10 log10(9) = 9.54 dB, since blurring the anatomy only costs.
        assertTrue(abdomen.deltaPsnr() > 0.5 && abdomen.deltaPsnr() < 9.55, "PSNR gain " + abdomen.deltaPsnr());
        assertTrue(abdomen.deltaSsim() > 0, "SSIM gain " + abdomen.deltaSsim());
        BufferedImage plot = ImageIO.read(r.plot().toFile());
        assertEquals(1200, plot.getWidth());
        BufferedImage montage = ImageIO.read(r.montage().toFile());
        assertEquals(2 * 20 + 4 * 512 + 3 * 10 + 110, montage.getWidth());
        System.out.printf("real-slice report: abdomen PSNR test %.2f dB, input %.2f dB; SSIM test %.4f, input %.4f;"
                        + " files in %s%n", abdomen.test().psnr().mean(), abdomen.input().psnr().mean(),
                abdomen.test().ssim().mean(), abdomen.input().ssim().mean(), out.toAbsolutePath());
    }

    /** 3x3 mean over non-padding neighbours; padding stays as it is. */
    private static float[] box3(float[] in, boolean[] pad) {
        float[] out = in.clone();
        for (int y = 1; y < N - 1; y++) {
            for (int x = 1; x < N - 1; x++) {
                if (pad[y * N + x]) {
                    continue;
                }
                double s = 0;
                int n = 0;
                for (int j = -1; j <= 1; j++) {
                    for (int i = -1; i <= 1; i++) {
                        int q = (y + j) * N + x + i;
                        if (!pad[q]) {
                            s += in[q];
                            n++;
                        }
                    }
                }
                out[y * N + x] = (float) (s / n);
            }
        }
        return out;
    }
}
