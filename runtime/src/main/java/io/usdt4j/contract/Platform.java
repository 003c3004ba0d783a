// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The platforms usdt4j supports, one entry each, and everything about each one: its name
 * ({@link PlatformId}), the names Java gives its CPU, its ELF header, its Debian architecture and
 * GNU triplet (and so its cross tools' packages), its qemu user-mode emulator and multiarch JDK,
 * the kinds of probe site it has and their machine code, and the calling convention of a JNI
 * native on it, as a USDT note names each argument's location.
 *
 * <p>The build, the runtime, the tests and the scripts all ask this table; adding an architecture
 * is one entry here (and its tests). The file uses no other class of usdt4j, so that scripts can
 * run it without a build: {@code java runtime/src/main/java/io/usdt4j/contract/Platform.java
 * <platform|list|table> [fact...]} (see {@link #main}).
 *
 * <p>Read at a JVM's start-up (the runtime picks its probe sites here): no lambda, stream or
 * regular expression on that path.
 */
public enum Platform {
    /** x86-64: a one-byte {@code nop} and a five-byte nop on each probe; the System V AMD64 ABI. */
    LINUX_X86_64("linux", "x86_64", List.of("amd64", "x86_64"),
            new Elf(62 /* EM_X86_64 */, ByteOrder.LITTLE_ENDIAN, 0, 0x1000, 8 /* R_X86_64_RELATIVE */),
            "amd64", "x86_64-linux-gnu", "qemu-x86_64-static",
            List.of(new ProbeSite(SiteKind.NOP, "90", false, null),
                    // nopl 0(%rax,%rax,1): Linux 6.18+ rewrites it, when traced, into a call to its uprobe
                    // trampoline, which pushes a return address below the stack pointer (the red zone).
                    new ProbeSite(SiteKind.NOP5, "0f1f440000", true, new KernelRelease(6, 18))),
            "c3",
            new JniConvention(OperandSyntax.ATT, List.of(
                    new Register("dil", "di", "edi", "rdi"), new Register("sil", "si", "esi", "rsi"),
                    new Register("dl", "dx", "edx", "rdx"), new Register("cl", "cx", "ecx", "rcx"),
                    new Register("r8b", "r8w", "r8d", "r8"), new Register("r9b", "r9w", "r9d", "r9")),
                    "rsp", 8, 8),
            List.of(Backend.C, Backend.JAVA), true),

    /**
     * AArch64: one {@code nop} per probe; AAPCS64. A note names a register by its 64-bit name
     * whatever the argument's size ({@code -4@x2}): gcc writes it so, and libbpf and bcc (so
     * bpftrace) accept no {@code w} register.
     */
    LINUX_AARCH64("linux", "aarch64", List.of("aarch64", "arm64"),
            new Elf(183 /* EM_AARCH64 */, ByteOrder.LITTLE_ENDIAN, 0, 0x10000, 1027 /* R_AARCH64_RELATIVE */),
            "arm64", "aarch64-linux-gnu", "qemu-aarch64-static",
            List.of(new ProbeSite(SiteKind.NOP, "1f2003d5", false, null)),
            "c0035fd6",
            new JniConvention(OperandSyntax.ARM, List.of(
                    Register.only("x0"), Register.only("x1"), Register.only("x2"), Register.only("x3"),
                    Register.only("x4"), Register.only("x5"), Register.only("x6"), Register.only("x7")),
                    "sp", 0, 8),
            List.of(Backend.C, Backend.JAVA), true),

    /**
     * 64-bit PowerPC, little-endian, the ELFv2 ABI: one {@code nop} ({@code ori 0,0,0}) per probe.
     * A note names a register by its number and a stack slot by its offset from r1 ({@code -4@5},
     * {@code -8@96(1)}), as gcc writes them. The eight argument registers are r3 to r10; a caller
     * that passes more reserves a home for every argument in its parameter save area, from 32 bytes
     * above the stack pointer, so the ninth arrives at 96. Its libraries are written in Java only.
     */
    LINUX_PPC64LE("linux", "ppc64le", List.of("ppc64le"),
            new Elf(21 /* EM_PPC64 */, ByteOrder.LITTLE_ENDIAN, 2 /* EF_PPC64_ABI: ELFv2 */, 0x10000, 22 /* R_PPC64_RELATIVE */),
            "ppc64el", "powerpc64le-linux-gnu", "qemu-ppc64le-static",
            List.of(new ProbeSite(SiteKind.NOP, "00000060", false, null)),
            "2000804e",
            new JniConvention(OperandSyntax.POWER, List.of(
                    Register.only("3"), Register.only("4"), Register.only("5"), Register.only("6"),
                    Register.only("7"), Register.only("8"), Register.only("9"), Register.only("10")),
                    "1", 96, 8),
            List.of(Backend.JAVA), false);

    /** The JDK feature release whose multiarch package the cross-platform tests run ({@link #jdkHome()}). */
    public static final int TEST_JDK = 17;

    private final String os;
    private final String arch;
    private final List<String> javaArchNames;
    private final Elf elf;
    private final String debianArch;
    private final String gnuTriplet;
    private final String qemuUser;
    private final List<ProbeSite> sites;
    private final String returnInstruction;
    private final JniConvention jni;
    private final List<Backend> backends;
    private final boolean byDefault;

    Platform(String os, String arch, List<String> javaArchNames, Elf elf, String debianArch, String gnuTriplet,
            String qemuUser, List<ProbeSite> sites, String returnInstruction, JniConvention jni, List<Backend> backends,
            boolean byDefault) {
        this.os = os;
        this.arch = arch;
        this.javaArchNames = javaArchNames;
        this.elf = elf;
        this.debianArch = debianArch;
        this.gnuTriplet = gnuTriplet;
        this.qemuUser = qemuUser;
        this.sites = sites;
        this.returnInstruction = returnInstruction;
        this.jni = jni;
        this.backends = backends;
        this.byDefault = byDefault;
    }

    // ---- What it is called ----

    /** {@code linux}, as {@link PlatformId#os()} names it. */
    public String os() {
        return os;
    }

    /** {@code x86_64}, {@code aarch64}: the kernel's name ({@code uname -m}), as {@link PlatformId#arch()} names it. */
    public String arch() {
        return arch;
    }

    /** {@code linux-x86_64}: its {@link PlatformId#id()}, the directory of its libraries. */
    public String id() {
        return os + "-" + arch;
    }

    /** The values of Java's {@code os.arch} on this CPU: {@code amd64} and {@code x86_64}, {@code aarch64} and {@code arm64}. */
    public List<String> javaArchNames() {
        return javaArchNames;
    }

    /** {@code amd64}, {@code arm64}: {@code dpkg --print-architecture}. */
    public String debianArch() {
        return debianArch;
    }

    /** {@code aarch64-linux-gnu}: what {@code gcc -dumpmachine} says, and the prefix of Debian's cross tools. */
    public String gnuTriplet() {
        return gnuTriplet;
    }

    // ---- Its ELF files ----

    /** How its ELF files say what they are for. */
    public Elf elf() {
        return elf;
    }

    // ---- Its tools (Debian/Ubuntu) ----

    /** {@code aarch64-linux-gnu-gcc}: the cross compiler that builds for it on another platform. */
    public String crossCompiler() {
        return gnuTriplet + "-gcc";
    }

    /** {@code aarch64-linux-gnu-objdump}: binutils' disassembler for it. */
    public String objdump() {
        return gnuTriplet + "-objdump";
    }

    /** {@code gcc-aarch64-linux-gnu}: the package of {@link #crossCompiler()}. */
    public String crossCompilerPackage() {
        return "gcc-" + debianPackageTriplet();
    }

    /** {@code libc6-dev-arm64-cross}: the C library a cross compiler links against. */
    public String crossLibcPackage() {
        return "libc6-dev-" + debianArch + "-cross";
    }

    /** {@code binutils-aarch64-linux-gnu}: readelf, objdump and the assembler for it. */
    public String binutilsPackage() {
        return "binutils-" + debianPackageTriplet();
    }

    /** Debian spells a triplet with {@code -} in package names: {@code x86-64-linux-gnu}. */
    private String debianPackageTriplet() {
        return gnuTriplet.replace('_', '-');
    }

    /** {@code qemu-aarch64-static}: runs its programs on another CPU (package qemu-user-static). */
    public String qemuUser() {
        return qemuUser;
    }

    /** {@code /usr/lib/jvm/java-17-openjdk-arm64}: where Debian installs its JDK {@value #TEST_JDK}, natively or through multiarch. */
    public String jdkHome() {
        return "/usr/lib/jvm/java-" + TEST_JDK + "-openjdk-" + debianArch;
    }

    /** {@code openjdk-17-jre-headless:arm64}: the package of the JVM under {@link #jdkHome()}. */
    public String jdkPackage() {
        return "openjdk-" + TEST_JDK + "-jre-headless:" + debianArch;
    }

    // ---- Its probe sites and machine code ----

    /** The kinds of probe site each probe has here, the default first, then those preferred where the kernel makes them fast. */
    public List<ProbeSite> sites() {
        return sites;
    }

    /** This platform's site of {@code kind}, or null when it has none. */
    public ProbeSite site(SiteKind kind) {
        for (ProbeSite site : sites) {
            if (site.kind() == kind) {
                return site;
            }
        }
        return null;
    }

    /**
     * The site to fire on under the kernel of {@code kernelRelease} ({@code uname -r}): the last of
     * {@link #sites()} that this kernel makes fast, else the default.
     */
    public ProbeSite preferredSite(String kernelRelease) {
        ProbeSite chosen = sites.get(0);
        for (ProbeSite site : sites) {
            if (site.fastFrom() != null && site.fastFrom().reachedBy(kernelRelease)) {
                chosen = site;
            }
        }
        return chosen;
    }

    /** Whether some site here keeps code from using the red zone below the stack pointer. */
    public boolean needsNoRedZone() {
        for (ProbeSite site : sites) {
            if (site.needsNoRedZone()) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of the return instruction, in memory order, in hex: {@code c3}. */
    public String returnInstruction() {
        return returnInstruction;
    }

    /** Where a JNI native's arguments are when it is entered, and how a USDT note names them. */
    public JniConvention jni() {
        return jni;
    }

    // ---- What builds its libraries ----

    /** What can build its provider libraries: usdt4j-writer everywhere, the C compiler where usdt4j's C supports it. */
    public List<Backend> backends() {
        return backends;
    }

    /** Whether {@code backend} builds its libraries. */
    public boolean isBuiltBy(Backend backend) {
        return backends.contains(backend);
    }

    /**
     * The platforms a build targets when none is configured (the processor's
     * {@code -Ausdt4j.platforms}, the plugin's {@code <platforms>}): linux-x86_64 and linux-aarch64.
     * The others are built when named, or with {@code all}.
     */
    public static List<Platform> defaults() {
        List<Platform> defaults = new ArrayList<>();
        for (Platform platform : values()) {
            if (platform.byDefault) {
                defaults.add(platform);
            }
        }
        return List.copyOf(defaults);
    }

    // ---- Finding one ----

    /** The platform named {@code os}-{@code arch} (as {@link PlatformId} names it), or null when usdt4j does not support it. */
    public static Platform find(String os, String arch) {
        for (Platform platform : values()) {
            if (platform.os.equals(os) && platform.arch.equals(arch)) {
                return platform;
            }
        }
        return null;
    }

    /** The kernel's name of a CPU Java calls {@code osArch} ({@code amd64} is {@code x86_64}), or null when no platform here has it. */
    public static String archOfJavaName(String osArch) {
        String name = osArch.toLowerCase(Locale.ROOT);
        for (Platform platform : values()) {
            if (platform.javaArchNames.contains(name)) {
                return platform.arch;
            }
        }
        return null;
    }

    /**
     * The platform {@code name} names: its id ({@code linux-aarch64}), its arch ({@code aarch64}),
     * a Java name of it ({@code arm64}), its Debian architecture or its GNU triplet.
     *
     * @throws IllegalArgumentException naming the supported platforms, when none matches
     */
    public static Platform parse(String name) {
        for (Platform platform : values()) {
            if (platform.id().equals(name) || platform.arch.equals(name) || platform.javaArchNames.contains(name)
                    || platform.debianArch.equals(name) || platform.gnuTriplet.equals(name)) {
                return platform;
            }
        }
        throw new IllegalArgumentException(unsupported(name));
    }

    /** {@code usdt4j supports linux-x86_64, linux-aarch64 and linux-ppc64le, not linux-riscv64}. */
    public static String unsupported(String name) {
        return "usdt4j supports " + describeAll() + ", not " + name;
    }

    /** {@code linux-x86_64, linux-aarch64 and linux-ppc64le}. */
    public static String describeAll() {
        return describe(List.of(values()));
    }

    /** {@code linux-x86_64 and linux-aarch64}, for {@link #defaults()}. */
    public static String describe(List<Platform> platforms) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < platforms.size(); i++) {
            text.append(i == 0 ? "" : i == platforms.size() - 1 ? " and " : ", ").append(platforms.get(i).id());
        }
        return text.toString();
    }

    // ---- The parts of an entry ----

    /** What builds a provider's library for a platform. */
    public enum Backend {
        /**
         * The platform's C compiler (on another host, its cross compiler) over the generated C
         * source and a USDT header, as usdt4j-maven-plugin runs it: where usdt4j's C template and a
         * Debian cross toolchain support the platform.
         */
        C,
        /** usdt4j-writer, which writes the library in Java for every platform, on any host. */
        JAVA;

        /** {@code c}, {@code java}: as scripts read it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What an ELF header of this platform says: {@code e_machine}, {@code EI_DATA}'s byte order,
     * {@code e_flags}; the largest page size its linker aligns loadable segments to; and the type of
     * its relocation that adds the load address ({@code R_X86_64_RELATIVE}), which a shared object
     * written without a linker (usdt4j-writer) relocates its pointers with. Every platform here is
     * 64-bit ({@link #ELFCLASS64}).
     */
    public record Elf(int machine, ByteOrder byteOrder, int flags, long maxPageSize, int relativeRelocation) {
        /** {@code EI_CLASS} of a 64-bit object. */
        public static final int ELFCLASS64 = 2;
        /** {@code EI_DATA}: two's complement, little-endian. */
        public static final int ELFDATA2LSB = 1;
        /** {@code EI_DATA}: two's complement, big-endian. */
        public static final int ELFDATA2MSB = 2;

        /** {@code EI_CLASS}: always {@link #ELFCLASS64}. */
        public int elfClass() {
            return ELFCLASS64;
        }

        /** {@code EI_DATA}. */
        public int data() {
            return byteOrder == ByteOrder.LITTLE_ENDIAN ? ELFDATA2LSB : ELFDATA2MSB;
        }
    }

    /**
     * A kind of probe site: the number the runtime binds a library's probes by ({@code bindProbes$},
     * {@link NativeContract}) and the C template's {@code USDT4J_NOP_SIZE}.
     */
    public enum SiteKind {
        /** The architecture's own {@code nop}, which every USDT header writes: one byte on x86-64, four on AArch64. */
        NOP(1),
        /** A five-byte nop (x86-64). */
        NOP5(5);

        private final int number;

        SiteKind(int number) {
            this.number = number;
        }

        /** {@code 1} or {@code 5}. */
        public int number() {
            return number;
        }

        /** The kind numbered {@code number}, or null. */
        public static SiteKind of(int number) {
            for (SiteKind kind : values()) {
                if (kind.number == number) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * One kind of probe site on a platform.
     *
     * @param encoding the instruction a tracer replaces, its bytes in memory order in hex
     * @param needsNoRedZone whether the code around the site must not keep data below the stack
     *     pointer (gcc's {@code -mno-red-zone}): the kernel's fast path pushes a return address there
     * @param fastFrom the kernel release from which a traced fire on this site is cheaper than on
     *     the default, so that the runtime binds it; null for the default site
     */
    public record ProbeSite(SiteKind kind, String encoding, boolean needsNoRedZone, KernelRelease fastFrom) {
        /** The instruction's bytes. */
        public byte[] bytes() {
            return HexFormat.of().parseHex(encoding);
        }
    }

    /** A Linux release, {@code major.minor}. */
    public record KernelRelease(int major, int minor) {
        /**
         * Whether {@code release} ({@code uname -r}, such as {@code 6.18.2-arch1}) is this release or
         * a later one; false for null or anything that does not start with {@code major.minor}.
         */
        public boolean reachedBy(String release) {
            if (release == null) {
                return false;
            }
            int dot = release.indexOf('.');
            if (dot <= 0) {
                return false;
            }
            int minorEnd = dot + 1;
            while (minorEnd < release.length() && Character.isDigit(release.charAt(minorEnd))) {
                minorEnd++;
            }
            int releaseMajor = number(release, 0, dot);
            int releaseMinor = number(release, dot + 1, minorEnd);
            if (releaseMajor < 0 || releaseMinor < 0) {
                return false;
            }
            return releaseMajor > major || (releaseMajor == major && releaseMinor >= minor);
        }

        /** The decimal number in {@code text[from, to)}, or -1 when that is not all digits (or empty, or too long). */
        private static int number(String text, int from, int to) {
            if (from >= to || to - from > 6) {
                return -1;
            }
            int value = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /**
     * A general-purpose register, by the name the assembler gives each width of it (the same name
     * four times where, as on AArch64, a note names the whole register for every size).
     */
    public record Register(String bits8, String bits16, String bits32, String bits64) {
        static Register only(String name) {
            return new Register(name, name, name, name);
        }

        /** Its name for an operand of {@code size} bytes (1, 2, 4 or 8). */
        public String name(int size) {
            switch (size) {
                case 1:
                    return bits8;
                case 2:
                    return bits16;
                case 4:
                    return bits32;
                case 8:
                    return bits64;
                default:
                    throw new IllegalArgumentException("an argument is 1, 2, 4 or 8 bytes, not " + size);
            }
        }
    }

    /** How a USDT note's argument specification writes a register and a memory operand, as the platform's compiler does. */
    public enum OperandSyntax {
        /** AT&T: {@code %edx}, {@code 8(%rsp)}. */
        ATT,
        /** Arm: {@code x2}, {@code [sp]}, {@code [sp, 8]}. */
        ARM,
        /** Power, as gcc writes it without {@code -mregnames}: a register by its number, {@code 5}; {@code 96(1)}. */
        POWER;

        String register(String name) {
            return switch (this) {
                case ATT -> "%" + name;
                case ARM, POWER -> name;
            };
        }

        String memory(String base, int offset) {
            return switch (this) {
                case ATT -> offset + "(%" + base + ")";
                case ARM -> offset == 0 ? "[" + base + "]" : "[" + base + ", " + offset + "]";
                case POWER -> offset + "(" + base + ")";
            };
        }
    }

    /**
     * Where a JNI native's arguments are when it is entered, before it changes a register or the
     * stack pointer: argument 0 is the {@code JNIEnv *}, 1 the {@code jclass} (a static native),
     * then the Java arguments in order, each in the next of {@code registers}, then in consecutive
     * stack slots of {@code slotSize} bytes, the first {@code firstStackOffset} bytes above the
     * stack pointer (above the return address on x86-64). A narrower argument than its slot sits
     * at the slot's low-order end.
     */
    public record JniConvention(OperandSyntax syntax, List<Register> registers, String stackPointer, int firstStackOffset,
                                int slotSize) {
        /** JNI's own arguments before the Java ones: the environment and the class. */
        public static final int JNI_ARGUMENTS = 2;

        /** The register argument {@code index} arrives in, or null when it arrives on the stack. */
        public Register register(int index) {
            return index < registers.size() ? registers.get(index) : null;
        }

        /** The stack pointer's offset of argument {@code index}'s slot, which must be a stack argument. */
        public int stackOffset(int index) {
            if (index < registers.size()) {
                throw new IllegalArgumentException("argument " + index + " arrives in " + registers.get(index).bits64());
            }
            return firstStackOffset + (index - registers.size()) * slotSize;
        }

        /** The location of argument {@code index} of {@code size} bytes, as a USDT note writes it: {@code %edx}, {@code [sp, 8]}. */
        public String operand(int index, int size, ByteOrder byteOrder) {
            Register register = register(index);
            if (register != null) {
                return syntax.register(register.name(size));
            }
            int offset = stackOffset(index) + (byteOrder == ByteOrder.BIG_ENDIAN ? slotSize - size : 0);
            return syntax.memory(stackPointer, offset);
        }

        /** A USDT note's specification of argument {@code index}: {@code -4@%edx}, {@code 8@[sp, 8]}. */
        public String noteArgument(int index, int size, boolean signed, ByteOrder byteOrder) {
            return (signed ? "-" : "") + size + "@" + operand(index, size, byteOrder);
        }
    }

    /** {@link JniConvention#noteArgument} with this platform's byte order. */
    public String noteArgument(int index, int size, boolean signed) {
        return jni.noteArgument(index, size, signed, elf.byteOrder());
    }

    // ---- For scripts ----

    /** The facts {@link #fact} answers, by name, for scripts. */
    public static final List<String> FACTS = List.of("id", "os", "arch", "java-arch-names", "debian-arch", "gnu-triplet",
            "elf-machine", "elf-class", "elf-data", "elf-flags", "max-page-size", "relative-relocation", "cross-compiler", "objdump",
            "cross-compiler-package", "cross-libc-package", "binutils-package", "qemu-user", "jdk-home", "jdk-package",
            "site-kinds", "site-encodings", "backends", "by-default");

    /** One of {@link #FACTS}, as text: what a script reads. */
    public String fact(String name) {
        switch (name) {
            case "id":
                return id();
            case "os":
                return os;
            case "arch":
                return arch;
            case "java-arch-names":
                return String.join(" ", javaArchNames);
            case "debian-arch":
                return debianArch;
            case "gnu-triplet":
                return gnuTriplet;
            case "elf-machine":
                return Integer.toString(elf.machine());
            case "elf-class":
                return Integer.toString(elf.elfClass());
            case "elf-data":
                return Integer.toString(elf.data());
            case "elf-flags":
                return "0x" + Integer.toHexString(elf.flags());
            case "max-page-size":
                return "0x" + Long.toHexString(elf.maxPageSize());
            case "relative-relocation":
                return Integer.toString(elf.relativeRelocation());
            case "cross-compiler":
                return crossCompiler();
            case "objdump":
                return objdump();
            case "cross-compiler-package":
                return crossCompilerPackage();
            case "cross-libc-package":
                return crossLibcPackage();
            case "binutils-package":
                return binutilsPackage();
            case "qemu-user":
                return qemuUser;
            case "jdk-home":
                return jdkHome();
            case "jdk-package":
                return jdkPackage();
            case "by-default":
                return String.valueOf(byDefault);
            case "backends": {
                List<String> ids = new ArrayList<>();
                for (Backend backend : backends) {
                    ids.add(backend.id());
                }
                return String.join(" ", ids);
            }
            case "site-kinds":
            case "site-encodings": {
                List<String> values = new ArrayList<>();
                for (ProbeSite site : sites) {
                    values.add(name.equals("site-kinds") ? Integer.toString(site.kind().number()) : site.encoding());
                }
                return String.join(" ", values);
            }
            default:
                throw new IllegalArgumentException("no fact '" + name + "': ask for one of " + String.join(", ", FACTS));
        }
    }

    /**
     * Answers scripts, without a build:
     * <pre>
     * java Platform.java list                    the supported platforms' ids, one a line
     * java Platform.java PLATFORM FACT...        each fact of one platform, one a line
     * java Platform.java table FACT...           the facts of every platform, a line each, tab-separated
     * </pre>
     * PLATFORM is an id, arch, Java arch name, Debian architecture or GNU triplet; FACT one of
     * {@link #FACTS}. An unknown platform or fact throws an {@link IllegalArgumentException} that
     * says why, so that Java exits with status 1; it never calls {@code System.exit}, as this class
     * is in the runtime's jar.
     */
    public static void main(String[] args) {
        for (String line : answer(List.of(args))) {
            System.out.println(line);
        }
    }

    /** The lines {@link #main} prints for {@code args}. */
    static List<String> answer(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: Platform.java list | PLATFORM FACT... | table FACT...;"
                    + " facts: " + String.join(", ", FACTS));
        }
        List<String> lines = new ArrayList<>();
        List<String> facts = args.subList(1, args.size());
        switch (args.get(0)) {
            case "list":
                for (Platform platform : values()) {
                    lines.add(platform.id());
                }
                return lines;
            case "table":
                for (Platform platform : values()) {
                    List<String> row = new ArrayList<>();
                    for (String fact : facts) {
                        row.add(platform.fact(fact));
                    }
                    lines.add(String.join("\t", row));
                }
                return lines;
            default:
                Platform platform = parse(args.get(0));
                for (String fact : facts) {
                    lines.add(platform.fact(fact));
                }
                return lines;
        }
    }
}
