// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar of provider and probe names, as the processor, the runtime and the CLI check it. */
class UsdtNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop", "order_placed", "_private", "a1", "A_B_9", "x", "_", "_1", "linux", "unix", "errno",
            "stdin", "int", "static", "Null", "NULLABLE", "jni", "Jni", "usdt", "sdt", "xSDT", "a_JNI"})
    void valid(String name) {
        assertTrue(UsdtNames.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "9", "order-placed", "order placed", "caf\u00e9", "a$b", "a.b", "a\0", "\u0661",
            "_Reserved", "__reserved", "__", "_X", "NULL", "JNIEXPORT", "JNI_OK", "JNI", "USDT_SEMA", "USDT4J_FIRE",
            "STAP_PROBEV", "SDT_USE_VARIADIC", "SDT", "_SDT_HAS_SEMAPHORES"})
    void invalid(String name) {
        assertFalse(UsdtNames.isValid(name));
    }

    @Test
    void nullIsNoName() {
        assertFalse(UsdtNames.isValid(null));
    }

    @Test
    void lengthIsBounded() {
        assertTrue(UsdtNames.isValid("a".repeat(UsdtNames.MAX_LENGTH)));
        assertFalse(UsdtNames.isValid("a".repeat(UsdtNames.MAX_LENGTH + 1)));
        assertFalse(UsdtNames.isValid("a".repeat(1 << 20)));
    }

    /** What messages say is refused is what is refused: each listed example is invalid. */
    @Test
    void reservedNamesAreTheOnesRefused() {
        assertEquals("_X, __x, NULL, JNI*, USDT*, STAP*, SDT*", UsdtNames.reservedNames());
        for (String listed : UsdtNames.reservedNames().split(", ")) {
            String example = listed.endsWith("*") ? listed.substring(0, listed.length() - 1) + "_anything" : listed;
            assertFalse(UsdtNames.isValid(example), example);
        }
    }
}
