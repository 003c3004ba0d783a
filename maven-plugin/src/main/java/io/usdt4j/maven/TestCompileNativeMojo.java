package io.usdt4j.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the native library of each provider declared in test sources. */
@Mojo(name = "test-compile-native", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public class TestCompileNativeMojo extends AbstractCompileNativeMojo {

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }
}
