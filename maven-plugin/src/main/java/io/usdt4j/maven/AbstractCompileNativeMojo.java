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

    /** The C compiler command. */
    @Parameter(property = "usdt4j.compiler", defaultValue = "cc")
    private String compiler;

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
    List<PlatformId> platforms() {
        PlatformId host = PlatformId.host();
        return host.isLinux() ? List.of(host) : List.of();
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

    private void compile(Path classes, List<ProviderManifest.Description> providers, List<PlatformId> platforms)
            throws MojoExecutionException, MojoFailureException {
        if (providers.isEmpty()) {
            getLog().info("usdt4j: no @UsdtProvider descriptions in " + classes);
            return;
        }
        if (platforms.isEmpty()) {
            getLog().warn("usdt4j: not compiling " + providers.size() + " provider librar" + (providers.size() == 1 ? "y" : "ies")
                    + ": USDT needs Linux and this is " + PlatformId.host().id()
                    + ". The jar carries no library for this platform; its probes will be no-ops there.");
            return;
        }
        try {
            NativeCompiler nativeCompiler = new NativeCompiler(compiler, javaHome.toPath(),
                    usdtHeader == null ? null : usdtHeader.toPath(), buildDirectory.toPath().resolve("usdt4j"),
                    compilerArguments, Duration.ofSeconds(compilerTimeoutSeconds));
            NativeCompiler.Backend backend = nativeCompiler.resolveBackend();
            getLog().info("usdt4j: probe header " + backend.description());
            for (ProviderManifest.Description description : providers) {
                String provider = description.provider();
                Path source = classes.resolve(ResourceLayout.cSource(provider));
                if (!Files.isRegularFile(source)) {
                    throw new MojoFailureException("usdt4j: provider '" + provider + "' has a description, "
                            + ResourceLayout.description(provider) + ", but no C source " + ResourceLayout.cSource(provider)
                            + " in " + classes + ": rebuild with mvn clean");
                }
                for (PlatformId platform : platforms) {
                    Path library = classes.resolve(ResourceLayout.library(platform, provider));
                    String warnings = nativeCompiler.compile(source, library, backend, platform);
                    if (!warnings.isBlank()) {
                        getLog().warn("usdt4j: " + compiler + " warned about " + source + ":\n" + warnings.strip());
                    }
                    getLog().info("usdt4j: provider '" + provider + "' -> " + classes.relativize(library));
                }
            }
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
