// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import io.usdt4j.contract.NativeBuild;
import io.usdt4j.contract.Platform;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles one C file of your own that includes usdt4j.h (a JNI library, or a program) for the
 * platform running Maven, exactly as provider libraries are compiled: the same command line
 * ({@link NativeBuild}), probe header and flags. usdt4j's benchmarks build their C this way.
 */
@Mojo(name = "compile-c", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CompileCMojo extends AbstractCompilerMojo {

    /** The C source. */
    @Parameter(required = true)
    private File source;

    /** The library or program to write. */
    @Parameter(required = true)
    private File output;

    /** {@code SHARED_LIBRARY} or {@code EXECUTABLE}. */
    @Parameter(defaultValue = "SHARED_LIBRARY")
    private NativeBuild.Output kind;

    /**
     * The kind of probe site ({@code 1}, or {@code 5} for x86-64's five-byte nop) that the probes
     * are built on (usdt4j.h's {@code USDT4J_NOP_SIZE}); the file is skipped on a platform without
     * such sites. Unset: the default site, and whatever the source chooses itself.
     */
    @Parameter
    private Integer probeSite;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Toolchain toolchain;
        try {
            toolchain = Toolchain.host(compiler());
        } catch (IllegalStateException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage(), e);
        }
        Platform platform = toolchain.platform();
        List<String> flags = new ArrayList<>();
        if (probeSite != null) {
            Platform.SiteKind kind = Platform.SiteKind.of(probeSite);
            if (kind == null) {
                throw new MojoFailureException("usdt4j: <probeSite> is the number of a kind of probe site, 1 or 5, not " + probeSite);
            }
            if (platform.site(kind) == null) {
                getLog().info("usdt4j: skipped " + source + ": " + platform.id() + " has no probe site of kind " + probeSite);
                return;
            }
            flags.add(NativeBuild.siteFlag(kind));
        }
        try {
            NativeCompiler nativeCompiler = nativeCompiler(toolchain);
            NativeCompiler.ProbeHeader header = nativeCompiler.resolveHeader();
            String warnings = nativeCompiler.compile(source.toPath(), output.toPath(), kind, header, flags);
            if (!warnings.isBlank()) {
                getLog().warn("usdt4j: " + compiler() + " warned about " + source + ":\n" + warnings.strip());
            }
            getLog().info("usdt4j: " + platform.id() + ": " + source.getName() + " -> " + output + " (" + compiler()
                    + ", probe header " + header.description() + ")");
        } catch (NativeCompiler.CompileException e) {
            throw new MojoFailureException("usdt4j: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: " + e, e);
        }
    }
}
