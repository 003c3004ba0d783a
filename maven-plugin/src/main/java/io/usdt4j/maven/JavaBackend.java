// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes libraries in Java, with usdt4j-writer, from the probe description the processor wrote:
 * no C compiler, any platform of the table, on any operating system. The bytes depend on the
 * description alone, so they are those the processor wrote for the same platform.
 */
final class JavaBackend implements LibraryBackend {
    static final JavaBackend INSTANCE = new JavaBackend();

    private JavaBackend() {}

    @Override
    public String description() {
        return "written in Java";
    }

    @Override
    public Path build(Platform platform, ProviderFiles provider) throws BuildException, IOException {
        Path description = provider.description();
        ProviderLibrary library;
        try {
            library = ProviderLibrary.ofDescription(Files.readAllBytes(description));
        } catch (MalformedDescriptionException | IllegalArgumentException e) {
            throw new BuildException("cannot write provider '" + provider.provider() + "''s library from " + description + ": "
                    + e.getMessage() + ". Rebuild with mvn clean", e);
        }
        Path path = provider.library(platform);
        Files.createDirectories(path.getParent());
        Files.write(path, LibraryWriter.write(library, platform));
        return path;
    }
}
