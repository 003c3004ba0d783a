// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.Platform;
import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the current providers of a class output into their shared libraries, and removes
 * everything else under {@link ResourceLayout#ROOT}: the probe descriptions are the manifest
 * ({@link ProviderManifest}).
 */
abstract class AbstractCompileNativeMojo extends AbstractCompilerMojo {

    /**
     * The platforms to build libraries for, such as {@code linux-x86_64} and {@code linux-aarch64}
     * ({@code -Dusdt4j.platforms=linux-x86_64,linux-aarch64}), or {@code all} (linux-ppc64le too);
     * by default linux-x86_64 and linux-aarch64 ({@link io.usdt4j.contract.Platform#defaults}), on every host.
     */
    @Parameter(property = "usdt4j.platforms")
    private List<String> platforms = List.of();

    /**
     * What builds each platform's libraries: {@code auto} (the default) compiles the C source with
     * the platform's C compiler where it and a probe header are installed, on Linux, and writes the
     * library in Java everywhere else; {@code java} writes every library in Java; {@code cc}
     * compiles every one, and fails where a compiler is missing.
     */
    @Parameter(property = "usdt4j.backend", defaultValue = "auto")
    private String backend;

    /**
     * The compiler of a platform, keyed by its name: {@code <linux-aarch64>/opt/cross/bin/gcc</linux-aarch64>}.
     * A platform not listed is built by {@code <compiler>} when it is the one running Maven, else
     * by the Debian/Ubuntu cross compiler, such as {@code aarch64-linux-gnu-gcc}.
     */
    @Parameter
    private Map<String, String> compilers = Map.of();

    /** Skips compiling provider libraries, and removing stale ones. */
    @Parameter(property = "usdt4j.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File baseDirectory;

    /** The directory the processor wrote provider sources into, and the libraries go into. */
    abstract File classesDirectory();

    /** The source roots that {@link #classesDirectory()} was compiled from. */
    abstract List<String> sourceRoots();

    /**
     * The platforms this build makes libraries for, decided here and only here: the configured
     * ones, each of which must be in the {@link Platform} table; else every one of the table.
     */
    List<Platform> platforms() throws MojoFailureException {
        try {
            return PlatformBuilds.targets(platforms);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <platforms> (-Dusdt4j.platforms): " + e.getMessage(), e);
        }
    }

    /** The configured {@code <backend>}. */
    LibraryBackend.Choice backend() throws MojoFailureException {
        try {
            return LibraryBackend.Choice.parse(backend);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <backend> (-Dusdt4j.backend): " + e.getMessage(), e);
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("usdt4j: skipped (usdt4j.skip)");
            return;
        }
        Duration timeout = compilerTimeout();
        LibraryBackend.Choice choice = backend();
        Path classes = classesDirectory().toPath();
        ProviderManifest manifest;
        try {
            manifest = ProviderManifest.read(classes, sourceRootPaths());
        } catch (ProviderManifest.InvalidDescriptionException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: cannot read the probe descriptions in " + classes + ": " + e, e);
        }
        List<Platform> platforms = platforms();
        compile(classes, manifest.current(), platforms, choice, timeout);
        try {
            logRemovals(manifest.removeStale(platforms.stream().map(PlatformId::of).toList()));
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: cannot remove stale files under " + classes.resolve(ResourceLayout.ROOT)
                    + ": " + e, e);
        }
    }

    private void compile(Path classes, List<io.usdt4j.description.ProviderDescription> providers, List<Platform> targets,
            LibraryBackend.Choice choice, Duration timeout) throws MojoExecutionException, MojoFailureException {
        if (providers.isEmpty()) {
            getLog().info("usdt4j: no @UsdtProvider descriptions in " + classes);
            return;
        }
        List<String> names = providers.stream().map(io.usdt4j.description.ProviderDescription::provider).toList();
        PlatformId host = PlatformId.host();
        List<Toolchain> toolchains = new ArrayList<>();
        try {
            for (Platform platform : targets) {
                toolchains.add(Toolchain.of(platform, host, compiler(), compilers == null ? Map.of() : compilers));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <compilers>: " + e.getMessage(), e);
        }
        try {
            new PlatformBuilds(choice, host, toolchains, javaHome(), usdtHeader(), workDirectory(), compilerArguments(),
                    timeout, getLog()).build(classes, names);
        } catch (LibraryBackend.BuildException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: " + e, e);
        }
    }

    /** One line per reason, naming the files removed for it. */
    private void logRemovals(List<ProviderManifest.Removal> removals) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (ProviderManifest.Removal removal : removals) {
            byReason.computeIfAbsent(removal.reason(), r -> new ArrayList<>()).add(removal.file());
        }
        byReason.forEach((reason, files) ->
                getLog().info("usdt4j: removed " + String.join(", ", files) + " (stale: " + reason + ")"));
    }

    private List<Path> sourceRootPaths() {
        List<Path> roots = new ArrayList<>();
        for (String root : sourceRoots()) {
            roots.add(baseDirectory.toPath().resolve(root));
        }
        return roots;
    }
}
