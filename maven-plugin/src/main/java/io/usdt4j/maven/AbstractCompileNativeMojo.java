package io.usdt4j.maven;

import io.usdt4j.contract.PlatformId;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Compiles every provider source in a class output directory into its shared library. */
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

    /** Skips compiling provider libraries. */
    @Parameter(property = "usdt4j.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** The directory the processor wrote provider sources into, and the libraries go into. */
    abstract File classesDirectory();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("usdt4j: skipped (usdt4j.skip)");
            return;
        }
        Path classes = classesDirectory().toPath();
        List<Path> sources;
        try {
            sources = NativeCompiler.providerSources(classes);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list provider sources in " + classes, e);
        }
        if (sources.isEmpty()) {
            getLog().info("usdt4j: no @UsdtProvider sources in " + classes);
            return;
        }
        PlatformId host = PlatformId.host();
        if (!host.isLinux() && (platforms == null || platforms.isEmpty())) {
            getLog().warn("usdt4j: not compiling " + sources.size() + " provider librar" + (sources.size() == 1 ? "y" : "ies")
                    + ": USDT needs Linux and this is " + host.id()
                    + ". The jar carries no library for this platform; its probes will be no-ops there.");
            return;
        }
        List<Toolchain> toolchains = new ArrayList<>();
        try {
            for (PlatformId platform : PlatformBuilds.targets(platforms, host)) {
                toolchains.add(Toolchain.of(platform, host, compiler, compilers == null ? Map.of() : compilers));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("usdt4j: <platforms> (-Dusdt4j.platforms): " + e.getMessage());
        }
        try {
            new PlatformBuilds(toolchains, skipMissingCompilers, javaHome.toPath(),
                    usdtHeader == null ? null : usdtHeader.toPath(), buildDirectory.toPath().resolve("usdt4j"),
                    compilerArguments, getLog()).build(classes, sources);
        } catch (NativeCompiler.CompileException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: " + e.getMessage(), e);
        }
    }
}
