// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.contract.PlatformId;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.testsupport.Directories;
import io.usdt4j.testsupport.Driver;
import io.usdt4j.testsupport.Processes;
import io.usdt4j.writer.LibraryWriter;
import io.usdt4j.contract.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provider in {@code src/writer-consumer} ({@code usdt4j_numbers}: every argument type but
 * strings), compiled by javac with this reactor's processor, twice over: once with its libraries
 * built by gcc from the generated C source, as the plugin builds them, once with libraries that
 * {@link LibraryWriter} wrote from its description. Both for linux-x86_64 and, where the cross
 * compiler is installed, linux-aarch64.
 */
record WriterConsumerBuild(Path gccClasses, Path javaClasses, List<Platform> gccPlatforms) {
    static final Path SOURCES = Path.of("src", "writer-consumer").toAbsolutePath();
    static final String PROVIDER = "usdt4j_numbers";
    static final String MAIN = "com.example.numbers.NumbersApp";

    static WriterConsumerBuild build(Path directory) throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        Path classes = ConsumerBuild.compile(directory.resolve("classes"), sources, List.of("-cp",
                Processes.classPath(List.of(ProviderBuild.runtimeClasses(), Processes.classPathEntry(Driver.class)))), PROVIDER);
        Path gcc = Directories.copy(classes, directory.resolve("gcc"));
        Path java = Directories.copy(classes, directory.resolve("java"));

        List<Platform> gccPlatforms = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            if (Backend.C.buildLibrary(gcc, PROVIDER, platform, directory.resolve("native-work"))) {
                gccPlatforms.add(platform);
            }
            Backend.JAVA.buildLibrary(java, PROVIDER, platform, directory.resolve("native-work"));
        }
        return new WriterConsumerBuild(gcc, java, List.copyOf(gccPlatforms));
    }

    Path library(String backend, Platform platform) {
        return classes(backend).resolve(ResourceLayout.library(PlatformId.of(platform), PROVIDER));
    }

    Path classes(String backend) {
        return switch (backend) {
            case "gcc" -> gccClasses;
            case "java" -> javaClasses;
            default -> throw new IllegalArgumentException(backend);
        };
    }

    /** {@code java} running the app on {@code backend}'s classes, extracting into {@code usdt4jDir}. */
    List<String> command(String java, String backend, Path usdt4jDir, List<String> options) {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dusdt4j.dir=" + usdt4jDir));
        command.addAll(options);
        command.addAll(List.of("-cp", Processes.classPath(List.of(classes(backend), ProviderBuild.runtimeClasses(),
                Processes.classPathEntry(Driver.class))), MAIN));
        return command;
    }
}
