// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

/**
 * The numbers of the ELF64 format the library uses (the System V gABI and the GNU extensions, as
 * {@code elf.h} names them); what differs between machines is in the platform table.
 */
final class Elf {
    static final int HEADER_BYTES = 64;
    static final int PROGRAM_HEADER_BYTES = 56;
    static final int SECTION_HEADER_BYTES = 64;
    static final int SYMBOL_BYTES = 24;
    static final int RELA_BYTES = 24;
    static final int DYNAMIC_BYTES = 16;
    /** A {@code .hash} word: 4 bytes on the platforms here (s390x and Alpha use 8). */
    static final int HASH_WORD_BYTES = 4;

    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int EV_CURRENT = 1;
    static final int ELFOSABI_NONE = 0;
    static final int ET_DYN = 3;

    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_NOTE = 4;
    static final int PT_GNU_STACK = 0x6474e551;
    static final int PT_GNU_RELRO = 0x6474e552;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;

    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_RELA = 4;
    static final int SHT_HASH = 5;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_NOTE = 7;
    static final int SHT_DYNSYM = 11;
    static final int SHF_WRITE = 1;
    static final int SHF_ALLOC = 2;
    static final int SHF_EXECINSTR = 4;

    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STV_DEFAULT = 0;
    static final int STV_HIDDEN = 2;

    static final long DT_NULL = 0;
    static final long DT_HASH = 4;
    static final long DT_STRTAB = 5;
    static final long DT_SYMTAB = 6;
    static final long DT_RELA = 7;
    static final long DT_RELASZ = 8;
    static final long DT_RELAENT = 9;
    static final long DT_STRSZ = 10;
    static final long DT_SYMENT = 11;
    static final long DT_FLAGS = 30;
    static final long DT_RELACOUNT = 0x6ffffff9L;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    /** {@code DT_FLAGS}: resolve every symbol at load (there is none to resolve): with RELRO, "full RELRO". */
    static final long DF_BIND_NOW = 0x8;
    static final long DF_1_NOW = 0x1;

    static final int NT_GNU_BUILD_ID = 3;
    static final String GNU_NOTE_NAME = "GNU";
    static final int BUILD_ID_BYTES = 16;

    private Elf() {}

    /** {@code st_info}. */
    static int symbolInfo(int binding, int type) {
        return binding << 4 | type;
    }

    /** The System V {@code .hash} function of a symbol name. */
    static long hash(byte[] name) {
        long h = 0;
        for (byte b : name) {
            h = (h << 4) + (b & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }
}
