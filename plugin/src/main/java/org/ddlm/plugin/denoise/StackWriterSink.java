package org.ddlm.plugin.denoise;

import org.ddlm.core.HuImage;
import org.ddlm.diffusion.ddlm.SeriesDenoiser;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DerivedSeriesWriter;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.DicomWriteException;

/**
 * Writes denoised slices into a derived series. The source slice is decoded again for its padding (a few
 * milliseconds against seconds of sampling), so no batch has to keep its source images.
 */
public final class StackWriterSink implements SeriesDenoiser.SliceSink {
    /** Told after each slice is stored (the CLI's progress bar, Fiji's status line). */
    public interface Listener {
        void written(int index, SeriesDenoiser.SliceRecord record);
    }

    private final CtStack stack;
    private final DerivedSeriesWriter.StackWriter writer;
    private final DerivedSeriesWriter.StackWriter spreadWriter;
    private final Listener listener;

    public StackWriterSink(CtStack stack, DerivedSeriesWriter.StackWriter writer, Listener listener) {
        this(stack, writer, null, listener);
    }

    /** @param spreadWriter where each slice's per-pixel spread across views/members goes, or null */
    public StackWriterSink(CtStack stack, DerivedSeriesWriter.StackWriter writer,
                           DerivedSeriesWriter.StackWriter spreadWriter, Listener listener) {
        this.stack = stack;
        this.writer = writer;
        this.spreadWriter = spreadWriter;
        this.listener = listener == null ? (i, r) -> { } : listener;
    }

    @Override
    public void accept(int index, float[] hu, SeriesDenoiser.SliceRecord record)
            throws DicomReadException, DicomWriteException {
        HuImage source = stack.slices().get(index).loadHu();
        writer.write(index, source.restorePadding(hu), source, record.describe());
        if (spreadWriter != null) {
            spreadWriter.write(index, source.restorePadding(record.outcome().spread().clone()), source,
                    record.describe());
        }
        listener.written(index, record);
    }
}
