package org.ddlm.plugin.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.OutputFolder;
import org.ddlm.diffusion.model.NoiseTexture;
import org.ddlm.diffusion.net.PriorModels;
import org.ddlm.diffusion.net.UNetWeightsArchive;
import org.ddlm.diffusion.train.PatchSampler;
import org.ddlm.diffusion.train.SliceSource;
import org.ddlm.plugin.workflow.TrainingData;
import org.ddlm.plugin.workflow.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * NumPy archives in and out, for training a prior with another framework on a GPU machine that has no Java
 * ({@code diffusion/tools/train_prior_torch.py}): the training slices out, the UNet weights out and back in.
 */
@Command(name = "npz", description = "Exchange training data and UNet weights with NumPy/PyTorch as .npz archives "
        + "(used to train a prior on a GPU machine without Java: see diffusion/tools/train_prior_torch.py).",
        subcommands = {NpzCommand.ExportSlices.class, NpzCommand.ExportWeights.class, NpzCommand.ImportWeights.class})
final class NpzCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export-slices", description = "Write every CT slice under the folders as int32 HU arrays "
            + "(clipped to [-1024, 3071], padding as -1024, as ddlm train uses them), named s0000, s0001, ...")
    static final class ExportSlices extends Subcommand {
        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR", description = "folders of CT series")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "archive to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrainingData.Loaded loaded = TrainingData.read(data);
            SliceSource slices = loaded.slices();
            org.ddlm.core.AtomicFile.write(out, part -> {
                try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                     OutputStream os = Files.newOutputStream(part)) {
                    NDList arrays = new NDList();
                    for (int i = 0; i < slices.size(); i++) {
                        HuImage s = slices.slice(i);
                        int[] hu = new int[s.width() * s.height()];
                        for (int p = 0; p < hu.length; p++) {
                            hu[p] = (int) Math.round(PatchSampler.trainingHu(s, p));
                        }
                        NDArray a = manager.create(hu, new Shape(s.height(), s.width()));
                        a.setName(String.format("s%04d", i));
                        arrays.add(a);
                    }
                    arrays.encode(os, NDList.Encoding.NPZ);
                }
            });
            PrintWriter w = stdout();
            w.printf("%d slice(s) of %d stack(s) written to %s%n", slices.size(), loaded.stacks(), out);
            w.flush();
            return 0;
        }
    }

    @Command(name = "export-weights", description = "Write a ddlm UNet prior's weights (float32, DJL parameter "
            + "names) and a probe (probe_x, probe_u and this build's probe_out) to an archive.")
    static final class ExportWeights implements Callable<Integer> {
        @Parameters(paramLabel = "MODEL", defaultValue = PriorModels.DEFAULT, description = "default or MODEL_DIR")
        String model;

        @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "archive to write")
        Path out;

        @Mixin
        DeviceOptions deviceOptions;

        @Override
        public Integer call() throws Exception {
            UNetWeightsArchive.export(model, out, deviceOptions.start());
            return 0;
        }
    }

    @Command(name = "import-weights", description = "Make a model folder from an archive of UNet weights: the "
            + "network shape, sidecar and noise calibration come from --like; the archive's probe must be reproduced "
            + "by this build (a port wired differently is refused).")
    static final class ImportWeights extends Subcommand {
        @Parameters(paramLabel = "FILE.npz", description = "weights archive (as written by export-weights or the "
                + "training script)")
        Path npz;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "new model folder (must not exist)")
        Path out;

        @Option(names = "--like", paramLabel = "MODEL", description = "default or MODEL_DIR whose shape and sidecar "
                + "to use (default ${DEFAULT-VALUE})")
        String like = PriorModels.DEFAULT;

        @Option(names = "--base-width", paramLabel = "N", description = "base width of the archive's UNet when it "
                + "differs from --like's (other shape settings are --like's)")
        Integer baseWidth;

        @Option(names = "--noise", paramLabel = "white|ct", description = "noise the weights were trained with, "
                + "declared in model.json (default ${DEFAULT-VALUE})")
        String noise = "white";

        @Override
        public Integer call() throws Exception {
            NoiseTexture texture = switch (noise) {
                case "white" -> null;
                case "ct" -> NoiseTexture.CT;
                default -> throw new UserException("--noise must be white or ct, got '" + noise + "'");
            };
            if (!Files.isRegularFile(npz)) {
                throw new UserException("No weights archive at " + npz + ".");
            }
            if (Files.exists(out)) {
                throw new UserException(out + " already exists; choose a new folder for the imported model.");
            }
            // Written beside OUT and renamed, so a failure leaves nothing.
            Path part = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
            try {
                Files.createDirectories(part);
                UNetWeightsArchive.writeModel(npz, like, baseWidth, texture, part);
                Files.move(part, out.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                OutputFolder.deleteTree(part);
            }
            PrintWriter w = stdout();
            w.printf("model written to %s%n", out);
            w.flush();
            return 0;
        }
    }
}
