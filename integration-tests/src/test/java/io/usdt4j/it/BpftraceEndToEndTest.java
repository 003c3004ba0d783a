// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole path, for real: a JVM fires {@link EveryTypeProbes} with known values while
 * {@code bpftrace -p PID} is attached, and every value bpftrace printed is checked.
 */
class BpftraceEndToEndTest {

    /**
     * Attaches by provider and probe name, as users do. bpftrace 0.17 reads USDT arguments up to
     * arg5 only, so the last six of {@code twelve} are checked in its note ({@link ProbeNotesTest}).
     * BEGIN runs once every probe is attached: from then on no event can be missed. 64-bit values
     * print with {@code %ld}: bpftrace 0.17's {@code %d} shows only their low 32 bits.
     */
    private static final String SCRIPT = String.join("\n",
                "BEGIN { printf(\"all probes attached\\n\"); }",
                "usdt:*:usdt4j_it:signed_integers { printf(\"signed_integers %d %d %d %ld\\n\", arg0, arg1, arg2, arg3); }",
                "usdt:*:usdt4j_it:unsigned_integers { printf(\"unsigned_integers %d %d %d\\n\", arg0, arg1, arg2); }",
                "usdt:*:usdt4j_it:strings { printf(\"strings [%s] [%s] %d %d\\n\", str(arg0), str(arg1), arg1 != 0, arg2); }",
                "usdt:*:usdt4j_it:no_arguments { printf(\"no_arguments\\n\"); }",
                "usdt:*:usdt4j_it:twelve { printf(\"twelve %ld %d %d %d %d %d\\n\", arg0, arg1, arg2, arg3, arg4, arg5); }");

    /** What ProbeFiringApp.fire() passes, as bpftrace prints it. */
    private static final List<String> EXPECTED = List.of(
            "signed_integers -128 -32768 -2147483648 -9223372036854775808",
            "signed_integers 127 32767 2147483647 9223372036854775807",
            "signed_integers -1 -1 -1 -1",
            "unsigned_integers 1 0 65535",
            "unsigned_integers 0 1 0",
            "strings [" + ProbeFiringApp.TEXT + "] [] 1 0",
            "no_arguments",
            "twelve -1 2 -3 4 65 1");

    /** This platform's entry in the table: its kinds of probe site. */
    private static final Platform HOST = PlatformId.host().platform();

    /** The library over libbpf's usdt.h, beside each backend's: the C template's other probe header. */
    private static final String USDT_H = "C-built over usdt.h";

    /** Each backend (and the C backend over usdt.h too), with the probes on each kind of site (usdt4j.h: USDT4J_NOP_SIZE). */
    static Stream<Arguments> builds() {
        List<Integer> nopSizes = HOST.sites().stream().map(site -> site.kind().number()).toList();
        return Stream.concat(Backend.each().map(Backend::toString), Stream.of(USDT_H))
                .flatMap(build -> nopSizes.stream().map(nop -> Arguments.of(build, nop)));
    }

    /** What reads the semaphores when nothing is asked for: the fast kind of this JDK. */
    private static final String AUTOMATIC_ACCESS = Runtime.version().feature() >= 22 ? "segment" : "unsafe";

    /** The probe sites fired when nothing is asked for (ProbeSites.nopSize). */
    private static final int AUTOMATIC_NOP = kernelOptimizesNop5() ? 5 : 1;

    @ParameterizedTest(name = "{0}, probes on nop{1}")
    @MethodSource("builds")
    void bpftraceSeesEveryValueExactly(String build, int nopSize, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        assertTracedExactly(build(build, temp), List.of("-Dusdt4j.probeNop=" + nopSize), AUTOMATIC_ACCESS, nopSize, temp);
    }

    /**
     * Each backend, with the slow way of reading semaphores, for JVMs that offer no other, and with
     * this JDK's fast way asked for by name.
     */
    static Stream<Arguments> semaphoreAccesses() {
        return Backend.each().flatMap(backend -> Stream.of("buffer", AUTOMATIC_ACCESS).map(access -> Arguments.of(backend, access)));
    }

    @ParameterizedTest(name = "{0}, -Dusdt4j.semaphoreAccess={1}")
    @MethodSource("semaphoreAccesses")
    void bpftraceSeesEveryValueWhateverReadsTheSemaphores(Backend backend, String access, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        assertTracedExactly(backend.build(), List.of("-Dusdt4j.semaphoreAccess=" + access), access, AUTOMATIC_NOP, temp);
    }

    /**
     * Runs ProbeFiringApp with {@code options}, checks that it reads semaphores through {@code access}
     * and fires on the sites of {@code nopSize}, and compares every value bpftrace printed while
     * attached, and the queries before, while and after.
     */
    private static void assertTracedExactly(ProviderBuild build, List<String> options, String access, int nopSize,
            Path temp) throws Exception {
        try (LineProcess app = new LineProcess("ProbeFiringApp",
                build.javaCommand(temp.resolve("libs"), options, ProbeFiringApp.class.getName()))) {
            LineProcess.Ready ready = app.awaitReady();
            assertFalse(ready.line().contains("unavailable"), ready.toString());
            assertTrue(ready.line().contains(temp.resolve("libs").toString()), "library extracted into usdt4j.dir: " + ready);
            assertEquals("semaphoreAccess=" + access, app.awaitPrefix("semaphoreAccess="));
            assertEquals("nop=" + nopSize, app.ask("nop?", "nop="));
            assertEquals("enabled=false any=false", app.ask("enabled?", "enabled="), "before bpftrace attaches");

            List<String> traced = new ArrayList<>();
            try (LineProcess bpftrace = new LineProcess("bpftrace",
                    List.of("bpftrace", "-p", Long.toString(app.pid()), "-e", SCRIPT))) {
                bpftrace.awaitPrefix("all probes attached");
                app.ask("await-enabled", "enabled");
                assertEquals("enabled=true any=true", app.ask("enabled?", "enabled="), "while bpftrace is attached");

                app.ask("fire", "fired");
                for (int i = 0; i < EXPECTED.size(); i++) {
                    traced.add(bpftrace.await(BpftraceEndToEndTest::isProbeLine, "probe output " + (i + 1)));
                }
                // Linux 6.18+ rewrites a traced five-byte nop into a call to a trampoline it maps
                // into the process: the fast path really ran, and still read every value right.
                assertEquals(nopSize == 5 && kernelOptimizesNop5(), mapsUprobeTrampoline(app.pid()),
                        "[uprobes-trampoline] mapped, with probes on nop" + nopSize + " under Linux " + System.getProperty("os.version"));
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            // bpftrace reads one buffer per CPU, so lines from a thread that moved may come out of order.
            assertEquals(sorted(EXPECTED), sorted(traced));

            assertEquals("enabled=false any=false", app.ask("enabled?", "enabled="), "after bpftrace detached");
            app.send("fire"); // untraced again: nothing to see, nothing to break
            app.awaitPrefix("fired");
            assertEquals(0, app.exit());
        }
    }

    /** The build {@link #builds} names. */
    private static ProviderBuild build(String name, Path temp) throws Exception {
        if (name.equals(USDT_H)) {
            return ProviderBuild.overUsdtH(TracerRequirement.usdtHeader(), temp.resolve("usdt-h-build"));
        }
        ProviderBuild build = Backend.each().filter(backend -> backend.toString().equals(name)).findFirst().orElseThrow().build();
        assertTrue(build.exists(), "the build made " + build.library());
        return build;
    }

    /** Linux 6.18+ on x86-64 optimizes uprobes on five-byte nops (the table's fastFrom, as ProbeSites reads it). */
    private static boolean kernelOptimizesNop5() {
        return HOST.preferredSite(System.getProperty("os.version")).kind() == Platform.SiteKind.NOP5;
    }

    private static boolean mapsUprobeTrampoline(long pid) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")).stream()
                .anyMatch(line -> line.endsWith("[uprobes-trampoline]"));
    }

    private static boolean isProbeLine(String line) {
        return EXPECTED.stream().anyMatch(e -> line.startsWith(e.split(" ")[0]));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
