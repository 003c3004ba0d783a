// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bpftrace script the processor writes for each provider ({@code META-INF/usdt4j/<provider>.bt}),
 * run as a user would, {@code bpftrace -p PID <provider>.bt}, against a live JVM: it prints every
 * argument of every probe by name, each in the right format. This also checks the argument types
 * of {@link BoxedAndEnumProbes} value by value.
 */
class GeneratedBpftraceScriptTest {

    /**
     * What {@link ProbeFiringApp#fire} passes, as the generated usdt4j_it.bt prints it: booleans as
     * true or false, strings in quotes, null as null, and the arguments after the sixth, which
     * bpftrace cannot read, as ?.
     */
    private static final List<String> EVERY_TYPE = List.of(
            "usdt4j_it:signed_integers b=-128 s=-32768 i=-2147483648 l=-9223372036854775808",
            "usdt4j_it:signed_integers b=127 s=32767 i=2147483647 l=9223372036854775807",
            "usdt4j_it:signed_integers b=-1 s=-1 i=-1 l=-1",
            "usdt4j_it:unsigned_integers yes=true no=false c=65535",
            "usdt4j_it:unsigned_integers yes=false no=true c=0",
            "usdt4j_it:strings text=\"" + ProbeFiringApp.TEXT + "\" empty=\"\" absent=null",
            "usdt4j_it:no_arguments",
            "usdt4j_it:twelve a1=-1 a2=2 a3=-3 a4=4 a5=65 a6=true a7=? a8=? a9=? a10=? a11=? a12=?");

    /** What {@link BoxedAndEnumApp#fire} passes: null boxes as 0 (false), null strings as null, strings cut at 8 bytes on a character boundary. */
    private static final List<String> BOXED_AND_ENUM = List.of(
            "usdt4j_it_boxed:boxed flag=true b=-1 s=-300 c=233 i=-2147483648 l=-9223372036854775808",
            "usdt4j_it_boxed:boxed flag=false b=0 s=0 c=0 i=0 l=0",
            "usdt4j_it_boxed:texts sequence=\"naïve \" builder=\"builder!\" color=\"GREEN\" unit=\"SECONDS\"",
            "usdt4j_it_boxed:texts sequence=null builder=null color=null unit=null");

    @Backend.Each
    void everyTypeScriptPrintsEveryArgument(Backend backend, @TempDir Path temp) throws Exception {
        assertEquals(sorted(EVERY_TYPE), trace(backend, "usdt4j_it", ProbeFiringApp.class, EVERY_TYPE.size(), temp));
    }

    @Backend.Each
    void boxedAndEnumScriptPrintsEveryArgument(Backend backend, @TempDir Path temp) throws Exception {
        assertEquals(sorted(BOXED_AND_ENUM), trace(backend, "usdt4j_it_boxed", BoxedAndEnumApp.class, BOXED_AND_ENUM.size(), temp));
    }

    /** The script prints each argument that bpftrace 0.17 cannot read as ?, and reads none of them. */
    @Test
    void scriptPrintsTheArgumentsBeyondTheSixthAsUnknown() throws Exception {
        String script = Files.readString(script("usdt4j_it"));
        for (int i = 7; i <= 12; i++) {
            assertTrue(script.contains("    printf(\" a" + i + "=?\");\n"), script);
            assertFalse(script.contains("arg" + (i - 1)), script);
        }
    }

    /** Runs {@code app} on {@code backend}'s build, attaches the provider's generated script and returns the {@code lines} it printed, sorted. */
    private static List<String> trace(Backend backend, String provider, Class<?> app, int lines, Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        Path script = script(provider);
        ProviderBuild build = backend.build();
        assertTrue(Files.isRegularFile(build.library(provider)), "the build made " + build.library(provider));

        try (LineProcess jvm = new LineProcess(app.getSimpleName(), build.javaCommand(temp.resolve("libs"), app.getName()))) {
            LineProcess.Ready ready = jvm.awaitReady();
            assertFalse(ready.line().contains("unavailable"), ready.toString());
            List<String> traced = new ArrayList<>();
            try (LineProcess bpftrace = new LineProcess("bpftrace",
                    List.of("bpftrace", "-p", Long.toString(jvm.pid()), script.toString()))) {
                // The script's BEGIN block runs once every probe is attached.
                bpftrace.awaitPrefix("usdt4j: tracing provider " + provider);
                jvm.ask("await-enabled", "enabled");
                jvm.ask("fire", "fired");
                for (int i = 0; i < lines; i++) {
                    traced.add(bpftrace.await(line -> line.startsWith(provider + ":"), "probe output " + (i + 1)));
                }
                bpftrace.interrupt();
                bpftrace.awaitExit();
            }
            assertEquals(0, jvm.exit());
            // bpftrace reads one buffer per CPU, so lines from a thread that moved may come out of order.
            return sorted(traced);
        }
    }

    /** Written by the processor into the class output, so also into the jar. */
    private static Path script(String provider) {
        Path script = ProviderBuild.CLASSES.resolve("META-INF/usdt4j/" + provider + ".bt");
        assertTrue(Files.isRegularFile(script), "the processor wrote " + script);
        return script;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
