package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Small classic CT slices written with PixelMed for tests: axial, 0.5 mm pixels, Explicit VR LE. Values are chosen by
 * the test; nothing here is computed from the code under test.
 */
final class SyntheticCt {
    private SyntheticCt() {
    }

    /** The header of an axial CT slice at z, with the given pixel format; no padding, no Pixel Data yet. */
    static AttributeList header(String seriesUid, int rows, int cols, int bitsStored, boolean signed, String slope,
                                String intercept, double z, int instance) throws DicomException {
        AttributeList l = new AttributeList();
        ui(l, TagFromName.SOPClassUID, SeriesScanner.CT_IMAGE_STORAGE);
        ui(l, TagFromName.SOPInstanceUID, Uids.newUid());
        ui(l, TagFromName.StudyInstanceUID, "2.25.1");
        ui(l, TagFromName.SeriesInstanceUID, seriesUid);
        ui(l, TagFromName.FrameOfReferenceUID, "2.25.2");
        cs(l, TagFromName.Modality, "CT");
        cs(l, TagFromName.ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
        is(l, TagFromName.InstanceNumber, Integer.toString(instance));
        ds(l, TagFromName.ImagePositionPatient, "-100\\-100\\" + z);
        ds(l, TagFromName.ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        ds(l, TagFromName.PixelSpacing, "0.5\\0.5");
        us(l, TagFromName.SamplesPerPixel, 1);
        cs(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        us(l, TagFromName.Rows, rows);
        us(l, TagFromName.Columns, cols);
        us(l, TagFromName.BitsAllocated, 16);
        us(l, TagFromName.BitsStored, bitsStored);
        us(l, TagFromName.HighBit, bitsStored - 1);
        us(l, TagFromName.PixelRepresentation, signed ? 1 : 0);
        ds(l, TagFromName.RescaleSlope, slope);
        ds(l, TagFromName.RescaleIntercept, intercept);
        return l;
    }

    /** PixelPaddingValue (and RangeLimit when not null) written with the VR a scanner would use for r. */
    static void padding(AttributeList l, boolean signedVr, int value, Integer limit) throws DicomException {
        l.put(padAttribute(TagFromName.PixelPaddingValue, signedVr, value));
        if (limit != null) {
            l.put(padAttribute(TagFromName.PixelPaddingRangeLimit, signedVr, limit));
        }
    }

    private static Attribute padAttribute(AttributeTag tag, boolean signedVr, int value) throws DicomException {
        Attribute a = signedVr ? new SignedShortAttribute(tag) : new UnsignedShortAttribute(tag);
        a.addValue(value);
        return a;
    }

    /** Adds Pixel Data and File Meta Information, and writes a Part 10 file. */
    static Path write(Path file, AttributeList l, short[] words) throws DicomException, IOException {
        OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
        px.setValues(words);
        l.put(px);
        FileMetaInformation.addFileMetaInformation(l, TransferSyntaxes.EXPLICIT_LE, "DDLMTEST");
        l.write(file.toFile(), TransferSyntaxes.EXPLICIT_LE, true, true);
        return file;
    }

    /** A slice whose stored words are a simple ramp, so slices of a series differ. */
    static Path rampSlice(Path file, String seriesUid, int rows, int cols, double z, int instance)
            throws DicomException, IOException {
        short[] words = new short[rows * cols];
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) ((i + instance) % 2000);
        }
        return write(file, header(seriesUid, rows, cols, 16, true, "1", "-1024", z, instance), words);
    }

    static void ui(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new UniqueIdentifierAttribute(t);
        a.addValue(v);
        l.put(a);
    }

    static void cs(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new CodeStringAttribute(t);
        for (String s : v.split("\\\\")) {
            a.addValue(s);
        }
        l.put(a);
    }

    static void ds(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new DecimalStringAttribute(t);
        for (String s : v.split("\\\\")) {
            a.addValue(s);
        }
        l.put(a);
    }

    static void is(AttributeList l, AttributeTag t, String v) throws DicomException {
        Attribute a = new IntegerStringAttribute(t);
        a.addValue(v);
        l.put(a);
    }

    static void us(AttributeList l, AttributeTag t, int v) throws DicomException {
        Attribute a = new UnsignedShortAttribute(t);
        a.addValue(v);
        l.put(a);
    }
}
