// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A library a process maps, opened as a file anyone may have put there must be: the file the
 * process actually maps, read through {@code /proc/PID/map_files/START-END}, which only root
 * (CAP_SYS_ADMIN) may open. Without that right, the path the maps name, through
 * {@code /proc/PID/root}: there only a regular file, never a symbolic link (a link to
 * {@code /dev/zero}), FIFO (whose opening blocks), device or socket swapped in under the path, and
 * only one that is still the same file after it was opened. Either way only a regular file of at
 * most {@link Elf#MAX_FILE_BYTES} is read, and only at offsets {@link Elf} checked. Opening a FIFO
 * that wins the race between the check and the open blocks: {@link ProcessScanner} bounds the
 * time each library may take.
 */
final class LibraryFile implements Elf.Source, AutoCloseable {
    private final FileChannel channel;
    private final long size;

    private LibraryFile(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Opens {@code mapping} of process {@code pid}.
     *
     * @throws NoSuchFileException if the mapping is gone (the process unmapped it, exited or
     *     {@code exec}ed): nothing to say
     * @throws MalformedLibraryException if it is not a regular file of a sensible size, or cannot
     *     be opened (say why)
     */
    static LibraryFile open(Path proc, long pid, ProcessMaps.Mapping mapping) throws IOException, MalformedLibraryException {
        Path mapFiles = proc.resolve(Long.toString(pid)).resolve("map_files").resolve(mapping.range());
        BasicFileAttributes mapped;
        try {
            mapped = Files.readAttributes(mapFiles, BasicFileAttributes.class); // the mapped file itself, whatever its path now
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) { // EPERM or EACCES: map_files is root's (CAP_SYS_ADMIN)
            return byPath(proc, pid, mapping);
        }
        requireRegular(mapped, "the file it maps");
        FileChannel channel = FileChannel.open(mapFiles, StandardOpenOption.READ); // the magic link leads to the mapped file
        return checked(channel);
    }

    /** The file at the mapping's path, when it is the regular file it was and stays so. */
    private static LibraryFile byPath(Path proc, long pid, ProcessMaps.Mapping mapping) throws IOException, MalformedLibraryException {
        if (mapping.deleted()) {
            throw new MalformedLibraryException("it was deleted after it was mapped, and only root reads a deleted library"
                    + " (through /proc/PID/map_files)");
        }
        Path path = proc.resolve(Long.toString(pid)).resolve("root").resolve(mapping.path().substring(1));
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new MalformedLibraryException("no file is at its path any more, and only root reads a library by"
                    + " /proc/PID/map_files", e);
        } catch (AccessDeniedException e) {
            throw new MalformedLibraryException("this user may not read its path (try sudo)", e);
        }
        requireRegular(before, "its path");
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new MalformedLibraryException("its path changed while it was opened", e);
        } catch (AccessDeniedException e) {
            throw new MalformedLibraryException("this user may not read its path (try sudo)", e);
        } catch (FileSystemException e) { // ELOOP: a symbolic link swapped in
            throw new MalformedLibraryException("its path changed while it was opened (" + e.getClass().getSimpleName() + ")", e);
        }
        BasicFileAttributes after;
        try {
            after = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            channel.close();
            throw new MalformedLibraryException("its path changed while it was opened", e);
        }
        if (!after.isRegularFile() || before.fileKey() == null || !Objects.equals(before.fileKey(), after.fileKey())) {
            channel.close();
            throw new MalformedLibraryException("its path changed while it was opened");
        }
        return checked(channel);
    }

    private static void requireRegular(BasicFileAttributes attributes, String what) throws MalformedLibraryException {
        if (attributes.isSymbolicLink()) {
            throw new MalformedLibraryException(what + " is a symbolic link, not the file mapped");
        }
        if (!attributes.isRegularFile()) {
            throw new MalformedLibraryException(what + " is not a regular file (a " + kind(attributes) + ")");
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "directory" : "FIFO, device or socket";
    }

    /** {@code channel} if its file is at most {@link Elf#MAX_FILE_BYTES}; closed otherwise. */
    private static LibraryFile checked(FileChannel channel) throws IOException, MalformedLibraryException {
        try {
            long size = channel.size();
            if (size > Elf.MAX_FILE_BYTES) {
                throw new MalformedLibraryException("it is " + size + " bytes long, more than the " + Elf.MAX_FILE_BYTES
                        + " a provider library may be");
            }
            return new LibraryFile(channel, size);
        } catch (IOException | MalformedLibraryException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Why bpftrace, which opens a library by its path ({@code /proc/PID/root/PATH}), must not be
     * given {@code path} of process {@code pid}, or empty when it may: only a regular file of at
     * most {@link Elf#MAX_FILE_BYTES}, never a FIFO (whose opening blocks bpftrace), device,
     * socket or symbolic link put under the path after it was mapped.
     */
    static java.util.Optional<String> unsafeToOpen(Path proc, long pid, String path) {
        Path file = proc.resolve(Long.toString(pid)).resolve("root").resolve(path.substring(1));
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
                return java.util.Optional.of("its path names no regular file now (a " + (attributes.isSymbolicLink()
                        ? "symbolic link" : kind(attributes)) + " was put there), and bpftrace opens the path");
            }
            if (attributes.size() > Elf.MAX_FILE_BYTES) {
                return java.util.Optional.of("the file at its path is " + attributes.size() + " bytes long, more than the "
                        + Elf.MAX_FILE_BYTES + " a provider library may be");
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("its path cannot be read (" + e.getClass().getSimpleName() + "), and bpftrace opens the path");
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] into) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("the file ended before its size");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
