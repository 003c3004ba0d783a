// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer in {@code src/javac-consumer} built by Gradle with the processor alone: Debian 12's
 * {@code gradle} package, Gradle 4.4.1, the only Gradle that can be installed here. It predates the
 * {@code annotationProcessor} configuration (Gradle 4.6) and reads no Kotlin DSL, so the build is
 * Groovy and sets {@code options.annotationProcessorPath}; the processor jar is the one dependency
 * on that path. No C compiler on its PATH. Its jar carries every platform's library, runs, and
 * bpftrace traces it.
 */
class GradleBuildTest {
    @TempDir
    static Path project;

    private static Path jar;

    @BeforeAll
    static void buildWithGradle() throws Exception {
        TracerRequirement.requireTool("gradle", "gradle");
        Path gradle = Path.of(Processes.run("sh", "-c", "command -v gradle").strip()).toRealPath();
        Directories.copy(PlainConsumer.SOURCES, project.resolve("src/main/java"));
        Files.writeString(project.resolve("settings.gradle"), "rootProject.name = 'plain'\n");
        Files.writeString(project.resolve("build.gradle"), """
                apply plugin: 'java'

                configurations {
                    usdt4jProcessor
                }

                dependencies {
                    compile files('%s')
                    usdt4jProcessor files('%s')
                }

                compileJava {
                    options.annotationProcessorPath = configurations.usdt4jProcessor
                    options.compilerArgs += ['--release', '17']
                }
                """.formatted(ProviderBuild.runtimeClasses(), PlainConsumer.processorJar()));
        Path jdk = Path.of(System.getProperty("java.home"));
        ProcessBuilder builder = new ProcessBuilder(gradle.toString(), "--no-daemon", "--offline", "--quiet",
                "--gradle-user-home", project.resolve(".gradle-home").toString(), "jar").directory(project.toFile());
        builder.environment().put("JAVA_HOME", jdk.toString());
        // The JDK and every tool of /usr/bin that Debian's gradle script may use, but no C compiler.
        PlainConsumer.run(builder, jdk.resolve("bin") + ":" + PlainConsumer.toolsWithoutACompiler(project.resolve(".tools")));
        jar = project.resolve("build/libs/plain.jar");
        assertTrue(Files.isRegularFile(jar), "gradle jar made no " + jar);
    }

    @Test
    void theJarCarriesEveryPlatformsLibraryAndItsDigest() throws Exception {
        PlainConsumer.assertCarriesEveryLibrary(jar);
    }

    @Test
    void theJarRunsAndBpftraceTracesIt() throws Exception {
        PlainConsumer.runAndTrace(jar, project.resolve("extracted"));
    }
}
