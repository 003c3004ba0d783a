// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jar this module builds holds a library for each platform of the table (see the plugin's
 * {@code <platforms>} in the pom), as does a jar of the libraries usdt4j-writer wrote
 * ({@link Backend}). Here a JVM of each platform but the host's runs each jar under
 * qemu's user-mode emulation (the table's qemu and multiarch JDK): it must pick, extract and load
 * its own platform's library and fire every probe. Uprobes cannot be traced under user-mode
 * emulation (the host kernel sees qemu's host code, not the emulated instructions the notes point
 * at), so the probes fire with tracing off; the host's library is traced by the other tests.
 */
class CrossPlatformTest {
    @TempDir
    Path temp;

    /** Every platform of the table but the one running the tests. */
    static List<Platform> otherPlatforms() {
        Platform host = PlatformId.host().platform();
        return Arrays.stream(Platform.values()).filter(platform -> platform != host).toList();
    }

    /** Each of {@link #otherPlatforms()} with each backend that builds its libraries. */
    static Stream<Arguments> otherPlatformsAndBackends() {
        return otherPlatforms().stream().flatMap(platform -> Backend.each().filter(backend -> backend.builds(platform))
                .map(backend -> Arguments.of(platform, backend)));
    }

    /** The library of {@code usdt4j_it} that {@code build} has for {@code platform}. */
    static Path library(ProviderBuild build, Platform platform) {
        Path library = build.library(ProviderBuild.PROVIDER, platform);
        TracerRequirement.require(Files.isRegularFile(library), "the build made no " + library + ": it skips " + platform.id()
                + " without the cross compiler (apt-get install " + platform.crossCompilerPackage() + " "
                + platform.crossLibcPackage() + ")");
        return library;
    }

    /** Debian's JDK of {@code platform}, installed through multiarch, or the one {@code USDT4J_<DEBIAN ARCH>_JAVA} names. */
    static Path java(Platform platform) {
        return Path.of(System.getenv().getOrDefault("USDT4J_" + platform.debianArch().toUpperCase(Locale.ROOT) + "_JAVA",
                platform.jdkHome() + "/bin/java"));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("otherPlatformsAndBackends")
    void aJvmOfAnotherPlatformUnderQemuLoadsItsLibraryFromTheJarAndFiresEveryProbe(Platform platform, Backend backend)
            throws Exception {
        ProviderBuild build = backend.build();
        Path own = library(build, platform);
        Path hostLibrary = build.library();
        String qemu = platform.qemuUser();
        Path launcher = java(platform);
        TracerRequirement.require(Host.onPath(qemu), qemu + " is not installed (apt-get install qemu-user-static)");
        TracerRequirement.require(Files.isExecutable(launcher), "no " + platform.debianArch() + " JVM at " + launcher + " (dpkg --add-architecture "
                + platform.debianArch() + "; apt-get install " + platform.jdkPackage() + "; or set USDT4J_"
                + platform.debianArch().toUpperCase(Locale.ROOT) + "_JAVA)");
        Path jar = consumerJar(build.classes(), temp.resolve("app.jar"));
        try (JarFile contents = new JarFile(jar.toFile())) {
            String entry = ResourceLayout.library(PlatformId.of(platform), ProviderBuild.PROVIDER);
            assertTrue(contents.getEntry(entry) != null, jar + " holds " + entry);
        }
        // The consumer's jar in place of the class output; the runtime and test-support's Driver as built.
        List<Path> classPath = build.withClasses(jar).classPath();
        Path libs = temp.resolve("libs");
        Path input = Files.writeString(temp.resolve("commands"), "enabled?\nfire\nnop?\nexit\n");
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");

        long start = System.nanoTime();
        Process jvm = new ProcessBuilder(qemu, launcher.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + libs, "-cp", Processes.classPath(classPath), ProbeFiringApp.class.getName())
                .redirectInput(input.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(jvm.waitFor(10, TimeUnit.MINUTES), "the emulated JVM did not exit");
        System.out.printf("emulated %s run: %.1f s%n", platform.id(), (System.nanoTime() - start) / 1e9);

        List<String> out = Files.readAllLines(stdout);
        String err = Files.readString(stderr);
        assertEquals(0, jvm.exitValue(), "exit code; stdout " + out + ", stderr:\n" + err);
        assertFalse(err.contains("usdt4j"), "no usdt4j warning:\n" + err);
        assertTrue(out.size() == 6 && out.get(0).startsWith("ready ") && out.get(1).equals("reason="), out.toString());
        Path loaded = Path.of(out.get(0).substring(out.get(0).lastIndexOf(' ') + 1));
        assertEquals(libs, loaded.getParent(), "Usdt.libraryPath is the extracted library: " + out.get(0));
        assertTrue(loaded.getFileName().toString().startsWith("libusdt4j-" + ProviderBuild.PROVIDER + "-"), loaded.toString());
        assertArrayEquals(Files.readAllBytes(own), Files.readAllBytes(loaded), loaded + " is the jar's " + platform.id() + " library");
        if (Files.isRegularFile(hostLibrary)) {
            assertFalse(Arrays.equals(Files.readAllBytes(hostLibrary), Files.readAllBytes(loaded)), "not the host's");
        }
        // qemu-user reports the host's kernel, whose release decides the site as the runtime reads it.
        int site = platform.preferredSite(System.getProperty("os.version")).kind().number();
        assertEquals(List.of("enabled=false any=false", "fired", "nop=" + site), out.subList(3, 6),
                "untraced, every probe fired, on the sites the table prefers for " + platform.id());
    }

    /** A consumer's jar: the classes of a build, with every platform's libraries and the generated provider class. */
    private static Path consumerJar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
