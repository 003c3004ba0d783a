// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reviewed output in a module's {@code src/test/resources/golden/}: generated sources, written
 * libraries summarised as text.
 *
 * <p>To regenerate after an intended change, run the module's tests with
 * {@code -Dusdt4j.updateGolden=true} (for instance {@code ./mvnw -B -o -pl processor test
 * -Dusdt4j.updateGolden=true}): they then write what they produce into the golden files instead of
 * comparing. Review the diff before committing it: the golden files are the specification.
 */
public final class Goldens {
    public static final String UPDATE_PROPERTY = "usdt4j.updateGolden";

    /** Read from the source tree, not the class path, so that an update is seen by the same run. */
    public static final Path DIRECTORY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/golden");

    private Goldens() {}

    public static Path file(String name) {
        return DIRECTORY.resolve(name);
    }

    /** Fails unless golden file {@code name} holds {@code actual}; writes it instead under {@value #UPDATE_PROPERTY}. */
    public static void assertMatches(String name, String actual) throws IOException {
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
                "The output differs from " + golden + ". If the change is intended, regenerate with -D"
                        + UPDATE_PROPERTY + "=true and review the diff");
    }
}
