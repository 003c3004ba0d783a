// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal that runs the C compiler is configured with, and the {@link NativeCompiler} it makes of it. */
abstract class AbstractCompilerMojo extends AbstractMojo {

    /** The C compiler command for the platform running Maven. */
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

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** The configured compiler command. */
    String compiler() {
        return compiler;
    }

    /** Where usdt4j.h is written for the compiler, and its other files go. */
    Path workDirectory() {
        return buildDirectory.toPath().resolve("usdt4j");
    }

    /** How long one compiler run may take; a {@link MojoFailureException} unless configured positive. */
    Duration compilerTimeout() throws MojoFailureException {
        if (compilerTimeoutSeconds <= 0) {
            throw new MojoFailureException("usdt4j: compilerTimeoutSeconds (-Dusdt4j.compilerTimeout) must be a positive"
                    + " number of seconds, not " + compilerTimeoutSeconds);
        }
        return Duration.ofSeconds(compilerTimeoutSeconds);
    }

    /** A compiler for {@code toolchain}'s platform, as configured. */
    NativeCompiler nativeCompiler(Toolchain toolchain) throws MojoFailureException, IOException {
        return new NativeCompiler(toolchain, javaHome.toPath(), usdtHeader(), workDirectory(), compilerArguments, compilerTimeout());
    }

    /** The configured usdt.h, or null. */
    Path usdtHeader() {
        return usdtHeader == null ? null : usdtHeader.toPath();
    }

    Path javaHome() {
        return javaHome.toPath();
    }

    List<String> compilerArguments() {
        return compilerArguments;
    }
}
