// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the native library of each provider in the main classes, so that it ships in the jar,
 * and removes the files of providers that the main sources no longer declare.
 */
@Mojo(name = "compile-native", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CompileNativeMojo extends AbstractCompileNativeMojo {

    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    @Parameter(defaultValue = "${project.compileSourceRoots}", readonly = true, required = true)
    private List<String> compileSourceRoots;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    List<String> sourceRoots() {
        return compileSourceRoots;
    }
}
