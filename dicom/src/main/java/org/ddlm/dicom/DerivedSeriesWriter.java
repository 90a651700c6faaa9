package org.ddlm.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ddlm.core.HuImage;

/**
 * Writes derived CT series (dicom.md sections 7-8): new UIDs, DERIVED\SECONDARY, provenance, signed HU pixels with
 * intercept 0, series-level attributes unified, everything into a temporary sibling that moves into place on
 * {@link #commit()}. Closing without commit deletes the temporary folder.
 *
 * <pre>
 * try (DerivedSeriesWriter w = DerivedSeriesWriter.open(out, List.of(in), false)) {
 *     DerivedSeriesWriter.StackWriter s = w.beginStack(stack, Derivation.copy());
 *     for (int i = 0; i &lt; stack.size(); i++) s.write(i, hu[i], source[i]);
 *     w.commit();
 * }
 * </pre>
 */
public final class DerivedSeriesWriter implements AutoCloseable {
    static final String EXPLICIT_LE = TransferSyntaxes.EXPLICIT_LE;

    static {
        PixelMedQuiet.apply(); // before any PixelMed class makes its logger
    }

    private final OutputFolder folder;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    private final Set<String> folderNames = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Path> stackFolders = new ArrayList<>();
    private long clampedPixels;
    private boolean committed;

    private DerivedSeriesWriter(OutputFolder folder) {
        this.folder = folder;
    }

    /** Refuses unsafe outputs (inside/containing an input, non-empty without overwrite) before any work. */
    public static DerivedSeriesWriter open(Path out, Collection<Path> inputs, boolean overwrite)
            throws DicomWriteException {
        return new DerivedSeriesWriter(OutputFolder.prepare(out, inputs, overwrite));
    }

    /** The same checks as {@link #open}, without creating anything: lets commands fail before long work. */
    public static void checkOutput(Path out, Collection<Path> inputs, boolean overwrite) throws DicomWriteException {
        OutputFolder.check(out.toAbsolutePath().normalize(), inputs, overwrite);
    }

    /** @throws DicomReadException when the source stack cannot be processed (the writer has not started) */
    public StackWriter beginStack(CtStack source, Derivation derivation)
            throws DicomReadException, DicomWriteException {
        source.requireProcessable();
        return new StackWriter(source, derivation);
    }

    public void commit() throws DicomWriteException {
        folder.commit();
        committed = true;
    }

    /** Pixels clamped to the int16 range over everything written so far. */
    public long clampedPixels() {
        return clampedPixels;
    }

    /** Notes for the log and JSON: unified attributes, renumbering, dropped padding values. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The stack folders as they are after commit (under OUT). */
    public List<Path> stackFolders() {
        List<Path> out = new ArrayList<>();
        for (Path p : stackFolders) {
            out.add(folder.out().resolve(p.getFileName()));
        }
        return out;
    }

    @Override
    public void close() {
        if (!committed) {
            folder.abort();
        }
    }

    /** Writes the slices of one stack, in stack order. */
    public final class StackWriter {
        private final CtStack source;
        private final Derivation derivation;
        private final Path dir;
        private final String seriesUid = Uids.newUid();
        private final AttributeList seriesLevel;
        private final boolean renumber;
        private final int digits;
        private final Set<String> unified = new HashSet<>();
        private boolean paddingDropped;

        private StackWriter(CtStack source, Derivation derivation) throws DicomWriteException {
            this.source = source;
            this.derivation = derivation;
            this.seriesLevel = source.first().header();
            this.renumber = needsRenumbering(source);
            this.digits = Math.max(4, String.valueOf(source.size()).length());
            if (renumber) {
                notes.add(source.id() + ": InstanceNumber missing or repeated; renumbered 1.." + source.size());
            }
            this.dir = folder.tmp().resolve(folderName());
            try {
                Files.createDirectory(dir);
            } catch (IOException e) {
                throw new DicomWriteException(dir, "cannot create folder (" + e.getMessage() + ")",
                        "Check free space and permissions");
            }
            stackFolders.add(dir);
        }

        private String folderName() {
            String number = seriesNumber();
            String desc = Attrs.string(seriesLevel, TagFromName.SeriesDescription);
            String name = ("S" + number + "_" + desc).replaceAll("[^A-Za-z0-9._-]", "");
            if (name.length() > 40) {
                name = name.substring(0, 40);
            }
            String candidate = name;
            for (int k = 2; !folderNames.add(candidate); k++) {
                candidate = name + "_" + k;
            }
            return candidate;
        }

        private String seriesNumber() {
            if (derivation.seriesNumber() != null) {
                return String.valueOf(derivation.seriesNumber());
            }
            String s = Attrs.string(seriesLevel, TagFromName.SeriesNumber);
            try {
                double n = Double.parseDouble(s) + 1000;
                // IS holds a signed 32-bit integer in at most 12 characters: out-of-range sources get 1000.
                return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? String.valueOf(Math.round(n)) : "1000";
            } catch (NumberFormatException e) {
                return "1000";
            }
        }

        /**
         * Writes slice {@code index} of the stack.
         *
         * @param hu          the output HU (padding pixels are taken from {@code sourceImage})
         * @param sourceImage the source slice as decoded (for padding restoration); null when it has no padding
         */
        public Path write(int index, float[] hu, HuImage sourceImage) throws DicomWriteException {
            return write(index, hu, sourceImage, null);
        }

        /**
         * As {@link #write(int, float[], HuImage)}, with what was done to this slice in particular: written to
         * ImageComments and appended to DerivationDescription (where it is cut at the 1,024-character limit, the
         * series settings before it never are).
         */
        public Path write(int index, float[] hu, HuImage sourceImage, String sliceNote) throws DicomWriteException {
            CtSlice slice = source.slices().get(index);
            Path file = dir.resolve(String.format("%0" + digits + "d.dcm", index + 1));
            try {
                AttributeList list = buildHeader(slice, index);
                if (sliceNote != null && !sliceNote.isBlank()) {
                    put(list, TagFromName.DerivationDescription, ascii(derivation.description() + "; this slice: "
                            + sliceNote, 1024));
                    put(list, TagFromName.ImageComments, ascii(sliceNote, 10240));
                }
                writePixels(list, slice, hu, sourceImage);
                addMeta(list);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(hu.length * 2 + 16384);
                list.write(bytes, EXPLICIT_LE, true, true);
                OutputFolder.writeDurably(file, bytes.toByteArray());
                return file;
            } catch (DicomException | IOException e) {
                throw new DicomWriteException(file, "cannot write (" + e.getMessage() + ")",
                        "Check free space and permissions");
            } catch (RuntimeException e) {
                throw DicomWriteException.internal(slice.path(), e);
            }
        }

        private AttributeList buildHeader(CtSlice slice, int index) throws DicomException {
            AttributeList src = slice.header();
            AttributeList list = new AttributeList();
            for (Attribute a : src.values()) {
                int tag = Tags.of(a.getTag());
                if (copied(tag) && !SeriesLevelTags.isSeriesLevel(tag)) {
                    list.put(a);
                }
            }
            for (Attribute a : seriesLevel.values()) {
                int tag = Tags.of(a.getTag());
                if (copied(tag) && SeriesLevelTags.isSeriesLevel(tag)) {
                    list.put(a);
                    Attribute mine = src.get(a.getTag());
                    if (mine == null || !sameValue(a, mine)) {
                        unify(Tags.keyword(tag));
                    }
                }
            }
            String sopUid = Uids.newUid();
            put(list, TagFromName.SOPInstanceUID, sopUid);
            put(list, TagFromName.SeriesInstanceUID, seriesUid);
            put(list, TagFromName.SeriesNumber, seriesNumber());
            put(list, TagFromName.SeriesDescription, description());
            int instance = renumber ? index + 1 : slice.instanceNumber();
            put(list, TagFromName.InstanceNumber, String.valueOf(instance));
            Attribute type = new CodeStringAttribute(TagFromName.ImageType);
            type.addValue("DERIVED");
            type.addValue("SECONDARY");
            type.addValue("AXIAL");
            list.put(type);
            setTimes(list);
            list.remove(TagFromName.InstanceCreatorUID);
            put(list, TagFromName.DerivationDescription, ascii(derivation.description(), 1024));
            list.remove(TagFromName.DerivationCodeSequence);
            if (derivation.kind() == Derivation.Kind.DENOISE) {
                SequenceAttribute codes = new SequenceAttribute(TagFromName.DerivationCodeSequence);
                codes.addItem(new CodedSequenceItem("113087", "DCM", "Smoothing").getAttributeList());
                list.put(codes);
            }
            addReferences(list, slice);
            addContributingEquipment(list, src);
            if (derivation.kind() == Derivation.Kind.SIMULATED_DOSE) {
                scaleDose(list, derivation.doseFraction());
                put(list, TagFromName.ImageComments, "Simulated " + derivation.percent()
                        + " dose from a full-dose scan; not an acquisition.");
            }
            return list;
        }

        private void unify(String keyword) {
            if (unified.add(keyword)) {
                notes.add(source.id() + ": unified " + keyword);
            }
        }

        private String description() {
            String suffix = derivation.descriptionSuffix();
            String desc = Attrs.string(seriesLevel, TagFromName.SeriesDescription);
            if (desc.length() + suffix.length() > 64) {
                desc = desc.substring(0, Math.max(0, 64 - suffix.length()));
            }
            return ascii((desc + suffix).trim(), 64);
        }

        private void setTimes(AttributeList list) throws DicomException {
            OffsetDateTime t = now;
            String tz = Attrs.string(seriesLevel, TagFromName.TimezoneOffsetFromUTC);
            if (tz.matches("[+-]\\d{4}")) {
                int sign = tz.charAt(0) == '-' ? -1 : 1;
                int minutes = Integer.parseInt(tz.substring(1, 3)) * 60 + Integer.parseInt(tz.substring(3, 5));
                t = now.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(sign * minutes * 60));
            }
            String date = t.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
            String time = t.format(DateTimeFormatter.ofPattern("HHmmss.SSSSSS"));
            for (AttributeTag d : new AttributeTag[] {TagFromName.InstanceCreationDate, TagFromName.ContentDate,
                    TagFromName.SeriesDate}) {
                put(list, d, date);
            }
            for (AttributeTag d : new AttributeTag[] {TagFromName.InstanceCreationTime, TagFromName.ContentTime,
                    TagFromName.SeriesTime}) {
                put(list, d, time);
            }
        }

        private void addReferences(AttributeList list, CtSlice slice) throws DicomException {
            AttributeList ref = new AttributeList();
            put(ref, TagFromName.ReferencedSOPClassUID, slice.sopClassUid());
            put(ref, TagFromName.ReferencedSOPInstanceUID, slice.sopInstanceUid());
            SequenceAttribute purpose = new SequenceAttribute(TagFromName.PurposeOfReferenceCodeSequence);
            purpose.addItem(new CodedSequenceItem("121322", "DCM",
                    "Source image for image processing operation").getAttributeList());
            ref.put(purpose);
            SequenceAttribute sourceImages = new SequenceAttribute(TagFromName.SourceImageSequence);
            sourceImages.addItem(ref);
            list.put(sourceImages);

            AttributeList instance = new AttributeList();
            put(instance, TagFromName.ReferencedSOPClassUID, slice.sopClassUid());
            put(instance, TagFromName.ReferencedSOPInstanceUID, slice.sopInstanceUid());
            SequenceAttribute instances = new SequenceAttribute(TagFromName.ReferencedInstanceSequence);
            instances.addItem(instance);
            AttributeList series = new AttributeList();
            series.put(instances);
            put(series, TagFromName.SeriesInstanceUID, slice.seriesInstanceUid());
            SequenceAttribute refSeries = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
            refSeries.addItem(series);
            list.put(refSeries);
        }

        private void addContributingEquipment(AttributeList list, AttributeList src) throws DicomException {
            SequenceAttribute seq = new SequenceAttribute(TagFromName.ContributingEquipmentSequence);
            Attribute existing = src.get(TagFromName.ContributingEquipmentSequence);
            if (existing instanceof SequenceAttribute old) {
                for (int i = 0; i < old.getNumberOfItems(); i++) {
                    seq.addItem(old.getItem(i));
                }
            }
            AttributeList item = new AttributeList();
            SequenceAttribute purpose = new SequenceAttribute(TagFromName.PurposeOfReferenceCodeSequence);
            purpose.addItem(new CodedSequenceItem("109102", "DCM", "Processing Equipment").getAttributeList());
            item.put(purpose);
            put(item, TagFromName.Manufacturer, "ddlm project");
            put(item, TagFromName.ManufacturerModelName, "ddlm");
            put(item, TagFromName.SoftwareVersions, DdlmVersion.VERSION);
            put(item, Tags.CONTRIBUTION_DATE_TIME, now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSZ")));
            put(item, TagFromName.ContributionDescription, ascii(derivation.description(), 1024));
            seq.addItem(item);
            list.put(seq);
        }

        private void writePixels(AttributeList list, CtSlice slice, float[] hu, HuImage sourceImage)
                throws DicomException, DicomWriteException {
            int n = slice.rows() * slice.cols();
            if (hu.length != n) {
                throw new DicomWriteException(slice.path(), "output image has " + hu.length
                        + " pixels, the source " + n, "This is a bug in the calling command");
            }
            boolean[] padding = sourceImage == null ? null : sourceImage.padding();
            short[] words = new short[n];
            for (int i = 0; i < n; i++) {
                float v = padding != null && padding[i] ? sourceImage.hu()[i] : hu[i];
                if (!Float.isFinite(v)) {
                    throw new DicomWriteException(slice.path(), "output pixel " + i + " is " + v,
                            "Nothing was written; this is a bug in the processing step");
                }
                long r = (long) Math.floor(v + 0.5);
                if (r > Short.MAX_VALUE || r < Short.MIN_VALUE) {
                    clampedPixels++;
                    r = r > 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
                }
                words[i] = (short) r;
            }
            put(list, TagFromName.SamplesPerPixel, 1);
            put(list, TagFromName.PhotometricInterpretation, "MONOCHROME2");
            put(list, TagFromName.BitsAllocated, 16);
            put(list, TagFromName.BitsStored, 16);
            put(list, TagFromName.HighBit, 15);
            put(list, TagFromName.PixelRepresentation, 1);
            put(list, TagFromName.RescaleSlope, "1");
            put(list, TagFromName.RescaleIntercept, "0");
            put(list, TagFromName.RescaleType, "HU");
            if (!Attrs.present(list, TagFromName.WindowCenter) || !Attrs.present(list, TagFromName.WindowWidth)) {
                put(list, TagFromName.WindowCenter, "50");
                put(list, TagFromName.WindowWidth, "400");
            }
            paddingValues(list, slice, words, padding);
            OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
            pixels.setValues(words);
            list.put(pixels);
        }

        /** Source padding values re-expressed as output stored values (= HU), dropped when they would be ambiguous. */
        private void paddingValues(AttributeList list, CtSlice slice, short[] words, boolean[] padding)
                throws DicomException {
            list.remove(TagFromName.PixelPaddingValue);
            list.remove(TagFromName.PixelPaddingRangeLimit);
            PixelFormat f = source.first().format();
            if (f.paddingValue() == null || paddingDropped || !samePadding(slice.format(), f)) {
                if (f.paddingValue() != null && !paddingDropped) {
                    paddingDropped = true;
                    notes.add(source.id() + ": PixelPaddingValue differs between slices; dropped");
                }
                return;
            }
            int pv = (int) Math.round(f.paddingValue() * f.slope() + f.intercept());
            Integer limit = f.paddingRangeLimit() == null ? null
                    : (int) Math.round(f.paddingRangeLimit() * f.slope() + f.intercept());
            int lo = limit == null ? pv : Math.min(pv, limit);
            int hi = limit == null ? pv : Math.max(pv, limit);
            if (pv < Short.MIN_VALUE || pv > Short.MAX_VALUE) {
                paddingDropped = true;
                return;
            }
            for (int i = 0; i < words.length; i++) {
                boolean isPad = padding != null && padding[i];
                if (!isPad && words[i] >= lo && words[i] <= hi) {
                    paddingDropped = true;
                    notes.add(source.id() + ": an output pixel equals the padding value; PixelPaddingValue dropped");
                    return;
                }
            }
            Attribute a = new SignedShortAttribute(TagFromName.PixelPaddingValue);
            a.addValue(pv);
            list.put(a);
            if (limit != null) {
                Attribute b = new SignedShortAttribute(TagFromName.PixelPaddingRangeLimit);
                b.addValue(limit);
                list.put(b);
            }
        }
    }

    private static boolean samePadding(PixelFormat a, PixelFormat b) {
        return java.util.Objects.equals(a.paddingValue(), b.paddingValue())
                && java.util.Objects.equals(a.paddingRangeLimit(), b.paddingRangeLimit())
                && a.slope() == b.slope() && a.intercept() == b.intercept();
    }

    private static boolean needsRenumbering(CtStack stack) {
        Set<Integer> seen = new HashSet<>();
        for (CtSlice s : stack.slices()) {
            if (s.instanceNumber() == Integer.MIN_VALUE || !seen.add(s.instanceNumber())) {
                return true;
            }
        }
        return false;
    }

    /** Group 0002, private elements, and the elements dicom.md 7.4 lists are never copied. */
    static boolean copied(int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if (group == 0x0002 || (group & 1) == 1 || element == 0x0000) {
            return false;
        }
        if ((group & 0xFF00) == 0x6000) {
            return false; // overlays
        }
        return switch (tag) {
            case 0x00283000, 0x00283010, 0x00280106, 0x00280107, 0x00280108, 0x00280109, 0x00880200, 0xFFFAFFFA,
                    0x4FFE0001, 0x04000500, 0xFFFCFFFC, 0x00080014, 0x7FE00010 -> false;
            default -> true;
        };
    }

    private static boolean sameValue(Attribute a, Attribute b) {
        if (a instanceof SequenceAttribute || b instanceof SequenceAttribute) {
            return Attrs.canonical(a).equals(Attrs.canonical(b));
        }
        try {
            return java.util.Arrays.equals(a.getStringValues(), b.getStringValues());
        } catch (DicomException e) {
            return false;
        }
    }

    /** IS dose attributes are rounded (0 removes them); DS/FD ones scale exactly. */
    private static void scaleDose(AttributeList list, double a) throws DicomException {
        int[] isTags = {0x00181151, 0x00181152, 0x00181153};
        for (int t : isTags) {
            AttributeTag tag = new AttributeTag(t >>> 16, t & 0xFFFF);
            Attribute at = list.get(tag);
            if (at != null && at.getVL() > 0) {
                long v = Math.round(Double.parseDouble(at.getSingleStringValueOrEmptyString().trim()) * a);
                list.remove(tag);
                if (v != 0) {
                    put(list, tag, String.valueOf(v));
                }
            }
        }
        AttributeTag microA = new AttributeTag(0x0018, 0x8151);
        Attribute ua = list.get(microA);
        if (ua != null && ua.getVL() > 0) {
            double v = Double.parseDouble(ua.getSingleStringValueOrEmptyString().trim()) * a;
            Attribute ds = new DecimalStringAttribute(microA);
            ds.addValue(formatDs(v));
            list.put(ds);
        }
        AttributeTag ctdi = new AttributeTag(0x0018, 0x9345);
        Attribute c = list.get(ctdi);
        if (c != null && c.getVL() > 0) {
            double v = c.getDoubleValues()[0] * a;
            list.remove(ctdi);
            Attribute fd = new com.pixelmed.dicom.FloatDoubleAttribute(ctdi);
            fd.addValue(v);
            list.put(fd);
        }
    }

    private static String formatDs(double v) {
        String s = String.valueOf(v);
        return s.length() <= 16 ? s : String.format(java.util.Locale.ROOT, "%.10g", v).trim();
    }

    private static void addMeta(AttributeList list) throws DicomException {
        FileMetaInformation.addFileMetaInformation(list, EXPLICIT_LE, "DDLM");
        put(list, TagFromName.ImplementationClassUID, Uids.IMPLEMENTATION_CLASS_UID);
        put(list, TagFromName.ImplementationVersionName, ascii("DDLM_" + DdlmVersion.VERSION, 16));
        list.remove(TagFromName.SourceApplicationEntityTitle);
        long length = 0;
        for (Attribute a : list.values()) {
            int tag = Tags.of(a.getTag());
            if ((tag >>> 16) == 0x0002 && tag != 0x00020000) {
                String vr = new String(a.getVR(), java.nio.charset.StandardCharsets.US_ASCII);
                boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN")
                        || vr.equals("UT");
                length += (longForm ? 12 : 8) + a.getPaddedVL();
            }
        }
        Attribute gl = new com.pixelmed.dicom.UnsignedLongAttribute(TagFromName.FileMetaInformationGroupLength);
        gl.addValue(length);
        list.put(gl);
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    private static void put(AttributeList list, AttributeTag tag, int value) throws DicomException {
        Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
        a.addValue(value);
        list.put(a);
    }

    /** New text is ASCII only (valid under every character set); anything else becomes '?'. */
    static String ascii(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
