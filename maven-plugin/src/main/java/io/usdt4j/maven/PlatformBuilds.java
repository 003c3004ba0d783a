// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

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
 * Builds every provider's library for each target platform, with that platform's compiler, into
 * {@link ResourceLayout#library(PlatformId, String)}. Kept apart from the mojos so it can be
 * tested without Maven.
 */
final class PlatformBuilds {
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
     * The configured platforms ({@code linux-x86_64}, {@code linux-aarch64}), in order and once
     * each; the host alone when none is configured.
     */
    static List<PlatformId> targets(List<String> configured, PlatformId host) {
        Set<PlatformId> targets = new LinkedHashSet<>();
        for (String entry : configured == null ? List.<String>of() : configured) {
            for (String id : entry.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                PlatformId platform = PlatformId.parse(id.strip());
                if (!platform.isLinux()) {
                    throw new IllegalArgumentException("platform " + platform.id() + " is not Linux: USDT needs Linux,"
                            + " so list platforms like linux-x86_64 and linux-aarch64");
                }
                targets.add(platform);
            }
        }
        return targets.isEmpty() ? List.of(host) : List.copyOf(targets);
    }

    /** Builds every provider's source for every platform; returns the libraries written. */
    List<Path> build(Path classes, List<String> providers) throws NativeCompiler.CompileException, IOException {
        List<Path> libraries = new ArrayList<>();
        for (Toolchain toolchain : toolchains) {
            PlatformId platform = toolchain.platform();
            NativeCompiler nativeCompiler = new NativeCompiler(toolchain, javaHome, usdtHeader, workDirectory, compilerArguments, timeout);
            NativeCompiler.Backend backend;
            try {
                backend = nativeCompiler.resolveBackend();
            } catch (NativeCompiler.MissingCompilerException e) {
                if (!skipMissingCompilers) {
                    throw e;
                }
                log.warn("usdt4j: skipped " + platform.id() + " (usdt4j.skipMissingCompilers): " + e.getMessage()
                        + ". The jar carries no " + platform.id() + " library; its probes will be no-ops there.");
                continue;
            }
            log.info("usdt4j: " + platform.id() + ": " + toolchain.compiler() + ", probe header " + backend.description());
            for (String provider : providers) {
                Path source = classes.resolve(ResourceLayout.cSource(provider));
                Path library = classes.resolve(ResourceLayout.library(platform, provider));
                String warnings = nativeCompiler.compile(source, library, backend, platform);
                if (!warnings.isBlank()) {
                    log.warn("usdt4j: " + toolchain.compiler() + " warned about " + source + ":\n" + warnings.strip());
                }
                writeDigest(library, classes.resolve(ResourceLayout.libraryDigest(platform, provider)));
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
