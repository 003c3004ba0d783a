// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The resources beside a generated class: read from the jar or directory the class itself was
 * loaded from, found through its code source. A provider's library is built into the same class
 * output as its class, so this finds that very library even where another jar carries one of the
 * same name, and it spares the class loader's search, which asks every parent loader and every
 * module of each first (on JDK 25 the first such search initializes the runtime image's reader
 * reflectively, which spins dozens of classes). Any other kind of location, or a resource that
 * is not there, falls back to {@link Class#getResourceAsStream}.
 */
final class OwnResources implements Closeable {
    private final Class<?> owner;
    private final Path directory;
    private final JarFile jar;

    private OwnResources(Class<?> owner, Path directory, JarFile jar) {
        this.owner = owner;
        this.directory = directory;
        this.jar = jar;
    }

    static OwnResources of(Class<?> owner) throws IOException {
        Path location = location(owner);
        if (location != null && Files.isDirectory(location)) {
            return new OwnResources(owner, location, null);
        }
        if (location != null && Files.isRegularFile(location)) {
            // Verifying, as the class loader reads a signed jar; the JDK shares the jar's parsed
            // directory with the class loader's own copy.
            return new OwnResources(owner, null, new JarFile(location.toFile(), true, JarFile.OPEN_READ));
        }
        return new OwnResources(owner, null, null);
    }

    /** The bytes of {@code resource} (a path under the class output's root), or null when there is none. */
    byte[] read(String resource) throws IOException {
        if (directory != null) {
            Path file = directory.resolve(resource);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Files.readAllBytes(file);
            }
        } else if (jar != null) {
            ZipEntry entry = jar.getEntry(resource);
            if (entry != null && !entry.isDirectory()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            }
        }
        try (InputStream in = owner.getResourceAsStream("/" + resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    /** The jar or directory {@code owner} was loaded from, when it is a local file. */
    private static Path location(Class<?> owner) {
        ProtectionDomain domain = owner.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a plain file URL: the class loader finds it
        }
    }
}
