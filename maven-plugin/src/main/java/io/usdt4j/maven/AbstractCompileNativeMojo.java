package io.usdt4j.maven;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Compiles every provider source in a class output directory into its shared library. */
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
        PlatformId platform = PlatformId.host();
        if (!platform.isLinux()) {
            getLog().warn("usdt4j: not compiling " + sources.size() + " provider librar" + (sources.size() == 1 ? "y" : "ies")
                    + ": USDT needs Linux and this is " + platform.id()
                    + ". The jar carries no library for this platform; its probes will be no-ops there.");
            return;
        }
        try {
            NativeCompiler nativeCompiler = new NativeCompiler(compiler, javaHome.toPath(),
                    usdtHeader == null ? null : usdtHeader.toPath(), buildDirectory.toPath().resolve("usdt4j"),
                    compilerArguments);
            NativeCompiler.Backend backend = nativeCompiler.resolveBackend();
            getLog().info("usdt4j: probe header " + backend.description());
            for (Path source : sources) {
                String provider = NativeCompiler.providerName(source);
                Path library = classes.resolve(ResourceLayout.library(platform, provider));
                String warnings = nativeCompiler.compile(source, library, backend, platform);
                if (!warnings.isBlank()) {
                    getLog().warn("usdt4j: " + compiler + " warned about " + source + ":\n" + warnings.strip());
                }
                getLog().info("usdt4j: provider '" + provider + "' -> " + classes.relativize(library));
            }
        } catch (NativeCompiler.CompileException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: " + e.getMessage(), e);
        }
    }
}
