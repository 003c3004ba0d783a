// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little of a 64-bit little-endian ELF file that usdt4j needs: its sections, the USDT notes
 * in {@code .note.stapsdt}, and where the first loadable segment lies.
 */
final class Elf {
    private static final int SHT_NOBITS = 8;
    private static final int PT_LOAD = 1;
    private static final int NT_STAPSDT = 3;
    private static final String STAPSDT = "stapsdt";

    /** A section header and its name. */
    record Section(String name, int type, long flags, long address, long offset, long size) {}

    /** A USDT probe's note: its link-time addresses, as the library records them. */
    record Note(String provider, String name, long pc, long semaphore, String arguments) {}

    private final ByteBuffer bytes;
    private final List<Section> sections = new ArrayList<>();
    private final long firstLoadAddress;

    Elf(byte[] content) {
        bytes = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        if (content.length < 64 || bytes.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (content[4] != 2 || content[5] != 1) {
            throw new IllegalArgumentException("not a 64-bit little-endian ELF file");
        }
        long sectionOffset = bytes.getLong(0x28);
        int sectionSize = Short.toUnsignedInt(bytes.getShort(0x3A));
        int sectionCount = Short.toUnsignedInt(bytes.getShort(0x3C));
        int namesIndex = Short.toUnsignedInt(bytes.getShort(0x3E));
        long namesOffset = bytes.getLong(Math.toIntExact(sectionOffset + (long) namesIndex * sectionSize + 24));
        for (int i = 0; i < sectionCount; i++) {
            int header = Math.toIntExact(sectionOffset + (long) i * sectionSize);
            sections.add(new Section(string(Math.toIntExact(namesOffset + Integer.toUnsignedLong(bytes.getInt(header)))),
                    bytes.getInt(header + 4), bytes.getLong(header + 8), bytes.getLong(header + 16),
                    bytes.getLong(header + 24), bytes.getLong(header + 32)));
        }
        long programOffset = bytes.getLong(0x20);
        int programSize = Short.toUnsignedInt(bytes.getShort(0x36));
        int programCount = Short.toUnsignedInt(bytes.getShort(0x38));
        long first = 0;
        for (int i = 0; i < programCount; i++) {
            int header = Math.toIntExact(programOffset + (long) i * programSize);
            if (bytes.getInt(header) == PT_LOAD) {
                first = bytes.getLong(header + 16) - bytes.getLong(header + 8);
                break;
            }
        }
        firstLoadAddress = first;
    }

    List<Section> sections() {
        return sections;
    }

    Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The bytes of a section that has content in the file. */
    Optional<byte[]> content(String name) {
        return section(name).filter(s -> s.type() != SHT_NOBITS).map(s -> {
            byte[] data = new byte[Math.toIntExact(s.size())];
            bytes.get(Math.toIntExact(s.offset()), data);
            return data;
        });
    }

    /** The address the file's start is linked at: a mapping of offset 0 at {@code start} has load bias {@code start - this}. */
    long firstLoadAddress() {
        return firstLoadAddress;
    }

    /**
     * The USDT notes, with their semaphore addresses corrected for a library moved since it was
     * linked (the note's base against the {@code .stapsdt.base} section's address).
     */
    List<Note> notes() {
        List<Note> notes = new ArrayList<>();
        Optional<Section> notesSection = section(".note.stapsdt");
        if (notesSection.isEmpty()) {
            return notes;
        }
        long actualBase = section(".stapsdt.base").map(Section::address).orElse(0L);
        int at = Math.toIntExact(notesSection.get().offset());
        int end = Math.toIntExact(at + notesSection.get().size());
        while (at + 12 <= end) {
            int nameSize = bytes.getInt(at);
            int descSize = bytes.getInt(at + 4);
            int type = bytes.getInt(at + 8);
            int nameAt = at + 12;
            int descAt = nameAt + align4(nameSize);
            if (type == NT_STAPSDT && nameSize == STAPSDT.length() + 1 && string(nameAt).equals(STAPSDT)) {
                long pc = bytes.getLong(descAt);
                long base = bytes.getLong(descAt + 8);
                long semaphore = bytes.getLong(descAt + 16);
                String provider = string(descAt + 24);
                int nameStart = descAt + 24 + utf8Length(descAt + 24) + 1;
                String name = string(nameStart);
                String arguments = string(nameStart + utf8Length(nameStart) + 1);
                long shift = actualBase != 0 && base != 0 ? actualBase - base : 0;
                notes.add(new Note(provider, name, pc + shift, semaphore == 0 ? 0 : semaphore + shift, arguments));
            }
            at = descAt + align4(descSize);
        }
        return notes;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private int utf8Length(int at) {
        int end = at;
        while (bytes.get(end) != 0) {
            end++;
        }
        return end - at;
    }

    private String string(int at) {
        byte[] data = new byte[utf8Length(at)];
        bytes.get(at, data);
        return new String(data, StandardCharsets.UTF_8);
    }
}
