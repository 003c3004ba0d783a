// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.contract.Platform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little of a provider library's ELF file that usdt4j needs: its sections, the USDT notes in
 * {@code .note.stapsdt}, and where the first loadable segment lies. It reads a file anyone may have
 * written: every offset, size and count is checked against the file before it is used, every
 * read is bounded ({@link #MAX_FILE_BYTES}, {@link #MAX_SECTION_BYTES}), every loop ends, and the
 * file must be an ELF file of a {@link Platform} usdt4j supports, which gives its class and byte
 * order. Anything else is a {@link MalformedLibraryException}, never another exception.
 */
final class Elf {
    /** The largest library file it reads from: a provider library is tens of KiB. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** The largest section (or table of headers) it reads whole: its names, its notes. */
    static final int MAX_SECTION_BYTES = 4 << 20;

    static final String NOTES = ".note.stapsdt";
    static final String BASE = ".stapsdt.base";

    private static final int EI_CLASS = 4;
    private static final int EI_DATA = 5;
    private static final int HEADER_SIZE = 64;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;
    private static final int SHN_XINDEX = 0xffff;
    private static final int SHT_NOBITS = 8;
    private static final int PT_LOAD = 1;
    private static final int NT_STAPSDT = 3;
    private static final byte[] STAPSDT = "stapsdt\0".getBytes(StandardCharsets.US_ASCII);
    /** A stapsdt note's descriptor: three addresses, then provider, name and arguments, each NUL-terminated. */
    private static final int NOTE_ADDRESSES = 24;

    /** Bytes of a file, read at an offset: a mapped library ({@link LibraryFile}), or bytes in memory. */
    interface Source {
        long size();

        /** Fills {@code into} with the bytes at {@code offset}, which with its length lies within {@link #size()}. */
        void read(long offset, byte[] into) throws IOException;

        static Source of(byte[] bytes) {
            return new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void read(long offset, byte[] into) {
                    System.arraycopy(bytes, Math.toIntExact(offset), into, 0, into.length);
                }
            };
        }
    }

    /** A section header and its name (decoded byte for byte: it is only compared with names usdt4j knows). */
    record Section(String name, int type, long address, long offset, long size) {}

    /**
     * A USDT probe's note: its link-time addresses, as the library records them, and its strings
     * as they are (UTF-8, a malformed byte replaced), unchecked: {@link NotedProvider} checks them.
     */
    record Note(String provider, String name, long pc, long semaphore, String arguments) {}

    private final Source source;
    private final Platform platform;
    private final ByteOrder order;
    private final List<Section> sections;
    private final long firstLoadAddress;

    private Elf(Source source, Platform platform, List<Section> sections, long firstLoadAddress) {
        this.source = source;
        this.platform = platform;
        this.order = platform.elf().byteOrder();
        this.sections = sections;
        this.firstLoadAddress = firstLoadAddress;
    }

    /** The ELF file {@code source} holds, its header and section and program header tables checked. */
    static Elf read(Source source) throws MalformedLibraryException {
        long size = source.size();
        if (size > MAX_FILE_BYTES) {
            throw new MalformedLibraryException("it is " + size + " bytes long, more than the " + MAX_FILE_BYTES
                    + " a provider library may be");
        }
        if (size < HEADER_SIZE) {
            throw new MalformedLibraryException("it is " + size + " bytes long, too short for an ELF header");
        }
        byte[] ident = bytes(source, 0, HEADER_SIZE, "the ELF header");
        if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            throw new MalformedLibraryException("it is not an ELF file");
        }
        Platform platform = platform(ident);
        ByteBuffer header = ByteBuffer.wrap(ident).order(platform.elf().byteOrder());
        List<Section> sections = sections(source, header);
        long firstLoad = firstLoadAddress(source, header);
        return new Elf(source, platform, List.copyOf(sections), firstLoad);
    }

    /** The platform whose ELF class, byte order and machine the header states. */
    private static Platform platform(byte[] ident) throws MalformedLibraryException {
        int elfClass = ident[EI_CLASS];
        int data = ident[EI_DATA];
        ByteOrder order = data == Platform.Elf.ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN
                : data == Platform.Elf.ELFDATA2MSB ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) {
            throw new MalformedLibraryException("its ELF header names no byte order (EI_DATA " + data + ")");
        }
        int machine = Short.toUnsignedInt(ByteBuffer.wrap(ident).order(order).getShort(0x12));
        for (Platform platform : Platform.values()) {
            Platform.Elf elf = platform.elf();
            if (elf.machine() == machine && elf.byteOrder().equals(order) && elf.elfClass() == elfClass) {
                return platform;
            }
        }
        throw new MalformedLibraryException("it is an ELF file of machine " + machine + ", class " + elfClass + ", "
                + (order == ByteOrder.LITTLE_ENDIAN ? "little" : "big") + "-endian: usdt4j supports "
                + Platform.describeAll() + " only");
    }

    private static List<Section> sections(Source source, ByteBuffer header) throws MalformedLibraryException {
        long tableOffset = header.getLong(0x28);
        int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
        int count = Short.toUnsignedInt(header.getShort(0x3C));
        int namesIndex = Short.toUnsignedInt(header.getShort(0x3E));
        List<Section> sections = new ArrayList<>();
        if (count == 0) {
            return sections; // no section table (or extended numbering, which no provider library needs): no notes
        }
        if (entrySize != SECTION_HEADER_SIZE) {
            throw new MalformedLibraryException("its section headers are " + entrySize + " bytes, not " + SECTION_HEADER_SIZE);
        }
        if (namesIndex == SHN_XINDEX || namesIndex >= count) {
            throw new MalformedLibraryException("its section name table is section " + namesIndex + " of " + count);
        }
        ByteBuffer table = ByteBuffer.wrap(bytes(source, tableOffset, (long) count * SECTION_HEADER_SIZE, "its section headers"))
                .order(header.order());
        int namesAt = namesIndex * SECTION_HEADER_SIZE;
        byte[] names = table.getInt(namesAt + 4) == SHT_NOBITS ? new byte[0]
                : bytes(source, table.getLong(namesAt + 24), table.getLong(namesAt + 32), "its section name table");
        for (int i = 0; i < count; i++) {
            int at = i * SECTION_HEADER_SIZE;
            long nameOffset = Integer.toUnsignedLong(table.getInt(at));
            sections.add(new Section(name(names, nameOffset), table.getInt(at + 4), table.getLong(at + 16),
                    table.getLong(at + 24), table.getLong(at + 32)));
        }
        return sections;
    }

    /** The NUL-terminated name at {@code offset} of the name table, or empty when it does not lie within it. */
    private static String name(byte[] names, long offset) {
        if (offset >= names.length) {
            return "";
        }
        int end = (int) offset;
        while (end < names.length && names[end] != 0) {
            end++;
        }
        return end == names.length ? "" : new String(names, (int) offset, end - (int) offset, StandardCharsets.ISO_8859_1);
    }

    private static long firstLoadAddress(Source source, ByteBuffer header) throws MalformedLibraryException {
        long tableOffset = header.getLong(0x20);
        int entrySize = Short.toUnsignedInt(header.getShort(0x36));
        int count = Short.toUnsignedInt(header.getShort(0x38));
        if (count == 0) {
            return 0;
        }
        if (entrySize != PROGRAM_HEADER_SIZE) {
            throw new MalformedLibraryException("its program headers are " + entrySize + " bytes, not " + PROGRAM_HEADER_SIZE);
        }
        ByteBuffer table = ByteBuffer.wrap(bytes(source, tableOffset, (long) count * PROGRAM_HEADER_SIZE, "its program headers"))
                .order(header.order());
        for (int i = 0; i < count; i++) {
            int at = i * PROGRAM_HEADER_SIZE;
            if (table.getInt(at) == PT_LOAD) {
                return table.getLong(at + 16) - table.getLong(at + 8); // p_vaddr - p_offset
            }
        }
        return 0;
    }

    /** {@code length} bytes at {@code offset}, which must lie within the file and within {@link #MAX_SECTION_BYTES}. */
    private static byte[] bytes(Source source, long offset, long length, String what) throws MalformedLibraryException {
        if (length < 0 || length > MAX_SECTION_BYTES) {
            throw new MalformedLibraryException(what + " would be " + Long.toUnsignedString(length) + " bytes, more than the "
                    + MAX_SECTION_BYTES + " usdt4j reads");
        }
        if (offset < 0 || offset > source.size() - length) {
            throw new MalformedLibraryException(what + " would lie at " + Long.toUnsignedString(offset) + ".."
                    + Long.toUnsignedString(offset + length) + ", outside its " + source.size() + " bytes");
        }
        byte[] data = new byte[(int) length];
        try {
            source.read(offset, data);
        } catch (IOException e) {
            throw new MalformedLibraryException("reading " + what + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
        return data;
    }

    /** The platform its header names. */
    Platform platform() {
        return platform;
    }

    List<Section> sections() {
        return sections;
    }

    /** The section named {@code name}; a file with two of one name that usdt4j reads is refused. */
    Optional<Section> section(String name) throws MalformedLibraryException {
        Section found = null;
        for (Section section : sections) {
            if (section.name().equals(name)) {
                if (found != null) {
                    throw new MalformedLibraryException("it has two sections " + name);
                }
                found = section;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The bytes of a section that has content in the file, at most {@code maxBytes} of them.
     *
     * @throws MalformedLibraryException if it does not lie within the file, or is longer
     */
    Optional<byte[]> content(String name, int maxBytes) throws MalformedLibraryException {
        Optional<Section> section = section(name);
        if (section.isEmpty() || section.get().type() == SHT_NOBITS) {
            return Optional.empty();
        }
        long size = section.get().size();
        if (size < 0 || size > maxBytes) {
            throw new MalformedLibraryException("its section " + name + " is " + Long.toUnsignedString(size)
                    + " bytes, more than the " + maxBytes + " usdt4j reads");
        }
        return Optional.of(bytes(source, section.get().offset(), size, "its section " + name));
    }

    /** The address the file's start is linked at: a mapping of offset 0 at {@code start} has load bias {@code start - this}. */
    long firstLoadAddress() {
        return firstLoadAddress;
    }

    /**
     * The USDT notes, with their semaphore addresses corrected for a library moved since it was
     * linked (the note's base against the {@code .stapsdt.base} section's address). Notes of other
     * owners or types are passed over; a note whose lengths run past its section, or a stapsdt note
     * whose descriptor is not three addresses and three NUL-terminated strings, is malformed.
     */
    List<Note> notes() throws MalformedLibraryException {
        List<Note> notes = new ArrayList<>();
        Optional<byte[]> content = content(NOTES, MAX_SECTION_BYTES);
        if (content.isEmpty()) {
            return notes;
        }
        long actualBase = section(BASE).map(Section::address).orElse(0L);
        ByteBuffer bytes = ByteBuffer.wrap(content.get()).order(order);
        int end = content.get().length;
        int at = 0;
        while (end - at >= 12) {
            long nameSize = Integer.toUnsignedLong(bytes.getInt(at));
            long descSize = Integer.toUnsignedLong(bytes.getInt(at + 4));
            int type = bytes.getInt(at + 8);
            long nameAt = at + 12L;
            long descAt = nameAt + align4(nameSize);
            long next = descAt + align4(descSize);
            if (descAt > end || next > end) { // lengths are unsigned 32-bit: no sum overflows a long
                throw new MalformedLibraryException("the note at offset " + at + " of " + NOTES + " runs past its " + end + " bytes");
            }
            if (type == NT_STAPSDT && nameSize == STAPSDT.length && startsWith(content.get(), (int) nameAt, STAPSDT)) {
                notes.add(note(bytes, (int) descAt, (int) descSize, actualBase, at));
            }
            at = (int) next;
        }
        return notes;
    }

    private Note note(ByteBuffer bytes, int descAt, int descSize, long actualBase, int noteAt) throws MalformedLibraryException {
        int end = descAt + descSize;
        if (descSize < NOTE_ADDRESSES + 3) {
            throw new MalformedLibraryException("the stapsdt note at offset " + noteAt + " is " + descSize + " bytes, too short");
        }
        long pc = bytes.getLong(descAt);
        long base = bytes.getLong(descAt + 8);
        long semaphore = bytes.getLong(descAt + 16);
        int providerAt = descAt + NOTE_ADDRESSES;
        int nameAt = terminated(bytes, providerAt, end, noteAt) + 1;
        int argumentsAt = terminated(bytes, nameAt, end, noteAt) + 1;
        int argumentsEnd = terminated(bytes, argumentsAt, end, noteAt);
        long shift = actualBase != 0 && base != 0 ? actualBase - base : 0;
        return new Note(utf8(bytes, providerAt, nameAt - 1), utf8(bytes, nameAt, argumentsAt - 1), pc + shift,
                semaphore == 0 ? 0 : semaphore + shift, utf8(bytes, argumentsAt, argumentsEnd));
    }

    /** The position of the NUL that ends the string at {@code from}, before {@code end}. */
    private static int terminated(ByteBuffer bytes, int from, int end, int noteAt) throws MalformedLibraryException {
        for (int i = from; i < end; i++) {
            if (bytes.get(i) == 0) {
                return i;
            }
        }
        throw new MalformedLibraryException("a string of the stapsdt note at offset " + noteAt + " does not end within it");
    }

    private static String utf8(ByteBuffer bytes, int from, int to) {
        byte[] data = new byte[to - from];
        bytes.get(from, data);
        return new String(data, StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at + prefix.length > content.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
