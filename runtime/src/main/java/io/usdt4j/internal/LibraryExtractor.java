// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Copies a provider's native library out of the class path into a private directory, so that
 * {@link System#load} can map it and tracers can find it by path.
 */
final class LibraryExtractor {
    // Set.of, not EnumSet (nor PosixFilePermissions.fromString, which makes one): an EnumSet finds
    // its enum's constants reflectively, and from JDK 18 on the first reflective call spins method
    // handles, which a provider's initialization must not pay.
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_READ_EXECUTE = Set.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
    /** The file's type, permissions and owner, from {@code stat}, in one call. */
    private static final String UNIX_OWNER_AND_MODE = "unix:mode,uid,owner";
    private static final String UNIX_UID_AND_MODE = "unix:mode,uid";
    private static final int ROOT_UID = 0;
    /** {@code st_mode} bits ({@code <sys/stat.h>}). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISVTX = 01000;
    private static final int WRITABLE_BY_OTHERS = 0020 | 0002; // S_IWGRP | S_IWOTH

    /**
     * A temporary file older than this, {@code .<library>.<pid><n>.tmp}, is a leftover of a JVM
     * killed while it extracted: writing and linking take milliseconds.
     */
    static final long STALE_TEMPORARY_MILLIS = 10 * 60 * 1000L;
    private static final String TEMPORARY_PREFIX = ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** How many names {@link #install} tries for its temporary file. */
    private static final int TEMPORARY_ATTEMPTS = 100;

    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private LibraryExtractor() {}

    /**
     * Returns the path of {@code provider}'s library for the current platform, extracting it
     * from {@code owner}'s class path when no identical copy is there yet.
     */
    static Path extract(Class<?> owner, PlatformId platform, String provider) throws UnavailableException, IOException {
        return extract(owner, platform, provider, 0);
    }

    /**
     * Like {@link #extract(Class, String)}; {@code copy} > 0 names a further copy of the same
     * content ({@code libusdt4j-<provider>-<hash>.<copy>.so}), for a JVM in which another class
     * loader already loaded the first one.
     */
    static Path extract(Class<?> owner, PlatformId platform, String provider, int copy)
            throws UnavailableException, IOException {
        if (!platform.isLinux()) {
            throw new UnavailableException("USDT probes need Linux, and this is " + platform.id());
        }
        String resource = ResourceLayout.library(platform, provider);
        byte[] library;
        String hash;
        try (OwnResources resources = OwnResources.of(owner)) {
            library = resources.read(resource);
            if (library == null) {
                throw new UnavailableException("no native library for " + platform.id() + " on the class path (" + resource
                        + (platform.platform() == null ? "): " + Platform.unsupported(platform.id())
                                : "); build the jar again with usdt4j's processor, which writes the library of every"
                                        + " platform unless -Ausdt4j.platforms (or the plugin's <platforms>) leaves " + platform.id()
                                        + " out"));
            }
            hash = recordedSha256(resources.read(ResourceLayout.libraryDigest(platform, provider)));
        }
        if (hash == null) { // a library that usdt4j-maven-plugin did not build
            hash = sha256(library);
        }
        return place(provider, library, hash, copy);
    }

    /**
     * Returns the path of {@code library}, a provider's library written at run time (by usdt4j's
     * agent), in the library directory: written there, with every check {@link #extract} makes,
     * when no identical copy is there yet.
     */
    static Path install(PlatformId platform, String provider, byte[] library, int copy)
            throws UnavailableException, IOException {
        if (!platform.isLinux()) {
            throw new UnavailableException("USDT probes need Linux, and this is " + platform.id());
        }
        return place(provider, library, sha256(library), copy);
    }

    /** {@code library} at its name in the private directory, written unless an identical file is there. */
    private static Path place(String provider, byte[] library, String sha256, int copy) throws UnavailableException, IOException {
        Path directory = directory();
        Path target = directory.resolve(fileName(provider, sha256, copy));
        if (!hasContent(target, library)) {
            install(directory, target, library);
        }
        return target;
    }

    /** The file a library of this content gets: stable, so tracers can attach by path before the JVM starts. */
    static String fileName(String provider, String sha256, int copy) {
        return ResourceLayout.extractedLibraryFileName(provider, sha256.substring(0, ResourceLayout.HASH_DIGITS), copy);
    }

    /** {@code usdt4j.dir}, or {@code usdt4j-<user>} under {@code java.io.tmpdir}; created owner-only. */
    static Path directory() throws IOException, UnavailableException {
        String configured = Settings.directory();
        Path directory = configured == null
                ? Paths.get(Settings.temporaryDirectory(), "usdt4j-" + Settings.userName())
                : Paths.get(configured);
        directory = directory.toAbsolutePath();
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // checked below, whoever made it
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        checkPrivate(directory);
        return directory;
    }

    /** The user last looked up, by name: the lookup reads the user database, once per JVM is enough. */
    private static volatile UserPrincipal me;

    private static UserPrincipal me(Path directory) throws IOException {
        String name = Settings.userName();
        UserPrincipal known = me;
        if (known == null || !known.getName().equals(name)) {
            known = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            me = known;
        }
        return known;
    }

    /**
     * Another local user must not be able to plant or swap the library we are about to load: not
     * in the directory, and not by renaming or replacing a directory above it.
     */
    private static void checkPrivate(Path directory) throws IOException, UnavailableException {
        Map<String, Object> attributes = Files.readAttributes(directory, UNIX_OWNER_AND_MODE, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        if ((mode & S_IFMT) == S_IFLNK) {
            throw new UnavailableException("library directory " + directory + " is a symbolic link; set -D"
                    + Settings.DIRECTORY + " to a private directory");
        }
        if ((mode & S_IFMT) != S_IFDIR) {
            throw new UnavailableException(directory + " is not a directory; set -D" + Settings.DIRECTORY);
        }
        UserPrincipal owner = (UserPrincipal) attributes.get("owner");
        UserPrincipal me = me(directory);
        if (!owner.equals(me)) {
            throw new UnavailableException("library directory " + directory + " is owned by "
                    + owner.getName() + ", not by " + me.getName() + "; set -D"
                    + Settings.DIRECTORY + " to a private directory");
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            throw new UnavailableException("library directory " + directory + " is writable by others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS))
                    + "); run chmod 700 on it");
        }
        checkParents(directory, (Integer) attributes.get("uid"));
    }

    /**
     * Every directory above {@code directory}, as written and as it really is (through symbolic
     * links), must belong to root or to {@code me}, and be writable by no one else unless sticky,
     * as {@code /tmp} is: in a sticky directory only an entry's owner may rename or remove it.
     */
    private static void checkParents(Path directory, int me) throws IOException, UnavailableException {
        Path parent = directory.getParent();
        if (parent == null) {
            return;
        }
        for (Path above = parent; above != null; above = above.getParent()) {
            checkParent(directory, above, me);
        }
        Path real = parent.toRealPath();
        if (!real.equals(parent)) {
            for (Path above = real; above != null; above = above.getParent()) {
                checkParent(directory, above, me);
            }
        }
    }

    /** One directory (or symbolic link) above the library directory. */
    private static void checkParent(Path directory, Path above, int me) throws IOException, UnavailableException {
        Map<String, Object> attributes = Files.readAttributes(above, UNIX_UID_AND_MODE, LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) attributes.get("uid");
        if (uid != ROOT_UID && uid != me) {
            throw new UnavailableException("library directory " + directory + " is inside " + above
                    + ", which is owned by " + Files.getOwner(above, LinkOption.NOFOLLOW_LINKS).getName()
                    + ", neither root nor " + Settings.userName() + "; set -D" + Settings.DIRECTORY
                    + " to a directory that only root and you can change");
        }
        int mode = (Integer) attributes.get("mode");
        // A link's own mode means nothing: where it points is checked as the real path.
        if ((mode & S_IFMT) != S_IFLNK && (mode & WRITABLE_BY_OTHERS) != 0 && (mode & S_ISVTX) == 0) {
            throw new UnavailableException("library directory " + directory + " is inside " + above
                    + ", which is writable by others and not sticky (mode " + Integer.toOctalString(mode & 07777)
                    + "); run chmod go-w " + above + ", or set -D" + Settings.DIRECTORY
                    + " to a directory that only root and you can change");
        }
    }

    /**
     * Whether {@code file} holds exactly {@code library}: compared byte for byte, which costs less
     * than hashing it, and trusts no name.
     */
    private static boolean hasContent(Path file, byte[] library) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return Files.size(file) == library.length && Arrays.equals(Files.readAllBytes(file), library);
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /**
     * The SHA-256 the plugin wrote beside the library ({@link ResourceLayout#libraryDigest}), from
     * that file's bytes, or null when there is none or it is not one: then the caller hashes the library itself. Only
     * the extracted file's name depends on it; what is loaded is compared with the jar's bytes.
     */
    static String recordedSha256(byte[] text) {
        if (text == null) {
            return null;
        }
        int length = text.length;
        if (length > 0 && text[length - 1] == '\n') {
            length--;
        }
        if (length != ResourceLayout.DIGEST_HEX_DIGITS) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            byte b = text[i];
            if (!((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f'))) {
                return null;
            }
        }
        return new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    /**
     * Writes under a unique name, then links that into place: concurrent JVMs never see a partial
     * library. A link, unlike a rename, never replaces an existing file, so a JVM that arrives
     * second does not swap the file under one that already loaded it (that JVM would keep a
     * deleted copy mapped, which tracers attaching by path would miss). Only a file of other
     * content is replaced. A JVM killed in between leaves its temporary file, which a later
     * install deletes.
     */
    private static void install(Path directory, Path target, byte[] library) throws IOException {
        deleteStaleTemporaries(directory);
        Path temporary = createTemporary(directory, target.getFileName().toString());
        try {
            try (SeekableByteChannel out = Files.newByteChannel(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(library);
                while (content.hasRemaining()) {
                    out.write(content);
                }
            }
            Files.setPosixFilePermissions(temporary, OWNER_READ_EXECUTE);
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                if (!hasContent(target, library)) { // tampered or truncated: replace it
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (UnsupportedOperationException | FileSystemException e) {
                // No hard links on this file system: a rename is atomic too.
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * An empty owner-only file {@code .<library>.<pid><n>.tmp}, new: the pid keeps JVMs apart, and
     * {@code n} the class loaders of one JVM. No random number, whose generator is slow to seed.
     */
    private static Path createTemporary(Path directory, String library) throws IOException {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 0; ; attempt++) {
            Path temporary = directory.resolve(TEMPORARY_PREFIX + library + "." + pid + attempt + TEMPORARY_SUFFIX);
            try {
                Files.newByteChannel(temporary, CREATE_NEW, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)).close();
                return temporary;
            } catch (FileAlreadyExistsException e) {
                if (attempt == TEMPORARY_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes what killed JVMs left: temporary files of {@link #createTemporary}'s naming older than
     * {@link #STALE_TEMPORARY_MILLIS}. Best effort, as a leftover costs only disk space.
     */
    static void deleteStaleTemporaries(Path directory) {
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!isTemporaryName(entry.getFileName().toString())) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()
                            && now - attributes.lastModifiedTime().toMillis() > STALE_TEMPORARY_MILLIS) {
                        Files.deleteIfExists(entry);
                    }
                } catch (IOException e) {
                    // another JVM deleted it first, or it is not ours to delete
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // unlistable: the install that follows reports what is wrong with the directory
        }
    }

    /** {@code .libusdt4j-shop-<hash>.so.<digits>.tmp} and nothing else. */
    static boolean isTemporaryName(String name) {
        if (!name.startsWith(TEMPORARY_PREFIX) || !name.endsWith(TEMPORARY_SUFFIX)) {
            return false;
        }
        int end = name.length() - TEMPORARY_SUFFIX.length();
        int dot = name.lastIndexOf('.', end - 1);
        if (dot <= TEMPORARY_PREFIX.length() || dot == end - 1) {
            return false;
        }
        for (int i = dot + 1; i < end; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return ResourceLayout.providerOfExtractedLibrary(name.substring(TEMPORARY_PREFIX.length(), dot)) != null;
    }

    /** Only for a library without a recorded digest: MessageDigest loads the security providers. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
