// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one walk of a chain of causes, which the processor's error and the runtime's warning both print. */
class CausesTest {

    @Test
    void eachCauseFollowsTheSeparator() {
        Exception failure = new IOException("cannot write",
                new java.nio.file.AccessDeniedException("/out/META-INF", null, "read-only"));
        assertEquals("java.io.IOException: cannot write, caused by java.nio.file.AccessDeniedException: /out/META-INF: "
                + "read-only", Causes.describe(failure, ", caused by "));
    }

    @Test
    void aCauseWhoseMessageIsAlreadyThereIsLeftOut() {
        IOException root = new IOException("disk full");
        assertEquals("java.io.UncheckedIOException: java.io.IOException: disk full",
                Causes.describe(new java.io.UncheckedIOException(root), "; "));
        assertEquals("java.lang.RuntimeException: x; java.lang.Error", Causes.describe(new RuntimeException("x", new Error()), "; "));
    }

    @Test
    void aCycleEndsAtTheBound() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        assertEquals("java.lang.Exception: first <- java.lang.Exception: second", Causes.describe(first, " <- "));
    }

    /** Causes without messages are never left out: a cycle of them stops at the bound. */
    @Test
    void aCycleWithoutMessagesEndsAtTheBound() {
        Error first = new Error();
        Error second = new Error(null, first);
        first.initCause(second);
        String text = Causes.describe(first, "|");
        assertEquals(Causes.MAX_CAUSES, text.split("\\|").length - 1, text);
    }

    @Test
    void aLongChainIsCut() {
        Throwable failure = new Exception("0");
        for (int i = 1; i <= 100; i++) {
            failure = new Exception("m" + i, failure);
        }
        String text = Causes.describe(failure, "|");
        assertEquals(Causes.MAX_CAUSES, text.split("\\|").length - 1, text);
        assertTrue(text.startsWith("java.lang.Exception: m100|java.lang.Exception: m99"), text);
    }

    @Test
    void nullIsDescribedAsNull() {
        assertEquals("null", Causes.describe(null, "; "));
    }
}
