// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.contract.ResourceLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider libraries {@code /proc/PID/maps} lists: {@code libusdt4j-*.so} files
 * ({@link ResourceLayout#providerOfExtractedLibrary}), one {@link Mapping} per path. A path is
 * as the kernel writes it: a newline in it is {@code \012}, which this decodes; bytes that are
 * not UTF-8 are replaced, so that one odd path costs that path only.
 */
final class ProcessMaps {
    private static final String DELETED = " (deleted)";
    private static final String NEWLINE = "\\012";

    /**
     * One library: its path (decoded), whether the kernel says it was deleted since it was mapped,
     * the range of one of its mappings ({@code /proc/PID/map_files/RANGE}), the start of its
     * mapping of offset 0 (or -1 when it has none), and its writable mappings, where a loaded
     * library's semaphores are (a file mapped only to be read has none).
     */
    record Mapping(String path, boolean deleted, String range, long start, List<Range> writable) {
        Mapping {
            writable = List.copyOf(writable);
        }

        Mapping(String path, boolean deleted, String range, long start) {
            this(path, deleted, range, start, List.of());
        }

        /** Whether the {@code bytes} at {@code address} lie within one writable mapping. */
        boolean writable(long address, int bytes) {
            for (Range range : writable) {
                if (Long.compareUnsigned(address, range.start()) >= 0 && Long.compareUnsigned(address + bytes, range.end()) <= 0
                        && Long.compareUnsigned(address, address + bytes) < 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Addresses {@code [start, end)}. */
    record Range(long start, long end) {}

    private ProcessMaps() {}

    /** The provider libraries of the maps at {@code maps}, in the order they list them. */
    static List<Mapping> libraries(Path maps) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(maps), StandardCharsets.UTF_8)) {
            return libraries(new BufferedReader(reader));
        }
    }

    static List<Mapping> libraries(BufferedReader maps) throws IOException {
        Map<String, Mapping> libraries = new LinkedHashMap<>();
        for (String line; (line = maps.readLine()) != null; ) {
            String[] fields = line.split(" +", 6);
            if (fields.length < 6 || !fields[5].startsWith("/")) {
                continue;
            }
            String shown = fields[5];
            boolean deleted = shown.endsWith(DELETED);
            String path = (deleted ? shown.substring(0, shown.length() - DELETED.length()) : shown).replace(NEWLINE, "\n");
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            if (ResourceLayout.providerOfExtractedLibrary(fileName) == null) {
                continue;
            }
            int dash = fields[0].indexOf('-');
            long start;
            long end;
            long offset;
            try {
                start = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
                end = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
                offset = Long.parseUnsignedLong(fields[2], 16);
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                continue; // not a line the kernel writes
            }
            String range = Long.toHexString(start) + "-" + Long.toHexString(end); // map_files names have no leading zeros
            Mapping earlier = libraries.get(path);
            List<Range> writable = new ArrayList<>(earlier == null ? List.of() : earlier.writable());
            if (fields[1].indexOf('w') >= 0) {
                writable.add(new Range(start, end));
            }
            if (earlier == null) {
                libraries.put(path, new Mapping(path, deleted, range, offset == 0 ? start : -1, writable));
            } else if (offset == 0 && (earlier.start() < 0 || Long.compareUnsigned(start, earlier.start()) < 0)) {
                libraries.put(path, new Mapping(path, earlier.deleted() || deleted, range, start, writable));
            } else {
                libraries.put(path, new Mapping(path, earlier.deleted() || deleted, earlier.range(), earlier.start(), writable));
            }
        }
        return new ArrayList<>(libraries.values());
    }
}
