// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.description.TracerType;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the tools that read USDT libraries say of a Java-written one: readelf reads it all without a
 * warning; eu-elflint finds nothing but the stapsdt notes it does not know (as for gcc's output);
 * gdb lists every probe site and breaks on each; tplist (bcc) and perf parse every argument of the
 * host platform's library with the size and sign of its type, perf at the file offsets of the
 * sites and semaphores. (bcc and perf parse arguments only in the host's syntax, so another
 * platform's are read by readelf alone here; integration-tests compare each with gcc's.)
 */
class ToolsTest {
    private static final Pattern ELFLINT_STAPSDT = Pattern.compile(
            "section \\[\\s*\\d+\\] '\\.note\\.stapsdt': unknown object file note type 3 with owner name 'stapsdt' at offset \\d+");

    /** The platform whose argument syntax bcc and perf read here. */
    private static final Platform HOST = PlatformId.host().platform();

    @TempDir
    Path temp;

    static Stream<Arguments> libraries() {
        return Stream.of(TestProviders.SHOP, TestProviders.EVERY_TYPE)
                .flatMap(library -> Stream.of(Platform.values()).map(platform -> Arguments.of(library, platform)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("libraries")
    void readelfAndElflintFindNothingWrong(ProviderLibrary library, Platform platform) throws Exception {
        TracerRequirement.requireTool("readelf", "binutils");
        TracerRequirement.requireTool("eu-elflint", "elfutils");
        Path file = write(library, platform);
        Processes.Result readelf = Processes.execute(Processes.PATIENCE, List.of("readelf", "-a", "-W", file.toString()));
        assertEquals(0, readelf.exitCode(), readelf.output());
        assertFalse(readelf.output().contains("Warning") || readelf.output().contains("Error"), readelf.output());

        Processes.Result elflint = Processes.execute(Processes.PATIENCE, List.of("eu-elflint", "--gnu-ld", file.toString()));
        List<String> complaints = elflint.output().lines().toList();
        assertEquals(platform.sites().size() * library.probes().size(), complaints.size(), elflint.output());
        for (String complaint : complaints) {
            assertTrue(ELFLINT_STAPSDT.matcher(complaint).matches(), "eu-elflint: " + complaint);
        }
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("libraries")
    void gdbListsAndBreaksOnEverySite(ProviderLibrary library, Platform platform) throws Exception {
        TracerRequirement.requireTool("gdb", "gdb");
        Path file = write(library, platform);
        List<String> expected = new ArrayList<>();
        for (ProbeNote note : ProbeNote.read(file)) {
            expected.add(String.join(" ", "stap", note.provider(), note.name(), "0x" + Long.toHexString(note.location()),
                    "0x" + Long.toHexString(note.semaphore()), file.toString()));
        }
        List<String> command = new ArrayList<>(List.of("gdb", "-nx", "-batch", "-ex", "info probes stap"));
        for (ProviderLibrary.Probe probe : library.probes()) {
            command.addAll(List.of("-ex", "break -probe-stap " + library.provider() + ":" + probe.name()));
        }
        command.add(file.toString());
        List<String> lines = Processes.run(Duration.ofMinutes(1), command).lines().toList();
        List<String> rows = lines.stream().filter(line -> line.startsWith("stap "))
                .map(line -> line.strip().replaceAll("\\s+", " ").replaceAll("0x0+([1-9a-f])", "0x$1")).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), rows, String.join("\n", lines));
        List<String> breakpoints = lines.stream().filter(line -> line.startsWith("Breakpoint ")).toList();
        assertEquals(library.probes().size(), breakpoints.size(), String.join("\n", lines));
        for (String breakpoint : breakpoints) {
            assertTrue(breakpoint.endsWith(platform.sites().size() == 1 ? "" : "(" + platform.sites().size() + " locations)"),
                    breakpoint);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostLibraries")
    void tplistParsesEveryArgumentWithItsSizeAndSign(ProviderLibrary library) throws Exception {
        TracerRequirement.requireTool("tplist-bpfcc", "bpfcc-tools");
        Path file = write(library, HOST);
        String listing = Processes.run("tplist-bpfcc", "-vv", "-l", file.toString());
        Pattern probeLine = Pattern.compile("(?m)^(\\w+):(\\w+) \\[sema 0x(\\p{XDigit}+)\\]$");
        Pattern argument = Pattern.compile("argument #(\\d+) (\\d+) (signed|unsigned) +bytes @ (.+)");
        List<String> expected = new ArrayList<>();
        for (ProviderLibrary.Probe probe : library.probes()) {
            for (int site = 0; site < HOST.sites().size(); site++) {
                for (int i = 0; i < probe.arguments().size(); i++) {
                    TracerType type = probe.arguments().get(i);
                    expected.add(probe.name() + " #" + (i + 1) + " " + type.bytes() + " " + (type.signed() ? "signed" : "unsigned"));
                }
            }
        }
        List<String> actual = new ArrayList<>();
        String probe = null;
        for (String line : listing.lines().toList()) {
            Matcher header = probeLine.matcher(line);
            if (header.matches()) {
                assertEquals(library.provider(), header.group(1));
                probe = header.group(2);
            }
            Matcher parsed = argument.matcher(line.strip());
            if (parsed.matches()) {
                actual.add(probe + " #" + parsed.group(1) + " " + parsed.group(2) + " " + parsed.group(3));
            }
        }
        assertEquals(expected, actual, listing);
        assertEquals(library.probes().size() * HOST.sites().size(),
                listing.lines().filter(line -> line.strip().startsWith("location #")).count(), listing);
    }

    /**
     * perf's SDT events (dry run: {@code perf probe -n}): one uprobe per site, at the site's file
     * offset, counting in the semaphore's file offset, each argument of its type.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostLibraries")
    void perfDefinesEveryProbeAtItsFileOffsetWithTypedArguments(ProviderLibrary library) throws Exception {
        TracerRequirement.requireTool("perf", "linux-perf");
        Path file = write(library, HOST);
        Path cache = temp.resolve("perf");
        Processes.run(Processes.PATIENCE, List.of("perf", "--buildid-dir", cache.toString(), "buildid-cache", "--add", file.toString()));
        List<ProbeNote> notes = ProbeNote.read(file);
        long[] text = ReadElf.section(file, ".text");
        long[] probes = ReadElf.section(file, ".probes");
        for (ProviderLibrary.Probe probe : library.probes()) {
            String output = Processes.run(Processes.PATIENCE, List.of("perf", "--buildid-dir", cache.toString(), "probe", "-n",
                    "-v", "-x", file.toString(), "sdt_" + library.provider() + ":" + probe.name()));
            List<String> events = output.lines().filter(line -> line.startsWith("Writing event: ")).toList();
            List<String> expected = new ArrayList<>();
            for (ProbeNote note : notes) {
                if (note.name().equals(probe.name())) {
                    StringBuilder event = new StringBuilder(Pattern.quote("Writing event: p:sdt_" + library.provider() + "/"
                            + probe.name() + " " + file + ":0x" + Long.toHexString(note.location() - text[0] + text[1])
                            + "(0x" + Long.toHexString(note.semaphore() - probes[0] + probes[1]) + ")"));
                    for (int i = 0; i < probe.arguments().size(); i++) {
                        TracerType type = probe.arguments().get(i);
                        event.append(Pattern.quote(" arg" + (i + 1) + "=")).append("\\S+")
                                .append(Pattern.quote(":" + (type.signed() ? 's' : 'u') + 8 * type.bytes()));
                    }
                    expected.add(event.toString());
                }
            }
            assertEquals(expected.size(), events.size(), output);
            for (int i = 0; i < events.size(); i++) {
                assertTrue(events.get(i).matches(expected.get(i)), events.get(i) + " does not match " + expected.get(i));
            }
        }
    }

    static Stream<ProviderLibrary> hostLibraries() {
        return Stream.of(TestProviders.SHOP, TestProviders.EVERY_TYPE);
    }

    private Path write(ProviderLibrary library, Platform platform) throws Exception {
        Path directory = Files.createDirectories(temp.resolve(platform.id()));
        return Files.write(directory.resolve("lib" + library.provider() + ".so"), LibraryWriter.write(library, platform));
    }
}
