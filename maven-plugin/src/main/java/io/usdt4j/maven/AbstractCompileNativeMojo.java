// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

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
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles the current providers of a class output into their shared libraries, and removes
 * everything else under {@link ResourceLayout#ROOT}: the probe descriptions are the manifest
 * ({@link ProviderManifest}).
 */
abstract class AbstractCompileNativeMojo extends AbstractMojo {

    /** The C compiler command for the platform running Maven. */
    @Parameter(property = "usdt4j.compiler", defaultValue = "cc")
    private String compiler;

    /**
     * The platforms to build libraries for, such as {@code linux-x86_64} and {@code linux-aarch64}
     * ({@code -Dusdt4j.platforms=linux-x86_64,linux-aarch64}); by default the one running Maven.
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

    /** libbpf's usdt.h; when unset, usdt.h on the include path, else systemtap's sys/sdt.h. */
    @Parameter(property = "usdt4j.usdtHeader")
    private File usdtHeader;

    /** The JDK whose include directory has jni.h; by default the one running Maven. */
    @Parameter(property = "usdt4j.javaHome", defaultValue = "${java.home}")
    private File javaHome;

    /** More arguments for the compiler, such as {@code -I/opt/include}. */
    @Parameter
    private List<String> compilerArguments = List.of();

    /** How long one run of the compiler may take, in seconds, before it is killed and the build fails. */
    @Parameter(property = "usdt4j.compilerTimeout", defaultValue = "300")
    private int compilerTimeoutSeconds;

    /** Skips compiling provider libraries, and removing stale ones. */
    @Parameter(property = "usdt4j.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File baseDirectory;

    /** The directory the processor wrote provider sources into, and the libraries go into. */
    abstract File classesDirectory();

    /** The source roots that {@link #classesDirectory()} was compiled from. */
    abstract List<String> sourceRoots();

    /**
     * The platforms this build makes libraries for, decided here and only here: the host's, when
     * it is Linux; none elsewhere, as USDT needs Linux.
     */
    List<PlatformId> platforms() throws MojoFailureException {
        PlatformId host = PlatformId.host();
        if (!host.isLinux() && (platforms == null || platforms.isEmpty())) {
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
        if (compilerTimeoutSeconds <= 0) {
            throw new MojoFailureException("usdt4j: compilerTimeoutSeconds (-Dusdt4j.compilerTimeout) must be a positive"
                    + " number of seconds, not " + compilerTimeoutSeconds);
        }
        Path classes = classesDirectory().toPath();
        ProviderManifest manifest;
        try {
            manifest = ProviderManifest.read(classes, sourceRootPaths());
        } catch (ProviderManifest.InvalidDescriptionException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: cannot read the probe descriptions in " + classes + ": " + e, e);
        }
        List<PlatformId> platforms = platforms();
        compile(classes, manifest.current(), platforms);
        try {
            logRemovals(manifest.removeStale(platforms));
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: cannot remove stale files under " + classes.resolve(ResourceLayout.ROOT)
                    + ": " + e, e);
        }
    }

    private void compile(Path classes, List<ProviderManifest.Description> providers, List<PlatformId> targets)
            throws MojoExecutionException, MojoFailureException {
        if (providers.isEmpty()) {
            getLog().info("usdt4j: no @UsdtProvider descriptions in " + classes);
            return;
        }
        if (targets.isEmpty()) {
            getLog().warn("usdt4j: not compiling " + providers.size() + " provider librar" + (providers.size() == 1 ? "y" : "ies")
                    + ": USDT needs Linux and this is " + PlatformId.host().id()
                    + ". The jar carries no library for this platform; its probes will be no-ops there.");
            return;
        }
        List<String> names = new ArrayList<>();
        for (ProviderManifest.Description description : providers) {
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
            for (PlatformId platform : targets) {
                toolchains.add(Toolchain.of(platform, host, compiler, compilers == null ? Map.of() : compilers));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <compilers>: " + e.getMessage(), e);
        }
        try {
            new PlatformBuilds(toolchains, skipMissingCompilers, javaHome.toPath(),
                    usdtHeader == null ? null : usdtHeader.toPath(), buildDirectory.toPath().resolve("usdt4j"),
                    compilerArguments, Duration.ofSeconds(compilerTimeoutSeconds), getLog()).build(classes, names);
        } catch (NativeCompiler.CompileException e) {
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
