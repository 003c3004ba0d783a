package io.usdt4j.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reviewed summaries of written libraries in {@code writer/src/test/resources/golden/}. After an
 * intended change to the writer, {@code ./mvnw -B -o -pl writer test -Dtest=GoldenLibraryTest
 * -Dusdt4j.updateGolden=true} rewrites them; review the diff before committing it.
 */
final class Goldens {
    static final String UPDATE_PROPERTY = "usdt4j.updateGolden";
    /** Read from the source tree, not the class path, so that an update is seen by the same run. */
    static final Path DIRECTORY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/golden");

    private Goldens() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path golden = DIRECTORY.resolve(name);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            System.out.println("usdt4j: wrote golden file " + golden + "; review it before committing");
            return;
        }
        if (!Files.isRegularFile(golden)) {
            fail("Golden file " + golden + " is missing; create it with -D" + UPDATE_PROPERTY + "=true and review it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "The library differs from " + golden
                + ". If the change is intended, regenerate with -D" + UPDATE_PROPERTY + "=true and review the diff");
    }
}
