// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files the processor writes for a provider (the one answer the processor and the plugin share), and library names. */
class ResourceLayoutTest {

    @Test
    void everyProviderHasItsCDescriptionAndScript() {
        assertEquals(List.of("META-INF/usdt4j/src/shop.c", "META-INF/usdt4j/shop.json", "META-INF/usdt4j/shop.bt"),
                ResourceLayout.generatedResources("shop", false));
        assertEquals(ResourceLayout.generatedResources("shop", false), ResourceLayout.generatedResources("shop"));
    }

    @Test
    void jfrAddsItsSettings() {
        assertEquals(List.of("META-INF/usdt4j/src/shop.c", "META-INF/usdt4j/shop.json", "META-INF/usdt4j/shop.bt",
                "META-INF/usdt4j/shop.jfc"), ResourceLayout.generatedResources("shop", true));
        assertEquals(List.of(ResourceLayout.Output.values()), ResourceLayout.Output.of(true));
    }

    @Test
    void eachOutputHasItsOwnPathUnderTheRoot() {
        List<String> paths = ResourceLayout.generatedResources("shop", true);
        assertEquals(paths.size(), new HashSet<>(paths).size());
        for (String path : paths) {
            assertTrue(path.startsWith(ResourceLayout.ROOT), path);
        }
        assertEquals(ResourceLayout.jfrSettings("shop"), ResourceLayout.Output.JFR_SETTINGS.path("shop"));
        assertEquals(ResourceLayout.cSource("shop"), ResourceLayout.Output.C_SOURCE.path("shop"));
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
