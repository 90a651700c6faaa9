package org.ddlm.plugin.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddlm.core.HuImage;
import org.ddlm.dicom.CtSlice;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.diffusion.train.SliceSource;

/** Reads every CT stack under the given folders into training slices (HU with padding masks). */
public final class TrainingData {
    private TrainingData() {
    }

    public record Loaded(SliceSource slices, int stacks, List<String> folders) {
    }

    public static Loaded read(List<Path> dirs) throws DicomReadException {
        List<HuImage> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int stacks = 0;
        for (Path dir : dirs) {
            for (CtStack stack : new SeriesScanner().scan(dir).requireStacks()) {
                stacks++;
                for (CtSlice s : stack.slices()) {
                    HuImage img = s.loadHu();
                    out.add(img);
                }
            }
            names.add(dir.toString());
        }
        return new Loaded(SliceSource.of(out), stacks, names);
    }
}
