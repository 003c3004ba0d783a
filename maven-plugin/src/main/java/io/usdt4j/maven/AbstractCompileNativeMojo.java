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
     * ({@code -Dusdt4j.platforms=linux-x86_64,linux-aarch64}), or {@code all} for every platform
     * usdt4j supports; by default the one running Maven.
     */
    @Parameter(property = "usdt4j.platforms")
    private List<String> platforms = List.of();

    /**
     * The compiler of a platform, keyed by its name: {@code <linux-aarch64>/opt/cross/bin/gcc</linux-aarch64>}.
     * A platform not listed is built by {@code <compiler>} when it is the one running Maven, else
     * by the Debian/Ubuntu cross compiler, such as {@code aarch64-linux-gnu-gcc}.
     */
    @Parameter
    private Map<String, String> compilers = Map.of();

    /** Skips, with a warning, the platforms whose compiler is not installed, instead of failing. */
    @Parameter(property = "usdt4j.skipMissingCompilers", defaultValue = "false")
    private boolean skipMissingCompilers;

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
     * ones, each of which must be in the {@link Platform} table; else the host's, when it is one
     * of them; none elsewhere, as USDT needs Linux.
     */
    List<Platform> platforms() throws MojoFailureException {
        PlatformId host = PlatformId.host();
        if ((platforms == null || platforms.isEmpty()) && host.platform() == null) {
            return List.of();
        }
        try {
            return PlatformBuilds.targets(platforms, host);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <platforms> (-Dusdt4j.platforms): " + e.getMessage(), e);
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("usdt4j: skipped (usdt4j.skip)");
            return;
        }
        Duration timeout = compilerTimeout();
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
        compile(classes, manifest.current(), platforms, timeout);
        try {
            logRemovals(manifest.removeStale(platforms.stream().map(PlatformId::of).toList()));
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: cannot remove stale files under " + classes.resolve(ResourceLayout.ROOT)
                    + ": " + e, e);
        }
    }

    private void compile(Path classes, List<io.usdt4j.description.ProviderDescription> providers, List<Platform> targets,
            Duration timeout)
            throws MojoExecutionException, MojoFailureException {
        if (providers.isEmpty()) {
            getLog().info("usdt4j: no @UsdtProvider descriptions in " + classes);
            return;
        }
        if (targets.isEmpty()) {
            PlatformId host = PlatformId.host();
            getLog().warn("usdt4j: not compiling " + providers.size() + " provider librar" + (providers.size() == 1 ? "y" : "ies")
                    + ": " + (host.isLinux() ? Platform.unsupported(host.id()) : "USDT needs Linux and this is " + host.id())
                    + ". The jar carries no library for this platform; its probes will be no-ops there.");
            return;
        }
        List<String> names = new ArrayList<>();
        for (io.usdt4j.description.ProviderDescription description : providers) {
            String provider = description.provider();
            if (!Files.isRegularFile(classes.resolve(ResourceLayout.cSource(provider)))) {
                throw new MojoFailureException("usdt4j: provider '" + provider + "' has a description, "
                        + ResourceLayout.description(provider) + ", but no C source " + ResourceLayout.cSource(provider)
                        + " in " + classes + ": rebuild with mvn clean");
            }
            names.add(provider);
        }
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
            new PlatformBuilds(toolchains, skipMissingCompilers, javaHome(), usdtHeader(), workDirectory(), compilerArguments(),
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
