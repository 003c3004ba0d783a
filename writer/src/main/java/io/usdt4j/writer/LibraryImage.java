// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.NativeContract;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.description.TracerType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One library being written. The file, in order:
 *
 * <pre>
 * read-only segment    ELF header, program headers, .note.gnu.build-id, .hash, .dynsym, .dynstr,
 *                      .rela.dyn, .rodata (semaphore offsets, the class, native names and
 *                      descriptors)
 * executable segment   .text: JNI_OnLoad, semaphores$, bindProbes$, then each probe's fire
 *                      function, a run of them per kind of site; .stapsdt.base
 * writable segment     .data.rel.ro (the JNINativeMethod tables) and .dynamic, read-only once
 *                      relocated (RELRO, padded to the end of the platform's largest page, as
 *                      binutils pads it, so that every kernel's loader can protect it); then
 *                      .probes, the semaphores, an unsigned 16-bit word per probe
 * not loaded           .note.stapsdt, .usdt4j, .symtab, .strtab, .shstrtab, section headers
 * </pre>
 *
 * Each segment is loaded on pages of its own (its address is congruent to its offset modulo the
 * platform's largest page) without padding in the file, but for RELRO's. The one writable segment
 * is the only writable mapping of the file's page that holds the semaphores, which is where the
 * kernel counts tracers for a semaphore that a tracer names by its file offset, even when the
 * tracer attaches before the library is loaded.
 */
final class LibraryImage {
    private static final int BUILD_ID = 1;
    private static final int HASH = 2;
    private static final int DYNSYM = 3;
    private static final int DYNSTR = 4;
    private static final int RELA_DYN = 5;
    private static final int RODATA = 6;
    private static final int TEXT = 7;
    private static final int STAPSDT_BASE = 8;
    private static final int DATA_REL_RO = 9;
    private static final int DYNAMIC = 10;
    private static final int PROBES = 11;
    private static final int NOTE_STAPSDT = 12;
    private static final int DESCRIPTION = 13;
    private static final int SYMTAB = 14;
    private static final int STRTAB = 15;
    private static final int SHSTRTAB = 16;
    private static final String[] SECTION_NAMES = {"", ".note.gnu.build-id", ".hash", ".dynsym", ".dynstr",
        ".rela.dyn", ".rodata", ".text", ".stapsdt.base", ".data.rel.ro", ".dynamic", ".probes", ".note.stapsdt",
        ResourceLayout.DESCRIPTION_SECTION, ".symtab", ".strtab", ".shstrtab"};
    private static final int SECTIONS = SECTION_NAMES.length;

    private static final int PROGRAM_HEADERS = 7;

    /** The one symbol a JVM looks up. */
    static final String ON_LOAD = "JNI_OnLoad";

    /** An unsigned short per probe, as the kernel counts tracers in it. */
    static final int SEMAPHORE_BYTES = 2;
    private static final int SEMAPHORE_ALIGNMENT = 8;
    private static final int NOTE_ALIGNMENT = 4;
    static final String STAPSDT_NOTE_NAME = "stapsdt";
    static final int NT_STAPSDT = 3;
    private static final int DYNAMIC_ENTRIES = 12;

    private final ProviderLibrary library;
    private final Platform platform;
    private final MachineCode machine;
    private final ByteOrder order;
    private final long page;
    private final List<Platform.ProbeSite> sites;
    private final List<ProviderLibrary.Probe> probes;

    private final long[] offset = new long[SECTIONS];
    private final long[] address = new long[SECTIONS];
    private final long[] size = new long[SECTIONS];

    /** {@code .rodata}, and where in it each string is. */
    private final ByteSink rodata;
    private final Map<String, Integer> strings = new HashMap<>();
    private int classNameAt;
    /** Where the name and descriptor of each native JNI_OnLoad registers are in {@code .rodata}. */
    private final int[] registeredNameAt;
    private final int[] registeredDescriptorAt;
    /** Where the name and descriptor of each probe's native are in {@code .rodata}. */
    private final int[] probeNameAt;
    private final int[] probeDescriptorAt;
    /** Each site kind's instruction. */
    private final byte[][] siteInstructions;

    LibraryImage(ProviderLibrary library, Platform platform) {
        this.library = library;
        this.platform = platform;
        this.machine = MachineCode.of(platform);
        this.order = platform.elf().byteOrder();
        this.page = platform.elf().maxPageSize();
        this.sites = platform.sites();
        this.probes = library.probes();
        this.rodata = new ByteSink(order, 64 + 48 * probes.size());
        this.registeredNameAt = new int[NativeContract.REGISTERED_ON_LOAD.size()];
        this.registeredDescriptorAt = new int[registeredNameAt.length];
        this.probeNameAt = new int[probes.size()];
        this.probeDescriptorAt = new int[probes.size()];
        this.siteInstructions = new byte[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            siteInstructions[s] = sites.get(s).bytes();
        }
    }

    byte[] write() {
        writeReadOnlyData();
        int tableEntries = NativeContract.REGISTERED_ON_LOAD.size() + sites.size() * probes.size();
        byte[] dynamicStrings = ("\0" + ON_LOAD + "\0").getBytes(StandardCharsets.US_ASCII);
        int[] hash = sysvHash(List.of(ON_LOAD));

        // The read-only segment, from the start of the file.
        long at = Elf.HEADER_BYTES + (long) PROGRAM_HEADERS * Elf.PROGRAM_HEADER_BYTES;
        at = place(BUILD_ID, at, NOTE_ALIGNMENT, noteBytes(Elf.GNU_NOTE_NAME, Elf.BUILD_ID_BYTES));
        at = place(HASH, at, 8, (long) hash.length * Elf.HASH_WORD_BYTES);
        at = place(DYNSYM, at, 8, 2L * Elf.SYMBOL_BYTES);
        at = place(DYNSTR, at, 1, dynamicStrings.length);
        at = place(RELA_DYN, at, 8, 3L * tableEntries * Elf.RELA_BYTES);
        at = place(RODATA, at, 8, rodata.size());
        long readEnd = at;

        // The executable segment: its size is known from a first writing at a provisional address.
        int textSize = writeText(0).size();
        at = Layout.alignUp(at, machine.functionAlignment());
        placeAt(TEXT, at, Layout.nextSegmentAddress(readEnd, at, page), textSize);
        // With the text, not the read-only data: perf takes a note's file offset to be its address
        // moved as .stapsdt.base's is, which holds only where both are in one segment.
        at = place(STAPSDT_BASE, at + textSize, 1, 1);

        // The writable segment: the RELRO part, to the end of its page, then the semaphores.
        at = Layout.alignUp(at, 8);
        placeAt(DATA_REL_RO, at, Layout.nextSegmentAddress(address[STAPSDT_BASE] + 1, at, page),
                (long) tableEntries * Jni.NATIVE_METHOD_BYTES);
        at = place(DYNAMIC, at + size[DATA_REL_RO], 8, (long) DYNAMIC_ENTRIES * Elf.DYNAMIC_BYTES);
        at = place(PROBES, at, (int) page, (long) SEMAPHORE_BYTES * probes.size());

        Text text = writeText(address[TEXT]);
        if (text.size() != textSize) {
            throw new IllegalStateException("the text is " + text.size() + " bytes at its address, " + textSize + " before");
        }
        List<Text.Function> functions = text.functions();

        // What is not loaded.
        ByteSink notes = stapsdtNotes(functions);
        at = placeUnloaded(NOTE_STAPSDT, at, NOTE_ALIGNMENT, notes.size());
        byte[] description = library.descriptionBytes();
        at = placeUnloaded(DESCRIPTION, at, 1, description.length);
        ByteSink symbolNames = new ByteSink(order, 64 * probes.size());
        symbolNames.u8(0);
        int[] firstGlobal = new int[1];
        ByteSink symbols = symbolTable(text, symbolNames, firstGlobal);
        at = placeUnloaded(SYMTAB, at, 8, symbols.size());
        at = placeUnloaded(STRTAB, at, 1, symbolNames.size());
        ByteSink sectionNames = new ByteSink(order, 256);
        sectionNames.u8(0);
        int[] sectionNameAt = new int[SECTIONS];
        for (int i = 1; i < SECTIONS; i++) {
            sectionNameAt[i] = name(sectionNames, SECTION_NAMES[i]);
        }
        at = placeUnloaded(SHSTRTAB, at, 1, sectionNames.size());
        long sectionHeaders = Layout.alignUp(at, 8);
        long fileSize = sectionHeaders + (long) SECTIONS * Elf.SECTION_HEADER_BYTES;
        if (fileSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(library.provider() + "'s library would be " + fileSize + " bytes");
        }

        ByteSink file = new ByteSink(order, (int) fileSize);
        header(file, sectionHeaders);
        programHeaders(file);
        fill(file, BUILD_ID);
        note(file, Elf.GNU_NOTE_NAME, Elf.NT_GNU_BUILD_ID, new byte[Elf.BUILD_ID_BYTES]); // its digest comes last
        fill(file, HASH);
        for (int word : hash) {
            file.u32(word & 0xffffffffL);
        }
        fill(file, DYNSYM);
        file.zeros(Elf.SYMBOL_BYTES);
        Text.Function onLoad = functions.get(0);
        symbol(file, 1, Elf.symbolInfo(Elf.STB_GLOBAL, Elf.STT_FUNC), Elf.STV_DEFAULT, TEXT,
                address[TEXT] + onLoad.offset(), onLoad.size());
        fill(file, DYNSTR);
        file.bytes(dynamicStrings);
        fill(file, RELA_DYN);
        ByteSink tables = nativeTables(functions, file);
        fill(file, RODATA);
        file.bytes(rodata.toByteArray());
        fill(file, TEXT);
        file.bytes(text.code().toByteArray());
        fill(file, STAPSDT_BASE);
        file.u8(0);
        fill(file, DATA_REL_RO);
        file.bytes(tables.toByteArray());
        fill(file, DYNAMIC);
        dynamic(file, dynamicStrings.length, tableEntries);
        fill(file, PROBES);
        file.zeros((int) size[PROBES]);
        fill(file, NOTE_STAPSDT);
        file.bytes(notes.toByteArray());
        fill(file, DESCRIPTION);
        file.bytes(description);
        fill(file, SYMTAB);
        file.bytes(symbols.toByteArray());
        fill(file, STRTAB);
        file.bytes(symbolNames.toByteArray());
        fill(file, SHSTRTAB);
        file.bytes(sectionNames.toByteArray());
        file.align(8);
        sectionHeaders(file, sectionNameAt, dynamicStrings.length, firstGlobal[0]);
        byte[] bytes = file.toByteArray();
        writeBuildId(bytes);
        return bytes;
    }

    // ---- Layout ----

    /** Places section {@code index} of {@code bytes} at the first {@code alignment} from {@code at}, loaded where it lies. */
    private long place(int index, long at, int alignment, long bytes) {
        long start = Layout.alignUp(at, alignment);
        long loadedAt = index <= RODATA ? start : start - offset[index - 1] + address[index - 1];
        placeAt(index, start, loadedAt, bytes);
        return start + bytes;
    }

    private long placeUnloaded(int index, long at, int alignment, long bytes) {
        long start = Layout.alignUp(at, alignment);
        placeAt(index, start, 0, bytes);
        return start + bytes;
    }

    private void placeAt(int index, long fileOffset, long loadAddress, long bytes) {
        offset[index] = fileOffset;
        address[index] = loadAddress;
        size[index] = bytes;
    }

    /** Pads {@code file} up to where section {@code index} starts. */
    private void fill(ByteSink file, int index) {
        if (file.size() > offset[index]) {
            throw new IllegalStateException(SECTION_NAMES[index] + " at " + offset[index] + " is overwritten");
        }
        file.zeros((int) (offset[index] - file.size()));
    }

    // ---- Read-only data ----

    /** The semaphores' offsets (a {@code jint} each, for {@code semaphores$}), then every string once. */
    private void writeReadOnlyData() {
        for (int i = 0; i < probes.size(); i++) {
            rodata.u32((long) i * SEMAPHORE_BYTES);
        }
        classNameAt = string(library.classJniName());
        for (int i = 0; i < registeredNameAt.length; i++) {
            registeredNameAt[i] = string(NativeContract.REGISTERED_ON_LOAD.get(i).name());
            registeredDescriptorAt[i] = string(NativeContract.REGISTERED_ON_LOAD.get(i).descriptor());
        }
        for (int p = 0; p < probes.size(); p++) {
            probeNameAt[p] = string(probes.get(p).nativeName());
            probeDescriptorAt[p] = string(probes.get(p).nativeDescriptor());
        }
    }

    /** Where {@code value} is in {@code .rodata}, as JNI's modified UTF-8, NUL-terminated; written once. */
    private int string(String value) {
        Integer known = strings.get(value);
        if (known != null) {
            return known;
        }
        int at = rodata.size();
        rodata.bytes(modifiedUtf8(value)).u8(0);
        strings.put(value, at);
        return at;
    }

    /** JNI's encoding of names: UTF-8, but U+0000 and supplementary characters as JVM class files write them. */
    static byte[] modifiedUtf8(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length() + 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String of ASCII names never fails: only a UTFDataFormatException for > 64 KiB
        }
        byte[] withLength = bytes.toByteArray();
        return java.util.Arrays.copyOfRange(withLength, 2, withLength.length);
    }

    // ---- Text ----

    /** The text as loaded at {@code textAddress}: the functions JNI_OnLoad registers, in its order, then the probes'. */
    private Text writeText(long textAddress) {
        int alignment = machine.functionAlignment();
        byte fill = machine.fill();
        Text text = new Text(textAddress, ByteOrder.LITTLE_ENDIAN, 64 * probes.size() * sites.size() + 512);
        text.begin(ON_LOAD, true, alignment, fill);
        machine.onLoad(text, address[RODATA] + classNameAt, address[DATA_REL_RO],
                NativeContract.REGISTERED_ON_LOAD.size());
        text.end();
        for (NativeContract.NativeMethod method : NativeContract.REGISTERED_ON_LOAD) {
            text.begin(method.function(), false, alignment, fill);
            // By identity: a record's equals bootstraps method handles on its first call, which the
            // first library a JVM writes would pay.
            if (method == NativeContract.SEMAPHORES) {
                machine.semaphores(text, probes.size(), address[RODATA], address[PROBES],
                        SEMAPHORE_BYTES * probes.size());
            } else if (method == NativeContract.BIND_PROBES) {
                machine.bindProbes(text, siteTables(), probes.size());
            } else if (method == NativeContract.ADDRESS) {
                machine.address(text);
            } else {
                throw new IllegalStateException("the writer has no function for native " + method);
            }
            text.end();
        }
        for (int s = 0; s < sites.size(); s++) {
            for (ProviderLibrary.Probe probe : probes) {
                text.begin(fireFunction(probe, sites.get(s)), false, alignment, fill);
                machine.fire(text, siteInstructions[s]);
                text.end();
            }
        }
        return text;
    }

    /** The fire function of probe {@code probe} on the sites of kind {@code site}, as {@link #writeText} orders them. */
    private Text.Function fire(List<Text.Function> functions, int site, int probe) {
        return functions.get(1 + NativeContract.REGISTERED_ON_LOAD.size() + site * probes.size() + probe);
    }

    /** {@code usdt4j_fire_order_placed_nop5}, as the C template names it. */
    private static String fireFunction(ProviderLibrary.Probe probe, Platform.ProbeSite site) {
        return "usdt4j_fire_" + probe.name() + "_nop" + site.kind().number();
    }

    /** Each kind of site's table of probe natives, after the table JNI_OnLoad registers. */
    private List<MachineCode.SiteTable> siteTables() {
        List<MachineCode.SiteTable> tables = new ArrayList<>(sites.size());
        long table = address[DATA_REL_RO] + (long) NativeContract.REGISTERED_ON_LOAD.size() * Jni.NATIVE_METHOD_BYTES;
        for (Platform.ProbeSite site : sites) {
            tables.add(new MachineCode.SiteTable(site.kind().number(), table));
            table += (long) probes.size() * Jni.NATIVE_METHOD_BYTES;
        }
        return tables;
    }

    // ---- Data ----

    /**
     * The {@code JNINativeMethod} tables (what JNI_OnLoad registers, then one per kind of site), and
     * into {@code relocations} a RELATIVE relocation for each of their pointers.
     */
    private ByteSink nativeTables(List<Text.Function> functions, ByteSink relocations) {
        ByteSink tables = new ByteSink(order, (int) size[DATA_REL_RO]);
        int relative = platform.elf().relativeRelocation();
        long entry = address[DATA_REL_RO];
        for (int i = 0; i < registeredNameAt.length; i++) {
            entry = nativeMethod(tables, relocations, relative, entry, registeredNameAt[i], registeredDescriptorAt[i],
                    functions.get(1 + i));
        }
        for (int s = 0; s < sites.size(); s++) {
            for (int p = 0; p < probes.size(); p++) {
                entry = nativeMethod(tables, relocations, relative, entry, probeNameAt[p], probeDescriptorAt[p],
                        fire(functions, s, p));
            }
        }
        return tables;
    }

    private long nativeMethod(ByteSink tables, ByteSink relocations, int relative, long entry, int nameAt,
            int descriptorAt, Text.Function function) {
        long[] pointers = {address[RODATA] + nameAt, address[RODATA] + descriptorAt, address[TEXT] + function.offset()};
        for (int i = 0; i < pointers.length; i++) {
            tables.u64(pointers[i]); // what the relocation adds the load address to (RELA ignores it)
            relocations.u64(entry + (long) i * 8).u64(relative).u64(pointers[i]);
        }
        return entry + Jni.NATIVE_METHOD_BYTES;
    }

    private void dynamic(ByteSink file, int dynamicStringBytes, int tableEntries) {
        long[][] entries = {
            {Elf.DT_HASH, address[HASH]},
            {Elf.DT_STRTAB, address[DYNSTR]},
            {Elf.DT_SYMTAB, address[DYNSYM]},
            {Elf.DT_STRSZ, dynamicStringBytes},
            {Elf.DT_SYMENT, Elf.SYMBOL_BYTES},
            {Elf.DT_RELA, address[RELA_DYN]},
            {Elf.DT_RELASZ, size[RELA_DYN]},
            {Elf.DT_RELAENT, Elf.RELA_BYTES},
            {Elf.DT_RELACOUNT, 3L * tableEntries},
            {Elf.DT_FLAGS, Elf.DF_BIND_NOW},
            {Elf.DT_FLAGS_1, Elf.DF_1_NOW},
            {Elf.DT_NULL, 0},
        };
        if (entries.length != DYNAMIC_ENTRIES) {
            throw new IllegalStateException(entries.length + " dynamic entries");
        }
        for (long[] entry : entries) {
            file.u64(entry[0]).u64(entry[1]);
        }
    }

    /**
     * The System V hash table of the dynamic symbols (index 0 the null symbol, then {@code names}):
     * {@code nbucket}, {@code nchain}, the buckets, the chains.
     */
    private static int[] sysvHash(List<String> names) {
        int buckets = names.size();
        int symbols = names.size() + 1;
        int[] table = new int[2 + buckets + symbols];
        table[0] = buckets;
        table[1] = symbols;
        for (int symbol = 1; symbol < symbols; symbol++) {
            int bucket = (int) (Elf.hash(names.get(symbol - 1).getBytes(StandardCharsets.US_ASCII)) % buckets);
            table[2 + buckets + symbol] = table[2 + bucket];
            table[2 + bucket] = symbol;
        }
        return table;
    }

    // ---- Notes ----

    /** A {@code stapsdt} note per probe and site, by site kind, then probe. */
    private ByteSink stapsdtNotes(List<Text.Function> functions) {
        ByteSink notes = new ByteSink(order, 96 * probes.size() * sites.size());
        byte[] provider = library.provider().getBytes(StandardCharsets.US_ASCII);
        byte[] owner = STAPSDT_NOTE_NAME.getBytes(StandardCharsets.US_ASCII);
        byte[][] names = new byte[probes.size()][];
        byte[][] arguments = new byte[probes.size()][];
        for (int p = 0; p < probes.size(); p++) {
            names[p] = probes.get(p).name().getBytes(StandardCharsets.US_ASCII);
            arguments[p] = noteArguments(probes.get(p)).getBytes(StandardCharsets.US_ASCII);
        }
        for (int s = 0; s < sites.size(); s++) {
            for (int p = 0; p < probes.size(); p++) {
                int descriptorBytes = 3 * 8 + provider.length + 1 + names[p].length + 1 + arguments[p].length + 1;
                notes.u32(owner.length + 1).u32(descriptorBytes).u32(NT_STAPSDT);
                notes.bytes(owner).u8(0).align(NOTE_ALIGNMENT);
                notes.u64(address[TEXT] + fire(functions, s, p).offset());
                notes.u64(address[STAPSDT_BASE]);
                notes.u64(address[PROBES] + (long) p * SEMAPHORE_BYTES);
                notes.bytes(provider).u8(0).bytes(names[p]).u8(0).bytes(arguments[p]).u8(0).align(NOTE_ALIGNMENT);
            }
        }
        return notes;
    }

    /** {@code -8@%rdx 1@%cl}: where each argument is when the fire function is entered, of its type's size and sign. */
    private String noteArguments(ProviderLibrary.Probe probe) {
        StringBuilder text = new StringBuilder();
        List<TracerType> arguments = probe.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            TracerType type = arguments.get(i);
            if (i > 0) {
                text.append(' ');
            }
            text.append(platform.noteArgument(Platform.JniConvention.JNI_ARGUMENTS + i, type.bytes(), type.signed()));
        }
        return text.toString();
    }

    private static long noteBytes(String name, int descriptorBytes) {
        return 12 + Layout.alignUp(name.length() + 1, NOTE_ALIGNMENT) + Layout.alignUp(descriptorBytes, NOTE_ALIGNMENT);
    }

    private static void note(ByteSink file, String name, int type, byte[] descriptor) {
        file.u32(name.length() + 1).u32(descriptor.length).u32(type);
        file.bytes(name.getBytes(StandardCharsets.US_ASCII)).u8(0).align(NOTE_ALIGNMENT);
        file.bytes(descriptor).align(NOTE_ALIGNMENT);
    }

    // ---- Symbols ----

    /** {@code .symtab}: the null symbol, every function but JNI_OnLoad and every semaphore (local), then JNI_OnLoad. */
    private ByteSink symbolTable(Text text, ByteSink names, int[] firstGlobal) {
        ByteSink symbols = new ByteSink(order, Elf.SYMBOL_BYTES * (2 + text.functions().size() + probes.size()));
        symbols.zeros(Elf.SYMBOL_BYTES);
        for (Text.Function function : text.functions()) {
            if (!function.exported()) {
                symbol(symbols, name(names, function.name()), Elf.symbolInfo(Elf.STB_LOCAL, Elf.STT_FUNC),
                        Elf.STV_DEFAULT, TEXT, address[TEXT] + function.offset(), function.size());
            }
        }
        for (int i = 0; i < probes.size(); i++) {
            String semaphore = library.provider() + "_" + probes.get(i).name() + "_semaphore"; // as sys/sdt.h names it
            symbol(symbols, name(names, semaphore), Elf.symbolInfo(Elf.STB_LOCAL, Elf.STT_OBJECT), Elf.STV_HIDDEN,
                    PROBES, address[PROBES] + (long) i * SEMAPHORE_BYTES, SEMAPHORE_BYTES);
        }
        firstGlobal[0] = symbols.size() / Elf.SYMBOL_BYTES;
        for (Text.Function function : text.functions()) {
            if (function.exported()) {
                symbol(symbols, name(names, function.name()), Elf.symbolInfo(Elf.STB_GLOBAL, Elf.STT_FUNC),
                        Elf.STV_DEFAULT, TEXT, address[TEXT] + function.offset(), function.size());
            }
        }
        return symbols;
    }

    private static int name(ByteSink names, String name) {
        int at = names.size();
        names.bytes(name.getBytes(StandardCharsets.US_ASCII)).u8(0);
        return at;
    }

    private static void symbol(ByteSink out, int name, int info, int visibility, int section, long value, long bytes) {
        out.u32(name).u8(info).u8(visibility).u16(section).u64(value).u64(bytes);
    }

    // ---- Headers ----

    private void header(ByteSink file, long sectionHeaders) {
        file.u8(0x7f).u8('E').u8('L').u8('F');
        file.u8(Elf.ELFCLASS64).u8(order == ByteOrder.BIG_ENDIAN ? Elf.ELFDATA2MSB : Elf.ELFDATA2LSB);
        file.u8(Elf.EV_CURRENT).u8(Elf.ELFOSABI_NONE).zeros(8);
        file.u16(Elf.ET_DYN).u16(platform.elf().machine()).u32(Elf.EV_CURRENT);
        file.u64(0); // no entry point
        file.u64(Elf.HEADER_BYTES).u64(sectionHeaders);
        file.u32(platform.elf().flags());
        file.u16(Elf.HEADER_BYTES).u16(Elf.PROGRAM_HEADER_BYTES).u16(PROGRAM_HEADERS);
        file.u16(Elf.SECTION_HEADER_BYTES).u16(SECTIONS).u16(SHSTRTAB);
    }

    private void programHeaders(ByteSink file) {
        long readEnd = offset[RODATA] + size[RODATA];
        long executableBytes = offset[STAPSDT_BASE] + size[STAPSDT_BASE] - offset[TEXT];
        long writableBytes = offset[PROBES] + size[PROBES] - offset[DATA_REL_RO];
        long relroBytes = offset[PROBES] - offset[DATA_REL_RO];
        programHeader(file, Elf.PT_LOAD, Elf.PF_R, 0, 0, readEnd, readEnd, page);
        programHeader(file, Elf.PT_LOAD, Elf.PF_R | Elf.PF_X, offset[TEXT], address[TEXT], executableBytes,
                executableBytes, page);
        programHeader(file, Elf.PT_LOAD, Elf.PF_R | Elf.PF_W, offset[DATA_REL_RO], address[DATA_REL_RO], writableBytes,
                writableBytes, page);
        programHeader(file, Elf.PT_DYNAMIC, Elf.PF_R | Elf.PF_W, offset[DYNAMIC], address[DYNAMIC], size[DYNAMIC],
                size[DYNAMIC], 8);
        programHeader(file, Elf.PT_NOTE, Elf.PF_R, offset[BUILD_ID], address[BUILD_ID], size[BUILD_ID], size[BUILD_ID],
                NOTE_ALIGNMENT);
        programHeader(file, Elf.PT_GNU_STACK, Elf.PF_R | Elf.PF_W, 0, 0, 0, 0, 16);
        programHeader(file, Elf.PT_GNU_RELRO, Elf.PF_R, offset[DATA_REL_RO], address[DATA_REL_RO], relroBytes,
                relroBytes, 1);
    }

    private static void programHeader(ByteSink file, int type, int flags, long fileOffset, long loadAddress,
            long fileBytes, long memoryBytes, long alignment) {
        file.u32(type).u32(flags).u64(fileOffset).u64(loadAddress).u64(loadAddress).u64(fileBytes).u64(memoryBytes)
                .u64(alignment);
    }

    private void sectionHeaders(ByteSink file, int[] nameAt, int dynamicStringBytes, int firstGlobal) {
        file.zeros(Elf.SECTION_HEADER_BYTES);
        int alloc = Elf.SHF_ALLOC;
        int writable = Elf.SHF_ALLOC | Elf.SHF_WRITE;
        sectionHeader(file, nameAt, BUILD_ID, Elf.SHT_NOTE, alloc, 0, 0, NOTE_ALIGNMENT, 0);
        sectionHeader(file, nameAt, HASH, Elf.SHT_HASH, alloc, DYNSYM, 0, 8, Elf.HASH_WORD_BYTES);
        sectionHeader(file, nameAt, DYNSYM, Elf.SHT_DYNSYM, alloc, DYNSTR, 1, 8, Elf.SYMBOL_BYTES);
        sectionHeader(file, nameAt, DYNSTR, Elf.SHT_STRTAB, alloc, 0, 0, 1, 0);
        sectionHeader(file, nameAt, RELA_DYN, Elf.SHT_RELA, alloc, DYNSYM, 0, 8, Elf.RELA_BYTES);
        sectionHeader(file, nameAt, RODATA, Elf.SHT_PROGBITS, alloc, 0, 0, 8, 0);
        sectionHeader(file, nameAt, TEXT, Elf.SHT_PROGBITS, alloc | Elf.SHF_EXECINSTR, 0, 0,
                machine.functionAlignment(), 0);
        sectionHeader(file, nameAt, STAPSDT_BASE, Elf.SHT_PROGBITS, alloc, 0, 0, 1, 0);
        sectionHeader(file, nameAt, DATA_REL_RO, Elf.SHT_PROGBITS, writable, 0, 0, 8, 0);
        sectionHeader(file, nameAt, DYNAMIC, Elf.SHT_DYNAMIC, writable, DYNSTR, 0, 8, Elf.DYNAMIC_BYTES);
        sectionHeader(file, nameAt, PROBES, Elf.SHT_PROGBITS, writable, 0, 0, SEMAPHORE_ALIGNMENT, 0);
        sectionHeader(file, nameAt, NOTE_STAPSDT, Elf.SHT_NOTE, 0, 0, 0, NOTE_ALIGNMENT, 0);
        sectionHeader(file, nameAt, DESCRIPTION, Elf.SHT_PROGBITS, 0, 0, 0, 1, 0);
        sectionHeader(file, nameAt, SYMTAB, Elf.SHT_SYMTAB, 0, STRTAB, firstGlobal, 8, Elf.SYMBOL_BYTES);
        sectionHeader(file, nameAt, STRTAB, Elf.SHT_STRTAB, 0, 0, 0, 1, 0);
        sectionHeader(file, nameAt, SHSTRTAB, Elf.SHT_STRTAB, 0, 0, 0, 1, 0);
        if (dynamicStringBytes != size[DYNSTR]) {
            throw new IllegalStateException(".dynstr is " + size[DYNSTR] + " bytes, not " + dynamicStringBytes);
        }
    }

    private void sectionHeader(ByteSink file, int[] nameAt, int index, int type, int flags, int link, int info,
            int alignment, int entryBytes) {
        file.u32(nameAt[index]).u32(type).u64(flags).u64(address[index]).u64(offset[index]).u64(size[index])
                .u32(link).u32(info).u64(alignment).u64(entryBytes);
    }

    /**
     * The build ID, which gdb, perf and debuginfod key a library by: a {@link #fingerprint} of the
     * whole file with the ID's own bytes zero, so that it depends on the content alone.
     */
    private void writeBuildId(byte[] bytes) {
        int at = (int) (offset[BUILD_ID] + 12 + Layout.alignUp(Elf.GNU_NOTE_NAME.length() + 1, NOTE_ALIGNMENT));
        long[] fingerprint = fingerprint(bytes);
        for (int i = 0; i < Elf.BUILD_ID_BYTES; i++) {
            bytes[at + i] = (byte) (fingerprint[i / 8] >>> (8 * (i % 8)));
        }
    }

    /**
     * 128 bits of {@code bytes}: two lanes of multiply, rotate and xor over its 64-bit words, then
     * each lane mixed with the other until every bit of the content moves about half the output
     * bits. Not cryptographic (neither is lld's default build ID, a 64-bit xxHash); not the JDK's
     * SHA-1 either, whose first use in a JVM loads the security providers and spins method handles,
     * many times what writing a library takes.
     */
    static long[] fingerprint(byte[] bytes) {
        long first = 0x243f6a8885a308d3L;
        long second = 0x13198a2e03707344L ^ bytes.length;
        int whole = bytes.length & -8;
        for (int i = 0; i < bytes.length; i += 8) {
            long word;
            if (i < whole) { // plain shifts: a ByteBuffer's getLong costs many times more before the JIT compiles it
                word = (bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16
                        | (bytes[i + 3] & 0xffL) << 24 | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40
                        | (bytes[i + 6] & 0xffL) << 48 | (bytes[i + 7] & 0xffL) << 56;
            } else {
                word = 0;
                for (int j = bytes.length - 1; j >= i; j--) {
                    word = word << 8 | (bytes[j] & 0xff);
                }
            }
            first = Long.rotateLeft((first ^ word) * 0x9e3779b97f4a7c15L, 31);
            second = Long.rotateLeft((second + word) * 0xc2b2ae3d27d4eb4fL, 27) ^ first;
        }
        first = avalanche(first + second);
        second = avalanche(second ^ first);
        return new long[] {first, second};
    }

    /** Every input bit flips each output bit with a probability near one half. */
    private static long avalanche(long value) {
        value ^= value >>> 33;
        value *= 0xff51afd7ed558ccdL;
        value ^= value >>> 33;
        value *= 0xc4ceb9fe1a85ec53L;
        return value ^ value >>> 33;
    }
}
