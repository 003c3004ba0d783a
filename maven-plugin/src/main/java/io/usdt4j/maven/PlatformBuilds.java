// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/**
 * Builds every provider's library for each target platform, with the {@link LibraryBackend} it
 * chooses for that platform, into {@link ResourceLayout#library(PlatformId, String)}. Kept apart
 * from the mojos so it can be tested without Maven.
 */
final class PlatformBuilds {
    /** In {@code <platforms>}: every platform of the {@link Platform} table. */
    static final String ALL = "all";

    private final List<Toolchain> toolchains;
    private final boolean skipMissingCompilers;
    private final Path javaHome;
    private final Path usdtHeader;
    private final Path workDirectory;
    private final List<String> compilerArguments;
    private final java.time.Duration timeout;
    private final Log log;

    PlatformBuilds(List<Toolchain> toolchains, boolean skipMissingCompilers, Path javaHome, Path usdtHeader,
            Path workDirectory, List<String> compilerArguments, java.time.Duration timeout, Log log) {
        this.timeout = timeout;
        this.toolchains = List.copyOf(toolchains);
        this.skipMissingCompilers = skipMissingCompilers;
        this.javaHome = javaHome;
        this.usdtHeader = usdtHeader;
        this.workDirectory = workDirectory;
        this.compilerArguments = List.copyOf(compilerArguments);
        this.log = log;
    }

    /**
     * The configured platforms ({@code linux-x86_64}, {@code linux-aarch64}, or {@value #ALL} for
     * every one of the {@link Platform} table), in order and once each; the host alone when none
     * is configured. Each must be in the table.
     *
     * @throws IllegalArgumentException for a platform usdt4j does not support (the host's included),
     *     saying which it supports
     */
    static List<Platform> targets(List<String> configured, PlatformId host) {
        Set<Platform> targets = new LinkedHashSet<>();
        for (String entry : configured == null ? List.<String>of() : configured) {
            for (String id : entry.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                if (id.strip().equals(ALL)) {
                    targets.addAll(java.util.Arrays.asList(Platform.values()));
                    continue;
                }
                PlatformId platform = PlatformId.parse(id.strip());
                if (!platform.isLinux()) {
                    throw new IllegalArgumentException("platform " + platform.id() + " is not Linux: USDT needs Linux,"
                            + " so list platforms like linux-x86_64 and linux-aarch64");
                }
                targets.add(supported(platform));
            }
        }
        return targets.isEmpty() ? List.of(supported(host)) : List.copyOf(targets);
    }

    private static Platform supported(PlatformId platform) {
        Platform supported = platform.platform();
        if (supported == null) {
            throw new IllegalArgumentException(Platform.unsupported(platform.id()));
        }
        return supported;
    }

    /**
     * The backend that builds {@code toolchain}'s platform: its C compiler.
     *
     * @throws NativeCompiler.MissingCompilerException when that compiler cannot be run
     */
    LibraryBackend backend(Toolchain toolchain) throws LibraryBackend.BuildException, IOException {
        NativeCompiler compiler = new NativeCompiler(toolchain, javaHome, usdtHeader, workDirectory, compilerArguments, timeout);
        return CompilerBackend.resolve(compiler, log);
    }

    /** Builds every provider's source for every platform; returns the libraries written. */
    List<Path> build(Path classes, List<String> providers) throws LibraryBackend.BuildException, IOException {
        List<Path> libraries = new ArrayList<>();
        for (Toolchain toolchain : toolchains) {
            Platform platform = toolchain.platform();
            LibraryBackend backend;
            try {
                backend = backend(toolchain);
            } catch (NativeCompiler.MissingCompilerException e) {
                if (!skipMissingCompilers) {
                    throw e;
                }
                log.warn("usdt4j: skipped " + platform.id() + " (usdt4j.skipMissingCompilers): " + e.getMessage()
                        + ". The jar carries no " + platform.id() + " library; its probes will be no-ops there.");
                continue;
            }
            log.info("usdt4j: " + platform.id() + ": " + backend.description());
            for (String provider : providers) {
                LibraryBackend.ProviderFiles files = new LibraryBackend.ProviderFiles(provider, classes);
                Path library = backend.build(platform, files);
                writeDigest(library, files.libraryDigest(platform));
                log.info("usdt4j: provider '" + provider + "' -> " + classes.relativize(library));
                libraries.add(library);
            }
        }
        return libraries;
    }

    /**
     * The library's SHA-256 beside it ({@link ResourceLayout#libraryDigest}): the runtime names the
     * extracted copy by it, so that a JVM's start need not hash the library.
     */
    static void writeDigest(Path library, Path digest) throws IOException {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(library));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        Files.writeString(digest, HexFormat.of().formatHex(hash) + "\n", StandardCharsets.US_ASCII);
    }
}
