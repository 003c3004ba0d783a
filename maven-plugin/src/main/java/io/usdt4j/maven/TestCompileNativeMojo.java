// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the native library of each provider declared in test sources, and removes the files of
 * providers that the test sources no longer declare.
 */
@Mojo(name = "test-compile-native", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public class TestCompileNativeMojo extends AbstractCompileNativeMojo {

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    @Parameter(defaultValue = "${project.testCompileSourceRoots}", readonly = true, required = true)
    private List<String> testCompileSourceRoots;

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }

    @Override
    List<String> sourceRoots() {
        return testCompileSourceRoots;
    }
}
