package org.ddlm.plugin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.Derivation;
import org.ddlm.dicom.DerivedSeriesWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "copy", description = "Write every CT stack under IN to OUT again through ddlm's DICOM writer, HU "
        + "unchanged (a round trip that checks reading and writing). OUT must not exist or be empty; it is written "
        + "atomically and never inside IN.")
final class CopyCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "IN", description = "input folder or file")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output folder (one subfolder per stack)")
    Path out;

    @Mixin
    DerivedSeriesOptions written;

    @Mixin
    ForceOption nonCt;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = stderr();
        List<CtStack> stacks = StackArgs.validatedForWriting(in, out, written.overwrite, nonCt.force);
        TerminalProgressBar progress = new TerminalProgressBar(err, "copy", stacks.stream().mapToInt(CtStack::size).sum());
        try (DerivedSeriesWriter writer = DerivedSeriesWriter.open(out, List.of(in), written.overwrite)) {
            for (int k = 0; k < stacks.size(); k++) {
                DerivedSeriesWriter.StackWriter sw = writer.beginStack(stacks.get(k),
                        Derivation.copy().withSeriesNumber(written.seriesNumber));
                for (int i = 0; i < stacks.get(k).size(); i++) {
                    HuImage img = stacks.get(k).slices().get(i).loadHu();
                    sw.write(i, img.hu(), img);
                    progress.step();
                }
            }
            writer.commit();
            progress.done();
            PrintWriter o = stdout();
            for (Path p : writer.stackFolders()) {
                o.println("wrote " + p);
            }
            writer.notes().forEach(n -> err.println("note: " + n));
            if (writer.clampedPixels() > 0) {
                err.println("note: " + writer.clampedPixels() + " pixel(s) clamped to the int16 range");
            }
        }
        return 0;
    }
}
