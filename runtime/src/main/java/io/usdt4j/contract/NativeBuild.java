// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * How C that includes usdt4j.h is compiled: the compiler's command line, and the names of the
 * macros the build defines for usdt4j.h and the provider template (native-template), and of those
 * usdt4j.h defines for the C that includes it. The Maven plugin builds provider libraries with
 * it, the golden C tests build the golden sources with it, and the benchmarks build their C with
 * it (through the plugin's {@code compile-c} goal). A test checks that usdt4j.h and the template
 * use exactly these macros.
 */
public final class NativeBuild {
    /** The header of probe macros, which every build puts on the include path. */
    public static final String HEADER = "usdt4j.h";
    /** Where {@link #HEADER} is on a class path that has usdt4j-native-template. */
    public static final String HEADER_RESOURCE = "/io/usdt4j/nativetemplate/" + HEADER;
    /** The provider library's C template, on a class path that has usdt4j-native-template. */
    public static final String TEMPLATE_RESOURCE = "/io/usdt4j/nativetemplate/provider.c.mustache";

    // ---- Macros the build defines ----

    /** A string: the path of libbpf's usdt.h to build over. */
    public static final String USDT_H = "USDT4J_USDT_H";
    /** Defined: build over the usdt.h on the include path. Without this or {@link #USDT_H}, over systemtap's sys/sdt.h. */
    public static final String USE_USDT_H = "USDT4J_USE_USDT_H";
    /** Defined: the code is built without a red zone, so sites that need that ({@link Platform.ProbeSite#needsNoRedZone()}) may be built. */
    public static final String NO_RED_ZONE = "USDT4J_NO_RED_ZONE";
    /** A string: the path of the provider's description, which the library carries in {@link ResourceLayout#DESCRIPTION_SECTION}. */
    public static final String DESCRIPTION = "USDT4J_DESCRIPTION";
    /** The {@link Platform.SiteKind#number()} of the probes expanded after it (1 unless defined); the template redefines it per site. */
    public static final String NOP_SIZE = "USDT4J_NOP_SIZE";
    /** Every macro that usdt4j.h or the template reads from the build. */
    public static final List<String> BUILD_MACROS = List.of(USDT_H, USE_USDT_H, NO_RED_ZONE, DESCRIPTION, NOP_SIZE);

    // ---- Macros usdt4j.h defines ----

    /** 1 where five-byte-nop sites can be built (x86-64 without a red zone), else 0. */
    public static final String HAS_NOP5 = "USDT4J_HAS_NOP5";
    /** {@code "usdt.h"} or {@code "sys/sdt.h"}. */
    public static final String BACKEND = "USDT4J_BACKEND";
    /** {@code USDT4J_DEFINE_SEMAPHORE(provider, probe)}. */
    public static final String DEFINE_SEMAPHORE = "USDT4J_DEFINE_SEMAPHORE";
    /** {@code USDT4J_SEMAPHORE_ADDRESS(provider, probe)}: a {@code volatile unsigned short *}. */
    public static final String SEMAPHORE_ADDRESS = "USDT4J_SEMAPHORE_ADDRESS";
    /** {@code USDT4J_FIRE(provider, probe, args...)}. */
    public static final String FIRE = "USDT4J_FIRE";
    /** Every macro usdt4j.h defines for the C that includes it. */
    public static final List<String> HEADER_MACROS = List.of(HAS_NOP5, BACKEND, DEFINE_SEMAPHORE, SEMAPHORE_ADDRESS, FIRE);

    /** What every compile gets: the C dialect, optimization and warnings. */
    public static final List<String> LANGUAGE = List.of("-std=gnu11", "-O2", "-Wall", "-Wextra");
    /** What a library gets: position-independent, only what {@code JNIEXPORT} marks exported, no executable stack. */
    public static final List<String> SHARED_LIBRARY = List.of("-fPIC", "-shared", "-fvisibility=hidden", "-Wl,-z,noexecstack");

    /** What a compile makes. */
    public enum Output {
        /** A provider's (or any JNI) library. */
        SHARED_LIBRARY,
        /** A program. */
        EXECUTABLE
    }

    private NativeBuild() {}

    /**
     * The whole command line: {@code compiler}, {@link #LANGUAGE}, {@link #SHARED_LIBRARY} for a
     * library, the include directories, {@link #probeSiteFlags}, then {@code flags}, then
     * {@code -o output source}.
     *
     * @param javaHome a JDK whose {@code include} directory has jni.h, or null for C without JNI
     * @param include the directory that holds {@link #HEADER}
     * @param flags more flags, in order: the backend's, the description's, the user's
     */
    public static List<String> command(String compiler, Platform platform, Output output, Path javaHome, Path include,
            List<String> flags, Path outputFile, Path source) {
        List<String> command = new ArrayList<>();
        command.add(compiler);
        command.addAll(LANGUAGE);
        command.addAll(switch (output) {
            case SHARED_LIBRARY -> SHARED_LIBRARY;
            case EXECUTABLE -> List.<String>of();
        });
        if (javaHome != null) {
            Path jni = jniInclude(javaHome);
            command.add("-I" + jni);
            command.add("-I" + jni.resolve("linux"));
        }
        command.add("-I" + include);
        command.addAll(probeSiteFlags(platform));
        command.addAll(flags);
        command.add("-o");
        command.add(outputFile.toString());
        command.add(source.toString());
        return command;
    }

    /** The directory of jni.h in {@code javaHome}. */
    public static Path jniInclude(Path javaHome) {
        return javaHome.resolve("include");
    }

    /**
     * What the platform's probe sites ask of the compiler: where one needs the code around it to
     * keep no data below the stack pointer (x86-64's five-byte nop), {@code -mno-red-zone} and
     * {@link #NO_RED_ZONE}, without which usdt4j.h builds no such site.
     */
    public static List<String> probeSiteFlags(Platform platform) {
        return platform.needsNoRedZone() ? List.of("-mno-red-zone", define(NO_RED_ZONE)) : List.of();
    }

    /** Builds the probes that follow on sites of {@code kind}: {@code -DUSDT4J_NOP_SIZE=5}. */
    public static String siteFlag(Platform.SiteKind kind) {
        return define(NOP_SIZE, Integer.toString(kind.number()));
    }

    /** The library carries the description at {@code description}: {@code -DUSDT4J_DESCRIPTION="/path/shop.json"}. */
    public static String descriptionFlag(Path description) {
        return defineString(DESCRIPTION, description.toString());
    }

    /** systemtap's probe header, as C includes it. */
    public static final String SDT_HEADER = "sys/sdt.h";
    /** What {@link #SDT_HEADER} includes, to be copied beside it. */
    public static final String SDT_CONFIG_HEADER = "sys/sdt-config.h";

    /**
     * The host's {@link #SDT_HEADER}, or null when it has none: in {@code /usr/local/include},
     * {@code /usr/include} or the host's multiarch directory of it (when the platform table knows
     * the host). A cross compiler does not search these, so a build gives it a copy.
     */
    public static Path hostSdtHeader() {
        List<Path> directories = new ArrayList<>(List.of(Path.of("/usr/local/include"), Path.of("/usr/include")));
        Platform host = PlatformId.host().platform();
        if (host != null) {
            directories.add(Path.of("/usr/include", host.gnuTriplet()));
        }
        for (Path directory : directories) {
            Path header = directory.resolve(SDT_HEADER);
            if (Files.isRegularFile(header)) {
                return header;
            }
        }
        return null;
    }

    /**
     * Copies {@code hostSdt} (a {@link #hostSdtHeader}) and the {@link #SDT_CONFIG_HEADER} beside
     * it, when there is one, under {@code include}: a directory to give a cross compiler with
     * {@code -I}, which finds {@link #SDT_HEADER} there and nothing else of the host's.
     *
     * @return {@code include}
     */
    public static Path copySdtHeaders(Path hostSdt, Path include) throws IOException {
        for (String header : List.of(SDT_HEADER, SDT_CONFIG_HEADER)) {
            Path original = hostSdt.resolveSibling(Path.of(header).getFileName());
            if (Files.isRegularFile(original)) {
                Path copy = include.resolve(header);
                Files.createDirectories(copy.getParent());
                Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return include;
    }

    /** {@code -DNAME}. */
    public static String define(String macro) {
        return "-D" + macro;
    }

    /** {@code -DNAME=value}. */
    public static String define(String macro, String value) {
        return "-D" + macro + "=" + value;
    }

    /** {@code -DNAME="value"}: a C string (the command runs without a shell, so nothing more is quoted). */
    public static String defineString(String macro, String value) {
        return define(macro, "\"" + value + "\"");
    }
}
