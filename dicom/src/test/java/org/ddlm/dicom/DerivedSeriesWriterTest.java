package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ddlm.core.HuImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dicom.md section 7: identity, provenance, pixels and geometry of written series. */
class DerivedSeriesWriterTest {
    private static final String UID = "[0-2](\\.(0|[1-9][0-9]*))+";

    @TempDir
    Path tmp;

    @Test
    void copyKeepsHuGeometryAndStudyAndMakesNewUids() throws Exception {
        Path in = TestData.data("ct/abdomen-ge-lightspeed16");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        Path out = tmp.resolve("out");
        WriterFixtures.copy(src, in, out, Derivation.copy());

        CtStack copy = new SeriesScanner().scan(out).requireStacks().get(0);
        assertEquals(src.size(), copy.size());
        Set<String> uids = new HashSet<>();
        String seriesUid = null;
        for (int i = 0; i < src.size(); i++) {
            CtSlice a = src.slices().get(i);
            CtSlice b = copy.slices().get(i);
            assertArrayEquals(a.loadHu().hu(), b.loadHu().hu(), 0f, "HU of slice " + i);
            AttributeList la = a.header();
            AttributeList lb = WriterFixtures.readAll(b.path());
            for (AttributeTag t : new AttributeTag[] {TagFromName.ImagePositionPatient,
                    TagFromName.ImageOrientationPatient, TagFromName.PixelSpacing, TagFromName.SliceThickness,
                    TagFromName.SliceLocation, TagFromName.StudyInstanceUID, TagFromName.FrameOfReferenceUID,
                    TagFromName.SOPClassUID, TagFromName.PatientID}) {
                assertArrayEquals(la.get(t).getStringValues(), lb.get(t).getStringValues(), t.toString());
            }
            String sop = Attrs.string(lb, TagFromName.SOPInstanceUID);
            assertTrue(sop.matches(UID) && sop.startsWith("2.25.") && sop.length() <= 64, sop);
            assertEquals(sop, Attrs.string(lb, TagFromName.MediaStorageSOPInstanceUID));
            assertTrue(uids.add(sop), "SOPInstanceUID unique");
            assertNotEquals(a.sopInstanceUid(), sop);
            String series = Attrs.string(lb, TagFromName.SeriesInstanceUID);
            assertNotEquals(src.seriesInstanceUid(), series);
            if (seriesUid == null) {
                seriesUid = series;
                assertTrue(uids.add(series));
            }
            assertEquals(seriesUid, series, "one series UID per stack");
            assertArrayEquals(new String[] {"DERIVED", "SECONDARY", "AXIAL"},
                    lb.get(TagFromName.ImageType).getStringValues());
            assertEquals(String.valueOf(Integer.parseInt(src.seriesNumber()) + 1000),
                    Attrs.string(lb, TagFromName.SeriesNumber));
            assertEquals(src.seriesDescription() + " [ddlm copy]", Attrs.string(lb, TagFromName.SeriesDescription));
            assertEquals(Uids.IMPLEMENTATION_CLASS_UID, Attrs.string(lb, TagFromName.ImplementationClassUID));
            assertEquals("1.2.840.10008.1.2.1", Attrs.string(lb, TagFromName.TransferSyntaxUID));
            assertEquals("0", Attrs.string(lb, TagFromName.RescaleIntercept));
            assertEquals("1", Attrs.string(lb, TagFromName.PixelRepresentation));
            assertNull(lb.get(TagFromName.DerivationCodeSequence), "copy writes no derivation code");
            assertTrue(Attrs.string(lb, TagFromName.DerivationDescription).startsWith("ddlm "));
            // SourceImageSequence and ReferencedSeriesSequence point at the right source.
            AttributeList ref = ((SequenceAttribute) lb.get(TagFromName.SourceImageSequence)).getItem(0)
                    .getAttributeList();
            assertEquals(a.sopInstanceUid(), Attrs.string(ref, TagFromName.ReferencedSOPInstanceUID));
            AttributeList rs = ((SequenceAttribute) lb.get(TagFromName.ReferencedSeriesSequence)).getItem(0)
                    .getAttributeList();
            assertEquals(src.seriesInstanceUid(), Attrs.string(rs, TagFromName.SeriesInstanceUID));
            SequenceAttribute eq = (SequenceAttribute) lb.get(TagFromName.ContributingEquipmentSequence);
            AttributeList last = eq.getItem(eq.getNumberOfItems() - 1).getAttributeList();
            assertEquals("ddlm", Attrs.string(last, TagFromName.ManufacturerModelName));
            for (Attribute at : lb.values()) {
                assertFalse((at.getTag().getGroup() & 1) == 1, "private tag " + at.getTag() + " copied");
            }
        }
    }

    @Test
    void seriesLevelAttributesAreIdenticalInEveryFile() throws Exception {
        Path in = TestData.data("ct/chest-philips-brilliance16");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        Path out = tmp.resolve("out");
        WriterFixtures.copy(src, in, out, Derivation.copy());
        List<Path> files = TestData.dicomFiles(out);
        assertEquals(src.size(), files.size());
        AttributeList first = WriterFixtures.readAll(files.get(0));
        for (Path f : files) {
            AttributeList l = WriterFixtures.readAll(f);
            for (Attribute a : first.values()) {
                int tag = Tags.of(a.getTag());
                if (SeriesLevelTags.isSeriesLevel(tag) || tag == 0x0020000E || tag == 0x00080021
                        || tag == 0x00080031) {
                    assertEquals(Attrs.canonical(a), Attrs.canonical(l.get(a.getTag())), f + " " + a.getTag());
                }
            }
        }
    }

    @Test
    void simulatedDoseScalesDoseAttributesAndSaysSo() throws Exception {
        Path in = TestData.data("ct/abdomen-ge-lightspeed16");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        Path out = tmp.resolve("sim");
        WriterFixtures.copy(src, in, out, Derivation.simulatedDose(0.25, "a=0.25 N0=2.5e5 seed=1"));
        List<Path> files = TestData.dicomFiles(out);
        for (int i = 0; i < files.size(); i++) {
            AttributeList s = src.slices().get(i).header();
            AttributeList o = WriterFixtures.readAll(files.get(i));
            double ma = Double.parseDouble(Attrs.string(s, new AttributeTag(0x0018, 0x1151)));
            assertEquals(Math.round(ma * 0.25), Long.parseLong(Attrs.string(o, new AttributeTag(0x0018, 0x1151))));
            AttributeTag ctdi = new AttributeTag(0x0018, 0x9345);
            if (s.get(ctdi) != null) {
                assertEquals(s.get(ctdi).getDoubleValues()[0] * 0.25, o.get(ctdi).getDoubleValues()[0], 1e-9);
            }
            assertEquals("Simulated 25% dose from a full-dose scan; not an acquisition.",
                    Attrs.string(o, TagFromName.ImageComments));
            assertTrue(Attrs.string(o, TagFromName.SeriesDescription).endsWith(" [SIM 25% dose]"));
            assertNull(o.get(TagFromName.DerivationCodeSequence));
        }
    }

    /** IS holds a signed 32-bit integer: a source SeriesNumber at the top of the range does not overflow it. */
    @Test
    void seriesNumberStaysInTheIsRange() throws Exception {
        Path in = java.nio.file.Files.createDirectories(tmp.resolve("big-number"));
        String uid = Uids.newUid();
        for (int k = 0; k < 2; k++) {
            AttributeList l = SyntheticCt.header(uid, 16, 16, 16, true, "1", "-1024", k * 5.0, k + 1);
            SyntheticCt.is(l, TagFromName.SeriesNumber, "2147483647");
            SyntheticCt.write(in.resolve(k + ".dcm"), l, new short[256]);
        }
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        Path out = tmp.resolve("big-out");
        WriterFixtures.copy(src, in, out, Derivation.copy());
        AttributeList o = WriterFixtures.readAll(TestData.dicomFiles(out).get(0));
        assertEquals("1000", Attrs.string(o, TagFromName.SeriesNumber));
    }

    @Test
    void denoiseGetsTheSmoothingCode() throws Exception {
        Path in = TestData.data("ct/chest-siemens-sensation10-b40f");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        Path out = tmp.resolve("dn");
        WriterFixtures.copy(src, in, out, Derivation.denoise("model=test"));
        AttributeList o = WriterFixtures.readAll(TestData.dicomFiles(out).get(0));
        AttributeList code = ((SequenceAttribute) o.get(TagFromName.DerivationCodeSequence)).getItem(0)
                .getAttributeList();
        assertEquals("113087", Attrs.string(code, TagFromName.CodeValue));
        assertEquals("DCM", Attrs.string(code, TagFromName.CodingSchemeDesignator));
        assertTrue(Attrs.string(o, TagFromName.SeriesDescription).endsWith(" [DDLM]"));
    }

    @Test
    void outOfRangeHuIsClampedAndCountedAndPaddingComesBack() throws Exception {
        Path in = TestData.data("ct/abdomen-ge-lightspeed16");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        CtSlice slice = src.slices().get(0);
        HuImage image = slice.loadHu();
        assertNotNull(image.padding(), "GE abdomen has PixelPaddingValue");
        float[] out = image.filledCopy(-1024f);
        int bodyPixel = 256 * 512 + 256;
        assertFalse(image.isPadding(bodyPixel));
        out[bodyPixel] = 40000f;
        out[bodyPixel + 1] = -40000f;
        out[bodyPixel + 2] = 12.5f; // half up
        out[bodyPixel + 3] = -12.5f; // half up: -12
        Path dest = tmp.resolve("clamp");
        long clamped;
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(dest, List.of(in), false)) {
            w.beginStack(src, Derivation.copy()).write(0, out, image);
            w.commit();
            clamped = w.clampedPixels();
        }
        assertEquals(2, clamped);
        CtStack written = new SeriesScanner().scan(dest).requireStacks().get(0);
        HuImage back = written.first().loadHu();
        assertEquals(32767f, back.hu()[bodyPixel]);
        assertEquals(-32768f, back.hu()[bodyPixel + 1]);
        assertEquals(13f, back.hu()[bodyPixel + 2]);
        assertEquals(-12f, back.hu()[bodyPixel + 3]);
        int paddingPixels = 0;
        for (int i = 0; i < image.hu().length; i++) {
            if (image.isPadding(i)) {
                paddingPixels++;
                assertEquals(image.hu()[i], back.hu()[i], "padding pixel " + i + " restored");
                assertTrue(back.isPadding(i), "padding value written as output stored value");
            }
        }
        assertTrue(paddingPixels > 1000);
    }

    @Test
    void nonFiniteOutputIsAnErrorAndNothingIsWritten() throws Exception {
        Path in = TestData.data("ct/chest-siemens-sensation10-b40f");
        CtStack src = new SeriesScanner().scan(in).requireStacks().get(0);
        HuImage image = src.first().loadHu();
        float[] bad = image.hu().clone();
        bad[1000] = Float.NaN;
        Path dest = tmp.resolve("nan");
        try (DerivedSeriesWriter w = DerivedSeriesWriter.open(dest, List.of(in), false)) {
            DicomWriteException e = assertThrows(DicomWriteException.class,
                    () -> w.beginStack(src, Derivation.copy()).write(0, bad, image));
            assertEquals(Problem.BAD_OUTPUT, e.problem());
        }
        assertFalse(Files.exists(dest));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "no temporary folder left");
        }
    }
}
