package org.ddlm.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Citations of Markdown files in the sources resolve. Walks every module's {@code src/} and {@code tools/} and the
 * {@code docs/} folder from the repository root ({@code ..} of this module): every cited {@code *.md} must exist in
 * the repository (a path into the shared reference data, {@code .../data/...}, is looked up there when it is present),
 * and every section number cited for a document of {@code docs/} must be one of its numbered headings. Styles read:
 * "dicom.md section 5", "algorithms.md §6", "metrics.md sections 3-5", "dicom.md 7", "dicom.md sections 1, 2, 3 and
 * 6", "algorithms.md §6.5–6.8", and a bare "§3.8" in a file that cites exactly one document of {@code docs/}.
 */
class DocsCitationTest {
    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    private static final Set<String> TEXT_FILES = Set.of("java", "md", "py", "sh", "ijm");
    private static final String SELF = "DocsCitationTest.java";

    /** A file name ending in .md, with an optional relative path before it. */
    private static final Pattern MD =
            Pattern.compile("(?<![A-Za-z0-9_./-])((?:[A-Za-z0-9_.-]+/)*)([A-Za-z0-9_-]+\\.md)\\b");
    private static final String NUMBER = "\\d+(?:\\.\\d+)?";
    /** A number or a range of them: "3", "6.2", "1-5", "6.5–6.8". */
    private static final String RANGE = NUMBER + "(?:\\s*[-–]\\s*(?:§\\s*)?" + NUMBER + ")?";
    /** Lists after "sections": "1, 2, 3 and 6", "1-5 and 7". */
    private static final String PLURAL_LIST = RANGE + "(?:\\s*(?:,\\s*and|,|and|to)\\s*(?:§\\s*)?" + RANGE + ")*";
    /**
     * Lists after "section", "§" or nothing: further items need their own "§" ("§6.7, §8"), so that "§3.8, 31
     * values" is section 3.8 only.
     */
    private static final String SINGLE_LIST = RANGE + "(?:\\s*(?:,\\s*and|,|and)\\s*§\\s*" + RANGE + ")*";
    /** The section list right after a file name: "section 5", "sections 1, 2 and 6", "§6.5–6.8", " 7.4". */
    private static final Pattern SECTIONS = Pattern.compile("\\s*(?:sections\\s+(" + PLURAL_LIST
            + ")|(?:section\\s+|§\\s*)?(" + SINGLE_LIST + "))(?![\\d.]\\d)");
    /** A section number without a file: "§3.8", "§6.5–6.6". */
    private static final Pattern BARE = Pattern.compile("§\\s*(" + SINGLE_LIST + ")");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");

    /** One cited file, and the sections cited for it (empty when none are). */
    record Citation(String path, String name, List<String> sections, int offset) {
    }

    @Test
    void everyCitedFileAndSectionExists() throws IOException {
        assertTrue(Files.isDirectory(ROOT.resolve("docs")) && Files.isRegularFile(ROOT.resolve("pom.xml")),
                "repository root not found at " + ROOT);
        List<Path> repoFiles = repositoryFiles();
        Map<String, Set<String>> headings = docHeadings();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        for (Path file : sources()) {
            String own = file.getParent().equals(ROOT.resolve("docs")) ? file.getFileName().toString() : null;
            problems.addAll(check(ROOT.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8),
                    own, repoFiles, headings, counts));
        }
        assertTrue(problems.isEmpty(), problems.size() + " unresolved citation(s):\n" + String.join("\n", problems));
        System.out.printf("%d citations, %d section references checked%n", counts[0], counts[1]);
        // The walk must have found the code's citations: an empty walk would pass vacuously.
        assertTrue(counts[0] > 150 && counts[1] > 150, "only " + counts[0] + " citations and " + counts[1]
                + " section references found under " + ROOT);
    }

    /**
     * The unresolved citations of one file, as "path:line: what". {@code counts} accumulates the citations seen [0]
     * and the section references checked [1].
     */
    static List<String> check(String where, String text, String own, List<Path> repoFiles,
                              Map<String, Set<String>> headings, int[] counts) {
        List<String> problems = new ArrayList<>();
        for (Citation c : parse(text, own)) {
            counts[0]++;
            String at = where + ":" + line(text, c.offset()) + ": ";
            if (c.name().isEmpty()) {
                problems.add(at + "§ " + c.sections() + " without a document; name it (e.g. algorithms.md §...)");
                continue;
            }
            if (!exists(c, repoFiles)) {
                problems.add(at + "cites " + c.path() + c.name() + ", which is not in the repository");
                continue;
            }
            Set<String> known = headings.get(c.name());
            for (String s : c.sections()) {
                counts[1]++;
                if (known == null || !known.contains(s)) {
                    problems.add(at + "cites " + c.name() + " section " + s + ", which is not a heading of "
                            + (known == null ? "a numbered document in docs/" : "docs/" + c.name()));
                }
            }
        }
        return problems;
    }

    @Test
    void readsEveryCitationStyleInUse() {
        assertEquals(List.of("5"), only("see dicom.md section 5 steps 1, 4, 5 and 8").sections());
        assertEquals(List.of("6"), only("(algorithms.md §6 \"What to test\")").sections());
        assertEquals(List.of("3", "4", "5"), only("fidelity (metrics.md sections 3-5).").sections());
        assertEquals(List.of("7"), only("dicom.md 7: identity").sections());
        assertEquals(List.of("1", "2", "3", "6"), only("row (dicom.md sections 1, 2, 3 and 6). */").sections());
        assertEquals(List.of("6.5", "6.6", "6.7", "6.8"), only("grids (algorithms.md §6.5–6.8)").sections());
        assertEquals(List.of("6.7", "8"), only("streams (algorithms.md §6.7, §8):").sections());
        assertEquals(List.of("1", "2", "3", "4", "5", "7"), only("metrics.md sections 1-5 and 7").sections());
        assertEquals(List.of("8"), only("metrics.md section 8, step 4").sections());
        assertEquals(List.of("9"), only("(metrics.md section 9). */").sections());
        assertEquals(List.of("7.4"), only("the elements dicom.md 7.4 lists").sections());
        assertEquals(List.of(), only("architecture.md's CtSeries").sections());
        assertEquals(List.of("6.2"), only("(algorithms.md\n     * §6.2 check b)").sections());
        assertEquals(List.of("8"), only("metrics.md section 8, 1152 views").sections());
        List<Citation> two = parse("algorithms.md §6.6: MoG prior of §3.8, 31 values", null);
        assertEquals(List.of(List.of("6.6"), List.of("3.8")), two.stream().map(Citation::sections).toList());
        // A bare § belongs to the one document of docs/ the file cites; with none it is reported as unnamed.
        List<Citation> bare = parse("algorithms.md §1 ... the §3.8 protocol", null);
        assertEquals(List.of("algorithms.md", "algorithms.md"), bare.stream().map(Citation::name).toList());
        assertEquals(List.of("3.8"), bare.get(1).sections());
        assertEquals("", parse("the §3.8 protocol", null).get(0).name());
        assertEquals("metrics.md", parse("see §5", "metrics.md").get(0).name());
        Citation shared = only("(../shared/data/ct/SOURCES.md)");
        assertEquals("../shared/data/ct/", shared.path());
        assertEquals("SOURCES.md", shared.name());
    }

    @Test
    void aMissingSectionOrFileWouldBeFound() throws IOException {
        Map<String, Set<String>> headings = docHeadings();
        assertTrue(headings.get("dicom.md").contains("7.4") && !headings.get("dicom.md").contains("42"));
        assertTrue(headings.get("algorithms.md").containsAll(List.of("3.8", "6.9")));
        List<Path> repoFiles = repositoryFiles();
        assertTrue(exists(only("MODEL_CARD.md"), repoFiles));
        assertTrue(!exists(only("NO_SUCH_NOTE.md"), repoFiles));
        assertTrue(!exists(only("see SOURCES.md"), repoFiles), "a bare name of a shared-data file is not enough");
        // Two documents cited, so the bare § is ambiguous as well.
        String text = "/**\n * See dicom.md section 42, metrics.md sections 2-3 and NO_SUCH_NOTE.md.\n"
                + " * The §3.8 rule.\n */";
        List<String> found = check("X.java", text, null, repoFiles, headings, new int[2]);
        assertEquals(List.of("X.java:2: cites dicom.md section 42, which is not a heading of docs/dicom.md",
                "X.java:2: cites NO_SUCH_NOTE.md, which is not in the repository",
                "X.java:3: § [3.8] without a document; name it (e.g. algorithms.md §...)"), found);
    }

    private static Citation only(String text) {
        List<Citation> all = parse(text, null);
        assertEquals(1, all.size(), "citations in: " + text);
        return all.get(0);
    }

    /**
     * The citations of one file's text. {@code ownName} is the file's own name when it is a document of docs/ (a bare
     * § then means its own sections), else null.
     */
    static List<Citation> parse(String raw, String ownName) {
        List<Integer> where = new ArrayList<>();
        String text = joinLines(raw, where);
        List<Citation> out = new ArrayList<>();
        boolean[] claimed = new boolean[text.length()];
        Set<String> docsCited = new LinkedHashSet<>();
        Matcher m = MD.matcher(text);
        while (m.find()) {
            Matcher s = SECTIONS.matcher(text).region(m.end(), text.length());
            List<String> sections = List.of();
            int end = m.end();
            if (s.lookingAt()) {
                sections = expand(s.group(1) != null ? s.group(1) : s.group(2));
                end = s.end();
            }
            Arrays.fill(claimed, m.start(), end, true);
            out.add(new Citation(m.group(1), m.group(2), sections, where.get(m.start())));
            if (m.group(1).isEmpty() && isNumberedDoc(m.group(2))) {
                docsCited.add(m.group(2));
            }
        }
        String bareTarget = ownName != null ? ownName : docsCited.size() == 1 ? docsCited.iterator().next() : "";
        Matcher b = BARE.matcher(text);
        while (b.find()) {
            if (!claimed[b.start()]) {
                out.add(new Citation("", bareTarget, expand(b.group(1)), where.get(b.start())));
            }
        }
        out.sort((x, y) -> Integer.compare(x.offset(), y.offset()));
        return out;
    }

    private static boolean isNumberedDoc(String name) {
        return Files.isRegularFile(ROOT.resolve("docs").resolve(name)) && !name.equals("README.md");
    }

    /**
     * Comment continuation lines joined with one space, so that a citation broken across lines reads as one;
     * {@code where} receives, for each character of the result, its offset in {@code raw}.
     */
    private static String joinLines(String raw, List<Integer> where) {
        Matcher join = Pattern.compile("[ \\t]*\\R[ \\t]*(?:\\*(?!/)|//|#+)?[ \\t]*").matcher(raw);
        StringBuilder out = new StringBuilder(raw.length());
        int at = 0;
        while (join.find()) {
            for (int i = at; i < join.start(); i++) {
                out.append(raw.charAt(i));
                where.add(i);
            }
            out.append(' ');
            where.add(join.start());
            at = join.end();
        }
        for (int i = at; i < raw.length(); i++) {
            out.append(raw.charAt(i));
            where.add(i);
        }
        return out.toString();
    }

    /** "1-5 and 7" to 1, 2, 3, 4, 5, 7; "6.5–6.8" to 6.5 … 6.8; ranges across chapters keep their ends. */
    static List<String> expand(String list) {
        List<String> out = new ArrayList<>();
        Matcher n = Pattern.compile("(" + NUMBER + ")(\\s*[-–]\\s*(?:§\\s*)?(" + NUMBER + "))?").matcher(list);
        while (n.find()) {
            String a = n.group(1);
            String b = n.group(3);
            if (b == null) {
                out.add(a);
                continue;
            }
            String[] pa = a.split("\\.");
            String[] pb = b.split("\\.");
            if (pa.length == pb.length && (pa.length == 1 || pa[0].equals(pb[0]))) {
                int from = Integer.parseInt(pa[pa.length - 1]);
                int to = Integer.parseInt(pb[pb.length - 1]);
                for (int k = from; k <= to; k++) {
                    out.add(pa.length == 1 ? Integer.toString(k) : pa[0] + "." + k);
                }
            } else {
                out.add(a);
                out.add(b);
            }
        }
        return out;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Numbered headings of each document of docs/, e.g. "7" and "7.4" for "## 7. ..." and "### 7.4 ...". */
    static Map<String, Set<String>> docHeadings() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : (Iterable<Path>) docs.filter(p -> p.toString().endsWith(".md"))::iterator) {
                Set<String> numbers = new LinkedHashSet<>();
                Matcher h = HEADING.matcher(Files.readString(doc, StandardCharsets.UTF_8));
                while (h.find()) {
                    numbers.add(h.group(1));
                }
                out.put(doc.getFileName().toString(), numbers);
            }
        }
        return out;
    }

    /** A cited file exists: in the repository, or for a path into the shared data, there (when it is present). */
    static boolean exists(Citation c, List<Path> repoFiles) {
        String cited = (c.path() + c.name()).replaceAll("^(?:\\.{1,2}/)+", "");
        if (("/" + cited).contains("/data/")) {
            Path shared = sharedFolder();
            if (!Files.isDirectory(shared)) {
                return true; // the reference data are not beside this checkout: nothing to check against
            }
            return Files.isRegularFile(shared.resolve(cited.replaceFirst("^shared/", "")));
        }
        return repoFiles.stream().map(p -> "/" + ROOT.relativize(p).toString().replace('\\', '/'))
                .anyMatch(p -> p.endsWith("/" + cited));
    }

    private static Path sharedFolder() {
        String p = System.getProperty("ddlm.shared");
        return p != null ? Paths.get(p) : ROOT.resolveSibling("shared");
    }

    /** Every file of the repository (build output, git and hidden folders left out). */
    private static List<Path> repositoryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                for (Path part : ROOT.relativize(p)) {
                    String s = part.toString();
                    if (s.equals("target") || (s.startsWith(".") && !s.equals(".") && !s.equals(".."))) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }
    }

    /** The text files that may cite documents: modules' src/ and tools/, and docs/. */
    private static List<Path> sources() throws IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(ROOT.resolve("docs"));
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : (Iterable<Path>) modules.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))::iterator) {
                roots.add(m.resolve("src"));
                roots.add(m.resolve("tools"));
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(r)) {
                files.filter(Files::isRegularFile).filter(p -> {
                    String name = p.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    return dot > 0 && TEXT_FILES.contains(name.substring(dot + 1)) && !name.equals(SELF);
                }).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
