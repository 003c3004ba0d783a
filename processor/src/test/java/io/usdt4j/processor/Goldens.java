// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The reviewed generator output in {@code processor/src/test/resources/golden/}, through
 * test-support's {@link io.usdt4j.testsupport.Goldens} (which says how to regenerate it).
 */
final class Goldens {
    private Goldens() {}

    static Path file(String name) {
        return io.usdt4j.testsupport.Goldens.file(name);
    }

    static void assertMatches(String name, String actual) throws IOException {
        io.usdt4j.testsupport.Goldens.assertMatches(name, actual);
    }
}
