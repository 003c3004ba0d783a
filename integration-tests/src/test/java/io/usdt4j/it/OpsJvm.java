package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Child JVMs running {@link OpsApp}, and the {@code usdt4j_ops} library the Maven build made. */
final class OpsJvm {
    static final String PROVIDER = "usdt4j_ops";

    private OpsJvm() {}

    /** {@code java [properties] -cp <this module and the runtime> OpsApp [args]}, extracting into {@code usdt4jDir}. */
    static List<String> command(Path usdt4jDir, List<String> properties, String... args) {
        return command(ProviderBuild.fromMavenBuild().classPathString(), usdt4jDir, properties, args);
    }

    static List<String> command(String classPath, Path usdt4jDir, List<String> properties, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + usdt4jDir));
        command.addAll(properties);
        command.addAll(List.of("-cp", classPath, OpsApp.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static Path builtLibrary() {
        return ProviderBuild.CLASSES.resolve(ResourceLayout.library(PlatformId.host(), PROVIDER));
    }

    /**
     * The name the runtime extracts the library under, computed here independently: the
     * provider and the first 16 hex digits of the SHA-256 of its content.
     */
    static String extractedFileName() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(builtLibrary()));
        return "libusdt4j-" + PROVIDER + "-" + HexFormat.of().formatHex(digest).substring(0, 16) + ".so";
    }

    /** Whether the dynamic linker mapped {@code library} into process {@code pid}. */
    static boolean mapped(long pid, Path library) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/maps"), StandardCharsets.UTF_8).stream()
                .anyMatch(line -> line.endsWith(" " + library));
    }

    /** The ready line's library path; fails with the line when the library was not loaded. */
    static Path loadedLibrary(LineProcess app) throws InterruptedException {
        String ready = app.awaitPrefix("ready ");
        String[] words = ready.split(" ", 3);
        assertEquals("reason=", app.awaitPrefix("reason="), ready);
        return Path.of(words[2]);
    }

    /**
     * Starts {@code bpftrace} with {@code script} (plus {@code -p PID} when {@code pid} > 0) and
     * returns once its BEGIN probe printed {@code attached}: from then on no event is missed.
     */
    static LineProcess bpftrace(long pid, String script) throws Exception {
        List<String> command = new ArrayList<>(List.of("bpftrace"));
        if (pid > 0) {
            command.addAll(List.of("-p", Long.toString(pid)));
        }
        command.addAll(List.of("-e", "BEGIN { printf(\"attached\\n\"); }\n" + script));
        LineProcess bpftrace = new LineProcess("bpftrace", command);
        try {
            bpftrace.awaitPrefix("attached");
        } catch (AssertionError | InterruptedException e) {
            bpftrace.close();
            throw e;
        }
        return bpftrace;
    }

    /** A tmpfs mounted on {@code directory} for a try block (needs root). */
    static AutoCloseable mountTmpfs(Path directory, String options) throws Exception {
        run("mount", "-t", "tmpfs", "-o", options + ",size=16m", "tmpfs", directory.toString());
        return () -> run("umount", directory.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
