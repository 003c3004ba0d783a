package io.usdt4j.internal;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Copies a provider's native library out of the class path into a private directory, so that
 * {@link System#load} can map it and tracers can find it by path.
 */
final class LibraryExtractor {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_READ_EXECUTE = PosixFilePermissions.fromString("r-x------");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

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
        try (InputStream in = owner.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new UnavailableException("no native library for " + platform.id()
                        + " on the class path (" + resource + "); build the jar on " + platform.id()
                        + " with usdt4j-maven-plugin");
            }
            library = in.readAllBytes();
        }
        String hash = sha256(library);
        Path directory = directory();
        Path target = directory.resolve(fileName(provider, hash, copy));
        if (!hasContent(target, hash)) {
            install(directory, target, library, hash);
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

    /** Another local user must not be able to plant or swap the library we are about to load. */
    private static void checkPrivate(Path directory) throws IOException, UnavailableException {
        PosixFileAttributes attributes =
                Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new UnavailableException("library directory " + directory + " is a symbolic link; set -D"
                    + Settings.DIRECTORY + " to a private directory");
        }
        if (!attributes.isDirectory()) {
            throw new UnavailableException(directory + " is not a directory; set -D" + Settings.DIRECTORY);
        }
        UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(Settings.userName());
        if (!attributes.owner().equals(me)) {
            throw new UnavailableException("library directory " + directory + " is owned by "
                    + attributes.owner().getName() + ", not by " + me.getName() + "; set -D"
                    + Settings.DIRECTORY + " to a private directory");
        }
        if (attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            throw new UnavailableException("library directory " + directory + " is writable by others ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "); run chmod 700 on it");
        }
    }

    private static boolean hasContent(Path file, String expectedHash) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return sha256(Files.readAllBytes(file)).equals(expectedHash);
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /**
     * Writes under a unique name, then links that into place: concurrent JVMs never see a partial
     * library. A link, unlike a rename, never replaces an existing file, so a JVM that arrives
     * second does not swap the file under one that already loaded it (that JVM would keep a
     * deleted copy mapped, which tracers attaching by path would miss). Only a file of other
     * content is replaced.
     */
    private static void install(Path directory, Path target, byte[] library, String hash) throws IOException {
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        try {
            Files.write(temporary, library);
            Files.setPosixFilePermissions(temporary, OWNER_READ_EXECUTE);
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                if (!hasContent(target, hash)) { // tampered or truncated: replace it
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
