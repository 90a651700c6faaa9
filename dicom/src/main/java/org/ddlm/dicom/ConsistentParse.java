package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * PixelMed's parse of the elements the framing check walked, and proof that it read the same ones (issue 15 item 3).
 *
 * <p>PixelMed is given the data set only (never the File Meta Information, whose transfer syntax the framing check has
 * already read), as a stream of the top-level elements {@link HeaderSelection} keeps, with the transfer syntax named.
 * Afterwards its top-level tags must be exactly the ones given: an extra tag is an element hidden inside another's
 * value, a missing one a value it could not read. Either refuses the file.
 *
 * <p>One exception, made on purpose (item 16): PixelMed cannot decode some character sets (ISO 2022 IR 58 throws
 * inside PixelMed and the Patient's Name is lost). Text is then read again byte for byte, as ISO_IR 100, and the file's
 * SpecificCharacterSet is put back, so the writer copies names and descriptions unchanged; nothing ddlm interprets is
 * text outside ASCII.
 */
final class ConsistentParse {
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final byte[] LATIN_1 = "ISO_IR 100".getBytes(StandardCharsets.US_ASCII);

    private ConsistentParse() {
    }

    /** With {@code withPixels} false, only the elements before Pixel Data are read. */
    static AttributeList parse(Path path, Framing framing, boolean withPixels, List<String> notes)
            throws DicomReadException {
        List<Framing.Element> given = given(framing, withPixels);
        Framing.Element charset = find(given, SPECIFIC_CHARACTER_SET);
        Attempt first = attempt(path, framing, given, null);
        if (first.list != null && first.mismatch == null) {
            return first.list;
        }
        if (charset != null && charset.length() > 0) {
            Attempt bytewise = attempt(path, framing, given, charset);
            if (bytewise.list != null && bytewise.mismatch == null) {
                Attribute original = readAlone(path, framing, charset);
                bytewise.list.put(original);
                notes.add("text in character set '" + String.join("\\", Attrs.strings(bytewise.list,
                        original.getTag())) + "' is not decoded; names and descriptions are copied byte for byte");
                return bytewise.list;
            }
        }
        if (first.failure != null) {
            throw first.failure;
        }
        throw new DicomReadException(path, Problem.BAD_STRUCTURE, "PixelMed reads the data set differently from the"
                + " framing check: " + first.mismatch, "The file is damaged; check it with dciodvfy or dcmdump");
    }

    private record Attempt(AttributeList list, String mismatch, DicomReadException failure) {
    }

    private static Attempt attempt(Path path, Framing framing, List<Framing.Element> given, Framing.Element latin1For) {
        List<ElementStream.Piece> pieces = new ArrayList<>();
        for (Framing.Element e : given) {
            pieces.add(e == latin1For ? ElementStream.Piece.replaced(latin1Element(framing))
                    : ElementStream.Piece.of(e.start(), e.end() - e.start()));
        }
        AttributeList list;
        try {
            list = read(path, framing, pieces);
        } catch (DicomReadException e) {
            return new Attempt(null, null, e);
        }
        return new Attempt(list, mismatch(list, given), null);
    }

    private static AttributeList read(Path path, Framing framing, List<ElementStream.Piece> pieces)
            throws DicomReadException {
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(new ElementStream(framing.dataset(),
                pieces), 65536), syntaxOfGivenBytes(framing), false)) {
            list.read(in);
            return list;
        } catch (DicomException | IOException e) {
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "cannot be parsed (" + e.getMessage() + ")",
                    "The file is damaged; check it with dcmdump");
        } catch (StackOverflowError e) {
            // The framing check bounds nesting at 16 for everything PixelMed is given; this is the last guard.
            throw new DicomReadException(path, Problem.BAD_STRUCTURE, "sequences nested too deeply to parse",
                    "The file is damaged or hostile");
        } catch (RuntimeException e) {
            throw DicomReadException.internal(path, e);
        }
    }

    /** The inflated bytes of a deflated file are plain Explicit VR Little Endian. */
    private static String syntaxOfGivenBytes(Framing framing) {
        String ts = framing.transferSyntaxUid();
        return ts.equals(TransferSyntaxes.DEFLATED_LE) ? TransferSyntaxes.EXPLICIT_LE : ts;
    }

    private static List<Framing.Element> given(Framing framing, boolean withPixels) {
        List<Framing.Element> given = new ArrayList<>();
        for (Framing.Element e : framing.elements()) {
            if (!withPixels && e.tag() == Tags.PIXEL_DATA) {
                break;
            }
            if (e.parsed()) {
                given.add(e);
            }
        }
        return given;
    }

    private static Framing.Element find(List<Framing.Element> elements, int tag) {
        for (Framing.Element e : elements) {
            if (e.tag() == tag) {
                return e;
            }
        }
        return null;
    }

    /** Null when PixelMed's top-level tags are exactly the given ones, else what differs. */
    static String mismatch(AttributeList list, List<Framing.Element> given) {
        TreeSet<Integer> expected = new TreeSet<>(Integer::compareUnsigned);
        for (Framing.Element e : given) {
            expected.add(e.tag());
        }
        TreeSet<Integer> got = new TreeSet<>(Integer::compareUnsigned);
        for (AttributeTag t : list.keySet()) {
            got.add(Tags.of(t));
        }
        for (int tag : got) {
            if (!expected.contains(tag)) {
                return "it finds element " + describe(tag) + ", hidden inside another element's value";
            }
        }
        for (int tag : expected) {
            if (!got.contains(tag)) {
                return "it cannot read element " + describe(tag);
            }
        }
        return null;
    }

    private static String describe(int tag) {
        String kw = Tags.keyword(tag);
        return Tags.format(tag) + (kw.isEmpty() ? "" : " " + kw);
    }

    /** SpecificCharacterSet as it is in the file (its values are ASCII, so any decoding reads them right). */
    private static Attribute readAlone(Path path, Framing framing, Framing.Element charset) throws DicomReadException {
        AttributeList alone = read(path, framing, List.of(ElementStream.Piece.of(charset.start(),
                charset.end() - charset.start())));
        Attribute a = alone.get(new AttributeTag(SPECIFIC_CHARACTER_SET >>> 16, SPECIFIC_CHARACTER_SET & 0xFFFF));
        if (a == null) {
            throw new DicomReadException(path, Problem.BAD_VALUE, "SpecificCharacterSet cannot be read",
                    SPECIFIC_CHARACTER_SET, charset.start(), "Fix the header value");
        }
        return a;
    }

    /** (0008,0005) CS "ISO_IR 100" in the data set's encoding: Latin-1 maps every byte to one character and back. */
    private static byte[] latin1Element(Framing framing) {
        String ts = syntaxOfGivenBytes(framing);
        boolean implicit = ts.equals(TransferSyntaxes.IMPLICIT_LE);
        ByteBuffer b = ByteBuffer.allocate(8 + LATIN_1.length).order(ts.equals(TransferSyntaxes.EXPLICIT_BE)
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x0008).putShort((short) 0x0005);
        if (implicit) {
            b.putInt(LATIN_1.length);
        } else {
            b.put((byte) 'C').put((byte) 'S').putShort((short) LATIN_1.length);
        }
        return b.put(LATIN_1).array();
    }
}
