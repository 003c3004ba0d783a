// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.bench;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.writer.ProviderLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The benchmarks jar again with every provider library of every platform written by usdt4j-writer
 * (from the description beside it) in place of the C-built one, and its digest beside it: the same
 * benchmarks, on the other backend's libraries. {@code java -cp benchmarks.jar
 * io.usdt4j.bench.JavaBackendJar IN OUT}.
 */
public final class JavaBackendJar {
    private JavaBackendJar() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, byte[]> replaced = new HashMap<>();
        try (ZipFile jar = new ZipFile(in.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.startsWith(ResourceLayout.ROOT) || !name.endsWith(ResourceLayout.DESCRIPTION_SUFFIX)) {
                    continue;
                }
                String provider = name.substring(ResourceLayout.ROOT.length(),
                        name.length() - ResourceLayout.DESCRIPTION_SUFFIX.length());
                if (!name.equals(ResourceLayout.description(provider))) {
                    continue;
                }
                ProviderLibrary library = ProviderLibrary.ofDescription(read(jar, name));
                for (Platform platform : Platform.values()) {
                    PlatformId id = PlatformId.of(platform);
                    if (jar.getEntry(ResourceLayout.library(id, provider)) != null) {
                        byte[] bytes = LibraryWriter.write(library, platform);
                        replaced.put(ResourceLayout.library(id, provider), bytes);
                        replaced.put(ResourceLayout.libraryDigest(id, provider),
                                ResourceLayout.digestFile(bytes).getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            if (replaced.isEmpty()) {
                throw new IllegalStateException(in + " has no provider library to replace");
            }
            try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    byte[] bytes = replaced.get(entry.getName());
                    zip.write(bytes != null ? bytes : read(jar, entry.getName()));
                    zip.closeEntry();
                }
            }
        }
        System.out.println("java-backend jar " + out + ": " + replaced.size() / 2 + " libraries written by usdt4j-writer");
    }

    private static byte[] read(ZipFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
