// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The agent jar's layout, run by the build after the shade ({@code java Relayout.java JAR PREFIX
 * TIMESTAMP NESTED...}): the manifest first, then at the top level what the bootstrap class loader
 * may see, and every entry under one of the NESTED paths moved under PREFIX, where no class loader
 * but the agent's own finds it. Every entry gets TIMESTAMP (the build's outputTimestamp) as its
 * DOS time, taken in UTC, so that the jar's bytes do not depend on the time zone of the build.
 */
public final class Relayout {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        LocalDateTime time = LocalDateTime.ofInstant(Instant.parse(args[2]), ZoneOffset.UTC);
        List<String> nested = List.of(args).subList(3, args.length);
        Path flat = jar.resolveSibling(jar.getFileName() + ".flat");
        Files.move(jar, flat, StandardCopyOption.REPLACE_EXISTING);
        try (ZipFile in = new ZipFile(flat.toFile());
                OutputStream file = Files.newOutputStream(jar);
                ZipOutputStream out = new ZipOutputStream(file)) {
            List<ZipEntry> top = new ArrayList<>();
            List<ZipEntry> moved = new ArrayList<>();
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (entry.getName().equals(MANIFEST)) {
                    top.add(0, entry);
                } else if (nested.stream().anyMatch(entry.getName()::startsWith)) {
                    moved.add(entry);
                } else {
                    top.add(entry);
                }
            }
            // A jar laid out already (a second package without clean shades the first's output
            // again) has some entries both ways: the first of each name is kept.
            java.util.Set<String> written = new java.util.HashSet<>();
            for (ZipEntry entry : top) {
                if (written.add(entry.getName())) {
                    copy(in, entry, entry.getName(), out, time);
                }
            }
            for (ZipEntry entry : moved) {
                if (written.add(prefix + entry.getName())) {
                    copy(in, entry, prefix + entry.getName(), out, time);
                }
            }
        }
        Files.delete(flat);
    }

    private static void copy(ZipFile in, ZipEntry entry, String name, ZipOutputStream out, LocalDateTime time)
            throws IOException {
        ZipEntry copy = new ZipEntry(name);
        copy.setTimeLocal(time);
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
        }
        out.closeEntry();
    }
}
