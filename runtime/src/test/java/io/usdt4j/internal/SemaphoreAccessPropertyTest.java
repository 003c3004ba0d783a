// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        List<Path> classPath = List.of(Processes.classPathEntry(SemaphoreAccessMain.class),
                Processes.classPathEntry(ProviderBinding.class));
        // A bound, not a measurement: a hoisted read spins forever.
        Processes.Result result = Processes.execute(Duration.ofSeconds(120),
                Processes.javaCommand(options, classPath, SemaphoreAccessMain.class.getName(), List.of()));
        assertEquals(0, result.exitCode(), () -> String.join(" ", result.command()) + " printed:\n" + result.output());
        return result.output();
    }
}
