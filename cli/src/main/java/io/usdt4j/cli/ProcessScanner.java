// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.ProviderDescription;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the JVMs with usdt4j libraries mapped, through {@code /proc/PID/maps}, and reads each
 * library through {@code /proc/PID/root}, so processes in other mount namespaces are found too.
 */
final class ProcessScanner {
    private static final String DELETED = " (deleted)";

    /** A provider library mapped into a process: its path there, description, notes and load bias. */
    record Library(String path, ProviderDescription description, List<Elf.Note> notes, long loadBias) {}

    /** A process and its provider libraries, in the order the maps list them. */
    record Target(long pid, String command, List<Library> libraries) {}

    private final Path proc;
    private final ObjectMapper json;
    private int unreadable;
    private final List<String> undescribed = new ArrayList<>();

    ProcessScanner(Path proc, ObjectMapper json) {
        this.proc = proc;
        this.json = json;
    }

    /** Every process with a provider library; counts those it could not read in {@link #unreadable()}. */
    List<Target> all() throws IOException {
        List<Target> targets = new ArrayList<>();
        List<Long> pids;
        try (Stream<Path> entries = Files.list(proc)) {
            pids = entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).sorted().toList();
        }
        for (long pid : pids) {
            try {
                scan(pid).ifPresent(targets::add);
            } catch (java.nio.file.NoSuchFileException e) {
                // the process ended while we looked
            } catch (IOException | RuntimeException e) {
                if (Files.isDirectory(proc.resolve(Long.toString(pid)))) {
                    unreadable++;
                }
            }
        }
        return targets;
    }

    int unreadable() {
        return unreadable;
    }

    /** Mapped libraries that carry no description (built by a usdt4j before it embedded one), as PID:PATH. */
    List<String> undescribed() {
        return undescribed;
    }

    /** One process, which must exist and have a provider library. */
    Target one(long pid) throws CliException {
        if (!Files.isDirectory(proc.resolve(Long.toString(pid)))) {
            throw new CliException("no such process: " + pid);
        }
        Optional<Target> target;
        try {
            target = scan(pid);
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot read process " + pid + " (" + e.getMessage() + "): run as its user or with sudo");
        }
        return target.orElseThrow(() -> new CliException("process " + pid + " has no usdt4j probes ("
                + (undescribed.isEmpty() ? "no libusdt4j-*.so is mapped" : "its libraries carry no " + ResourceLayout.DESCRIPTION_SECTION
                        + " description: rebuild them with this usdt4j: " + String.join(", ", undescribed)) + ")"));
    }

    private Optional<Target> scan(long pid) throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        Map<String, Long> starts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("maps"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\\s+", 6);
            if (fields.length < 6) {
                continue;
            }
            String path = fields[5].endsWith(DELETED) ? fields[5].substring(0, fields[5].length() - DELETED.length()) : fields[5];
            if (!path.startsWith("/") || ResourceLayout.providerOfExtractedLibrary(Path.of(path).getFileName().toString()) == null) {
                continue;
            }
            long start = Long.parseUnsignedLong(fields[0].substring(0, fields[0].indexOf('-')), 16);
            if (Long.parseUnsignedLong(fields[2], 16) == 0) {
                starts.merge(path, start, Math::min);
            } else {
                starts.putIfAbsent(path, null);
            }
        }
        List<Library> libraries = new ArrayList<>();
        for (Map.Entry<String, Long> entry : starts.entrySet()) {
            Path file = dir.resolve("root").resolve(entry.getKey().substring(1));
            Elf elf = new Elf(Files.readAllBytes(file));
            Optional<byte[]> document = elf.content(ResourceLayout.DESCRIPTION_SECTION);
            if (document.isEmpty()) {
                undescribed.add(pid + ":" + entry.getKey());
                continue;
            }
            long bias = entry.getValue() == null ? 0 : entry.getValue() - elf.firstLoadAddress();
            libraries.add(new Library(entry.getKey(), DescriptionCodec.read(document.get()), elf.notes(), bias));
        }
        return libraries.isEmpty() ? Optional.empty() : Optional.of(new Target(pid, command(dir), List.copyOf(libraries)));
    }

    private static String command(Path dir) throws IOException {
        byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
        String command = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        return command.isEmpty() ? Files.readString(dir.resolve("comm")).strip() : command;
    }

    /** Whether a tracer holds the probe's semaphore now: its count, read from the process's memory. */
    boolean traced(long pid, Library library, String provider, String probe) {
        for (Elf.Note note : library.notes()) {
            if (note.provider().equals(provider) && note.name().equals(probe) && note.semaphore() != 0) {
                try (RandomAccessFile memory = new RandomAccessFile(proc.resolve(pid + "/mem").toFile(), "r")) {
                    memory.seek(library.loadBias() + note.semaphore());
                    int low = memory.read();
                    int high = memory.read();
                    return low > 0 || high > 0;
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
