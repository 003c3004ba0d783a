// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.description.TracerType;
import io.usdt4j.writer.ProviderLibrary.Probe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a library can be written from, and the natives' signatures it binds. */
class ProviderLibraryTest {
    private static final byte[] DESCRIPTION = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void fireNativesTakeEachTypesPrimitiveAndAStringsAddress() {
        assertEquals("(BSIJ)V", FireNative.descriptor(List.of(TracerType.INT8, TracerType.INT16, TracerType.INT32,
                TracerType.INT64)));
        assertEquals("(ZBCIJJ)V", FireNative.descriptor(List.of(TracerType.BOOL, TracerType.UINT8, TracerType.UINT16,
                TracerType.UINT32, TracerType.UINT64, TracerType.STRING)));
        assertEquals("()V", FireNative.descriptor(List.of()));
        for (TracerType type : TracerType.values()) {
            Class<?> parameter = FireNative.parameterType(type);
            assertTrue(parameter.isPrimitive(), type + " crosses JNI as a primitive");
            assertEquals(type.bytes(), bytesOf(parameter), "a " + type + " is passed in a primitive of its size");
        }
        assertEquals("fire$order_placed", TestProviders.SHOP.probes().get(0).nativeName());
        assertEquals("(JJI)V", TestProviders.SHOP.probes().get(0).nativeDescriptor());
    }

    private static int bytesOf(Class<?> primitive) {
        return primitive == boolean.class || primitive == byte.class ? 1 : primitive == short.class || primitive == char.class ? 2
                : primitive == int.class ? 4 : 8;
    }

    @Test
    void aProbeHasAtMostTwelveArguments() {
        assertEquals(12, new Probe("twelve", java.util.Collections.nCopies(12, TracerType.INT64)).arguments().size());
        assertThrows(IllegalArgumentException.class, () -> new Probe("thirteen", java.util.Collections.nCopies(13, TracerType.INT64)));
    }

    @Test
    void aClassIsNamedAsJniFindsIt() {
        assertEquals("com/example/shop/ShopProbesUsdt", TestProviders.SHOP.classJniName());
        assertEquals("Outer$Inner", ProviderLibrary.of("p", "Outer$Inner", probes("a"), DESCRIPTION).classJniName());
        for (String bad : List.of("", "/com/A", "com/A/", "com//A", "com/A;", "[I", "com/A B", "com/A\u0000")) {
            assertThrows(IllegalArgumentException.class, () -> new ProviderLibrary("p", bad, probes("a"), DESCRIPTION),
                    "'" + bad + "'");
        }
    }

    @Test
    void namesAreIdentifiers() {
        for (String bad : List.of("", "1st", "has space", "dash-ed", "dot.ted", "\u00e9t\u00e9", "x".repeat(65), "__x", "_X",
                "NULL", "JNI_OnLoad", "USDT_x", "STAP_x", "SDT_x")) {
            assertThrows(IllegalArgumentException.class, () -> ProviderLibrary.of(bad, "A", probes("a"), DESCRIPTION),
                    "provider '" + bad + "'");
            assertThrows(IllegalArgumentException.class, () -> new Probe(bad, List.of()), "probe '" + bad + "'");
        }
    }

    @Test
    void aLibraryHasOneToSixtyFiveThousandUniquelyNamedProbes() {
        assertThrows(IllegalArgumentException.class, () -> ProviderLibrary.of("p", "A", List.of(), DESCRIPTION));
        assertThrows(IllegalArgumentException.class, () -> ProviderLibrary.of("p", "A", probes("a", "b", "a"), DESCRIPTION));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= io.usdt4j.contract.Limits.MAX_PROBES; i++) {
            many.add("p" + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ProviderLibrary.of("p", "A", probes(many.toArray(String[]::new)), DESCRIPTION));
    }

    @Test
    void theModelKeepsItsOwnCopies() {
        byte[] description = DESCRIPTION.clone();
        List<Probe> probes = new ArrayList<>(probes("a"));
        ProviderLibrary library = ProviderLibrary.of("p", "A", probes, description);
        description[0] = 'X';
        probes.add(new Probe("b", List.of()));
        library.description()[1] = 'Y';
        assertArrayEquals(DESCRIPTION, library.description());
        assertEquals(1, library.probes().size());
        assertEquals(library, ProviderLibrary.of("p", "A", probes("a"), DESCRIPTION));
        assertEquals(library.hashCode(), ProviderLibrary.of("p", "A", probes("a"), DESCRIPTION).hashCode());
        assertThrows(UnsupportedOperationException.class, () -> library.probes().add(null));
        assertThrows(UnsupportedOperationException.class,
                () -> library.probes().get(0).arguments().addAll(Collections.nCopies(1, TracerType.BOOL)));
    }

    @Test
    void aDescriptionOfThisFormatGivesItsProvidersLibrary() throws Exception {
        byte[] description = TestProviders.description("shop", "com.example.shop.ShopProbesUsdt", TestProviders.SHOP.probes());
        ProviderLibrary library = ProviderLibrary.ofDescription(description);
        assertEquals("shop", library.provider());
        assertEquals("com/example/shop/ShopProbesUsdt", library.classJniName());
        assertEquals(TestProviders.SHOP.probes(), library.probes());
        assertArrayEquals(description, library.description(), "the description goes into .usdt4j as is");

        String text = new String(description, java.nio.charset.StandardCharsets.UTF_8);
        byte[] formatTwo = text.replace("\"format\": 3", "\"format\": 2").replace("\"bool\"", "\"uint8\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        IllegalArgumentException older = assertThrows(IllegalArgumentException.class, () -> ProviderLibrary.ofDescription(formatTwo));
        assertTrue(older.getMessage().contains("not of format 2: compile the provider again"), older.getMessage());
        assertThrows(io.usdt4j.description.MalformedDescriptionException.class,
                () -> ProviderLibrary.ofDescription("{\"format\": 3}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The bytes depend on the provider alone: not on what the JVM says of its host. */
    @Test
    void theBytesDoNotDependOnTheHost() {
        byte[] x86 = LibraryWriter.write(TestProviders.SHOP, Platform.LINUX_X86_64);
        byte[] aarch64 = LibraryWriter.write(TestProviders.SHOP, Platform.LINUX_AARCH64);
        String osName = System.getProperty("os.name");
        String osArch = System.getProperty("os.arch");
        try {
            System.setProperty("os.name", "Mac OS X");
            System.setProperty("os.arch", "aarch64");
            assertArrayEquals(x86, LibraryWriter.write(TestProviders.SHOP, Platform.LINUX_X86_64));
            assertArrayEquals(aarch64, LibraryWriter.write(TestProviders.SHOP, Platform.LINUX_AARCH64));
        } finally {
            System.setProperty("os.name", osName);
            System.setProperty("os.arch", osArch);
        }
    }

    private static List<Probe> probes(String... names) {
        List<Probe> probes = new ArrayList<>();
        for (String name : names) {
            probes.add(new Probe(name, List.of(TracerType.INT32)));
        }
        return probes;
    }
}
