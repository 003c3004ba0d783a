// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The seed corpus of a Jazzer fuzz test: the files Jazzer runs the test on in regression mode and
 * starts its fuzzing from, {@code src/test/resources/<package>/<Class>Inputs/<method>/}. The test
 * builds them (valid files, cut ones, the hostile cases of its module's tests), and
 * {@link #assertMatches} keeps the directory equal to what it builds: like a golden file, it is
 * rewritten under {@code -D}{@value Goldens#UPDATE_PROPERTY}{@code =true}.
 */
public final class FuzzCorpus {
    private FuzzCorpus() {}

    /**
     * The file name of a seed that is case {@code number} of {@code kind}: {@code what} it is, as a
     * file name may have it (lower-case letters and digits between dashes, at most 50 characters).
     */
    public static String name(String kind, int number, String what, String extension) {
        String slug = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-", "");
        slug = slug.substring(0, Math.min(slug.length(), 50)).replaceAll("-$", "");
        return String.format("%s-%02d-%s.%s", kind, number, slug, extension);
    }

    /** The seed corpus directory of fuzz test {@code method} of {@code test}, in the source tree. */
    public static Path directory(Class<?> test, String method) {
        return Goldens.DIRECTORY.getParent().resolve(test.getPackageName().replace('.', '/'))
                .resolve(test.getSimpleName() + "Inputs").resolve(method);
    }

    /**
     * Fails unless the seed corpus of {@code method} holds exactly {@code seeds} (file name to
     * content); writes them instead, removing any other file, under {@value Goldens#UPDATE_PROPERTY}.
     */
    public static void assertMatches(Class<?> test, String method, Map<String, byte[]> seeds) throws IOException {
        Path directory = directory(test, method);
        Map<String, byte[]> kept = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    kept.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        if (Boolean.getBoolean(Goldens.UPDATE_PROPERTY)) {
            Files.createDirectories(directory);
            for (String stale : kept.keySet()) {
                if (!seeds.containsKey(stale)) {
                    Files.delete(directory.resolve(stale));
                }
            }
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                Files.write(directory.resolve(seed.getKey()), seed.getValue());
            }
            System.out.println("usdt4j: wrote the " + seeds.size() + " seeds of " + directory + "; review them before committing");
            return;
        }
        String update = "If the change is intended, regenerate with -D" + Goldens.UPDATE_PROPERTY + "=true";
        assertEquals(new TreeMap<>(seeds).keySet(), kept.keySet(), "The seeds in " + directory + " differ. " + update);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            assertArrayEquals(seed.getValue(), kept.get(seed.getKey()), "Seed " + directory.resolve(seed.getKey())
                    + " differs. " + update);
        }
    }
}
