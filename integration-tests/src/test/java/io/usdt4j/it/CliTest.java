// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static io.usdt4j.it.CliRun.FIRED;
import static io.usdt4j.it.CliRun.PROBE_LINES;
import static io.usdt4j.it.CliRun.app;
import static io.usdt4j.it.CliRun.assertListed;
import static io.usdt4j.it.CliRun.cli;
import static io.usdt4j.it.CliRun.fireUntilSeen;
import static io.usdt4j.it.CliRun.linesOf;
import static io.usdt4j.it.CliRun.run;
import static io.usdt4j.it.CliRun.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.usdt4j.it.CliRun.Result;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code usdt4j} command, {@code cli/target/usdt4j-cli.jar}, run for real against JVMs that
 * fire {@link EveryTypeProbes} ({@link ProbeFiringApp}), with real bpftrace behind {@code trace}.
 */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = ProviderBuild.PROVIDER;

    /** And for fire-quotes: {@code say "hi" \ back\} and a newline, escaped. */
    private static final String FIRED_QUOTES = P + ":strings text=\"say \\\"hi\\\" \\\\ back\\\\\" empty=\"two\\nlines\" absent=null";

    private static final String UNREADABLE_NOTICE = "usdt4j: bpftrace reads only arg0..arg5, so these print as ?: "
            + P + ":twelve(a7, a8, a9, a10, a11, a12)";

    @Backend.Each
    void eachLibraryCarriesItsDescriptionInASectionThatIsNotLoaded(Backend backend) throws Exception {
        List<Path> libraries = backend.build().libraries();
        assertFalse(libraries.isEmpty(), "no library in " + backend.build().classes());
        Pattern header = Pattern.compile(Pattern.quote(ResourceLayout.DESCRIPTION_SECTION)
                + "\\s+PROGBITS\\s+([0-9a-f]+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+(?:([A-Za-z]+)\\s+)?\\d+\\s+\\d+\\s+\\d+\\s*$");
        for (Path library : libraries) {
            String provider = library.getFileName().toString().replaceAll("^libusdt4j-(.*)\\.so$", "$1");
            Path description = ProviderBuild.CLASSES.resolve(ResourceLayout.description(provider));
            String sections = Processes.run("readelf", "-S", "--wide", library.toString());
            Matcher section = sections.lines().map(header::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError(library + " has no section " + ResourceLayout.DESCRIPTION_SECTION + ":\n" + sections));
            assertTrue(section.group(2) == null || !section.group(2).contains("A"), "loaded into memory: " + section.group());
            assertEquals(0, Long.parseLong(section.group(1), 16), section.group());
            Path dumped = Files.createTempFile("usdt4j-section", ".json");
            Path copy = Files.createTempFile("usdt4j-copy", ".so");
            try {
                // The host's objcopy may not know another architecture's ELF: each platform's binutils read its own.
                String objcopy = Platform.parse(library.getParent().getFileName().toString()).gnuTriplet() + "-objcopy";
                Processes.run(objcopy, "--dump-section", ResourceLayout.DESCRIPTION_SECTION + "=" + dumped, library.toString(), copy.toString());
                assertEquals(Files.readString(description), Files.readString(dumped), library.toString());
            } finally {
                Files.deleteIfExists(dumped);
                Files.deleteIfExists(copy); // objcopy may replace the output file rather than write it
            }
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String command : List.of("list", "script", "trace")) {
            Result help = cli(command, "--help");
            assertEquals(0, help.status(), help.toString());
            assertTrue(help.out().startsWith("Usage: usdt4j " + command), help.out());
        }
        Result help = cli("--help");
        assertEquals(0, help.status(), help.toString());
        assertTrue(help.out().contains("list") && help.out().contains("script") && help.out().contains("trace"), help.out());
    }

    @Backend.Each
    void listsOneJvm(Backend backend, @TempDir Path temp) throws Exception {
        try (LineProcess app = app(backend, temp)) {
            assertListed(app.pid(), temp.toString(), cli("list", "-p", Long.toString(app.pid())));
            Result json = cli("list", "-p", Long.toString(app.pid()), "--json");
            assertEquals(0, json.status(), json.toString());
            JsonNode processes = JSON.readTree(json.out());
            assertEquals(1, processes.size());
            JsonNode process = processes.get(0);
            assertEquals(app.pid(), process.get("pid").asLong());
            assertTrue(process.get("command").asText().contains(ProbeFiringApp.class.getName()));
            JsonNode provider = process.get("providers").get(0);
            assertEquals(P, provider.get("name").asText());
            assertTrue(provider.get("described").asBoolean(), provider.toString());
            assertTrue(provider.get("library").asText().startsWith(temp + "/libusdt4j-" + P + "-"));
            JsonNode strings = provider.get("probes").get(2);
            assertEquals("strings", strings.get("name").asText());
            assertFalse(strings.get("traced").asBoolean());
            assertEquals("{\"name\":\"text\",\"javaType\":\"String\"}", strings.get("arguments").get(0).toString());
            assertEquals(5, provider.get("probes").size());
        }
    }

    @Test
    void listsEveryJvmWithProbes(@TempDir Path temp) throws Exception {
        try (LineProcess first = app(Backend.C, temp.resolve("first")); LineProcess second = app(Backend.C, temp.resolve("second"))) {
            Result list = cli("list");
            assertEquals(0, list.status(), list.toString());
            for (LineProcess app : List.of(first, second)) {
                assertListed(app.pid(), temp.resolve(app == first ? "first" : "second").toString(),
                        new Result(0, String.join("\n", linesOf(app.pid(), list)), ""));
            }
            JsonNode all = JSON.readTree(cli("list", "--json").out());
            List<Long> pids = new ArrayList<>();
            all.forEach(process -> pids.add(process.get("pid").asLong()));
            assertTrue(pids.containsAll(List.of(first.pid(), second.pid())), pids.toString());
        }
    }

    @Test
    void findsAJvmWithAPrivateTmp() throws Exception {
        TracerRequirement.require(Host.isRoot(), "unshare --mount needs root");
        TracerRequirement.require(Host.onPath("unshare"), "unshare is not installed (apt-get install util-linux)");
        String directory = "/tmp/usdt4j-private-" + ProcessHandle.current().pid();
        assertFalse(Files.exists(Path.of(directory)));
        List<String> privateTmp = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs usdt4j-test /tmp && exec \"$@\"", "sh");
        // A checkout under /tmp (CI may clone there) would vanish behind the private /tmp: the JVM
        // then runs from copies of its class path elsewhere.
        Path copies = Files.createTempDirectory(Path.of("/var/tmp"), "usdt4j-classpath");
        try (LineProcess app = app(privateTmp, Path.of(directory), outsideTmp(Backend.C.build(), copies))) {
            long pid = app.pid(); // unshare and sh exec the JVM
            assertListed(pid, directory, cli("list", "-p", Long.toString(pid)));
            assertFalse(Files.exists(Path.of(directory)), "the JVM's /tmp should be its own");
            TracerRequirement.requireBpftrace();
            try (LineProcess trace = trace(pid, P + ":strings")) {
                awaitTraced(pid, P + ":strings", true);
                fireUntilSeen(app, trace, FIRED.get(5));
            }
        } finally {
            Directories.delete(copies);
        }
    }

    /** {@code build} with every class path entry under /tmp copied into {@code copies}. */
    private static ProviderBuild outsideTmp(ProviderBuild build, Path copies) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (Path entry : build.classPath()) {
            if (!entry.toAbsolutePath().startsWith("/tmp")) {
                entries.add(entry);
                continue;
            }
            entries.add(Directories.copy(entry, copies.resolve(entries.size() + "-" + entry.getFileName())));
        }
        return new ProviderBuild(build.name(), build.classes(), entries);
    }

    /** Waits, boundedly, until {@code list} shows the probe traced or not. */
    private static void awaitTraced(long pid, String probe, boolean traced) throws Exception {
        Predicate<String> line = l -> l.startsWith("    " + probe + "(") && l.endsWith("  [traced]") == traced;
        long deadline = System.nanoTime() + Processes.PATIENCE.toNanos();
        Result list;
        do {
            list = cli("list", "-p", Long.toString(pid));
            if (list.lines().stream().anyMatch(line)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(probe + " never showed as " + (traced ? "traced" : "untraced") + ":\n" + list.out());
    }

    @Backend.Each
    void tracedWhileATracerIsAttachedAndNotAfter(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = app(backend, temp)) {
            String strings = P + ":strings";
            try (LineProcess trace = trace(app.pid(), strings)) {
                awaitTraced(app.pid(), strings, true);
                Result list = cli("list", "-p", Long.toString(app.pid()));
                assertTrue(list.lines().contains(PROBE_LINES.get(0)), "only the selected probe is traced:\n" + list.out());
                trace.interrupt();
                assertEquals(0, trace.awaitExit(), trace.transcript());
            }
            awaitTraced(app.pid(), strings, false);
            assertListed(app.pid(), temp.toString(), cli("list", "-p", Long.toString(app.pid())));
        }
    }

    @Backend.Each
    void tracePrintsEveryValueExactly(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = app(backend, temp); LineProcess trace = trace(app.pid(), P)) {
            app.send("await-enabled");
            app.awaitPrefix("enabled");
            app.send("fire");
            app.awaitPrefix("fired");
            app.send("fire-quotes");
            app.awaitPrefix("fired");
            List<String> seen = new ArrayList<>();
            for (String expected : FIRED) {
                seen.add(trace.await(l -> l.startsWith(P + ":"), expected));
            }
            seen.add(trace.await(l -> l.startsWith(P + ":"), FIRED_QUOTES));
            List<String> expected = new ArrayList<>(FIRED);
            expected.add(FIRED_QUOTES);
            assertEquals(expected, seen, trace.transcript());
            app.send("exit");
            assertEquals(0, trace.awaitExit(), "trace ends with its process:\n" + trace.transcript());
            assertEquals(1, trace.transcript().lines().filter(UNREADABLE_NOTICE::equals).count(), trace.transcript());
        }
    }

    @Backend.Each
    void traceJsonParsesWithTheSameValues(Backend backend, @TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = app(backend, temp);
                LineProcess trace = trace(app.pid(), "*:s*", P + ":twelve", "--json", "--duration", "600")) {
            app.send("await-enabled signedIntegers,strings,twelve");
            app.awaitPrefix("enabled");
            app.send("fire");
            app.awaitPrefix("fired");
            app.send("fire-quotes");
            app.awaitPrefix("fired");
            List<String> want = List.of(
                    "{\"provider\":\"" + P + "\",\"probe\":\"signed_integers\",\"args\":{\"b\":-128,\"s\":-32768,\"i\":-2147483648,\"l\":-9223372036854775808}}",
                    "{\"provider\":\"" + P + "\",\"probe\":\"signed_integers\",\"args\":{\"b\":127,\"s\":32767,\"i\":2147483647,\"l\":9223372036854775807}}",
                    "{\"provider\":\"" + P + "\",\"probe\":\"signed_integers\",\"args\":{\"b\":-1,\"s\":-1,\"i\":-1,\"l\":-1}}",
                    "{\"provider\":\"" + P + "\",\"probe\":\"strings\",\"args\":{\"text\":\"" + ProbeFiringApp.TEXT + "\",\"empty\":\"\",\"absent\":null}}",
                    "{\"provider\":\"" + P + "\",\"probe\":\"twelve\",\"args\":{\"a1\":-1,\"a2\":2,\"a3\":-3,\"a4\":4,\"a5\":65,\"a6\":true,"
                            + "\"a7\":null,\"a8\":null,\"a9\":null,\"a10\":null,\"a11\":null,\"a12\":null}}");
            for (String expected : want) {
                JsonNode seen = JSON.readTree(trace.await(l -> l.startsWith("{"), expected));
                assertEquals(JSON.readTree(expected), seen);
            }
            JsonNode quotes = JSON.readTree(trace.await(l -> l.startsWith("{"), "the quotes"));
            assertEquals(ProbeFiringApp.QUOTES, quotes.get("args").get("text").asText());
            assertEquals("two\nlines", quotes.get("args").get("empty").asText());
            assertTrue(quotes.get("args").get("absent").isNull());
            JsonNode exact = JSON.readTree(want.get(0));
            assertEquals(Long.MIN_VALUE, exact.get("args").get("l").asLong());
        }
    }

    @Test
    void traceStopsAfterItsDuration(@TempDir Path temp) throws Exception {
        TracerRequirement.requireBpftrace();
        try (LineProcess app = app(Backend.C, temp); LineProcess trace = trace(app.pid(), P + ":no_arguments", "--duration", "1")) {
            assertEquals(0, trace.awaitExit(), trace.transcript());
        }
    }

    @Backend.Each
    void scriptPrintsTheProgram(Backend backend, @TempDir Path temp) throws Exception {
        try (LineProcess app = app(backend, temp)) {
            Result script = cli("script", "-p", Long.toString(app.pid()), P + ":str*", P + ":twelve");
            assertEquals(0, script.status(), script.toString());
            String attach = "usdt:/proc/" + app.pid() + "/root" + temp + "/libusdt4j-" + P + "-";
            assertTrue(script.out().contains(attach) && script.out().contains(":" + P + ":strings\n"), script.out());
            assertTrue(script.out().contains("if (arg2 == 0) { printf(\" absent=null\"); } else { printf(\" absent=\\\"%s\\\"\", str(arg2)); }"),
                    script.out());
            assertTrue(script.out().contains("printf(\" a1=%ld\", arg0);") && script.out().contains("printf(\" a7=?\");"), script.out());
            assertFalse(script.out().contains("signed_integers"), script.out());
            if (Host.isRoot() && Host.onPath("bpftrace")) {
                Path file = temp.resolve("adapted.bt");
                Files.writeString(file, script.out());
                try (LineProcess bpftrace = new LineProcess("bpftrace", List.of("bpftrace", "-B", "line", "-p", Long.toString(app.pid()), file.toString()))) {
                    fireUntilSeen(app, bpftrace, FIRED.get(5));
                }
            }
        }
    }

    /** Asserts the one-line error, exit status 2, nothing on stdout. */
    private static void assertError(Result result, String expectedStart) {
        assertEquals(2, result.status(), result.toString());
        assertEquals("", result.out(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().startsWith("usdt4j: " + expectedStart), result.toString());
    }

    @Test
    void errors(@TempDir Path temp) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String gone = Long.toString(ended.pid());
        assertError(cli("list", "-p", gone), "no such process: " + gone);
        assertError(cli("script", "-p", gone, P), "no such process: " + gone);
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try (LineProcess app = app(Backend.C, temp)) {
            String noProbes = Long.toString(sleeper.pid());
            assertError(cli("list", "-p", noProbes), "process " + noProbes + " has no usdt4j probes");
            assertError(cli("script", "-p", noProbes, P), "process " + noProbes + " has no usdt4j probes");
            String pid = Long.toString(app.pid());
            Result unmatched = cli("script", "-p", pid, P + ":nope", P);
            assertError(unmatched, "selector '" + P + ":nope' matches no probe of process " + pid + "; it has " + P + ":signed_integers, ");
            assertError(cli("script", "-p", pid, "other*"), "selector 'other*' matches no probe");
            assertError(run(Map.of("PATH", "/nonexistent"), List.of(), "trace", "-p", pid, P),
                    "bpftrace is not on the PATH: install it (Debian/Ubuntu: apt-get install bpftrace");
            assertError(cli("trace", "-p", pid, P, "--duration", "0"), "--duration must be a positive number");
            if (Host.isRoot()) {
                TracerRequirement.require(Host.onPath("setpriv"), "setpriv is not installed (apt-get install util-linux)");
                TracerRequirement.require(Host.onPath("bpftrace"), "bpftrace is not installed (apt-get install bpftrace)");
                assertError(run(Map.of(), List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), "trace", "-p", pid, P),
                        "trace needs root or CAP_BPF to attach probes: run it with sudo");
            } else {
                assertError(cli("trace", "-p", pid, P), "trace needs root or CAP_BPF to attach probes: run it with sudo");
            }
        } finally {
            sleeper.destroy();
        }
    }
}
