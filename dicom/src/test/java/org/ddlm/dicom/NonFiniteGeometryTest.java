package org.ddlm.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FloatDoubleAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Geometry written as binary FD may carry NaN or infinity, which the text (DS) parser never sees: such a slice is a
 * bad value naming the element, never a stack with NaN positions (issue 15 item 9).
 */
class NonFiniteGeometryTest {
    @TempDir
    Path tmp;

    private DicomReadException scanWith(AttributeTag tag, double... values) throws Exception {
        AttributeList l = SyntheticCt.header(Uids.newUid(), 4, 4, 16, true, "1", "-1024", 0, 1);
        l.remove(tag);
        FloatDoubleAttribute a = new FloatDoubleAttribute(tag);
        for (double v : values) {
            a.addValue(v);
        }
        l.put(a);
        Path file = SyntheticCt.write(tmp.resolve(tag.getElement() + ".dcm"), l, new short[16]);
        return assertThrows(DicomReadException.class, () -> new SeriesScanner().scan(file));
    }

    @Test
    void nanPositionIsABadValue() throws Exception {
        DicomReadException e = scanWith(TagFromName.ImagePositionPatient, 0, Double.NaN, 0);
        assertEquals(Problem.BAD_VALUE, e.problem());
        assertEquals(0x00200032, e.tag());
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void nanOrientationIsABadValue() throws Exception {
        DicomReadException e = scanWith(TagFromName.ImageOrientationPatient, 1, 0, 0, 0, Double.NaN, 0);
        assertEquals(Problem.BAD_VALUE, e.problem());
        assertEquals(0x00200037, e.tag());
    }

    @Test
    void infiniteSpacingIsABadValue() throws Exception {
        DicomReadException e = scanWith(TagFromName.PixelSpacing, Double.POSITIVE_INFINITY, 0.7);
        assertEquals(Problem.BAD_VALUE, e.problem());
        assertEquals(0x00280030, e.tag());
    }
}
