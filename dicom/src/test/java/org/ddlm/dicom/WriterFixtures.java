package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddlm.core.HuImage;

/** Small helpers for the writer tests (data paths come from {@link TestData}). */
final class WriterFixtures {
    private WriterFixtures() {
    }

    static AttributeList readAll(Path file) throws Exception {
        AttributeList l = new AttributeList();
        l.read(file.toFile());
        return l;
    }

    /** Copies every slice of {@code stack} through the writer into {@code out}, with {@code derivation}. */
    static DerivedSeriesWriter copy(CtStack stack, Path in, Path out, Derivation derivation) throws Exception {
        List<HuImage> images = new ArrayList<>();
        for (CtSlice s : stack.slices()) {
            images.add(s.loadHu());
        }
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), false)) {
            DerivedSeriesWriter.StackWriter sw = w.beginStack(stack, derivation);
            for (int i = 0; i < stack.size(); i++) {
                sw.write(i, images.get(i).hu(), images.get(i));
            }
            w.commit();
            return w;
        }
    }
}
