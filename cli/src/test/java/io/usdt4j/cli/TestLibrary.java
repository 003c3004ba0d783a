// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.ResourceLayout;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ELF file of a provider library as the reader sees it, written field by field so that a test
 * can put any value anywhere: a header, one loadable segment, a section name table,
 * {@code .stapsdt.base}, the {@code .usdt4j} description (when given) and the {@code .note.stapsdt}
 * notes, then the section headers. {@link #offsets} says where each field lies, for tests that
 * corrupt one.
 */
final class TestLibrary {
    static final long BASE_ADDRESS = 0x2130;
    static final long LOAD_ADDRESS = 0;

    /** Where the fields a test corrupts lie in {@link #bytes}. */
    record Offsets(int sectionTable, int sectionCount, int notes, int notesHeader, int description, int descriptionHeader) {}

    private final Platform platform;
    private final String provider;
    private final List<Map.Entry<String, String>> probes = new ArrayList<>();
    private byte[] description;
    private final List<byte[]> extraNotes = new ArrayList<>();
    private Offsets offsets;

    TestLibrary(String provider) {
        this(Platform.LINUX_X86_64, provider);
    }

    TestLibrary(Platform platform, String provider) {
        this.platform = platform;
        this.provider = provider;
    }

    /** A probe and its note's argument specification: {@code -8@%rdx 1@%cl}. */
    TestLibrary probe(String name, String arguments) {
        probes.add(Map.entry(name, arguments));
        return this;
    }

    TestLibrary description(String json) {
        return description(json.getBytes(StandardCharsets.UTF_8));
    }

    TestLibrary description(byte[] json) {
        this.description = json;
        return this;
    }

    /** A note as written: {@code namesz descsz type name desc}, whatever they say. */
    TestLibrary rawNote(byte[] note) {
        extraNotes.add(note);
        return this;
    }

    Offsets offsets() {
        bytes();
        return offsets;
    }

    byte[] bytes() {
        ByteOrder order = platform.elf().byteOrder();
        byte[] names = "\0.shstrtab\0.stapsdt.base\0.usdt4j\0.note.stapsdt\0".getBytes(StandardCharsets.US_ASCII);
        byte[] notes = notes(order);
        byte[] document = description == null ? new byte[0] : description;

        int namesAt = 64 + 56;
        int baseAt = namesAt + names.length;
        int descriptionAt = baseAt + 1;
        int notesAt = align(descriptionAt + document.length, 4);
        int tableAt = align(notesAt + notes.length, 8);
        int count = description == null ? 4 : 5;
        ByteBuffer out = ByteBuffer.allocate(tableAt + count * 64).order(order);

        out.put(0, new byte[] {0x7f, 'E', 'L', 'F', (byte) platform.elf().elfClass(), (byte) platform.elf().data(), 1});
        out.putShort(0x10, (short) 3); // ET_DYN
        out.putShort(0x12, (short) platform.elf().machine());
        out.putInt(0x14, 1);
        out.putLong(0x20, 64); // e_phoff
        out.putLong(0x28, tableAt); // e_shoff
        out.putShort(0x34, (short) 64);
        out.putShort(0x36, (short) 56);
        out.putShort(0x38, (short) 1);
        out.putShort(0x3A, (short) 64);
        out.putShort(0x3C, (short) count);
        out.putShort(0x3E, (short) 1);

        out.putInt(64, 1); // PT_LOAD at offset 0, address LOAD_ADDRESS
        out.putLong(64 + 8, 0);
        out.putLong(64 + 16, LOAD_ADDRESS);

        out.put(namesAt, names);
        out.put(descriptionAt, document);
        out.put(notesAt, notes);

        section(out, tableAt + 64, 1, 3, 0, namesAt, names.length); // .shstrtab
        section(out, tableAt + 128, 11, 1, BASE_ADDRESS, baseAt, 1); // .stapsdt.base
        section(out, tableAt + 192, 33, 7, 0, notesAt, notes.length); // .note.stapsdt
        if (description != null) {
            section(out, tableAt + 256, 25, 1, 0, descriptionAt, document.length); // .usdt4j
        }
        offsets = new Offsets(tableAt, 0x3C, notesAt, tableAt + 192, descriptionAt, description == null ? -1 : tableAt + 256);
        return out.array();
    }

    private byte[] notes(ByteOrder order) {
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        long pc = 0x1100;
        long semaphore = 0x4000;
        for (Map.Entry<String, String> probe : probes) {
            byte[] strings = (provider + "\0" + probe.getKey() + "\0" + probe.getValue() + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer desc = ByteBuffer.allocate(24 + strings.length).order(order);
            desc.putLong(pc).putLong(BASE_ADDRESS).putLong(semaphore).put(strings);
            notes.writeBytes(note(order, "stapsdt", 3, desc.array()));
            pc += 0x10;
            semaphore += 2;
        }
        extraNotes.forEach(notes::writeBytes);
        return notes.toByteArray();
    }

    /** A well-formed note of {@code owner} and {@code type}. */
    static byte[] note(ByteOrder order, String owner, int type, byte[] desc) {
        byte[] name = (owner + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer note = ByteBuffer.allocate(12 + align(name.length, 4) + align(desc.length, 4)).order(order);
        note.putInt(name.length).putInt(desc.length).putInt(type).put(name);
        note.position(12 + align(name.length, 4));
        note.put(desc);
        return note.array();
    }

    private static void section(ByteBuffer out, int at, int name, int type, long address, long offset, long size) {
        out.putInt(at, name);
        out.putInt(at + 4, type);
        out.putLong(at + 16, address);
        out.putLong(at + 24, offset);
        out.putLong(at + 32, size);
    }

    private static int align(int n, int to) {
        return (n + to - 1) / to * to;
    }

    /**
     * The description of the shop example, as the processor writes it (its golden {@code shop.json}),
     * which agrees with {@link #shop()}'s notes.
     */
    static final String SHOP_JSON = golden("shop.json");

    private static String golden(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("..", "processor", "src", "test", "resources", "golden", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The shop's notes (two sites of order_placed, as on x86-64), without a description. */
    static TestLibrary shopNotes() {
        return new TestLibrary("shop").probe("order_placed", "-8@%r12 8@%rbx -4@%r13d").probe("refund", "-8@%rdi 1@%sil")
                .probe("order_placed", "-8@%r12 8@%rbx -4@%r13d");
    }

    /** The shop: notes and the description that agrees with them. */
    static TestLibrary shop() {
        return shopNotes().description(SHOP_JSON);
    }

    /** {@code libusdt4j-shop-0123456789abcdef.so}: a name the scanner takes for a provider library. */
    static String fileName(String provider) {
        String name = "libusdt4j-" + provider + "-0123456789abcdef.so";
        if (ResourceLayout.providerOfExtractedLibrary(name) == null) {
            throw new AssertionError(name);
        }
        return name;
    }
}
