package io.usdt4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

    @ParameterizedTest
    @CsvSource({
        "amd64, x86_64", "x86_64, x86_64", "AMD64, x86_64",
        "aarch64, aarch64", "arm64, aarch64",
        "x86, x86", "i386, x86", "i486, x86", "i586, x86", "i686, x86",
        "ppc64le, ppc64le", "riscv64, riscv64", "s390x, s390x", "loong-arch.64, loongarch64",
    })
    void archNamesAreTheKernels(String javaName, String expected) {
        assertEquals(expected, Platform.normalizeArch(javaName));
    }

    @ParameterizedTest
    @CsvSource({
        "Linux, linux", "Mac OS X, darwin", "Darwin, darwin", "Windows 11, windows", "Windows Server 2022, windows",
        "FreeBSD, freebsd", "SunOS, sunos", "AIX, aix",
    })
    void osNamesAreShortAndLowerCase(String javaName, String expected) {
        assertEquals(expected, Platform.normalizeOs(javaName));
    }

    @Test
    void libraryResourceIsWhereThePluginPutsIt() {
        Platform platform = new Platform("linux", "x86_64");

        assertEquals("linux-x86_64", platform.id());
        assertEquals("META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so", platform.libraryResource("shop"));
        assertEquals("libusdt4j-shop.so", Platform.libraryFileName("shop"));
    }

    @Test
    void withoutOverrideItIsThisJvmsPlatform() {
        try (var unset = SystemProperty.set(Platform.OVERRIDE_PROPERTY, "")) {
            assertEquals(new Platform(Platform.normalizeOs(System.getProperty("os.name")),
                    Platform.normalizeArch(System.getProperty("os.arch"))), Platform.current());
        }
    }

    @Test
    void overrideSimulatesAnotherPlatform() {
        try (var darwin = SystemProperty.set(Platform.OVERRIDE_PROPERTY, "darwin-aarch64")) {
            Platform platform = Platform.current();

            assertEquals(new Platform("darwin", "aarch64"), platform);
            assertFalse(platform.isLinux());
        }
        try (var linux = SystemProperty.set(Platform.OVERRIDE_PROPERTY, "linux-riscv64")) {
            assertEquals(new Platform("linux", "riscv64"), Platform.current());
            assertTrue(Platform.current().isLinux());
        }
    }

    @Test
    void overrideSplitsAtTheFirstDash() {
        try (var override = SystemProperty.set(Platform.OVERRIDE_PROPERTY, "linux-x86_64-v2")) {
            assertEquals(new Platform("linux", "x86_64-v2"), Platform.current());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "-x86_64", "linux-", "-"})
    void malformedOverrideIsRejectedWithAnExample(String value) {
        try (var override = SystemProperty.set(Platform.OVERRIDE_PROPERTY, value)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Platform::current);

            assertEquals("usdt4j.platform must look like linux-x86_64, not '" + value + "'", e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "linux, x86_64, 6.18.44-fc-v669, true",
            "linux, x86_64, 6.18, true",
            "linux, x86_64, 7.0.1-arch1-1, true",
            "linux, x86_64, 6.17.9-300.fc43.x86_64, false",
            "linux, x86_64, 6.1.0-28-amd64, false",
            "linux, x86_64, 5.15.0-91-generic, false",
            "linux, x86_64, not-a-version, false",
            "linux, aarch64, 6.18.0, false",
            "darwin, x86_64, 24.1.0, false"})
    void onlyLinux618OnX8664OptimizesFiveByteNops(String os, String arch, String release, boolean expected) {
        assertEquals(expected, new Platform(os, arch).optimizesNop5(release));
    }

    @Test
    void probeNopPropertyForcesEitherSiteOrRejectsOthers() {
        Platform platform = new Platform("linux", "x86_64");
        try (var one = SystemProperty.set(Platform.PROBE_NOP_PROPERTY, "1")) {
            assertEquals(1, platform.probeNopSize());
        }
        try (var five = SystemProperty.set(Platform.PROBE_NOP_PROPERTY, "5")) {
            assertEquals(5, platform.probeNopSize());
        }
        try (var auto = SystemProperty.set(Platform.PROBE_NOP_PROPERTY, "auto")) {
            assertEquals(platform.optimizesNop5(System.getProperty("os.version")) ? 5 : 1, platform.probeNopSize());
        }
        try (var bad = SystemProperty.set(Platform.PROBE_NOP_PROPERTY, "3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, platform::probeNopSize);
            assertEquals("usdt4j.probeNop must be 1, 5 or auto, not '3'", e.getMessage());
        }
    }
}
