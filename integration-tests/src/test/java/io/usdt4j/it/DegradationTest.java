// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.LineProcess;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way tracing can be unavailable, one at a time, in a real JVM with real files and mounts:
 * the application runs to a clean exit, every probe call is a no-op, every is-enabled query is
 * false, and exactly one warning names the cause. With {@code -Dusdt4j.required=true} the first
 * use throws instead.
 */
class DegradationTest {
    private static final String WARNING = "usdt4j: probes of provider 'usdt4j_ops' are disabled and do nothing: ";

    @TempDir
    Path temp;

    @Test
    void notLinux() throws Exception {
        assertDegrades(temp.resolve("libs"), List.of("-Dusdt4j.platform=darwin-aarch64"),
                "USDT probes need Linux, and this is darwin-aarch64");
    }

    @Test
    void noLibraryForThisCpu() throws Exception {
        assertDegrades(temp.resolve("libs"), List.of("-Dusdt4j.platform=linux-riscv64"),
                "no native library for linux-riscv64 on the class path"
                        + " (META-INF/usdt4j/native/linux-riscv64/libusdt4j-usdt4j_ops.so)");
    }

    @Test
    void disabled() throws Exception {
        assertDegrades(temp.resolve("libs"), List.of("-Dusdt4j.disable=true"), "-Dusdt4j.disable=true");
        assertTrue(Files.notExists(temp.resolve("libs")), "a disabled provider touches no file");
    }

    /**
     * Root may write anywhere its permission bits forbid, so as root the directory is a read-only
     * tmpfs; otherwise an owner-only directory without write permission.
     */
    @Test
    void unwritableDirectory() throws Exception {
        Path libs = Files.createDirectory(temp.resolve("libs"));
        if (Host.isRoot()) {
            try (AutoCloseable readOnly = OpsJvm.mountTmpfs(libs, "ro,mode=0700")) {
                assertDegrades(libs, List.of(), "Read-only file system");
            }
        } else {
            Files.setPosixFilePermissions(libs, PosixFilePermissions.fromString("r-x------"));
            assertDegrades(libs, List.of(), "java.nio.file.AccessDeniedException");
        }
    }

    /** The dynamic linker maps each backend's library's code executable, and so refuses both. */
    @Backend.Each
    void noexecDirectory(Backend backend) throws Exception {
        TracerRequirement.require(Host.isRoot(), "mounting a noexec tmpfs needs root");
        Path libs = Files.createDirectory(temp.resolve("libs"));
        try (AutoCloseable noexec = OpsJvm.mountTmpfs(libs, "noexec,mode=0700")) {
            String reason = assertDegrades(backend.build(), libs, List.of(), "failed to map segment from shared object");
            assertTrue(reason.endsWith("is the library directory on a file system mounted noexec? Set -Dusdt4j.dir"
                    + " to a private directory that allows executables"), reason);
        }
    }

    /** The jar itself carries a broken library: the dynamic linker refuses it, the application goes on. */
    @Test
    void corruptLibraryInTheJar() throws Exception {
        ProviderBuild corrupt = ProviderBuild.copy(Backend.C, temp.resolve("corrupt-jar"));
        Files.write(corrupt.library(OpsJvm.PROVIDER), "not an ELF file, whatever its name says".getBytes(StandardCharsets.US_ASCII));
        assertDegrades(corrupt, temp.resolve("libs"), List.of(), "java.lang.UnsatisfiedLinkError");
    }

    /**
     * A file already at the library's name with other content (tampered with, or truncated by a
     * full disk) is replaced before anything loads; the genuine library is loaded and works.
     */
    @Backend.Each
    void tamperedExtractedLibraryIsReplacedNeverLoaded(Backend backend) throws Exception {
        Path libs = Files.createDirectory(temp.resolve("libs"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        ProviderBuild build = backend.build();
        Path target = libs.resolve(OpsJvm.extractedFileName(build));
        byte[] genuine = Files.readAllBytes(build.library(OpsJvm.PROVIDER));
        byte[] truncated = java.util.Arrays.copyOf(genuine, genuine.length / 2);
        Files.write(target, truncated);

        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(build, libs, List.of()))) {
            Path loaded = app.awaitReady().loaded();
            assertEquals(target, loaded);
            assertTrue(OpsJvm.mapped(app.pid(), loaded), "the genuine library is mapped");
            assertArrayEquals(genuine, Files.readAllBytes(target), "the truncated file was replaced");
            assertEquals("enabled=false false", app.ask("enabled?", "enabled="));
            assertEquals(0, app.exit());
            assertEquals(0, warnings(app.transcript()).size(), app.transcript());
        }
        assertEquals(List.of(target), listing(libs), "no temporary file is left behind");
    }

    @Test
    void requiredThrowsNamingTheCauseOnFirstUse() throws Exception {
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(Backend.C, temp.resolve("libs"),
                List.of("-Dusdt4j.platform=darwin-aarch64", "-Dusdt4j.required=true")))) {
            assertNotEquals(0, app.awaitExit());
            String transcript = app.transcript();
            assertTrue(transcript.contains("Exception in thread \"main\" io.usdt4j.UsdtUnavailableException:"
                    + " usdt4j: provider 'usdt4j_ops' is required (-Dusdt4j.required=true) but unavailable:"
                    + " USDT probes need Linux, and this is darwin-aarch64"), transcript);
            assertEquals(List.of(), warnings(transcript), "it throws instead of warning");
            assertTrue(!transcript.contains("ready "), "the application never got a provider:\n" + transcript);
        }
    }

    /** {@link #assertDegrades(ProviderBuild, Path, List, String)} where the library is never loaded: either backend's build will do. */
    private String assertDegrades(Path libs, List<String> properties, String cause) throws Exception {
        return assertDegrades(Backend.C.build(), libs, properties, cause);
    }

    /** Runs OpsApp through every probe and query; returns the one warning's cause. */
    private static String assertDegrades(ProviderBuild build, Path libs, List<String> properties, String cause)
            throws Exception {
        try (LineProcess app = new LineProcess("OpsApp", OpsJvm.command(build, libs, properties))) {
            LineProcess.Ready ready = app.awaitReady();
            assertTrue(ready.line().endsWith(" unavailable"), ready.toString());
            String reason = ready.reason();
            assertTrue(reason.contains(cause), "reason names the cause " + cause + ": " + reason);
            assertEquals("enabled=false false", app.ask("enabled?", "enabled="));
            app.ask("fire", "fired");
            app.ask("text mebibyte", "fired text");
            assertEquals("enabled=false false", app.ask("enabled?", "enabled="), "firing enabled nothing");
            assertEquals(0, app.exit(), app.transcript());
            assertEquals(List.of(WARNING + reason), warnings(app.transcript()), "exactly one warning, naming the cause");
            return reason;
        }
    }

    private static List<String> warnings(String transcript) {
        return transcript.lines().filter(line -> line.contains("usdt4j: probes of provider"))
                .map(line -> line.substring(line.indexOf("usdt4j: probes of provider"))).toList();
    }

    private static List<Path> listing(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
