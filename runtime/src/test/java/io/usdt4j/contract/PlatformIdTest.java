// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformIdTest {

    @ParameterizedTest
    @CsvSource({
        "amd64, x86_64", "x86_64, x86_64", "AMD64, x86_64",
        "aarch64, aarch64", "arm64, aarch64",
        "x86, x86", "i386, x86", "i486, x86", "i586, x86", "i686, x86",
        "ppc64le, ppc64le", "riscv64, riscv64", "s390x, s390x", "loong-arch.64, loongarch64",
    })
    void archNamesAreTheKernels(String javaName, String expected) {
        assertEquals(expected, PlatformId.normalizeArch(javaName));
    }

    @ParameterizedTest
    @CsvSource({
        "Linux, linux", "Mac OS X, darwin", "Darwin, darwin", "Windows 11, windows", "Windows Server 2022, windows",
        "FreeBSD, freebsd", "SunOS, sunos", "AIX, aix",
    })
    void osNamesAreShortAndLowerCase(String javaName, String expected) {
        assertEquals(expected, PlatformId.normalizeOs(javaName));
    }

    @Test
    void libraryResourceIsWhereThePluginPutsIt() {
        assertEquals("linux-x86_64", PlatformId.LINUX_X86_64.id());
        assertEquals("META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so",
                ResourceLayout.library(PlatformId.LINUX_X86_64, "shop"));
        assertEquals("META-INF/usdt4j/native/linux-aarch64/libusdt4j-shop.so",
                ResourceLayout.library(PlatformId.parse("linux-aarch64"), "shop"));
        assertEquals("libusdt4j-shop.so", ResourceLayout.libraryFileName("shop"));
    }

    @Test
    void hostIsThisJvmsPlatform() {
        assertEquals(new PlatformId(PlatformId.normalizeOs(System.getProperty("os.name")),
                PlatformId.normalizeArch(System.getProperty("os.arch"))), PlatformId.host());
    }

    @Test
    void parseIsTheInverseOfId() {
        for (PlatformId platform : new PlatformId[] {PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64,
                new PlatformId("darwin", "aarch64"), new PlatformId("linux", "riscv64")}) {
            assertEquals(platform, PlatformId.parse(platform.id()));
        }
        assertTrue(PlatformId.parse("linux-riscv64").isLinux());
        assertFalse(PlatformId.parse("darwin-aarch64").isLinux());
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "-x86_64", "linux-", "-", "Linux-x86_64", "linux-x86_64-v2", "linux-x86 64", ""})
    void malformedIdIsRejectedWithAnExample(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlatformId.parse(value));

        assertTrue(e.getMessage().contains("linux-x86_64"), e.getMessage());
    }

    @Test
    void extractedLibraryNamesGoBothWays() {
        String hash = "0123456789abcdef";
        assertEquals("libusdt4j-shop-0123456789abcdef.so", ResourceLayout.extractedLibraryFileName("shop", hash, 0));
        assertEquals("libusdt4j-my_shop-0123456789abcdef.2.so", ResourceLayout.extractedLibraryFileName("my_shop", hash, 2));
        assertEquals("shop", ResourceLayout.providerOfExtractedLibrary("libusdt4j-shop-0123456789abcdef.so"));
        assertEquals("my_shop", ResourceLayout.providerOfExtractedLibrary("libusdt4j-my_shop-0123456789abcdef.2.so"));
        for (String other : new String[] {"libusdt4j-shop.so", "libc.so.6", "libusdt4j-shop-0123.so",
                "libusdt4j-shop-0123456789abcdef.x.so", "libusdt4j--0123456789abcdef.so"}) {
            assertEquals(null, ResourceLayout.providerOfExtractedLibrary(other), other);
        }
    }

    /** The processor's -Ausdt4j.platforms and the plugin's <platforms>: one grammar. */
    @Test
    void targetsComeInOrderOnceEachFromEntriesOrACommaList() {
        java.util.List<Platform> both = java.util.List.of(Platform.LINUX_X86_64, Platform.LINUX_AARCH64);
        assertEquals(both, PlatformId.parseTargets(java.util.List.of("linux-x86_64", "linux-aarch64")));
        assertEquals(both, PlatformId.parseTargets(java.util.List.of("linux-x86_64, linux-aarch64,")));
        assertEquals(both, PlatformId.parseTargets(java.util.List.of("linux-x86_64", "linux-aarch64", "linux-x86_64")));
        assertEquals(java.util.List.of(Platform.values()), PlatformId.parseTargets(java.util.List.of(PlatformId.ALL)));
        assertEquals(Platform.LINUX_AARCH64, PlatformId.parseTargets(java.util.List.of("linux-aarch64,all")).get(0));
        assertEquals(java.util.List.of(), PlatformId.parseTargets(java.util.List.of(" , ")));
    }

    @Test
    void aTargetOtherThanLinuxMisspeltOrOffTheTableIsRefused() {
        IllegalArgumentException darwin = assertThrows(IllegalArgumentException.class,
                () -> PlatformId.parseTargets(java.util.List.of("darwin-aarch64")));
        assertTrue(darwin.getMessage().contains("darwin-aarch64 is not Linux"), darwin.getMessage());
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> PlatformId.parseTargets(java.util.List.of("aarch64")));
        assertTrue(misspelt.getMessage().contains("like linux-x86_64 or linux-aarch64, not 'aarch64'"), misspelt.getMessage());
        for (String id : java.util.List.of("linux-riscv64", "linux-s390x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PlatformId.parseTargets(java.util.List.of("linux-x86_64," + id)));
            assertEquals("usdt4j supports " + Platform.describeAll() + ", not " + id, e.getMessage());
        }
    }
}
