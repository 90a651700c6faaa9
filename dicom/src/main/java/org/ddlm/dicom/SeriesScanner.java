package org.ddlm.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds CT stacks in a folder tree (dicom.md section 5): walks files in sorted order without following directory links,
 * checks each header, groups by series, splits by orientation and matrix, sorts along the normal and reports problems.
 */
public final class SeriesScanner {
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1";
    static final String LEGACY_ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.2";
    static final String DICOMDIR = "1.2.840.10008.1.3.10";

    static {
        PixelMedQuiet.apply(); // before any PixelMed class makes its logger
    }

    private final boolean force;

    /** @param force let non-CT images through as "non-CT, units unknown" instead of refusing them */
    public SeriesScanner(boolean force) {
        this.force = force;
    }

    public SeriesScanner() {
        this(false);
    }

    public ScanResult scan(Path root) throws DicomReadException {
        if (!Files.exists(root)) {
            throw new DicomReadException(root, Problem.IO_ERROR, "does not exist", "Check the path");
        }
        List<Path> files = listFiles(root);
        List<ScanResult.Skipped> skipped = new ArrayList<>();
        List<CtSlice> slices = new ArrayList<>();
        Map<String, Path> byUid = new HashMap<>();
        int localizers = 0;
        for (Path file : files) {
            ParsedFile parsed;
            try {
                parsed = DicomFileReader.read(file, false);
            } catch (DicomReadException e) {
                if (e.problem() == Problem.NOT_DICOM) {
                    skipped.add(new ScanResult.Skipped(file, "not DICOM"));
                    continue;
                }
                throw e;
            }
            AttributeList list = parsed.list();
            String sopClass = Attrs.string(list, TagFromName.SOPClassUID);
            if (sopClass.equals(DICOMDIR)) {
                skipped.add(new ScanResult.Skipped(file, "DICOMDIR"));
                continue;
            }
            if (!parsed.framing().hasPixelData() && !isImageClass(sopClass)) {
                skipped.add(new ScanResult.Skipped(file, "not an image (SOP class " + sopClass + ")"));
                continue;
            }
            checkKind(file, list, sopClass);
            NotCt notCt = notCt(list, sopClass);
            if (notCt != null) {
                if (Files.isDirectory(root)) {
                    // Real study exports hold scouts, dose screens, MR or PET images beside the CT: skip, with a note.
                    skipped.add(new ScanResult.Skipped(file, "not CT: " + notCt.what()));
                    continue;
                }
                throw new DicomReadException(file, Problem.NOT_CT, notCt.what(), Tags.of(notCt.tag()), -1,
                        notCt.todo());
            }
            String uid = Attrs.string(list, TagFromName.SOPInstanceUID);
            if (uid.isEmpty()) {
                throw new DicomReadException(file, Problem.EMPTY_SOP_INSTANCE_UID, "SOPInstanceUID is empty",
                        Tags.of(TagFromName.SOPInstanceUID), -1, "Every image needs a unique SOPInstanceUID");
            }
            Path other = byUid.putIfAbsent(uid, file);
            if (other != null) {
                throw new DicomReadException(file, Problem.DUPLICATE_SOP_INSTANCE_UID, "has the same SOPInstanceUID "
                        + uid + " as " + other, Tags.of(TagFromName.SOPInstanceUID), -1,
                        "Remove the duplicate, or give it a new UID");
            }
            if (isLocalizer(list)) {
                localizers++;
                continue;
            }
            slices.add(toSlice(parsed));
        }
        return new ScanResult(root, group(slices), skipped, localizers, List.of());
    }

    private static List<Path> listFiles(Path root) throws DicomReadException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try {
            // IN itself may be a link to a folder (walk would not enter it); links below it are still not followed.
            // Paths are reported under the root as given.
            Path start = root.toRealPath();
            try (Stream<Path> walk = Files.walk(start)) {
                return walk.filter(Files::isRegularFile).map(p -> root.resolve(start.relativize(p))).sorted().toList();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DicomReadException(root, Problem.IO_ERROR, "cannot list the folder (" + e.getMessage() + ")",
                    "Check the folder's permissions");
        }
    }

    private static boolean isImageClass(String sopClass) {
        return sopClass.startsWith("1.2.840.10008.5.1.4.1.1.") && !sopClass.startsWith("1.2.840.10008.5.1.4.1.1.88.")
                && !sopClass.startsWith("1.2.840.10008.5.1.4.1.1.11.") && !sopClass.startsWith("1.2.840.10008.5.1.4.1.1.481.");
    }

    private void checkKind(Path file, AttributeList list, String sopClass) throws DicomReadException {
        double frames = Attrs.number(file, list, TagFromName.NumberOfFrames, 1);
        if (sopClass.equals(ENHANCED_CT) || sopClass.equals(LEGACY_ENHANCED_CT) || frames > 1) {
            throw new DicomReadException(file, Problem.ENHANCED_MULTIFRAME, "is an Enhanced or multi-frame image ("
                    + (int) frames + " frames, SOP class " + sopClass + ")", Tags.of(TagFromName.SOPClassUID), -1,
                    "Convert it to single-frame CT first, e.g. with dcm4che's emf2sf");
        }
    }

    /** Why an image is not CT in HU, with the element that says so; null for CT (or always with --force). */
    private NotCt notCt(AttributeList list, String sopClass) {
        if (force) {
            return null;
        }
        String modality = Attrs.string(list, TagFromName.Modality);
        if (!modality.equals("CT")) {
            return new NotCt("Modality is " + (modality.isEmpty() ? "empty" : modality) + " (SOP class " + sopClass
                    + "); ddlm denoises CT only", TagFromName.Modality,
                    "Use --force to process it anyway as non-CT data with unknown units");
        }
        if (!sopClass.equals(CT_IMAGE_STORAGE)) {
            return new NotCt("SOP class " + sopClass + " is not CT Image Storage", TagFromName.SOPClassUID,
                    "Use --force to process it anyway");
        }
        String rescaleType = Attrs.string(list, TagFromName.RescaleType);
        if (!rescaleType.isEmpty() && !rescaleType.equals("HU")) {
            return new NotCt("RescaleType is " + rescaleType + ", not HU", TagFromName.RescaleType,
                    "Use --force to process it anyway");
        }
        return null;
    }

    private record NotCt(String what, AttributeTag tag, String todo) {
    }

    private static boolean isLocalizer(AttributeList list) {
        String[] type = Attrs.strings(list, TagFromName.ImageType);
        for (int i = 0; i < type.length; i++) {
            String v = type[i].trim().toUpperCase(Locale.ROOT);
            if (v.equals("SCOUT") || (i == 2 && v.equals("LOCALIZER"))) {
                return true;
            }
        }
        return false;
    }

    private CtSlice toSlice(ParsedFile parsed) throws DicomReadException {
        Path file = parsed.path();
        AttributeList list = parsed.list();
        double[] ipp = Attrs.required(file, list, TagFromName.ImagePositionPatient, 3);
        double[] iop = Attrs.required(file, list, TagFromName.ImageOrientationPatient, 6);
        double[] spacing = Attrs.required(file, list, TagFromName.PixelSpacing, 2);
        checkOrientation(file, iop);
        PixelFormat format = PixelFormat.from(file, list);
        List<String> notes = new ArrayList<>(parsed.framing().notes());
        String lengthNote = PixelDecoding.checkLength(file, parsed.framing(), format);
        if (lengthNote != null) {
            notes.add(lengthNote);
        }
        double d = StackGeometry.dot(StackGeometry.normal(iop), ipp);
        return new CtSlice(file, list, format, parsed.framing().transferSyntaxUid(), new double[] {ipp[0], ipp[1],
                ipp[2]}, java.util.Arrays.copyOf(iop, 6), new double[] {spacing[0], spacing[1]}, d, notes, force);
    }

    private static void checkOrientation(Path file, double[] iop) throws DicomReadException {
        double[] r = {iop[0], iop[1], iop[2]};
        double[] c = {iop[3], iop[4], iop[5]};
        if (Math.abs(Math.sqrt(StackGeometry.dot(r, r)) - 1) > 1e-3 || Math.abs(Math.sqrt(StackGeometry.dot(c, c)) - 1)
                > 1e-3 || Math.abs(StackGeometry.dot(r, c)) > 1e-3) {
            throw Attrs.badValue(file, TagFromName.ImageOrientationPatient, "row and column cosines are not orthonormal");
        }
    }

    /** Groups by series, splits into stacks by orientation and matrix (and acquisition for dynamic scans). */
    private static List<CtStack> group(List<CtSlice> slices) {
        Map<String, List<CtSlice>> bySeries = new LinkedHashMap<>();
        for (CtSlice s : slices) {
            bySeries.computeIfAbsent(s.seriesInstanceUid(), k -> new ArrayList<>()).add(s);
        }
        List<CtStack> stacks = new ArrayList<>();
        for (Map.Entry<String, List<CtSlice>> series : bySeries.entrySet()) {
            // Patient safety: one stack (and so one output series) never holds two patients or two studies.
            List<StackProblem> identity = SeriesIdentity.problems(series.getKey(), series.getValue());
            Map<String, List<CtSlice>> byKey = new LinkedHashMap<>();
            Map<String, Integer> matrices = new TreeMap<>();
            for (CtSlice s : series.getValue()) {
                byKey.computeIfAbsent(SeriesIdentity.key(s) + "|" + stackKey(s), k -> new ArrayList<>()).add(s);
                matrices.merge(s.rows() + "x" + s.cols(), 1, Integer::sum);
            }
            StackProblem mixed = null;
            if (matrices.size() > 1) {
                StringBuilder sb = new StringBuilder("mixed matrix sizes (");
                matrices.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).forEach(e -> sb.append(
                        sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue()));
                mixed = new StackProblem(StackProblem.Kind.MIXED_MATRIX, sb.append(')').toString());
            }
            int index = 0;
            for (List<CtSlice> part : byKey.values()) {
                List<CtSlice> sorted = new ArrayList<>(part);
                sorted.sort(StackGeometry.ORDER);
                for (List<CtSlice> stack : StackGeometry.splitDynamic(sorted)) {
                    index++;
                    List<StackProblem> problems = new ArrayList<>(identity);
                    if (mixed != null) {
                        problems.add(mixed);
                    }
                    problems.addAll(StackGeometry.check(stack));
                    String id = series.getKey() + (index == 1 ? "" : "#" + index);
                    stacks.add(new CtStack(id, stack, problems, StackGeometry.tiltDegrees(stack)));
                }
            }
        }
        return stacks;
    }

    private static String stackKey(CtSlice s) {
        double[] o = s.orientation();
        StringBuilder sb = new StringBuilder();
        for (double v : o) {
            sb.append(Math.round(v * 1e4)).append(',');
        }
        return sb.append(s.rows()).append('x').append(s.cols()).toString();
    }
}
