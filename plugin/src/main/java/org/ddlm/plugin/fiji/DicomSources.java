package org.ddlm.plugin.fiji;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.dicom.CtStack;
import org.ddlm.dicom.DicomReadException;
import org.ddlm.dicom.SeriesScanner;
import org.ddlm.plugin.workflow.UserException;

/**
 * Finds the DICOM series behind an input: a folder chosen in a dialog, or the current image. The current image is
 * either one that Fiji's DICOM import opened (its slices carry their DICOM headers, whose SOP Instance UIDs name the
 * files) or a result of these commands (which records its source series).
 */
final class DicomSources {
    /** ImagePlus properties a result image carries so that later commands can find its source series. */
    static final String SOURCE_FOLDER = "ddlm.source.folder";
    static final String SOURCE_SERIES = "ddlm.source.series";
    /** Comma-separated stack index of each image slice. */
    static final String SOURCE_ORDER = "ddlm.source.order";

    private DicomSources() {
    }

    /**
     * A series and where each image slice sits in it.
     *
     * @param stackIndex for image slice i (0-based), the index of its file in {@code stack}
     */
    record Source(Path folder, CtStack stack, int[] stackIndex) {
        /** True when the image holds every file of the stack once (in any order). */
        boolean coversWholeStack() {
            if (stackIndex.length != stack.size()) {
                return false;
            }
            boolean[] seen = new boolean[stack.size()];
            for (int k : stackIndex) {
                if (seen[k]) {
                    return false;
                }
                seen[k] = true;
            }
            return true;
        }
    }

    /** The one processable CT stack in a folder (a folder with several must be narrowed down). */
    static Source folder(Path dir, String role) throws DicomReadException, UserException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserException(role + ": " + dir + " is not a folder");
        }
        List<CtStack> stacks = new SeriesScanner(false).scan(dir).requireStacks();
        if (stacks.size() > 1) {
            StringBuilder sb = new StringBuilder(role + ": " + dir + " holds " + stacks.size()
                    + " series; choose a folder with one:");
            for (CtStack s : stacks) {
                sb.append(' ').append(s.first().path().getParent()).append(" (").append(s.id()).append(')');
            }
            throw new UserException(sb.toString());
        }
        CtStack stack = stacks.get(0);
        stack.requireProcessable();
        return new Source(dir, stack, identity(stack.size()));
    }

    /** The series the image came from, with each image slice matched to its file. */
    static Source image(ImagePlus imp) throws DicomReadException, UserException {
        if (imp == null) {
            throw new UserException("no image is open; open a CT series (File > Import > Image Sequence on a DICOM "
                    + "folder) or choose a folder in the dialog");
        }
        Object folder = imp.getProperty(SOURCE_FOLDER);
        Object series = imp.getProperty(SOURCE_SERIES);
        if (folder != null && series != null) {
            CtStack stack = stackWithSeries(Path.of(folder.toString()), series.toString(), imp.getTitle());
            int[] order = identity(stack.size());
            Object recorded = imp.getProperty(SOURCE_ORDER);
            if (recorded != null) {
                order = java.util.Arrays.stream(recorded.toString().split(",")).mapToInt(Integer::parseInt).toArray();
            }
            if (order.length != imp.getStackSize()) {
                throw new UserException(imp.getTitle() + " has " + imp.getStackSize() + " slices but its source series "
                        + "has " + order.length);
            }
            return new Source(Path.of(folder.toString()), stack, order);
        }
        FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null || fi.directory == null || fi.directory.isEmpty()) {
            throw new UserException(imp.getTitle() + " was not opened from DICOM files; choose its folder instead");
        }
        Path dir = Path.of(fi.directory);
        String[] uids = sopInstanceUids(imp);
        List<CtStack> stacks = new SeriesScanner(false).scan(dir).requireStacks();
        Map<String, int[]> where = new HashMap<>();
        for (int s = 0; s < stacks.size(); s++) {
            List<org.ddlm.dicom.CtSlice> slices = stacks.get(s).slices();
            for (int k = 0; k < slices.size(); k++) {
                where.put(slices.get(k).sopInstanceUid(), new int[] {s, k});
            }
        }
        int[] index = new int[uids.length];
        int stackNo = -1;
        for (int i = 0; i < uids.length; i++) {
            int[] at = uids[i] == null ? null : where.get(uids[i]);
            if (at == null || (stackNo >= 0 && at[0] != stackNo)) {
                throw new UserException("slice " + (i + 1) + " of " + imp.getTitle() + " is not one of the DICOM "
                        + "files of one series in " + dir + " (no matching SOP Instance UID in its header); "
                        + "choose the series folder instead");
            }
            stackNo = at[0];
            index[i] = at[1];
        }
        CtStack stack = stacks.get(stackNo);
        stack.requireProcessable();
        return new Source(dir, stack, index);
    }

    private static CtStack stackWithSeries(Path dir, String seriesUid, String title)
            throws DicomReadException, UserException {
        for (CtStack s : new SeriesScanner(false).scan(dir).requireStacks()) {
            if (s.seriesInstanceUid().equals(seriesUid)) {
                s.requireProcessable();
                return s;
            }
        }
        throw new UserException("the source series of " + title + " is no longer in " + dir);
    }

    /** The SOP Instance UID in each slice's DICOM header (slice label or, for one slice, the image's Info). */
    static String[] sopInstanceUids(ImagePlus imp) {
        ImageStack stack = imp.getStack();
        String[] out = new String[stack.getSize()];
        for (int i = 0; i < out.length; i++) {
            String header = stack.getSliceLabel(i + 1);
            if ((header == null || !header.contains("0008,0018")) && out.length == 1) {
                header = imp.getInfoProperty();
            }
            out[i] = headerValue(header, "0008,0018");
        }
        return out;
    }

    /** The value of a tag in ImageJ's DICOM header text ("0008,0018  SOP Instance UID: 1.2.3"). */
    static String headerValue(String header, String tag) {
        if (header == null) {
            return null;
        }
        for (String line : header.split("\n")) {
            if (line.startsWith(tag)) {
                int colon = line.indexOf(':');
                return colon < 0 ? null : line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
