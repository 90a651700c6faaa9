package org.ddlm.plugin.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.ddlm.core.BodyMask;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.train.TweedieCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check-prior", description = "Sanity check of a prior (algorithms.md 5.4): add 30 HU noise (white, or "
        + "CT-textured for a prior trained on CT-textured noise) to each normal-dose slice of DIR, take the prior's one-step Tweedie estimate at the matched noise level, and "
        + "compare RMSE over the body mask. A good prior at least halves it. Use a patient the prior was not trained on.")
final class CheckPriorCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "normal-dose series not used for training")
    Path dir;

    @Mixin
    PriorOption modelOption;

    @Option(names = "--seed", description = "noise seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Mixin
    DeviceOptions deviceOptions;

    @Override
    public Integer call() throws Exception {
        CtStack stack = StackArgs.single(dir, false, "DIR");
        Device device = deviceOptions.start();
        PrintWriter out = stdout();
        int passed = 0;
        double sumNoisy = 0;
        double sumDenoised = 0;
        try (PriorModels.Opened prior = PriorModels.open(modelOption.model, device)) {
            out.printf("prior %s; %d slice(s) of %s; 30 HU %s noise%n", prior.id(), stack.size(), dir,
                    prior.spec().noise() == null ? "white" : "CT-textured");
            out.printf("%-12s %14s %16s %8s%n", "slice", "noisy RMSE HU", "Tweedie RMSE HU", "ratio");
            for (int i = 0; i < stack.size(); i++) {
                CtSlice s = stack.slices().get(i);
                HuImage img = s.loadHu();
                float[] hu = img.filledCopy(HuImage.PADDING_FILL_HU);
                boolean[] body = BodyMask.of(img);
                // The prior is checked on noise of the texture it was trained with (white unless its model.json says).
                TweedieCheck.Result r = TweedieCheck.run(prior.denoiser(), hu, body, img.width(), img.height(), seed + i,
                        device, prior.spec().noise());
                passed += r.passes() ? 1 : 0;
                sumNoisy += r.noisyRmseHu();
                sumDenoised += r.denoisedRmseHu();
                out.printf(Locale.ROOT, "%-12s %14.2f %16.2f %8.3f%n", s.path().getFileName(), r.noisyRmseHu(),
                        r.denoisedRmseHu(), r.denoisedRmseHu() / r.noisyRmseHu());
            }
        }
        out.printf(Locale.ROOT, "mean: noisy %.2f HU, Tweedie %.2f HU (%.2fx lower); %d of %d slices pass (<= 0.5)%n",
                sumNoisy / stack.size(), sumDenoised / stack.size(), sumNoisy / sumDenoised, passed, stack.size());
        return passed == stack.size() ? 0 : 1;
    }
}
