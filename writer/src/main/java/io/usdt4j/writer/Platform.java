package io.usdt4j.writer;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

/**
 * PROVISIONAL: the subset of the platform table ({@code io.usdt4j.contract.Platform}, being
 * written on another branch) that the writer reads, with the same names, so that switching to it
 * is an import. Delete this file when that table is on main; {@link Elf#relativeRelocation()} is
 * the one fact that table lacks, to be added there.
 */
public enum Platform {
    LINUX_X86_64("x86_64-linux-gnu", new Elf(62 /* EM_X86_64 */, ByteOrder.LITTLE_ENDIAN, 0, 0x1000, 8 /* R_X86_64_RELATIVE */),
            List.of(new ProbeSite(SiteKind.NOP, "90"), new ProbeSite(SiteKind.NOP5, "0f1f440000")), "c3",
            new JniConvention(OperandSyntax.ATT, List.of(
                    new Register("dil", "di", "edi", "rdi"), new Register("sil", "si", "esi", "rsi"),
                    new Register("dl", "dx", "edx", "rdx"), new Register("cl", "cx", "ecx", "rcx"),
                    new Register("r8b", "r8w", "r8d", "r8"), new Register("r9b", "r9w", "r9d", "r9")),
                    "rsp", 8, 8)),
    LINUX_AARCH64("aarch64-linux-gnu", new Elf(183 /* EM_AARCH64 */, ByteOrder.LITTLE_ENDIAN, 0, 0x10000, 1027 /* R_AARCH64_RELATIVE */),
            List.of(new ProbeSite(SiteKind.NOP, "1f2003d5")), "c0035fd6",
            new JniConvention(OperandSyntax.ARM, List.of(
                    Register.only("x0"), Register.only("x1"), Register.only("x2"), Register.only("x3"),
                    Register.only("x4"), Register.only("x5"), Register.only("x6"), Register.only("x7")),
                    "sp", 0, 8));

    private final String gnuTriplet;
    private final Elf elf;
    private final List<ProbeSite> sites;
    private final String returnInstruction;
    private final JniConvention jni;

    Platform(String gnuTriplet, Elf elf, List<ProbeSite> sites, String returnInstruction, JniConvention jni) {
        this.gnuTriplet = gnuTriplet;
        this.elf = elf;
        this.sites = sites;
        this.returnInstruction = returnInstruction;
        this.jni = jni;
    }

    /** {@code linux-x86_64}. */
    public String id() {
        return "linux-" + gnuTriplet.substring(0, gnuTriplet.indexOf('-'));
    }

    public String gnuTriplet() {
        return gnuTriplet;
    }

    public String objdump() {
        return gnuTriplet + "-objdump";
    }

    public Elf elf() {
        return elf;
    }

    public List<ProbeSite> sites() {
        return sites;
    }

    public String returnInstruction() {
        return returnInstruction;
    }

    public JniConvention jni() {
        return jni;
    }

    public String noteArgument(int index, int size, boolean signed) {
        return jni.noteArgument(index, size, signed, elf.byteOrder());
    }

    public record Elf(int machine, ByteOrder byteOrder, int flags, long maxPageSize, int relativeRelocation) {}

    public enum SiteKind {
        NOP(1),
        NOP5(5);

        private final int number;

        SiteKind(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    public record ProbeSite(SiteKind kind, String encoding) {
        public byte[] bytes() {
            return HexFormat.of().parseHex(encoding);
        }
    }

    public record Register(String bits8, String bits16, String bits32, String bits64) {
        static Register only(String name) {
            return new Register(name, name, name, name);
        }

        public String name(int size) {
            return switch (size) {
                case 1 -> bits8;
                case 2 -> bits16;
                case 4 -> bits32;
                case 8 -> bits64;
                default -> throw new IllegalArgumentException("an argument is 1, 2, 4 or 8 bytes, not " + size);
            };
        }
    }

    public enum OperandSyntax {
        ATT,
        ARM;

        String register(String name) {
            return switch (this) {
                case ATT -> "%" + name;
                case ARM -> name;
            };
        }

        String memory(String base, int offset) {
            return switch (this) {
                case ATT -> offset + "(%" + base + ")";
                case ARM -> offset == 0 ? "[" + base + "]" : "[" + base + ", " + offset + "]";
            };
        }
    }

    public record JniConvention(OperandSyntax syntax, List<Register> registers, String stackPointer, int firstStackOffset,
                                int slotSize) {
        public static final int JNI_ARGUMENTS = 2;

        public String noteArgument(int index, int size, boolean signed, ByteOrder byteOrder) {
            String operand;
            if (index < registers.size()) {
                operand = syntax.register(registers.get(index).name(size));
            } else {
                int offset = firstStackOffset + (index - registers.size()) * slotSize
                        + (byteOrder == ByteOrder.BIG_ENDIAN ? slotSize - size : 0);
                operand = syntax.memory(stackPointer, offset);
            }
            return (signed ? "-" : "") + size + "@" + operand;
        }
    }
}
