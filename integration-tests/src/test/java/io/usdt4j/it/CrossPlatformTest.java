// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Host;
import io.usdt4j.testsupport.TracerRequirement;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar this module builds holds the {@code linux-x86_64} and the {@code linux-aarch64}
 * library (see the plugin's {@code <platforms>} in the pom). Here an aarch64 JVM runs that jar
 * under qemu's user-mode emulation: it must pick, extract and load the aarch64 library and fire
 * every probe. Uprobes cannot be traced under user-mode emulation (the host kernel sees qemu's
 * x86-64 code, not the emulated aarch64 instructions the notes point at), so the probes fire with
 * tracing off; the x86-64 library is traced by the other tests.
 */
class CrossPlatformTest {
    /** Debian's arm64 JDK, installed through multiarch (openjdk-17-jre-headless:arm64). */
    static final Path ARM64_JAVA = Path.of(System.getenv().getOrDefault("USDT4J_ARM64_JAVA",
            "/usr/lib/jvm/java-17-openjdk-arm64/bin/java"));
    static final String QEMU = "qemu-aarch64-static";

    @TempDir
    Path temp;

    /** The aarch64 library of {@code usdt4j_it} that the build cross-compiled. */
    static Path aarch64Library() {
        Path library = ProviderBuild.CLASSES.resolve(ResourceLayout.library(PlatformId.LINUX_AARCH64, ProviderBuild.PROVIDER));
        TracerRequirement.require(Files.isRegularFile(library), "the build made no " + library + ": it skips linux-aarch64"
                + " without the cross compiler (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)");
        return library;
    }

    @Test
    void anArm64JvmUnderQemuLoadsTheAarch64LibraryFromTheJarAndFiresEveryProbe() throws Exception {
        Path aarch64 = aarch64Library();
        Path x8664 = ProviderBuild.CLASSES.resolve(ResourceLayout.library(PlatformId.LINUX_X86_64, ProviderBuild.PROVIDER));
        TracerRequirement.require(Host.onPath(QEMU), QEMU + " is not installed (apt-get install qemu-user-static)");
        TracerRequirement.require(Files.isExecutable(ARM64_JAVA), "no arm64 JVM at " + ARM64_JAVA + " (dpkg --add-architecture arm64;"
                + " apt-get install openjdk-17-jre-headless:arm64; or set USDT4J_ARM64_JAVA)");
        Path jar = consumerJar(temp.resolve("app.jar"));
        try (JarFile contents = new JarFile(jar.toFile())) {
            for (PlatformId platform : List.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64)) {
                String entry = ResourceLayout.library(platform, ProviderBuild.PROVIDER);
                assertTrue(contents.getEntry(entry) != null || !platform.equals(PlatformId.LINUX_AARCH64), jar + " holds " + entry);
            }
        }
        // The consumer's jar in place of target/classes; the runtime and test-support's Driver as built.
        List<Path> rest = ProviderBuild.fromMavenBuild().classPath();
        String runtime = rest.subList(1, rest.size()).stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        Path libs = temp.resolve("libs");
        Path input = Files.writeString(temp.resolve("commands"), "enabled?\nfire\nnop?\nexit\n");
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");

        long start = System.nanoTime();
        Process jvm = new ProcessBuilder(QEMU, ARM64_JAVA.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dusdt4j.dir=" + libs, "-cp", jar + File.pathSeparator + runtime, ProbeFiringApp.class.getName())
                .redirectInput(input.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(jvm.waitFor(10, TimeUnit.MINUTES), "the emulated JVM did not exit");
        System.out.printf("emulated aarch64 run: %.1f s%n", (System.nanoTime() - start) / 1e9);

        List<String> out = Files.readAllLines(stdout);
        String err = Files.readString(stderr);
        assertEquals(0, jvm.exitValue(), "exit code; stdout " + out + ", stderr:\n" + err);
        assertFalse(err.contains("usdt4j"), "no usdt4j warning:\n" + err);
        assertTrue(out.size() == 6 && out.get(0).startsWith("ready ") && out.get(1).equals("reason="), out.toString());
        Path loaded = Path.of(out.get(0).substring(out.get(0).lastIndexOf(' ') + 1));
        assertEquals(libs, loaded.getParent(), "Usdt.libraryPath is the extracted library: " + out.get(0));
        assertTrue(loaded.getFileName().toString().startsWith("libusdt4j-" + ProviderBuild.PROVIDER + "-"), loaded.toString());
        assertArrayEquals(Files.readAllBytes(aarch64), Files.readAllBytes(loaded), loaded + " is the jar's linux-aarch64 library");
        if (Files.isRegularFile(x8664)) {
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(x8664), Files.readAllBytes(loaded)), "not the x86-64 one");
        }
        assertEquals(List.of("enabled=false any=false", "fired", "nop=1"), out.subList(3, 6),
                "untraced, every probe fired, on the one-byte sites aarch64 has");
    }

    /** A consumer's jar: this module's classes, with both libraries and the generated provider class. */
    private static Path consumerJar(Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(ProviderBuild.CLASSES)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(ProviderBuild.CLASSES.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
