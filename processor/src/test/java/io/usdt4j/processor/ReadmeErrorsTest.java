// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's "Errors" table lists every message id, in the order of {@link Message}. */
class ReadmeErrorsTest {
    private static final Path README = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../README.md");

    @Test
    void errorsTableListsEveryMessage() throws IOException {
        String readme = Files.readString(README);
        String errors = readme.substring(readme.indexOf("\n## Errors\n"));
        errors = errors.substring(0, errors.indexOf("\n## ", 1) < 0 ? errors.length() : errors.indexOf("\n## ", 1));
        List<String> listed = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(errors).results().map(r -> r.group(1)).toList();
        assertEquals(Stream.of(Message.values()).map(m -> m.id).toList(), listed);
    }
}
