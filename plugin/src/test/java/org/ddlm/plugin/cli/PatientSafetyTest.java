package org.ddlm.plugin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ddlm.plugin.denoise.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 1 and the README's patient-safety rule: one output series never mixes PatientID, StudyInstanceUID
 * or FrameOfReferenceUID. Slices of two studies sharing a SeriesInstanceUID are split by study (and `info` says so);
 * one study under two PatientIDs, or mixed frames of reference, are refused with nothing written.
 */
class PatientSafetyTest {
    @TempDir
    Path tmp;

    private Path mix;
    private List<Path> source;

    @BeforeEach
    void twoFoldersOfOneSeries() throws Exception {
        ExternalTool.require("dcmodify");
        source = Fixtures.dicomFiles(Fixtures.shared().resolve("data/ct/chest-siemens-sensation10-b40f"));
        mix = tmp.resolve("mix");
        Files.createDirectories(mix.resolve("a"));
        Files.createDirectories(mix.resolve("b"));
        for (int i = 0; i < 4; i++) {
            Path to = mix.resolve(i < 2 ? "a" : "b").resolve(source.get(i).getFileName());
            Files.copy(source.get(i), to);
            to.toFile().setWritable(true);
        }
    }

    private void modify(String folder, String... edits) throws Exception {
        for (Path f : Fixtures.dicomFiles(mix.resolve(folder))) {
            List<String> cmd = new java.util.ArrayList<>(List.of("dcmodify", "-nb"));
            for (String e : edits) {
                cmd.add("-m");
                cmd.add(e);
            }
            cmd.add(f.toString());
            assertEquals(0, ExternalTool.run(cmd).exit(), "dcmodify " + f);
        }
    }

    private static AttributeList header(Path f) throws Exception {
        AttributeList l = new AttributeList();
        l.read(f.toString());
        return l;
    }

    private static String value(AttributeList l, com.pixelmed.dicom.AttributeTag tag) {
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(l, tag);
    }

    @Test
    void twoPatientsSharingASeriesUidBecomeTwoSeriesOnePatientEach() throws Exception {
        modify("b", "(0010,0020)=OTHER", "(0020,000d)=2.25.987654321");
        Map<String, String> before = Fixtures.fingerprint(mix);

        CliRun info = CliRun.of("info", mix.toString());
        assertEquals(0, info.exit(), info.err());
        assertEquals(2, info.out().split("shared by 2 patients/studies", -1).length - 1,
                "both stacks report the problem: " + info.out());
        assertFalse(info.out().contains("problems     none"), info.out());

        Path out = tmp.resolve("out");
        CliRun copy = CliRun.of("copy", mix.toString(), out.toString());
        assertEquals(0, copy.exit(), copy.err());
        List<Path> written = Fixtures.dicomFiles(out);
        assertEquals(4, written.size());
        Map<String, Set<String>> patientsBySeries = new java.util.HashMap<>();
        Map<String, Set<String>> studiesBySeries = new java.util.HashMap<>();
        for (Path f : written) {
            AttributeList l = header(f);
            String series = value(l, TagFromName.SeriesInstanceUID);
            patientsBySeries.computeIfAbsent(series, k -> new HashSet<>()).add(value(l, TagFromName.PatientID));
            studiesBySeries.computeIfAbsent(series, k -> new HashSet<>()).add(value(l, TagFromName.StudyInstanceUID));
        }
        assertEquals(2, patientsBySeries.size(), "two output series");
        patientsBySeries.values().forEach(p -> assertEquals(1, p.size(), "one PatientID per series: " + p));
        studiesBySeries.values().forEach(s -> assertEquals(1, s.size(), "one study per series: " + s));
        Set<String> patients = new HashSet<>();
        patientsBySeries.values().forEach(patients::addAll);
        assertTrue(patients.contains("OTHER") && patients.size() == 2, patients.toString());
        assertEquals(before, Fixtures.fingerprint(mix), "input untouched");
    }

    @Test
    void oneStudyUnderTwoPatientIdsIsRefusedWithNothingWritten() throws Exception {
        modify("b", "(0010,0020)=OTHER");
        Map<String, String> before = Fixtures.fingerprint(mix);
        Path out = tmp.resolve("out");
        CliRun copy = CliRun.of("copy", mix.toString(), out.toString());
        assertEquals(1, copy.exit(), copy.err());
        assertEquals(1, copy.err().lines().count(), copy.err());
        assertTrue(copy.err().contains(mix.toString()) && copy.err().contains("several PatientIDs"), copy.err());
        assertFalse(Files.exists(out));
        assertEquals(before, Fixtures.fingerprint(mix));
    }

    @Test
    void mixedFramesOfReferenceAreRefusedWithNothingWritten() throws Exception {
        modify("b", "(0020,0052)=2.25.55555");
        Path out = tmp.resolve("out");
        CliRun copy = CliRun.of("copy", mix.toString(), out.toString());
        assertEquals(1, copy.exit(), copy.err());
        assertEquals(1, copy.err().lines().count(), copy.err());
        assertTrue(copy.err().contains("mixed FrameOfReferenceUID") && copy.err().contains("FrameOfReferenceUID"),
                copy.err());
        assertFalse(Files.exists(out));
    }
}
