package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -Dusdt4j.semaphoreAccess} is read once, when {@link ProviderBinding} is initialized, so
 * each case runs {@link SemaphoreAccessMain} in a JVM of its own.
 */
class SemaphoreAccessPropertyTest {
    private static final int FEATURE = Runtime.version().feature();
    private static final String AUTOMATIC = SemaphoreAccessTest.AUTOMATIC.id();
    private static final String DISABLED_WARNING = "WARNING: usdt4j: probes of provider 'inert' are disabled";

    @Test
    void withoutThePropertyTheFastKindOfThisJdk() throws Exception {
        assertReadsThrough(AUTOMATIC, run(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"segment", "unsafe", "buffer"})
    void eachKindThisJdkAllowsIsUsedWhenAskedFor(String kind) throws Exception {
        boolean allowed = kind.equals("buffer") || kind.equals(AUTOMATIC);
        String output = run(List.of("-D" + Settings.SEMAPHORE_ACCESS + "=" + kind));

        assertReadsThrough(allowed ? kind : AUTOMATIC, output);
        if (!allowed) {
            assertTrue(output.contains("INFO: usdt4j: semaphores are read through " + AUTOMATIC + "; passed over: " + kind
                    + (kind.equals("segment") ? " needs JDK 22 or later, and this is JDK " + FEATURE
                            : " is not used on JDK 22 or later")), output);
        }
    }

    @Test
    void anUnknownKindGivesTheFastKindOfThisJdk() throws Exception {
        String output = run(List.of("-D" + Settings.SEMAPHORE_ACCESS + "=fastest"));

        assertReadsThrough(AUTOMATIC, output);
        assertTrue(output.contains("INFO: usdt4j: semaphores are read through " + AUTOMATIC
                + "; passed over: -Dusdt4j.semaphoreAccess=fastest names none of segment, unsafe, buffer"), output);
    }

    /**
     * A runtime image without jdk.unsupported has no sun.misc.Unsafe: before JDK 22 the buffer,
     * and no word about it, as nothing was asked for; segments need no such module.
     */
    @Test
    void withoutJdkUnsupported() throws Exception {
        String output = run(List.of("--limit-modules", "java.base,java.logging"));

        assertReadsThrough(AUTOMATIC.equals("segment") ? "segment" : "buffer", output);
        assertFalse(output.contains("INFO"), output);
    }

    /** Every kind reads the same; the only warning is the inert provider's, as ever. */
    private static void assertReadsThrough(String kind, String output) {
        List<String> expected = List.of("access=" + kind, "reads=false,true,false", "loop=risen", "inert=false,false,false");
        assertEquals(expected, output.lines().filter(line -> line.matches("[a-z]+=.*")).toList(), output);
        assertEquals(List.of(DISABLED_WARNING + " and do nothing: -Dusdt4j.disable=true"),
                output.lines().filter(line -> line.contains("WARNING")).toList(), output);
    }

    private static String run(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(SemaphoreAccessMain.class) + File.pathSeparator + classPath(ProviderBinding.class),
                SemaphoreAccessMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "<read failed: " + e + ">";
            }
        });
        if (!process.waitFor(120, TimeUnit.SECONDS)) { // a bound, not a measurement: a hoisted read spins forever
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not exit; it printed:\n" + output.get());
        }
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " printed:\n" + output.join());
        return output.get();
    }

    private static String classPath(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
