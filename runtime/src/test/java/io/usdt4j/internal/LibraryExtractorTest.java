// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LibraryExtractorTest {
    private static final byte[] LIBRARY = "not an ELF file, but extract() only copies it".getBytes(StandardCharsets.UTF_8);

    /** Loaded again by a class loader over {@link #classPath}, so its resources are that directory's. */
    static final class Anchor {}

    @TempDir
    Path temp;

    private Path classPath;
    private URLClassLoader loader;
    private SystemProperty directoryProperty;

    @BeforeEach
    void privateDirectoryAndClassPathWithALibrary() throws IOException {
        directoryProperty = SystemProperty.set(Settings.DIRECTORY, temp.resolve("libs").toString());
        classPath = Files.createDirectory(temp.resolve("classes"));
        write(classPath.resolve(io.usdt4j.contract.ResourceLayout.library(Settings.platform(), "x")), LIBRARY);
        String anchorFile = Anchor.class.getName().replace('.', '/') + ".class";
        try (InputStream in = Anchor.class.getClassLoader().getResourceAsStream(anchorFile)) {
            write(classPath.resolve(anchorFile), in.readAllBytes());
        }
        loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void restore() throws IOException {
        loader.close();
        directoryProperty.close();
    }

    @Test
    void directoryIsCreatedOwnerOnly() throws Exception {
        Path directory = LibraryExtractor.directory();

        assertEquals(temp.resolve("libs"), directory);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }

    @Test
    void missingParentsAreCreated() throws Exception {
        Path nested = temp.resolve("a/b/libs");
        try (var dir = SystemProperty.set(Settings.DIRECTORY, nested.toString())) {
            assertEquals(nested, LibraryExtractor.directory());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        }
    }

    @Test
    void defaultDirectoryIsPerUserUnderTmpdir() throws Exception {
        try (var unset = SystemProperty.set(Settings.DIRECTORY, "");
                var tmpdir = SystemProperty.set("java.io.tmpdir", temp.toString())) {
            assertEquals(temp.resolve("usdt4j-" + System.getProperty("user.name")), LibraryExtractor.directory());
        }
    }

    @Test
    void existingPrivateDirectoryIsAccepted() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("libs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertEquals(directory, LibraryExtractor.directory());
    }

    @Test
    void symbolicLinkIsRefused() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(temp.resolve("libs"), real);

        UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

        assertEquals("library directory " + temp.resolve("libs")
                + " is a symbolic link; set -Dusdt4j.dir to a private directory", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwx-w----", "rwx----w-"})
    void directoryWritableByOthersIsRefused(String permissions) throws Exception {
        Path directory = Files.createDirectory(temp.resolve("libs"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));

        UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

        assertEquals("library directory " + directory + " is writable by others (" + permissions
                + "); run chmod 700 on it", e.getMessage());
    }

    @Test
    void directoryReadableByOthersIsAccepted() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("libs"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(directory, LibraryExtractor.directory());
    }

    @Test
    void regularFileIsRefused() throws Exception {
        Files.createFile(temp.resolve("libs"));

        UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

        assertEquals(temp.resolve("libs") + " is not a directory; set -Dusdt4j.dir", e.getMessage());
    }

    @Test
    void directoryOfAnotherUserIsRefused() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("libs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        TracerRequirement.require(Host.isRoot(), "giving a directory to user nobody needs root");
        UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(directory, nobody);

        UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

        assertEquals("library directory " + directory + " is owned by nobody, not by " + System.getProperty("user.name")
                + "; set -Dusdt4j.dir to a private directory", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"777", "770", "707", "730"})
    void parentWritableByOthersIsRefused(String mode) throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        setMode(open, Integer.parseInt(mode, 8));
        try (var dir = SystemProperty.set(Settings.DIRECTORY, open.resolve("libs").toString())) {
            UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

            assertEquals("library directory " + open.resolve("libs") + " is inside " + open
                    + ", which is writable by others and not sticky (mode " + mode + "); run chmod go-w " + open
                    + ", or set -Dusdt4j.dir to a directory that only root and you can change", e.getMessage());
        }
    }

    /** As {@code /tmp} is: in a sticky directory no one else may rename or remove our directory. */
    @Test
    void stickyParentWritableByAllIsAccepted() throws Exception {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        setMode(shared, 01777);
        try (var dir = SystemProperty.set(Settings.DIRECTORY, shared.resolve("libs").toString())) {
            assertEquals(shared.resolve("libs"), LibraryExtractor.directory());
        }
    }

    /** Not only the last parent: every directory up to the root. */
    @Test
    void ancestorWritableByOthersIsRefused() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Path deep = Files.createDirectories(open.resolve("a/b"));
        setMode(open, 0777);
        try (var dir = SystemProperty.set(Settings.DIRECTORY, deep.resolve("libs").toString())) {
            UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

            assertTrue(e.getMessage().startsWith("library directory " + deep.resolve("libs") + " is inside " + open
                    + ", which is writable by others and not sticky (mode 777)"), e.getMessage());
        }
    }

    @Test
    void parentOfAnotherUserIsRefused() throws Exception {
        Path theirs = Files.createDirectory(temp.resolve("theirs"));
        UserPrincipal nobody = theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try {
            Files.setOwner(theirs, nobody);
        } catch (IOException e) {
            TracerRequirement.require(false, "cannot give a directory to user nobody without root: " + e);
        }
        try (var dir = SystemProperty.set(Settings.DIRECTORY, theirs.resolve("libs").toString())) {
            UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

            assertEquals("library directory " + theirs.resolve("libs") + " is inside " + theirs
                    + ", which is owned by nobody, neither root nor " + System.getProperty("user.name")
                    + "; set -Dusdt4j.dir to a directory that only root and you can change", e.getMessage());
        }
    }

    /** A link of ours above the directory is fine; where it leads is checked as well. */
    @Test
    void parentsAreCheckedWhereSymbolicLinksLead() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Path real = Files.createDirectory(open.resolve("real"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        try (var dir = SystemProperty.set(Settings.DIRECTORY, link.resolve("libs").toString())) {
            assertEquals(link.resolve("libs"), LibraryExtractor.directory(), "while " + open + " is private");

            setMode(open, 0777);
            UnavailableException e = assertThrows(UnavailableException.class, LibraryExtractor::directory);

            assertTrue(e.getMessage().startsWith("library directory " + link.resolve("libs") + " is inside " + open
                    + ", which is writable by others and not sticky"), e.getMessage());
        }
    }

    /**
     * A JVM killed between writing its temporary file and linking it leaves the file; the next
     * install deletes such leftovers once they are old, and nothing else.
     */
    @Test
    void installDeletesStaleTemporaryFilesOfKilledJvmsOnly() throws Exception {
        Path libs = LibraryExtractor.directory();
        String library = LibraryExtractor.fileName("x", LibraryExtractor.sha256(LIBRARY), 0);
        String other = LibraryExtractor.fileName("other", LibraryExtractor.sha256(new byte[0]), 2);
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - LibraryExtractor.STALE_TEMPORARY_MILLIS - 60_000);
        Path staleOfThis = touch(libs.resolve("." + library + ".12340.tmp"), old);
        Path staleOfOther = touch(libs.resolve("." + other + ".9990.tmp"), old);
        Path fresh = touch(libs.resolve("." + library + ".77.tmp"), FileTime.fromMillis(System.currentTimeMillis()));
        Path notOurs = touch(libs.resolve(".notes.1.tmp"), old);
        Path notOursEither = touch(libs.resolve("." + library + ".tmp"), old);

        Path installed = LibraryExtractor.extract(anchor(), Settings.platform(), "x");

        assertEquals(List.of(notOursEither, fresh, notOurs, installed).stream().sorted().toList(), filesIn(libs));
        assertFalse(Files.exists(staleOfThis));
        assertFalse(Files.exists(staleOfOther));
    }

    @ParameterizedTest
    @ValueSource(strings = {".libusdt4j-x-0123456789abcdef.so.4210.tmp", ".libusdt4j-x-0123456789abcdef.3.so.1.tmp"})
    void temporaryNamesAreRecognized(String name) {
        assertTrue(LibraryExtractor.isTemporaryName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libusdt4j-x-0123456789abcdef.so.4210.tmp", ".libusdt4j-x-0123456789abcdef.so.tmp",
            ".libusdt4j-x-0123456789abcdef.so.42a.tmp", ".libusdt4j-x-0123456789abcdef.so.42", ".libusdt4j-x.so.1.tmp",
            "..1.tmp", ".1.tmp", ".tmp", ".x.so..tmp"})
    void otherNamesAreNotTemporaryFiles(String name) {
        assertFalse(LibraryExtractor.isTemporaryName(name), name);
    }

    @Test
    void extractsUnderAContentHashOwnerReadExecuteOnly() throws Exception {
        Class<?> anchor = anchor();

        Path library = LibraryExtractor.extract(anchor, Settings.platform(), "x");

        assertEquals(temp.resolve("libs").resolve("libusdt4j-x-" + LibraryExtractor.sha256(LIBRARY).substring(0, 16) + ".so"),
                library);
        assertTrue(library.getFileName().toString().matches("libusdt4j-x-[0-9a-f]{16}\\.so"), library::toString);
        assertInstalled(library);
    }

    @Test
    void furtherCopiesForOtherClassLoadersGetTheirOwnName() throws Exception {
        Class<?> anchor = anchor();
        Path first = LibraryExtractor.extract(anchor, Settings.platform(), "x");

        Path copy = LibraryExtractor.extract(anchor, Settings.platform(), "x", 1);

        assertEquals(first.resolveSibling(first.getFileName().toString().replace(".so", ".1.so")), copy);
        assertArrayEquals(LIBRARY, Files.readAllBytes(copy));
        assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals(java.util.Set.of(first, copy), java.util.Set.copyOf(filesIn(first.getParent())), "both, and no temporary file");
    }

    @Test
    void identicalCopyIsReused() throws Exception {
        Class<?> anchor = anchor();
        Path library = LibraryExtractor.extract(anchor, Settings.platform(), "x");
        BasicFileAttributes first = attributes(library);

        assertEquals(library, LibraryExtractor.extract(anchor, Settings.platform(), "x"));

        BasicFileAttributes second = attributes(library);
        assertEquals(first.fileKey(), second.fileKey());
        assertEquals(first.lastModifiedTime(), second.lastModifiedTime());
    }

    @Test
    void tamperedCopyIsReplaced() throws Exception {
        Class<?> anchor = anchor();
        Path library = LibraryExtractor.extract(anchor, Settings.platform(), "x");
        Object tamperedFile = attributes(library).fileKey();
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx------"));
        Files.write(library, "planted".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("r-x------"));

        assertEquals(library, LibraryExtractor.extract(anchor, Settings.platform(), "x"));

        assertNotEquals(tamperedFile, attributes(library).fileKey());
        assertInstalled(library);
    }

    @Test
    void symbolicLinkAtTheLibrarysNameIsReplacedNotFollowed() throws Exception {
        Class<?> anchor = anchor();
        Path expected = LibraryExtractor.extract(anchor, Settings.platform(), "x");
        Files.delete(expected);
        Path decoy = write(temp.resolve("decoy.so"), LIBRARY);
        Files.createSymbolicLink(expected, decoy);

        Path library = LibraryExtractor.extract(anchor, Settings.platform(), "x");

        assertEquals(expected, library);
        assertInstalled(library);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(decoy)));
    }

    /** A library written at run time (by the agent) goes where an extracted one goes, under its content's hash, checked alike. */
    @Test
    void aWrittenLibraryIsInstalledAsAnExtractedOneIs() throws Exception {
        Path library = LibraryExtractor.install(Settings.platform(), "x", LIBRARY, 0);

        assertEquals(LibraryExtractor.extract(anchor(), Settings.platform(), "x"), library);
        assertInstalled(library);
        Object file = attributes(library).fileKey();
        assertEquals(library, LibraryExtractor.install(Settings.platform(), "x", LIBRARY, 0));
        assertEquals(file, attributes(library).fileKey(), "an identical copy is reused");
        assertEquals(library.resolveSibling(library.getFileName().toString().replace(".so", ".2.so")),
                LibraryExtractor.install(Settings.platform(), "x", LIBRARY, 2));
    }

    @Test
    void aWrittenLibraryIsRefusedWhereAnExtractedOneIs() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("libs"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> LibraryExtractor.install(Settings.platform(), "x", LIBRARY, 0));

        assertEquals("library directory " + directory + " is writable by others (rwxrwxrwx); run chmod 700 on it", e.getMessage());
        try (var darwin = SystemProperty.set(Settings.PLATFORM, "darwin-aarch64")) {
            assertEquals("USDT probes need Linux, and this is darwin-aarch64", assertThrows(UnavailableException.class,
                    () -> LibraryExtractor.install(Settings.platform(), "x", LIBRARY, 0)).getMessage());
        }
    }

    /** A CPU off the platform table: no jar can have its library, and the message says which CPUs can. */
    @Test
    void aPlatformOffTheTableIsNamedWithThoseOnIt() throws Exception {
        Class<?> anchor = anchor();

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> LibraryExtractor.extract(anchor, io.usdt4j.contract.PlatformId.parse("linux-s390x"), "absent"));

        assertEquals("no native library for linux-s390x on the class path (META-INF/usdt4j/native/linux-s390x/libusdt4j-absent.so):"
                + " usdt4j supports " + io.usdt4j.contract.Platform.describeAll() + ", not linux-s390x", e.getMessage());
    }

    @Test
    void missingLibrarySaysWhereToBuildIt() throws Exception {
        Class<?> anchor = anchor();
        String platform = Settings.platform().id();

        UnavailableException e = assertThrows(UnavailableException.class, () -> LibraryExtractor.extract(anchor, Settings.platform(), "absent"));

        assertEquals("no native library for " + platform + " on the class path (META-INF/usdt4j/native/" + platform
                + "/libusdt4j-absent.so); build the jar again with usdt4j's processor, which writes the library of every"
                + " platform unless -Ausdt4j.platforms (or the plugin's <platforms>) leaves " + platform + " out", e.getMessage());
        assertFalse(Files.exists(temp.resolve("libs")), "nothing is written for a missing library");
    }

    @Test
    void otherOperatingSystemsAreRefusedBeforeLookingForALibrary() throws Exception {
        Class<?> anchor = anchor();
        try (var darwin = SystemProperty.set(Settings.PLATFORM, "darwin-aarch64")) {
            UnavailableException e = assertThrows(UnavailableException.class, () -> LibraryExtractor.extract(anchor, Settings.platform(), "x"));

            assertEquals("USDT probes need Linux, and this is darwin-aarch64", e.getMessage());
        }
    }

    private Class<?> anchor() throws ClassNotFoundException {
        Class<?> anchor = loader.loadClass(Anchor.class.getName());
        assertSame(loader, anchor.getClassLoader(), "the anchor must see only the temporary class path");
        return anchor;
    }

    /** A regular file (not a link) with the library's bytes, r-x------, alone in its directory. */
    private static void assertInstalled(Path library) throws IOException {
        assertTrue(attributes(library).isRegularFile(), () -> library + " is not a regular file");
        assertArrayEquals(LIBRARY, Files.readAllBytes(library));
        assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
        assertEquals(List.of(library), filesIn(library.getParent()), "no temporary file is left behind");
    }

    private static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    private static Path touch(Path file, FileTime modified) throws IOException {
        Files.write(file, LIBRARY);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Everything in the directory, so a leftover temporary file shows up too. */
    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    /** The plugin's digest file names the extracted library; anything else in it is ignored, and the library is hashed. */
    @Test
    void aRecordedDigestIsTakenOnlyWhenItIsOne() {
        String digest = LibraryExtractor.sha256(LIBRARY);
        assertEquals(digest, LibraryExtractor.recordedSha256((digest + "\n").getBytes(StandardCharsets.US_ASCII)),
                "as the plugin writes it");
        assertEquals(digest, LibraryExtractor.recordedSha256(digest.getBytes(StandardCharsets.US_ASCII)), "no newline");
        for (String bad : List.of("", "\n", digest.substring(1) + "\n", digest + "0\n", digest.toUpperCase() + "\n",
                digest + "\n\n", digest.substring(0, 63) + "g\n", digest + "  libusdt4j-x.so\n")) {
            assertEquals(null, LibraryExtractor.recordedSha256(bad.getBytes(StandardCharsets.US_ASCII)), bad);
        }
        assertEquals(null, LibraryExtractor.recordedSha256(null), "no digest file");
    }

}
