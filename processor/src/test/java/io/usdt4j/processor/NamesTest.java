// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orderPlaced, order_placed",
            "ShopProbes, shop_probes",
            "HTTPServerProbes, http_server_probes",
            "a1B, a1_b",
            "tick, tick",
            "X, x",
            "getURL, get_url",
            "already_snake, already_snake",
    })
    void lowerSnakeCase(String camel, String snake) {
        assertEquals(snake, Names.lowerSnakeCase(camel));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "order_placed", "_private", "a1", "A_B_9", "x", "linux", "unix", "errno", "stdin", "int", "static", "Null", "jni"})
    void cIdentifiers(String name) {
        assertTrue(Names.isCIdentifier(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "order-placed", "order placed", "caf\u00e9", "a$b", "a.b",
            "_Reserved", "__reserved", "NULL", "JNIEXPORT", "JNI_OK", "USDT_SEMA", "USDT4J_FIRE", "STAP_PROBEV",
            "SDT_USE_VARIADIC", "_SDT_HAS_SEMAPHORES"})
    void notCIdentifiers(String name) {
        assertFalse(Names.isCIdentifier(name));
    }

    @Test
    void cIdentifierLengthIsBounded() {
        assertTrue(Names.isCIdentifier("a".repeat(Names.MAX_IDENTIFIER_LENGTH)));
        assertFalse(Names.isCIdentifier("a".repeat(Names.MAX_IDENTIFIER_LENGTH + 1)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "orderPlaced, isOrderPlacedEnabled",
            "tick, isTickEnabled",
            "x, isXEnabled",
    })
    void enabledQueryName(String probeMethod, String query) {
        assertEquals(query, Names.enabledQueryName(probeMethod));
    }
}
