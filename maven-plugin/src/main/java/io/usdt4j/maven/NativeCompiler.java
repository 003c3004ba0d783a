// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles C that includes usdt4j.h (a generated provider source, or the benchmarks' C) with one
 * platform's C compiler (the host's, or a cross compiler), over usdt.h when one is configured or
 * on the include path, else over systemtap's sys/sdt.h, with the command line of
 * {@link NativeBuild}.
 */
public final class NativeCompiler {
    /** How long one compiler run may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    /** Where a cross compiler may find the host's sys/sdt.h, which is the same for every architecture. */

    /** Which probe header the C is built over, and the compiler flags that choose it. */
    public record ProbeHeader(String description, List<String> flags) {}

    /** A compile that could not run or did not succeed; its message says what to do. */
    public static class CompileException extends LibraryBackend.BuildException {
        private static final long serialVersionUID = 1L;

        CompileException(String message) {
            super(message);
        }

        CompileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The compiler cannot build the library because something it needs is not installed: the
     * compiler itself, a probe header, or jni.h. With {@code <backend>auto</backend>} the platform
     * then gets the library written in Java, and the log says {@link #reason()}.
     */
    public static class MissingToolException extends CompileException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        MissingToolException(String message, String reason, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        /** What is missing, and what would install it, in a clause: {@code aarch64-linux-gnu-gcc is not installed (apt-get install ...)}. */
        public String reason() {
            return reason;
        }
    }

    /** The compiler itself cannot be run: not installed, or not executable. */
    public static final class MissingCompilerException extends MissingToolException {
        private static final long serialVersionUID = 1L;

        MissingCompilerException(String message, String reason, Throwable cause) {
            super(message, reason, cause);
        }
    }

    private final Toolchain toolchain;
    private final String compiler;
    private final Path javaHome;
    private final Path usdtHeader;
    private final Path workDirectory;
    private final Path includeDirectory;
    private final List<String> extraArguments;
    private final Duration timeout;

    /** A compiler that may take {@link #DEFAULT_TIMEOUT} for each run. */
    public NativeCompiler(String compiler, Path javaHome, Path usdtHeader, Path workDirectory, List<String> extraArguments)
            throws IOException {
        this(compiler, javaHome, usdtHeader, workDirectory, extraArguments, DEFAULT_TIMEOUT);
    }

    /**
     * @param compiler the C compiler command, such as {@code cc}
     * @param javaHome a JDK whose {@code include} directory has jni.h
     * @param usdtHeader libbpf's usdt.h to use, or null to look on the include path
     * @param workDirectory where usdt4j.h is written for the compiler to include
     * @param timeout how long one run of the compiler may take before it is killed
     */
    public NativeCompiler(String compiler, Path javaHome, Path usdtHeader, Path workDirectory, List<String> extraArguments,
            Duration timeout) throws IOException {
        this(Toolchain.host(compiler), javaHome, usdtHeader, workDirectory, extraArguments, timeout);
    }

    /** The same, for the platform and with the compiler of {@code toolchain}. */
    public NativeCompiler(Toolchain toolchain, Path javaHome, Path usdtHeader, Path workDirectory, List<String> extraArguments,
            Duration timeout) throws IOException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the compiler timeout must be positive, not " + timeout);
        }
        this.toolchain = toolchain;
        this.compiler = toolchain.compiler();
        this.javaHome = javaHome;
        this.usdtHeader = usdtHeader;
        this.workDirectory = workDirectory;
        this.includeDirectory = workDirectory.resolve("include");
        this.extraArguments = List.copyOf(extraArguments);
        this.timeout = timeout;
        Files.createDirectories(includeDirectory);
        try (InputStream header = NativeCompiler.class.getResourceAsStream(NativeBuild.HEADER_RESOURCE)) {
            if (header == null) {
                throw new IOException(NativeBuild.HEADER_RESOURCE + " is missing from the plugin's class path");
            }
            Files.copy(header, includeDirectory.resolve(NativeBuild.HEADER), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The configured usdt.h, else usdt.h on the include path, else sys/sdt.h, else a clear error. */
    public ProbeHeader resolveHeader() throws CompileException, IOException {
        if (usdtHeader != null) {
            if (!Files.isRegularFile(usdtHeader)) {
                throw new CompileException("usdtHeader " + usdtHeader + " does not exist; point it at libbpf's usdt.h"
                        + " or remove it to use systemtap's <sys/sdt.h>");
            }
            return new ProbeHeader("usdt.h (" + usdtHeader.toAbsolutePath() + ")",
                    List.of(NativeBuild.defineString(NativeBuild.USDT_H, usdtHeader.toAbsolutePath().toString())));
        }
        if (include("usdt.h").exitCode == 0) {
            return new ProbeHeader("usdt.h (from the include path)", List.of(NativeBuild.define(NativeBuild.USE_USDT_H)));
        }
        Result sdt = include("sys/sdt.h");
        if (sdt.exitCode == 0) {
            return new ProbeHeader("<sys/sdt.h> (systemtap)", List.of());
        }
        Path hostSdt = toolchain.cross() ? NativeBuild.hostSdtHeader() : null;
        if (hostSdt != null) {
            // A cross compiler does not search the host's /usr/include, and should not see all of it:
            // it gets a directory holding only a copy of sys/sdt.h (and the sdt-config.h it includes).
            Path copies = NativeBuild.copySdtHeaders(hostSdt, workDirectory.resolve("sdt-include"));
            List<String> flags = List.of("-I" + copies);
            sdt = include(NativeBuild.SDT_HEADER, flags);
            if (sdt.exitCode == 0) {
                return new ProbeHeader("<sys/sdt.h> (systemtap, from " + hostSdt.getParent() + ")", flags);
            }
        }
        // The compiler's own words matter when it failed for another reason, such as a bad option.
        throw new MissingToolException("No USDT header found for " + compiler + ". Either install systemtap's <sys/sdt.h>"
                + " (Debian/Ubuntu: apt-get install systemtap-sdt-dev; Fedora: dnf install systemtap-sdt-devel),"
                + " or point usdt4j at libbpf's usdt.h with <usdtHeader>/path/to/usdt.h</usdtHeader>"
                + " or -Dusdt4j.usdtHeader=/path/to/usdt.h. Looking for <sys/sdt.h>, " + compiler + " said:\n"
                + sdt.output.strip(), compiler + " finds neither usdt.h nor <sys/sdt.h> (apt-get install systemtap-sdt-dev"
                + " to compile with it)", null);
    }

    /** jni.h is where the compiler will look for it ({@link NativeBuild#jniInclude}). */
    public void requireJni() throws MissingToolException {
        Path jniInclude = NativeBuild.jniInclude(javaHome);
        if (!Files.isRegularFile(jniInclude.resolve("jni.h"))) {
            throw new MissingToolException("No jni.h under " + jniInclude + ": run Maven with a JDK, not a JRE,"
                    + " or set <javaHome> (-Dusdt4j.javaHome) to one", "there is no jni.h under " + jniInclude
                    + " (Maven runs on a JRE; set <javaHome> to a JDK to compile with " + compiler + ")", null);
        }
    }

    /**
     * Compiles a provider's {@code source} into {@code library}, with its description when the
     * processor wrote one beside it; returns the compiler's warnings, if any.
     */
    public String compile(Path source, Path library, ProbeHeader header) throws CompileException, IOException {
        return compile(source, library, NativeBuild.Output.SHARED_LIBRARY, header, descriptionFlags(source));
    }

    /**
     * Compiles {@code source} into {@code output} with {@code header}'s flags, then {@code flags},
     * then the configured arguments; returns the compiler's warnings, if any.
     */
    public String compile(Path source, Path output, NativeBuild.Output kind, ProbeHeader header, List<String> flags)
            throws CompileException, IOException {
        requireJni();
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> allFlags = new ArrayList<>(flags);
        allFlags.addAll(header.flags());
        allFlags.addAll(extraArguments);
        List<String> command = NativeBuild.command(compiler, toolchain.platform(), kind, javaHome, includeDirectory, allFlags,
                output, source);
        Result result = run(command, null);
        if (result.exitCode != 0) {
            throw new CompileException("Compiling " + source + " failed (exit " + result.exitCode + "):\n"
                    + String.join(" ", command) + "\n" + result.output);
        }
        return result.output;
    }

    /**
     * The library carries its description, {@code META-INF/usdt4j/<provider>.json} beside the
     * source's directory, in its {@link ResourceLayout#DESCRIPTION_SECTION} section: the template
     * includes the file with the assembler's {@code .incbin}, so every cross compiler can do it.
     */
    static List<String> descriptionFlags(Path source) {
        Path description = source.toAbsolutePath().getParent()
                .resolveSibling(source.getFileName().toString().replaceFirst("\\.c$", "") + ResourceLayout.DESCRIPTION_SUFFIX);
        return Files.isRegularFile(description) ? List.of(NativeBuild.descriptionFlag(description)) : List.of();
    }

    /** The platform this compiler builds for. */
    public Platform platform() {
        return toolchain.platform();
    }

    /** The compiler command. */
    public String compiler() {
        return compiler;
    }

    /** Preprocesses {@code #include <header>}: exit code 0 when the compiler finds it. */
    private Result include(String header) throws CompileException {
        return include(header, List.of());
    }

    private Result include(String header, List<String> flags) throws CompileException {
        List<String> command = new ArrayList<>(List.of(compiler, "-E", "-x", "c", "-o", "/dev/null"));
        command.addAll(flags);
        command.addAll(extraArguments);
        command.add("-");
        return run(command, "#include <" + header + ">\n");
    }

    private record Result(int exitCode, String output) {}

    /**
     * Runs {@code command} with {@code input} on its standard input. Its output goes to a file, not
     * a pipe, so nothing waits on a reader: the wait is bounded by the timeout even when the
     * compiler, or a child it started, hangs with its output open.
     */
    private Result run(List<String> command, String input) throws CompileException {
        Path log;
        try {
            log = Files.createTempFile(workDirectory, "cc-", ".log");
        } catch (IOException e) {
            throw new CompileException("Cannot create a file for the output of " + String.join(" ", command)
                    + " in " + workDirectory + ": " + e.getMessage(), e);
        }
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new MissingCompilerException("Cannot run the C compiler '" + compiler + "'"
                        + (toolchain.cross() ? " for " + toolchain.platform().id() : "") + " (" + e.getMessage() + "): "
                        + toolchain.installAdvice(), "the C compiler " + compiler + " is not installed ("
                        + toolchain.installCommand() + " to compile with it)", e);
            }
            try {
                try (OutputStream stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // The compiler may exit before reading its input (a bad option, a failing wrapper):
                    // then the write fails with a broken pipe, and its exit code and output say why.
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroyTree(process);
                    String output = read(log);
                    throw new CompileException(String.join(" ", command) + " did not finish in " + describe(timeout)
                            + " and was killed; if it needs longer, raise <compilerTimeoutSeconds>"
                            + " (-Dusdt4j.compilerTimeout=SECONDS)" + (output.isBlank() ? "" : ". Its output:\n" + output.strip()));
                }
                return new Result(process.exitValue(), read(log));
            } catch (InterruptedException e) {
                destroyTree(process);
                Thread.currentThread().interrupt();
                throw new CompileException("Interrupted while running " + String.join(" ", command), e);
            }
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // Only a file in the build directory, which mvn clean removes.
            }
        }
    }

    private static String read(Path log) throws CompileException {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CompileException("Cannot read the compiler's output in " + log + ": " + e.getMessage(), e);
        }
    }

    /** Kills the process and every process it started, children first, so that none lives on. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** {@code 300 seconds}, {@code 1 second}, or {@code 500 ms} below a second. */
    static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        if (seconds == 0) {
            return timeout.toMillis() + " ms";
        }
        return seconds + (seconds == 1 ? " second" : " seconds");
    }
}
