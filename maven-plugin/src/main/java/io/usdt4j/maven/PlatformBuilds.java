// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * Builds every provider's library for each target platform, with the {@link LibraryBackend} it
 * chooses for that platform as the {@link LibraryBackend.Choice} asks, into
 * {@link ResourceLayout#library(PlatformId, String)}, and logs one line per platform saying which
 * backend builds it and why. Kept apart from the mojos so it can be tested without Maven.
 */
final class PlatformBuilds {
    private final LibraryBackend.Choice choice;
    private final PlatformId host;
    private final List<Toolchain> toolchains;
    private final Path javaHome;
    private final Path usdtHeader;
    private final Path workDirectory;
    private final List<String> compilerArguments;
    private final Duration timeout;
    private final Log log;

    /**
     * @param choice how each platform's backend is chosen
     * @param host the platform running Maven: C compilers build the libraries on Linux only
     * @param toolchains the target platforms, each with the compiler that would build it
     */
    PlatformBuilds(LibraryBackend.Choice choice, PlatformId host, List<Toolchain> toolchains, Path javaHome, Path usdtHeader,
            Path workDirectory, List<String> compilerArguments, Duration timeout, Log log) {
        this.choice = choice;
        this.host = host;
        this.toolchains = List.copyOf(toolchains);
        this.javaHome = javaHome;
        this.usdtHeader = usdtHeader;
        this.workDirectory = workDirectory;
        this.compilerArguments = List.copyOf(compilerArguments);
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * The configured platforms ({@link PlatformId#parseTargets}); {@link Platform#defaults} when
     * none is configured, on every host.
     *
     * @throws IllegalArgumentException for a platform usdt4j does not support, saying which it supports
     */
    static List<Platform> targets(List<String> configured) {
        List<Platform> targets = PlatformId.parseTargets(configured == null ? List.of() : configured);
        return targets.isEmpty() ? Platform.defaults() : targets;
    }

    /** A backend, and why it builds this platform (empty when {@code <backend>} named it): for the log. */
    record Chosen(LibraryBackend backend, String why) {}

    /**
     * The backend that builds {@code toolchain}'s platform, and why: its C compiler (with
     * {@code cc}, and with {@code auto} where it and a probe header are installed, on Linux), else
     * the Java writer.
     *
     * @throws NativeCompiler.MissingToolException with {@code cc}, when the compiler cannot build it
     */
    Chosen choose(Toolchain toolchain) throws LibraryBackend.BuildException, IOException {
        if (choice == LibraryBackend.Choice.JAVA) {
            return new Chosen(JavaBackend.INSTANCE, "");
        }
        if (!toolchain.platform().isBuiltBy(Platform.Backend.C)) {
            // With cc too: the platform table says usdt4j's C does not build it, and no compiler could.
            return new Chosen(JavaBackend.INSTANCE, "usdt4j writes " + toolchain.platform().id() + "'s libraries in Java only");
        }
        if (!host.isLinux()) {
            String why = "this host is " + host.id() + ", and C compilers build the libraries on Linux only";
            if (choice == LibraryBackend.Choice.CC) {
                throw new LibraryBackend.BuildException("<backend>cc</backend> (-Dusdt4j.backend=cc) cannot build "
                        + toolchain.platform().id() + ": " + why + "; use <backend>auto</backend> or java, which write"
                        + " the library in Java");
            }
            return new Chosen(JavaBackend.INSTANCE, why);
        }
        NativeCompiler compiler = new NativeCompiler(toolchain, javaHome, usdtHeader, workDirectory, compilerArguments, timeout);
        try {
            return new Chosen(CompilerBackend.resolve(compiler, log), choice == LibraryBackend.Choice.AUTO
                    ? toolchain.compiler() + " and a probe header are installed" : "");
        } catch (NativeCompiler.MissingToolException e) {
            if (choice == LibraryBackend.Choice.CC) {
                throw e;
            }
            return new Chosen(JavaBackend.INSTANCE, e.reason());
        }
    }

    /** Builds every provider's library for every platform; returns the libraries written. */
    List<Path> build(Path classes, List<String> providers) throws LibraryBackend.BuildException, IOException {
        List<Path> libraries = new ArrayList<>();
        for (Toolchain toolchain : toolchains) {
            Platform platform = toolchain.platform();
            Chosen chosen = choose(toolchain);
            // usdt4j: linux-aarch64: written in Java; backend auto: the C compiler ... is not installed (...)
            log.info("usdt4j: " + platform.id() + ": " + chosen.backend().description() + "; backend " + choice.id()
                    + (chosen.why().isEmpty() ? "" : ": " + chosen.why()));
            for (String provider : providers) {
                LibraryBackend.ProviderFiles files = new LibraryBackend.ProviderFiles(provider, classes);
                Path library = chosen.backend().build(platform, files);
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
        Files.writeString(digest, ResourceLayout.digestFile(Files.readAllBytes(library)), StandardCharsets.US_ASCII);
    }
}
