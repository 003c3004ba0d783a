// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.DescriptionCodec;
import io.usdt4j.description.DescriptionFormat;
import io.usdt4j.description.MalformedDescriptionException;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.ProviderDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Finds the processes with provider libraries mapped, through {@code /proc/PID/maps}, and reads
 * each library ({@link LibraryFile}), so processes in other mount namespaces are found too.
 * Everything it reads is another user's: a library whose file or notes cannot be used is skipped
 * with a notice and costs that library only; one whose description cannot be used is listed from
 * its notes ({@link NotedProvider}); a process that ends or {@code exec}s while it is read is
 * passed over quietly; every read of a process is bounded in time ({@link #PATIENCE}), and one
 * that stalls ends the reading of that process, with a notice.
 */
final class ProcessScanner {
    /** How long one read of a process (its maps, its command line, one library) may take. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /** The most bytes of a command line read: a JVM's class path is long, its main class last. */
    private static final int MAX_COMMAND_BYTES = 4 * Terminal.MAX_COMMAND;

    /** Reads that may block (a FIFO swapped in, a stalled file system) run here, so that the command does not wait for them. */
    private static final ExecutorService READS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "usdt4j-read");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A provider library mapped into a process: its mapping (its path there, decoded from the
     * maps), its provider and probes (from its description when that agrees with its notes, else
     * from the notes alone: {@code described} false), its notes and load bias.
     */
    record Library(ProcessMaps.Mapping mapping, String provider, List<ProbeDescription> probes, boolean described,
                   List<Elf.Note> notes, long loadBias) {
        String path() {
            return mapping.path();
        }

        /** Whether the kernel says it was deleted since it was mapped: its path names another file, or none. */
        boolean deleted() {
            return mapping.deleted();
        }
    }

    /** A process and its provider libraries, in the order the maps list them. */
    record Target(long pid, String command, List<Library> libraries) {}

    /** The process ended or changed while it was read: nothing to say. */
    private static final class Gone extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** A read of the process did not finish in time. */
    private static final class Stalled extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private final Path proc;
    private final Duration patience;
    private int unreadable;
    private final List<String> notices = new ArrayList<>();
    /** The reasons of the last {@link #scan}'s libraries that were skipped, for {@link #one}'s message. */
    private final List<String> skipped = new ArrayList<>();
    private int mapped;

    ProcessScanner(Path proc) {
        this(proc, PATIENCE);
    }

    ProcessScanner(Path proc, Duration patience) {
        this.proc = proc;
        this.patience = patience;
    }

    /** Every process with a provider library; counts those it could not read in {@link #unreadable()}. */
    List<Target> all() throws IOException {
        List<Target> targets = new ArrayList<>();
        List<Long> pids;
        try (Stream<Path> entries = Files.list(proc)) {
            pids = entries.map(p -> p.getFileName().toString()).filter(n -> !n.isEmpty() && n.length() < 19
                    && n.chars().allMatch(c -> c >= '0' && c <= '9')).map(Long::parseLong).sorted().toList();
        }
        for (long pid : pids) {
            try {
                scan(pid).ifPresent(targets::add);
            } catch (Gone e) {
                // it ended, or exec'd, while we looked
            } catch (AccessDeniedException e) {
                unreadable++;
            } catch (IOException e) {
                notices.add(pid + ": skipped: reading its maps failed (" + e.getClass().getSimpleName() + ")");
            }
        }
        return targets;
    }

    /** Processes this user may not read. */
    int unreadable() {
        return unreadable;
    }

    /** One line each: the libraries skipped or read from their notes alone, and why. */
    List<String> notices() {
        return notices;
    }

    /** One process, which must exist and have a provider library that can be read. */
    Target one(long pid) throws CliException {
        if (!Files.isDirectory(proc.resolve(Long.toString(pid)))) {
            throw new CliException("no such process: " + pid);
        }
        Optional<Target> target;
        try {
            target = scan(pid);
        } catch (Gone e) {
            throw new CliException("no such process: " + pid + " (it ended while it was read)");
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read process " + pid + ": run as its user or with sudo");
        } catch (IOException e) {
            throw new CliException("cannot read process " + pid + " (" + e.getClass().getSimpleName() + ")");
        }
        return target.orElseThrow(() -> new CliException("process " + pid + " has no usdt4j probes ("
                + (mapped == 0 ? "no libusdt4j-*.so is mapped"
                        : "no library of its " + mapped + " libusdt4j-*.so can be used: " + String.join("; ", skipped)) + ")"));
    }

    private Optional<Target> scan(long pid) throws Gone, IOException {
        Path dir = proc.resolve(Long.toString(pid));
        skipped.clear();
        List<ProcessMaps.Mapping> mappings;
        try {
            mappings = timed(() -> ProcessMaps.libraries(dir.resolve("maps")));
        } catch (NoSuchFileException e) {
            throw new Gone();
        } catch (Stalled e) {
            notices.add(pid + ": skipped: reading its maps did not finish within " + seconds() + " s");
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw new Gone();
            }
            throw e;
        }
        mapped = mappings.size();
        List<Library> libraries = new ArrayList<>();
        for (ProcessMaps.Mapping mapping : mappings) {
            try {
                Read read = timed(() -> read(pid, mapping));
                if (read.reading() == null) {
                    skip(pid, mapping, read.unusable());
                } else {
                    libraries.add(read.reading().library());
                    if (read.reading().fromNotesBecause() != null) {
                        notices.add(pid + " " + mapping.path() + ": " + read.reading().fromNotesBecause() + "; its probes are"
                                + " read from its notes alone, arguments " + NotedProvider.ARGUMENT + "0.." + NotedProvider.ARGUMENT + "N");
                    }
                }
            } catch (NoSuchFileException e) {
                if (!Files.isDirectory(dir)) {
                    throw new Gone();
                }
                // unmapped, or the process exec'd, since its maps were read
            } catch (Stalled e) {
                skip(pid, mapping, "reading it did not finish within " + seconds() + " s, so the process's other"
                        + " libraries are not read");
                break;
            } catch (IOException e) {
                skip(pid, mapping, "reading it failed (" + e.getClass().getSimpleName() + ")");
            } catch (RuntimeException e) { // a defect of usdt4j's, which the fuzz tests look for: it costs this library only
                skip(pid, mapping, "usdt4j failed to read it (" + e.getClass().getName() + "): please report this");
            }
        }
        if (libraries.isEmpty()) {
            return Optional.empty();
        }
        String command;
        try {
            command = timed(() -> command(dir));
        } catch (NoSuchFileException e) {
            throw new Gone();
        } catch (IOException | Stalled e) {
            command = "?";
        }
        return Optional.of(new Target(pid, command, List.copyOf(libraries)));
    }

    /** The patience in seconds, for messages: {@code 5}, {@code 0.3}. */
    private String seconds() {
        return patience.toMillis() % 1000 == 0 ? Long.toString(patience.toSeconds()) : Double.toString(patience.toMillis() / 1000.0);
    }

    private void skip(long pid, ProcessMaps.Mapping mapping, String reason) {
        skipped.add(mapping.path() + ": " + reason);
        notices.add(pid + " " + mapping.path() + ": skipped: " + reason);
    }

    /** A library as read, and why its probes are read from its notes alone (null when its description agrees with them). */
    record Reading(Library library, String fromNotesBecause) {}

    /** The library of {@code mapping}, or why it cannot be used; run on a thread of {@link #READS}, it touches nothing shared. */
    private Read read(long pid, ProcessMaps.Mapping mapping) throws IOException {
        try (LibraryFile file = LibraryFile.open(proc, pid, mapping)) {
            return new Read(read(file, mapping), null);
        } catch (MalformedLibraryException e) {
            return new Read(null, e.getMessage());
        }
    }

    /**
     * The library in {@code source}, mapped as {@code mapping} says: its notes are the truth
     * ({@link NotedProvider}), and its description names their arguments where it agrees with them.
     *
     * @throws MalformedLibraryException if its file or its notes cannot be used
     */
    static Reading read(Elf.Source source, ProcessMaps.Mapping mapping) throws MalformedLibraryException {
        Elf elf = Elf.read(source);
        List<Elf.Note> notes = elf.notes();
        NotedProvider noted = NotedProvider.of(notes);
        String why;
        ProviderDescription description = null;
        try {
            Optional<byte[]> document = elf.content(ResourceLayout.DESCRIPTION_SECTION, DescriptionFormat.MAX_DOCUMENT_BYTES);
            if (document.isEmpty()) {
                why = "it carries no " + ResourceLayout.DESCRIPTION_SECTION + " description (an older usdt4j built it)";
            } else {
                description = DescriptionCodec.read(document.get());
                why = noted.disagreement(description).orElse(null);
            }
        } catch (MalformedLibraryException | MalformedDescriptionException e) {
            why = "its description cannot be read: " + e.getMessage();
        }
        long bias = mapping.start() < 0 ? 0 : mapping.start() - elf.firstLoadAddress();
        List<ProbeDescription> probes = why == null ? description.probes() : noted.probesFromNotes();
        return new Reading(new Library(mapping, noted.provider(), probes, why == null, notes, bias), why);
    }

    private static String command(Path dir) throws IOException {
        byte[] cmdline;
        try (InputStream in = Files.newInputStream(dir.resolve("cmdline"))) {
            cmdline = in.readNBytes(MAX_COMMAND_BYTES);
        }
        String command = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        if (!command.isEmpty()) {
            return command;
        }
        try (InputStream in = Files.newInputStream(dir.resolve("comm"))) {
            return new String(in.readNBytes(64), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Whether a tracer holds the probe's semaphore now: its count, read from the process's memory,
     * where a writable mapping of the library holds it (a library mapped only to be read has none).
     */
    boolean traced(long pid, Library library, String probe) {
        for (Elf.Note note : library.notes()) {
            if (note.name().equals(probe) && note.semaphore() != 0
                    && library.mapping().writable(library.loadBias() + note.semaphore(), 2)) {
                try {
                    return timed(() -> {
                        try (RandomAccessFile memory = new RandomAccessFile(proc.resolve(pid + "/mem").toFile(), "r")) {
                            memory.seek(library.loadBias() + note.semaphore());
                            int low = memory.read();
                            int high = memory.read();
                            return low > 0 || high > 0;
                        }
                    });
                } catch (IOException | Stalled | RuntimeException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** A library read: what it gives, or why it cannot be used. */
    private record Read(Reading reading, String unusable) {}

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** What {@code read} returns, if it does so within {@link #patience}; it runs on a thread of its own, left to block if it must. */
    private <T> T timed(IoCall<T> read) throws IOException, Stalled {
        Callable<T> task = read::call;
        Future<T> future = READS.submit(task);
        try {
            return future.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Stalled();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Stalled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
