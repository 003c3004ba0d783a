// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files the processor writes for a provider (the one answer the processor and the plugin share), and library names. */
class ResourceLayoutTest {

    private static final List<PlatformId> BOTH = List.of(PlatformId.LINUX_X86_64, PlatformId.LINUX_AARCH64);

    @Test
    void everyProviderHasItsCDescriptionScriptAndALibraryWithItsDigestPerPlatform() {
        assertEquals(List.of("META-INF/usdt4j/src/shop.c", "META-INF/usdt4j/shop.json", "META-INF/usdt4j/shop.bt",
                        "META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so",
                        "META-INF/usdt4j/native/linux-aarch64/libusdt4j-shop.so",
                        "META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so.sha256",
                        "META-INF/usdt4j/native/linux-aarch64/libusdt4j-shop.so.sha256"),
                ResourceLayout.generatedResources("shop", false, BOTH));
        assertEquals(List.of("META-INF/usdt4j/src/shop.c", "META-INF/usdt4j/shop.json", "META-INF/usdt4j/shop.bt"),
                ResourceLayout.generatedResources("shop", false, List.of()), "no platform, no library");
    }

    @Test
    void jfrAddsItsSettings() {
        assertEquals(List.of("META-INF/usdt4j/src/shop.c", "META-INF/usdt4j/shop.json", "META-INF/usdt4j/shop.bt",
                "META-INF/usdt4j/shop.jfc", "META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so",
                "META-INF/usdt4j/native/linux-x86_64/libusdt4j-shop.so.sha256"),
                ResourceLayout.generatedResources("shop", true, List.of(PlatformId.LINUX_X86_64)));
        assertEquals(List.of(ResourceLayout.Output.values()), ResourceLayout.Output.of(true));
    }

    @Test
    void eachOutputHasItsOwnPathUnderTheRoot() {
        List<String> paths = ResourceLayout.generatedResources("shop", true, BOTH);
        assertEquals(paths.size(), new HashSet<>(paths).size());
        for (String path : paths) {
            assertTrue(path.startsWith(ResourceLayout.ROOT), path);
        }
        assertEquals(ResourceLayout.jfrSettings("shop"), ResourceLayout.Output.JFR_SETTINGS.path("shop", null));
        assertEquals(ResourceLayout.cSource("shop"), ResourceLayout.Output.C_SOURCE.path("shop", PlatformId.LINUX_X86_64));
        assertEquals(ResourceLayout.nativeFiles(PlatformId.LINUX_AARCH64, "shop"),
                List.of(ResourceLayout.library(PlatformId.LINUX_AARCH64, "shop"),
                        ResourceLayout.libraryDigest(PlatformId.LINUX_AARCH64, "shop")));
        assertThrows(IllegalArgumentException.class, () -> ResourceLayout.Output.LIBRARY.path("shop", null));
    }

    /** What sha256sum prints of the library, without its file name. */
    @Test
    void aDigestFileIsTheLibrarysSha256InHexAndANewline() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
                ResourceLayout.digestFile("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(ResourceLayout.DIGEST_HEX_DIGITS + 1, ResourceLayout.digestFile(new byte[0]).length());
    }

    /** A file name read from another process's maps names a provider only if that is a valid name. */
    @Test
    void anExtractedLibraryNamesAValidProviderOrNone() {
        assertEquals("my_shop", ResourceLayout.providerOfExtractedLibrary("libusdt4j-my_shop-0123456789abcdef.so"));
        for (String other : List.of("libusdt4j-sh op-0123456789abcdef.so", "libusdt4j-a-b-0123456789abcdef.so",
                "libusdt4j-NULL-0123456789abcdef.so", "libusdt4j-1st-0123456789abcdef.so",
                "libusdt4j-" + "p".repeat(UsdtNames.MAX_LENGTH + 1) + "-0123456789abcdef.so")) {
            assertEquals(null, ResourceLayout.providerOfExtractedLibrary(other), other);
        }
    }
}
