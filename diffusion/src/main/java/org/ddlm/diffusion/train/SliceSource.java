package org.ddlm.diffusion.train;

import java.util.List;
import org.ddlm.core.HuImage;

/**
 * Where the trainer gets normal-dose slices. The caller (the CLI reads DICOM in plugin/) decides
 * whether slices are held in memory or loaded on demand; the trainer asks for one slice per
 * patch draw, by index, so an implementation that loads lazily should cache.
 * A slice that cannot be supplied is reported with an unchecked exception, which ends training.
 */
public interface SliceSource {

    int size();

    HuImage slice(int index);

    /** Slices held in a list. */
    static SliceSource of(List<HuImage> slices) {
        List<HuImage> copy = List.copyOf(slices);
        return new SliceSource() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public HuImage slice(int index) {
                return copy.get(index);
            }
        };
    }
}
