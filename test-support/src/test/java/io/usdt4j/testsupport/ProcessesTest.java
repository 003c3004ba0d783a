// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real child processes (sh), as the tests run their tools and JVMs. */
class ProcessesTest {
    private static final String BOTH = "echo out; echo err >&2; exit 3";

    @Test
    void mergesStandardErrorIntoTheOutputByDefault() throws Exception {
        Processes.Result result = Processes.execute(Processes.PATIENCE, List.of("sh", "-c", "echo out; sleep 0.1; echo err >&2; exit 3"));
        assertEquals(3, result.exitCode());
        assertEquals("out\nerr\n", result.output());
        assertEquals("", result.errors());
        assertEquals(List.of("sh", "-c", "echo out; sleep 0.1; echo err >&2; exit 3"), result.command());
    }

    @Test
    void keepsTheStreamsApartAndPassesTheEnvironmentWhenTheBuilderSaysSo() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo \"$USDT4J_PROCESSES_TEST\"; " + BOTH);
        builder.environment().put("USDT4J_PROCESSES_TEST", "from the builder");
        Processes.Result result = Processes.execute(Processes.PATIENCE, builder);
        assertEquals(3, result.exitCode());
        assertEquals("from the builder\nout\n", result.output());
        assertEquals("err\n", result.errors());
    }

    @Test
    void readsAChildThatFillsBothPipes() throws Exception {
        // More than a pipe holds (64 KiB) on each stream, written alternately.
        String script = "i=0; while [ $i -lt 2000 ]; do printf '%0100d\\n' $i; printf '%0100d\\n' $i >&2; i=$((i+1)); done";
        Processes.Result result = Processes.execute(Processes.PATIENCE, new ProcessBuilder("sh", "-c", script));
        assertEquals(0, result.exitCode());
        assertEquals(2000 * 101, result.output().length());
        assertEquals(2000 * 101, result.errors().length());
    }

    @Test
    void standardInputIsClosed() throws Exception {
        assertEquals("0\n", Processes.run("sh", "-c", "wc -c"));
    }

    @Test
    void aChildThatDoesNotExitInTimeFailsWithWhatItPrinted() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> Processes.execute(Duration.ofMillis(300), List.of("sh", "-c", "echo started; exec sleep 60")));
        assertTrue(error.getMessage().contains("did not exit within PT0.3S; it printed:\nstarted"), error.getMessage());
    }

    @Test
    void runFailsWithTheOutputUnlessTheCommandExitsZero() {
        AssertionError error = assertThrows(AssertionError.class, () -> Processes.run("sh", "-c", BOTH));
        assertEquals("sh -c " + BOTH + " exited with 3:\nout\nerr\n", error.getMessage());
    }

    @Test
    void classPathJoinsEntriesAsJavaWantsThem() {
        assertEquals("/a/classes:/b/x.jar", Processes.classPath(List.of(java.nio.file.Path.of("/a/classes"), java.nio.file.Path.of("/b/x.jar"))));
    }
}
