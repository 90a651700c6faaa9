package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.List;
import org.ddlm.core.HuImage;

/**
 * One image of a stack: where it came from, its geometry, and a loader for its HU. The source header is kept so the
 * writer can copy its public attributes; it holds neither Pixel Data, nor private elements, nor huge values
 * ({@link HeaderSelection}), so its size does not grow with the file's. It stays inside this package.
 */
public final class CtSlice {
    private final Path path;
    private final AttributeList header;
    private final PixelFormat format;
    private final String transferSyntaxUid;
    private final double[] position;
    private final double[] orientation;
    private final double[] pixelSpacing;
    private final double normalPosition;
    private final List<String> notes;
    private final boolean forced;

    CtSlice(Path path, AttributeList header, PixelFormat format, String transferSyntaxUid, double[] position,
            double[] orientation, double[] pixelSpacing, double normalPosition, List<String> notes, boolean forced) {
        this.path = path;
        this.header = header;
        this.format = format;
        this.transferSyntaxUid = transferSyntaxUid;
        this.position = position;
        this.orientation = orientation;
        this.pixelSpacing = pixelSpacing;
        this.normalPosition = normalPosition;
        this.notes = List.copyOf(notes);
        this.forced = forced;
    }

    public Path path() {
        return path;
    }

    AttributeList header() {
        return header;
    }

    public PixelFormat format() {
        return format;
    }

    public int rows() {
        return format.rows();
    }

    public int cols() {
        return format.cols();
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** ImagePositionPatient (mm). */
    public double[] position() {
        return position.clone();
    }

    /** ImageOrientationPatient: row cosines then column cosines. */
    public double[] orientation() {
        return orientation.clone();
    }

    /** PixelSpacing: between rows (mm), then between columns (mm). */
    public double[] pixelSpacing() {
        return pixelSpacing.clone();
    }

    /**
     * SliceThickness (mm), the nominal reconstructed thickness; NaN when absent (it is type 2), unreadable or not
     * positive. Unlike the exposure attributes it describes the image itself, not the acquisition.
     */
    public double sliceThicknessMm() {
        String s = Attrs.string(header, TagFromName.SliceThickness);
        try {
            double mm = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            return mm > 0.0 && Double.isFinite(mm) ? mm : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Position along the slice normal, d = n . IPP (mm); stacks are sorted by it. */
    public double normalPosition() {
        return normalPosition;
    }

    public String sopInstanceUid() {
        return Attrs.string(header, TagFromName.SOPInstanceUID);
    }

    public String sopClassUid() {
        return Attrs.string(header, TagFromName.SOPClassUID);
    }

    public String seriesInstanceUid() {
        return Attrs.string(header, TagFromName.SeriesInstanceUID);
    }

    /** InstanceNumber, or Integer.MIN_VALUE when absent or unreadable. */
    public int instanceNumber() {
        String s = Attrs.string(header, TagFromName.InstanceNumber);
        try {
            return s.isEmpty() ? Integer.MIN_VALUE : (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    public String acquisitionNumber() {
        return Attrs.string(header, TagFromName.AcquisitionNumber);
    }

    /** Any single-valued header attribute as text by keyword (e.g. "XRayTubeCurrent"), or "" when absent. */
    public String attribute(String keyword) {
        com.pixelmed.dicom.AttributeTag tag = com.pixelmed.dicom.DicomDictionary.StandardDictionary
                .getTagFromName(keyword);
        return tag == null ? "" : Attribute.getSingleStringValueOrEmptyString(header, tag).trim();
    }

    /** Read-time notes (no Part 10 header, out-of-order tags, pixel data longer than needed). */
    public List<String> notes() {
        return notes;
    }

    /** True when this slice is not CT and was let through by --force: units unknown. */
    public boolean forced() {
        return forced;
    }

    /** Reads the file again, checks it, and decodes its pixels to HU. */
    public HuImage loadHu() throws DicomReadException {
        ParsedFile parsed = DicomFileReader.read(path, true);
        return PixelDecoding.decode(parsed, format);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
