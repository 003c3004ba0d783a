// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.contract.Platform;
import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.ProbeDescription;
import io.usdt4j.description.TracerType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code usdt4j} makes of a library: its notes are the truth, its description names their
 * arguments only where it agrees with them ({@link NotedProvider#disagreement}), and a file or
 * notes that cannot be used are refused in one safe line. The hostile inputs of each kind, one
 * case each.
 */
class LibraryReadingTest {
    private static final ProcessMaps.Mapping MAPPING = new ProcessMaps.Mapping("/tmp/" + TestLibrary.fileName("shop"), false,
            "7f0000000000-7f0000004000", 0x7f0000001000L);

    private static ProcessScanner.Reading read(byte[] file) throws MalformedLibraryException {
        return ProcessScanner.read(Elf.Source.of(file), MAPPING);
    }

    /** {@code provider:probe(type name, ...)}, a line per probe, as {@code list} prints them. */
    private static List<String> probes(ProcessScanner.Library library) {
        return library.probes().stream().map(p -> library.provider() + ":" + p.name() + "(" + p.arguments().stream()
                .map(a -> a.displayType() + " " + a.name()).collect(Collectors.joining(", ")) + ")").toList();
    }

    @Test
    void aDescriptionThatAgreesNamesTheArguments() throws Exception {
        ProcessScanner.Reading reading = read(TestLibrary.shop().bytes());

        assertNull(reading.fromNotesBecause());
        assertTrue(reading.library().described());
        assertEquals(List.of("shop:order_placed(long orderId, String sku, int quantity)", "shop:refund(long orderId, boolean partial)"),
                probes(reading.library()));
        assertEquals(0x7f0000001000L - TestLibrary.LOAD_ADDRESS, reading.library().loadBias());
        assertEquals(3, reading.library().notes().size()); // two sites of order_placed
    }

    @Test
    void withoutADescriptionTheNotesAloneGiveTheProbes() throws Exception {
        ProcessScanner.Reading reading = read(TestLibrary.shopNotes().bytes());

        assertEquals("it carries no .usdt4j description (an older usdt4j built it)", reading.fromNotesBecause());
        assertFalse(reading.library().described());
        assertEquals(List.of("shop:order_placed(int64 arg0, uint64 arg1, int32 arg2)", "shop:refund(int64 arg0, uint8 arg1)"),
                probes(reading.library()));
        assertEquals(List.of(TracerType.INT64, TracerType.UINT64, TracerType.INT32), reading.library().probes().get(0).arguments()
                .stream().map(ArgumentDescription::tracerType).toList());
    }

    /** A description that lies, or that no program may take, each with the notice that says why the notes are used. */
    static Stream<Arguments> disagreeing() {
        List<Arguments> cases = new ArrayList<>();
        java.util.function.BiConsumer<UnaryOperator<String>, String> add = (edit, why) -> cases.add(Arguments.of(
                edit.apply(TestLibrary.SHOP_JSON), why));
        add.accept(json -> json.replace("{\"index\": 1, \"name\": \"partial\", \"javaType\": \"boolean\", \"usdtSize\": 1,"
                        + " \"tracerSees\": \"bool\"}", "{\"index\": 1, \"name\": \"partial\", \"javaType\": \"boolean\", \"usdtSize\": 1,"
                        + " \"tracerSees\": \"bool\"}, {\"index\": 2, \"name\": \"more\", \"javaType\": \"long\", \"usdtSize\": -8,"
                        + " \"tracerSees\": \"int64\"}"),
                "its description gives shop:refund 3 arguments, its notes 2");
        add.accept(json -> json.replace(",\n      {\"index\": 1, \"name\": \"partial\", \"javaType\": \"boolean\", \"usdtSize\": 1,"
                + " \"tracerSees\": \"bool\"}", ""), "its description gives shop:refund 1 arguments, its notes 2");
        add.accept(json -> json.replace("\"javaType\": \"int\", \"usdtSize\": -4, \"tracerSees\": \"int32\"",
                "\"javaType\": \"long\", \"usdtSize\": -8, \"tracerSees\": \"int64\""),
                "its description gives argument 2 of shop:order_placed size -8, its notes -4");
        add.accept(json -> json.replace("\"usdtSize\": 1, \"tracerSees\": \"bool\"", "\"usdtSize\": -1, \"tracerSees\": \"int8\""),
                "its description gives argument 1 of shop:refund size -1, its notes 1");
        add.accept(json -> json.replace("\"refund\"", "\"refunded\""), "its description has a probe its notes do not have");
        add.accept(json -> json.substring(0, json.indexOf(",\n    {\"name\": \"refund\"")) + "\n  ]\n}\n",
                "its notes have 1 probes more than its description");
        add.accept(json -> json.replace("\"provider\": \"shop\"", "\"provider\": \"other\""),
                "its description is of another provider than its notes");
        add.accept(json -> json.replace("\"orderId\", \"javaType\": \"long\"", "\"orderId=%ld\\\\n\\\", arg0); } BEGIN { printf("
                        + "\\\"EVIL\\\\n\\\"); cat(\\\"/etc/hostname\\\"); } usdt:/x:y:z { printf(\\\"\", \"javaType\": \"long\""),
                "its description names what bpftrace cannot take: argument 0 of probe shop:order_placed has a name that is not"
                        + " a Java identifier");
        add.accept(json -> json.replace("\"refund\"", "\"refund\\n\\u001b[31mBEGIN { system(\\\"EVIL\\\") }\""),
                "its description names what bpftrace cannot take: a probe name of provider shop is not a valid probe name");
        add.accept(json -> json.replace("\"provider\": \"shop\"", "\"provider\": \"sh\\u001b]0;EVIL\\u0007op\""),
                "its description is of another provider than its notes");
        add.accept(json -> json.replace("\"javaType\": \"int\"", "\"javaType\": \"int) EVIL(long\""),
                "its description gives argument 2 of shop:order_placed a Java type that is not a qualified Java name");
        add.accept(json -> json.replace("\"provider\": \"shop\"", "\"provider\": \"shop\", \"x\": "
                        + "[".repeat(100) + "]".repeat(100)),
                "its description cannot be read: it is not JSON: arrays and objects nest more than 16 deep");
        add.accept(json -> json.replace("\"shop\"", "\"" + "EVIL".repeat(2_000) + "\""),
                "its description cannot be read: it is not JSON: a string is longer than 4096 characters");
        add.accept(json -> json.replace("\"format\": 3", "\"format\": 9"),
                "its description cannot be read: it has format 9, and this usdt4j reads formats 2 to 3");
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("disagreeing")
    void aDescriptionThatDisagreesIsSetAsideForTheNotes(String description, String why) throws Exception {
        ProcessScanner.Reading reading = read(TestLibrary.shopNotes().description(description).bytes());

        assertTrue(reading.fromNotesBecause().startsWith(why), reading.fromNotesBecause());
        LibraryFuzzTest.assertSafe(reading.fromNotesBecause());
        assertEquals(probes(read(TestLibrary.shopNotes().bytes()).library()), probes(reading.library()));
        assertFalse(reading.library().described());
    }

    @Test
    void aDescriptionOfFiveMegabytesIsNotRead() throws Exception {
        byte[] huge = ("{\"provider\": \"" + "EVIL".repeat(5 << 18) + "\"}").getBytes(StandardCharsets.UTF_8);
        ProcessScanner.Reading reading = read(TestLibrary.shopNotes().description(huge).bytes());
        assertEquals("its description cannot be read: its section .usdt4j is " + huge.length + " bytes, more than the 1048576"
                + " usdt4j reads", reading.fromNotesBecause());
        assertFalse(reading.library().described());
    }

    @Test
    void aDescriptionThatIsNotUtf8IsSetAside() throws Exception {
        byte[] latin1 = TestLibrary.SHOP_JSON.replace("shop.so", "caf\u00e9.so").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("its description cannot be read: it is not UTF-8",
                read(TestLibrary.shopNotes().description(latin1).bytes()).fromNotesBecause());
    }

    /** A file or notes that cannot be used, each with the start of the one line that says why. */
    static Stream<Arguments> refused() {
        TestLibrary.Offsets at = TestLibrary.shop().offsets();
        byte[] shop = TestLibrary.shop().bytes();
        List<Arguments> cases = new ArrayList<>();
        java.util.function.BiConsumer<byte[], String> add = (file, message) -> cases.add(Arguments.of(file, message));
        add.accept(new byte[0], "it is 0 bytes long, too short for an ELF header");
        add.accept(java.util.Arrays.copyOf(shop, 63), "it is 63 bytes long, too short for an ELF header");
        add.accept("#!/bin/sh\nEVIL\n".repeat(10).getBytes(StandardCharsets.US_ASCII), "it is not an ELF file");
        add.accept(java.util.Arrays.copyOf(shop, at.sectionTable() + 100), "its section headers would lie at");
        add.accept(java.util.Arrays.copyOf(shop, at.notes() + 10), "its section headers would lie at");
        add.accept(with(shop, 4, 1, 1), "it is an ELF file of machine 62, class 1, little-endian: usdt4j supports "
                + io.usdt4j.contract.Platform.describeAll() + " only");
        add.accept(with(shop, 0x12, 2, 3), "it is an ELF file of machine 3, class 2, little-endian");
        add.accept(with(shop, 5, 1, 2), "it is an ELF file of machine 15872, class 2, big-endian");
        add.accept(with(shop, 5, 1, 7), "its ELF header names no byte order (EI_DATA 7)");
        add.accept(with(shop, 0x28, 8, -1), "its section headers would lie at 18446744073709551615");
        add.accept(with(shop, 0x28, 8, Long.MAX_VALUE), "its section headers would lie at 9223372036854775807");
        add.accept(with(shop, 0x3A, 2, 40), "its section headers are 40 bytes, not 64");
        add.accept(with(shop, 0x3C, 2, 0xffff), "its section headers would lie at");
        add.accept(with(shop, 0x3E, 2, 0xffff), "its section name table is section 65535 of 5");
        add.accept(with(shop, 0x38, 2, 0xffff), "its program headers would lie at 64..3670024");
        add.accept(with(shop, 0x20, 8, 1L << 40), "its program headers would lie at 1099511627776");
        add.accept(with(shop, at.notesHeader() + 32, 8, 0x7fffffff), "its section .note.stapsdt is 2147483647 bytes, more than the"
                + " 4194304 usdt4j reads");
        add.accept(with(shop, at.notesHeader() + 32, 8, -1), "its section .note.stapsdt is 18446744073709551615 bytes");
        add.accept(with(shop, at.notesHeader() + 24, 8, shop.length - 8), "its section .note.stapsdt would lie at");
        add.accept(with(shop, at.notes(), 4, -12), "the note at offset 0 of .note.stapsdt runs past its");
        add.accept(with(shop, at.notes(), 4, 0x7ffffff0), "the note at offset 0 of .note.stapsdt runs past its");
        add.accept(with(shop, at.notes() + 4, 4, -12), "the note at offset 0 of .note.stapsdt runs past its");
        add.accept(with(shop, at.notes() + 4, 4, 20), "the stapsdt note at offset 0 is 20 bytes, too short");
        add.accept(with(shop, at.notes() + 4, 4, 30), "a string of the stapsdt note at offset 0 does not end within it");
        add.accept(with(shop, at.descriptionHeader(), 4, 33), "it has two sections .note.stapsdt");
        add.accept(new TestLibrary("shop").bytes(), "it has no stapsdt notes");
        add.accept(new TestLibrary("sh\nBEGIN { system(\"EVIL\") }").probe("p", "").bytes(),
                "its notes name a provider that is not a valid provider name");
        add.accept(new TestLibrary("sh\u00ffop").probe("p", "").bytes(), "its notes name a provider that is not a valid provider name");
        add.accept(new TestLibrary("shop").probe("p\u001b[2J", "").bytes(),
                "a note of provider shop names a probe that is not a valid probe name");
        add.accept(new TestLibrary("shop").probe("p" + "x".repeat(64), "").bytes(),
                "a note of provider shop names a probe that is not a valid probe name");
        add.accept(new TestLibrary("shop").probe("p", "").rawNote(TestLibrary.note(ByteOrder.LITTLE_ENDIAN, "stapsdt", 3,
                ByteBuffer.allocate(24 + 9).put(24, "other\0q\0\0".getBytes(StandardCharsets.US_ASCII)).array())).bytes(),
                "its notes name two providers");
        add.accept(new TestLibrary("shop").probe("p", "8@%rdi").probe("p", "-8@%rdi").bytes(),
                "two notes of probe shop:p state different arguments");
        add.accept(new TestLibrary("shop").probe("p", "3@%rdi").bytes(), "a note of probe shop:p states argument 0 without a size");
        add.accept(new TestLibrary("shop").probe("p", "%rdi").bytes(), "a note of probe shop:p states argument 0 without a size");
        add.accept(new TestLibrary("shop").probe("p", "8@%rdi -16@%rsi").bytes(), "a note of probe shop:p states argument 1 without");
        add.accept(new TestLibrary("shop").probe("p", "8@%rdi ".repeat(13)).bytes(),
                "a note of probe shop:p states more than the 12 arguments a probe may have");
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void aFileOrNotesThatCannotBeUsedAreRefusedInOneSafeLine(byte[] file, String message) {
        MalformedLibraryException e = assertThrows(MalformedLibraryException.class, () -> read(file));
        assertTrue(e.getMessage().startsWith(message), "expected " + message + "\n     got " + e.getMessage());
        LibraryFuzzTest.assertSafe(e.getMessage());
    }

    /** The note whose name size is -12 once made the reader loop for ever. */
    @Test
    void aNoteWithANegativeLengthEnds() {
        byte[] file = with(TestLibrary.shop().bytes(), TestLibrary.shop().offsets().notes(), 4, -12);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(MalformedLibraryException.class, () -> read(file)));
    }

    @Test
    void notesOfOtherOwnersAndTypesArePassedOver() throws Exception {
        byte[] file = TestLibrary.shopNotes().rawNote(TestLibrary.note(ByteOrder.LITTLE_ENDIAN, "GNU", 3, new byte[20]))
                .rawNote(TestLibrary.note(ByteOrder.LITTLE_ENDIAN, "stapsdt", 4, new byte[3])).bytes();
        assertEquals(probes(read(TestLibrary.shopNotes().bytes()).library()), probes(read(file).library()));
    }

    /** The platform table gives the reader its machines and byte orders: an aarch64 library reads on any host. */
    @Test
    void everyPlatformOfTheTableReads() throws Exception {
        for (Platform platform : Platform.values()) {
            byte[] file = new TestLibrary(platform, "shop").probe("order_placed", "-8@x0 8@x1 -4@x2").probe("refund", "-8@x0 1@x1")
                    .description(TestLibrary.SHOP_JSON).bytes();
            Elf elf = Elf.read(Elf.Source.of(file));
            assertEquals(platform, elf.platform());
            assertTrue(read(file).library().described(), platform.id());
        }
    }

    @Test
    void aProbeWithoutArgumentsAndEverySizeRead() throws Exception {
        ProcessScanner.Library library = read(new TestLibrary("p").probe("none", "").probe("all",
                "1@%al -1@%al 2@%ax -2@%ax 4@%eax -4@%eax 8@%rax -8@%rax 8@8(%rsp) -4@-4(%rbp)").bytes()).library();
        assertEquals(List.of("p:none()", "p:all(uint8 arg0, int8 arg1, uint16 arg2, int16 arg3, uint32 arg4, int32 arg5,"
                + " uint64 arg6, int64 arg7, uint64 arg8, int32 arg9)"), probes(library));
        ProbeDescription all = library.probes().get(1);
        assertEquals(9, all.arguments().get(9).index());
    }

    /** {@code value}'s low {@code width} bytes, little-endian, at {@code at} of a copy of {@code file}. */
    static byte[] with(byte[] file, int at, int width, long value) {
        byte[] copy = file.clone();
        for (int i = 0; i < width; i++) {
            copy[at + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }
}
