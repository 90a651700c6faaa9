package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Path;

/** One file after the framing check and PixelMed's parse; {@code list} lacks Pixel Data when only the header was read. */
record ParsedFile(Path path, Framing framing, AttributeList list) {
}
