// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path temp;

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(path -> root.relativize(path) + (Files.isDirectory(path) ? "/" : "=" + read(path))).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void copiesATreeWithItsEmptyDirectories() throws IOException {
        Path from = temp.resolve("from");
        Files.createDirectories(from.resolve("a/b"));
        Files.createDirectories(from.resolve("empty"));
        Files.writeString(from.resolve("top.txt"), "top");
        Files.writeString(from.resolve("a/b/deep.txt"), "deep");

        Path to = Directories.copy(from, temp.resolve("x/to"));

        assertEquals(temp.resolve("x/to"), to);
        assertEquals(List.of("/", "a/", "a/b/", "a/b/deep.txt=deep", "empty/", "top.txt=top"), tree(to));
        assertEquals(tree(from), tree(to));
    }

    @Test
    void copiesASingleFile() throws IOException {
        Path file = Files.writeString(temp.resolve("app.jar"), "jar");
        Path copy = Directories.copy(file, temp.resolve("copies/0-app.jar"));
        assertEquals("jar", Files.readString(copy));
    }

    @Test
    void refusesToOverwriteAFile() throws IOException {
        Path from = temp.resolve("from");
        Files.createDirectories(from);
        Files.writeString(from.resolve("f"), "new");
        Path to = temp.resolve("to");
        Files.createDirectories(to);
        Files.writeString(to.resolve("f"), "old");
        assertThrows(FileAlreadyExistsException.class, () -> Directories.copy(from, to));
        assertEquals("old", Files.readString(to.resolve("f")));
    }

    @Test
    void deletesATreeAndIgnoresOneThatIsNotThere() throws IOException {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f"), "f");
        Files.writeString(root.resolve("g"), "g");
        Directories.delete(root);
        assertFalse(Files.exists(root));
        Directories.delete(root);
        assertEquals(List.of("/"), tree(temp));
    }
}
