// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reviewed generator output in {@code processor/src/test/resources/golden/}.
 *
 * <p>To regenerate after an intended change to the generators or the template, run
 * {@code ./mvnw -B -o -pl processor test -Dusdt4j.updateGolden=true}: the tests then write what
 * the processor generates into the golden files instead of comparing. Review the diff before
 * committing it: the golden files are the specification of the generated code.
 */
final class Goldens {
    static final String UPDATE_PROPERTY = "usdt4j.updateGolden";

    /** Read from the source tree, not the class path, so that an update is seen by the same run. */
    static final Path DIRECTORY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/golden");

    private Goldens() {}

    static Path file(String name) {
        return DIRECTORY.resolve(name);
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path golden = file(name);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            System.out.println("usdt4j: wrote golden file " + golden + "; review it before committing");
            return;
        }
        if (!Files.isRegularFile(golden)) {
            fail("Golden file " + golden + " is missing; create it with -D" + UPDATE_PROPERTY + "=true and review it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "Generated output differs from " + golden + ". If the change is intended, regenerate with -D"
                        + UPDATE_PROPERTY + "=true and review the diff");
    }
}
