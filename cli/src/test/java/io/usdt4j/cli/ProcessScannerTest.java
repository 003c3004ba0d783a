// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner over a {@code /proc} of its own: processes whose maps name hostile files beside a
 * healthy one. Each bad library costs itself only, with a notice; a read that blocks costs its
 * process, after the scanner's patience; a process that is gone is passed over quietly.
 * {@code HostileLibrariesTest} does the same with real processes.
 */
class ProcessScannerTest {
    private static final Duration PATIENCE = Duration.ofMillis(300);

    @TempDir
    Path temp;
    private Path proc;
    private Path files;
    private long nextStart = 0x7f0000000000L;

    /** A fake process: its maps lines, its map_files links and its command line. */
    private final class FakeProcess {
        final long pid;
        final Path dir;
        final List<String> maps = new ArrayList<>();

        FakeProcess(long pid, String command) throws IOException {
            this.pid = pid;
            this.dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
            Files.createDirectories(dir.resolve("map_files"));
            Files.write(dir.resolve("cmdline"), (command.replace(' ', '\0') + "\0").getBytes(StandardCharsets.UTF_8));
            Files.createSymbolicLink(dir.resolve("root"), Path.of("/"));
        }

        /** Maps {@code path} (as maps shows it), its map_files entry a link to {@code target} (none when null). */
        FakeProcess map(String shownPath, Path target) throws IOException {
            long start = nextStart;
            nextStart += 0x10000;
            String range = Long.toHexString(start) + "-" + Long.toHexString(start + 0x4000);
            maps.add(range + " r--p 00000000 fd:01 1234                       " + shownPath);
            if (target != null) {
                Files.createSymbolicLink(dir.resolve("map_files").resolve(range), target);
            }
            Files.writeString(dir.resolve("maps"), String.join("\n", maps) + "\n");
            return this;
        }

        /** A map_files entry that cannot be followed (a loop): as a user who may not read map_files, by the path. */
        FakeProcess mapByPath(Path file) throws IOException {
            long start = nextStart;
            String range = Long.toHexString(start) + "-" + Long.toHexString(start + 0x4000);
            map(file.toString(), null);
            Path link = dir.resolve("map_files").resolve(range);
            Files.createSymbolicLink(link, link);
            return this;
        }
    }

    private Path library(String directory, byte[] content) throws IOException {
        Path dir = Files.createDirectories(files.resolve(directory));
        return Files.write(dir.resolve(TestLibrary.fileName("shop")), content);
    }

    private Path fifo(String directory) throws Exception {
        Path dir = Files.createDirectories(files.resolve(directory));
        Path fifo = dir.resolve(TestLibrary.fileName("shop"));
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        return fifo;
    }

    private void setUp() throws IOException {
        proc = Files.createDirectories(temp.resolve("proc"));
        files = Files.createDirectories(temp.resolve("files"));
    }

    @Test
    void eachBadLibraryCostsItselfOnly() throws Exception {
        setUp();
        Path good = library("good", TestLibrary.shop().bytes());
        FakeProcess healthy = new FakeProcess(100, "java -cp app.jar Healthy").map(good.toString(), good);
        Path truncated = library("truncated", java.util.Arrays.copyOf(TestLibrary.shop().bytes(), 200));
        Path undescribed = library("undescribed", TestLibrary.shopNotes().bytes());
        Path negative = library("negative", LibraryReadingTest.with(TestLibrary.shop().bytes(),
                TestLibrary.shop().offsets().notes(), 4, -12));
        Path fifo = fifo("fifo");
        Path newline = library("new\nline \"quoted\" a:b", TestLibrary.shop().bytes());
        FakeProcess hostile = new FakeProcess(200, "evil \u001b[2J")
                .map(truncated.toString(), truncated)
                .map(undescribed.toString(), undescribed)
                .map(negative.toString(), negative)
                .map(fifo.toString(), fifo)
                .map("/dev/zero/" + TestLibrary.fileName("zero"), Path.of("/dev/zero"))
                .map(newline.toString().replace("\n", "\\012"), newline);
        // A path that is not UTF-8 (and whose mapping is gone by the time it is read) hides nothing.
        byte[] notUtf8 = ("1000-2000 r--p 00000000 fd:01 1 /tmp/caf\u00e9/" + TestLibrary.fileName("x") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(hostile.dir.resolve("maps"), notUtf8);
        Files.writeString(hostile.dir.resolve("maps"), String.join("\n", hostile.maps) + "\n", java.nio.file.StandardOpenOption.APPEND);
        new FakeProcess(300, "gone"); // its maps are gone: it ended while it was read

        ProcessScanner scanner = new ProcessScanner(proc, PATIENCE);
        List<ProcessScanner.Target> targets = assertTimeoutPreemptively(Duration.ofSeconds(60), scanner::all);

        assertEquals(List.of(100L, 200L), targets.stream().map(ProcessScanner.Target::pid).toList());
        assertEquals("java -cp app.jar Healthy", targets.get(0).command());
        assertEquals(List.of(good.toString()), targets.get(0).libraries().stream().map(ProcessScanner.Library::path).toList());
        assertEquals(List.of(undescribed.toString(), newline.toString()),
                targets.get(1).libraries().stream().map(ProcessScanner.Library::path).toList());
        List<String> expected = List.of(
                "200 " + truncated + ": skipped: its section headers would lie at",
                "200 " + undescribed + ": it carries no .usdt4j description (an older usdt4j built it); its probes are read from",
                "200 " + negative + ": skipped: the note at offset 0 of .note.stapsdt runs past its",
                "200 " + fifo + ": skipped: the file it maps is not a regular file (a FIFO, device or socket)",
                "200 /dev/zero/" + TestLibrary.fileName("zero") + ": skipped: the file it maps is not a regular file");
        List<String> notices = scanner.notices();
        assertEquals(expected.size(), notices.size(), notices.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(notices.get(i).startsWith(expected.get(i)), "expected " + expected.get(i) + "\n     got " + notices.get(i));
        }
        assertEquals(0, scanner.unreadable());
        assertEquals(targets.get(0).libraries(), new ProcessScanner(proc, PATIENCE).one(100).libraries());
    }

    @Test
    void aReadThatBlocksCostsItsProcessAfterThePatience() throws Exception {
        setUp();
        Path good = library("good", TestLibrary.shop().bytes());
        new FakeProcess(100, "healthy").map(good.toString(), good);
        FakeProcess blocking = new FakeProcess(200, "blocking");
        assertEquals(0, new ProcessBuilder("mkfifo", blocking.dir.resolve("maps").toString()).start().waitFor());

        ProcessScanner scanner = new ProcessScanner(proc, PATIENCE);
        List<ProcessScanner.Target> targets = assertTimeoutPreemptively(Duration.ofSeconds(60), scanner::all);

        assertEquals(List.of(100L), targets.stream().map(ProcessScanner.Target::pid).toList());
        assertEquals(List.of("200: skipped: reading its maps did not finish within 0.3 s"), scanner.notices());
    }

    @Test
    void byItsPathOnlyTheRegularFileItWas() throws Exception {
        setUp();
        Path good = library("good", TestLibrary.shop().bytes());
        Path fifo = fifo("fifo");
        Path link = Files.createSymbolicLink(Files.createDirectories(files.resolve("link")).resolve(TestLibrary.fileName("shop")),
                Path.of("/dev/zero"));
        Path directory = Files.createDirectories(files.resolve("directory").resolve(TestLibrary.fileName("shop")));
        new FakeProcess(100, "by path").mapByPath(good).mapByPath(fifo).mapByPath(link).mapByPath(directory)
                .mapByPath(files.resolve("missing").resolve(TestLibrary.fileName("shop")));
        FakeProcess deleted = new FakeProcess(200, "deleted");
        deleted.mapByPath(good);
        deleted.maps.set(0, deleted.maps.get(0) + " (deleted)");
        Files.writeString(deleted.dir.resolve("maps"), deleted.maps.get(0) + "\n");

        ProcessScanner scanner = new ProcessScanner(proc, PATIENCE);
        List<ProcessScanner.Target> targets = assertTimeoutPreemptively(Duration.ofSeconds(60), scanner::all);

        assertEquals(1, targets.size());
        assertEquals(List.of(good.toString()), targets.get(0).libraries().stream().map(ProcessScanner.Library::path).toList());
        assertEquals(List.of(
                "100 " + fifo + ": skipped: its path is not a regular file (a FIFO, device or socket)",
                "100 " + link + ": skipped: its path is a symbolic link, not the file mapped",
                "100 " + directory + ": skipped: its path is not a regular file (a directory)",
                "100 " + files.resolve("missing").resolve(TestLibrary.fileName("shop")) + ": skipped: no file is at its path any"
                        + " more, and only root reads a library by /proc/PID/map_files",
                "200 " + good + ": skipped: it was deleted after it was mapped, and only root reads a deleted library (through"
                        + " /proc/PID/map_files)"), scanner.notices());
    }

    @Test
    void oneProcessSaysWhyItHasNoProbes() throws Exception {
        setUp();
        Path truncated = library("truncated", new byte[10]);
        new FakeProcess(100, "bad").map(truncated.toString(), truncated);
        new FakeProcess(200, "none");
        Files.writeString(proc.resolve("200/maps"), "");

        CliException bad = assertThrows(CliException.class, () -> new ProcessScanner(proc, PATIENCE).one(100));
        assertEquals("process 100 has no usdt4j probes (no library of its 1 libusdt4j-*.so can be used: " + truncated
                + ": it is 10 bytes long, too short for an ELF header)", bad.getMessage());
        CliException none = assertThrows(CliException.class, () -> new ProcessScanner(proc, PATIENCE).one(200));
        assertEquals("process 200 has no usdt4j probes (no libusdt4j-*.so is mapped)", none.getMessage());
        assertTrue(assertThrows(CliException.class, () -> new ProcessScanner(proc, PATIENCE).one(300)).getMessage()
                .equals("no such process: 300"));
    }
}
