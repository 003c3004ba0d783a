// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's jar seals {@code io.usdt4j.internal} and {@code io.usdt4j.contract}: a class of
 * another jar on the class path cannot join either package, whichever is loaded first. A real
 * JVM, the runtime's jar and an intruder's jar.
 */
class SealedRuntimeTest {
    /** A class of each package in the runtime's jar. */
    private static final List<String> RUNTIME_CLASSES = List.of("io.usdt4j.internal.ProviderBinding", "io.usdt4j.contract.UsdtNames");

    @ParameterizedTest
    @ValueSource(strings = {"io.usdt4j.internal", "io.usdt4j.contract"})
    void noClassOfAnotherJarJoinsASealedPackage(String pkg, @TempDir Path temp) throws Exception {
        Path runtime = ProviderBuild.runtimeClasses();
        assertTrue(runtime.toString().endsWith(".jar"), "the runtime should be its jar in this build: " + runtime);
        try (JarFile jar = new JarFile(runtime.toFile())) {
            Attributes sealed = jar.getManifest().getAttributes(pkg.replace('.', '/') + "/");
            assertEquals("true", sealed == null ? null : sealed.getValue(Attributes.Name.SEALED), jar.getManifest().getEntries().keySet()
                    .toString());
        }
        String runtimeClass = RUNTIME_CLASSES.stream().filter(c -> c.startsWith(pkg + ".")).findFirst().orElseThrow();
        Path intruder = jar(temp, compile(temp, pkg + ".Intruder", """
                package %1$s;

                public final class Intruder {
                    public static void main(String[] args) throws Exception {
                        System.out.println("intruder loaded");
                        Class.forName("%2$s", false, Intruder.class.getClassLoader());
                        System.out.println("joined %1$s");
                    }
                }
                """.formatted(pkg, runtimeClass)), compile(temp, "Loader", """
                public final class Loader {
                    public static void main(String[] args) throws Exception {
                        Class.forName("%1$s", false, Loader.class.getClassLoader());
                        System.out.println("runtime loaded");
                        Class.forName("%2$s.Intruder", false, Loader.class.getClassLoader());
                        System.out.println("joined %2$s");
                    }
                }
                """.formatted(runtimeClass, pkg)));
        String classPath = runtime + java.io.File.pathSeparator + intruder;

        // The runtime's class first: the intruder's cannot join its sealed package.
        Processes.Result runtimeFirst = Processes.execute(Processes.PATIENCE, List.of(Processes.java(), "-cp", classPath, "Loader"));
        assertNotEquals(0, runtimeFirst.exitCode(), runtimeFirst.output());
        assertTrue(runtimeFirst.output().contains("runtime loaded")
                && runtimeFirst.output().contains("java.lang.SecurityException: sealing violation: package " + pkg + " is sealed")
                && !runtimeFirst.output().contains("joined"), runtimeFirst.output());

        // The intruder first: the runtime's class cannot then seal the package the intruder opened.
        Processes.Result intruderFirst = Processes.execute(Processes.PATIENCE, List.of(Processes.java(), "-cp", classPath,
                pkg + ".Intruder"));
        assertNotEquals(0, intruderFirst.exitCode(), intruderFirst.output());
        assertTrue(intruderFirst.output().contains("intruder loaded")
                && intruderFirst.output().contains("java.lang.SecurityException: sealing violation: can't seal package " + pkg)
                && !intruderFirst.output().contains("joined"), intruderFirst.output());

        // Without the intruder, the same loader loads the runtime's class: the violation is the intruder's alone.
        Processes.Result alone = Processes.execute(Processes.PATIENCE, List.of(Processes.java(), "-cp", runtime + java.io.File.pathSeparator
                + temp.resolve("classes"), "Loader"));
        assertTrue(alone.output().contains("runtime loaded") && alone.output().contains("ClassNotFoundException"), alone.output());
    }

    /** Compiles {@code source}, the class {@code name}, into {@code temp}/classes; returns the class files' paths there. */
    private static List<Path> compile(Path temp, String name, String source) throws IOException {
        Path file = temp.resolve("sources").resolve(name.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString());
        assertEquals(0, status, "javac " + file);
        return List.of(classes.resolve(name.replace('.', '/') + ".class"));
    }

    /** A jar of the intruder's class (no manifest sections: nothing sealed) and the loader kept apart in its own directory. */
    private static Path jar(Path temp, List<Path> intruder, List<Path> loader) throws IOException {
        Path classes = temp.resolve("classes");
        Path jar = temp.resolve("intruder.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
            List<Path> files = new ArrayList<>(intruder);
            files.addAll(loader);
            for (Path file : files) {
                entries.putNextEntry(new ZipEntry(classes.relativize(file).toString()));
                entries.write(Files.readAllBytes(file));
                entries.closeEntry();
            }
        }
        for (Path file : intruder) { // the intruder's class only in its jar
            Files.delete(file);
        }
        try (Stream<Path> left = Files.list(classes)) {
            assertTrue(left.anyMatch(p -> p.getFileName().toString().equals("Loader.class")));
        }
        return jar;
    }
}
