package io.usdt4j.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Builds the native library of each provider in the main classes, so that it ships in the jar. */
@Mojo(name = "compile-native", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CompileNativeMojo extends AbstractCompileNativeMojo {

    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }
}
