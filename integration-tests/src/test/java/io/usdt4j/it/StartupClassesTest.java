// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.usdt4j.testsupport.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What initializing a provider loads, in a real JVM ({@link StartupApp}, {@code -Xlog:class+load}):
 * none of the JDK machinery that made a provider cost several times a JVM's own start-up. Classes,
 * not times: which classes load is exact, a wall-clock threshold is not (docs/benchmarks.md has
 * the start-up benchmark).
 */
class StartupClassesTest {
    /** Packages that a provider whose library loads must not bring into a JVM. */
    private static final List<String> FORBIDDEN = List.of(
            "java.util.stream.", "java.util.logging.", "sun.util.logging.", "jdk.internal.logger.",
            "java.util.regex.", "java.security.MessageDigest", "sun.security.provider.", "sun.security.jca.",
            "java.lang.invoke.StringConcatFactory",
            "java.lang.runtime.ObjectMethods", "java.net.JarURLConnection");

    @TempDir
    Path temp;

    @Test
    void aProviderLoadsNoLambdasStreamsRegexLoggingOrDigests() throws Exception {
        List<String> loaded = classesLoadedByTheProvider(List.of());
        List<String> forbidden = new ArrayList<>();
        for (String name : loaded) {
            for (String prefix : FORBIDDEN) {
                if (name.startsWith(prefix)) {
                    forbidden.add(name);
                }
            }
        }
        assertEquals(List.of(), forbidden, "loaded while the provider initialized: " + loaded);
    }

    /**
     * No method handle is spun (no LambdaForm, no lambda, nothing of ASM or the class-file API
     * that spins them). From JDK 22 on semaphores are read through java.lang.foreign, whose own
     * first use spins method handles once per JVM (jdk.internal.foreign.Utils): that is the JDK's
     * cost, and the only one allowed, so nothing may be spun before java.lang.foreign loads
     * (docs/benchmarks-findings.md, Start-up).
     */
    @Test
    void noMethodHandleIsSpunButJavaLangForeignsOwn() throws Exception {
        List<String> loaded = classesLoadedByTheProvider(List.of());
        int foreign = 0;
        while (foreign < loaded.size() && !loaded.get(foreign).startsWith("java.lang.foreign.")) {
            foreign++;
        }
        if (Runtime.version().feature() >= 22) {
            assertTrue(foreign < loaded.size(), "semaphores read through java.lang.foreign: " + loaded);
        }
        List<String> spun = loaded.subList(0, foreign).stream().filter(name -> name.startsWith("java.lang.invoke.LambdaForm$")
                || name.contains("$$Lambda") || name.equals("java.lang.invoke.LambdaMetafactory")
                || name.startsWith("jdk.internal.org.objectweb.asm.")
                || name.startsWith("java.lang.classfile.") || name.startsWith("jdk.internal.classfile.")).toList();
        assertEquals(List.of(), spun, "spun while the provider initialized: " + loaded);
        assertTrue(loaded.contains("io.usdt4j.internal.ProviderBinding"), "the provider was initialized: " + loaded);
    }

    /**
     * The native memory for string arguments is made at a provider's first traced fire of one,
     * not before: an untraced JVM loads none of its classes (and so allocates none of it).
     */
    @Test
    void stringMemoryWaitsForTheFirstTracedFire() throws Exception {
        List<String> loaded = classesLoadedByTheProvider(List.of());
        List<String> scratch = loaded.stream().filter(name -> name.startsWith("io.usdt4j.internal.")
                && (name.contains("Scratch"))).toList();
        assertEquals(List.of(), scratch, "loaded while nothing was traced: " + loaded);
    }

    /** A warning is the one time logging may load: then it does, and says what happened. */
    @Test
    void aWarningLoadsLoggingAndIsLogged() throws Exception {
        Processes.Result result = run(List.of("-Dusdt4j.disable=true"));
        assertTrue(result.output().contains("usdt4j: probes of provider 'usdt4j_ops' are disabled and do nothing"),
                result.output());
        assertTrue(classesFrom(result.output()).stream().anyMatch(name -> name.startsWith("java.util.logging.")),
                result.output());
    }

    /** The classes the JVM loaded from the provider class's own loading on, in order. */
    private List<String> classesLoadedByTheProvider(List<String> options) throws Exception {
        Processes.Result result = run(options);
        assertEquals(0, result.exitCode(), result.output());
        List<String> all = classesFrom(result.output());
        int start = all.indexOf(OpsProbesUsdt.class.getName());
        assertTrue(start >= 0, "the provider class was loaded: " + result.output());
        assertTrue(!result.output().contains("WARNING"), "the library loaded: " + result.output());
        return all.subList(start, all.size());
    }

    private Processes.Result run(List<String> options) throws Exception {
        List<String> jvm = new ArrayList<>(options);
        jvm.add("-Dusdt4j.dir=" + temp.resolve("libs"));
        jvm.add("-Xlog:class+load=info:stdout:uptime,level,tags");
        // A first run extracts the library; the second, measured, loads it as every later JVM does.
        Processes.execute(Processes.PATIENCE, command(options));
        return Processes.execute(Processes.PATIENCE, command(jvm));
    }

    private List<String> command(List<String> options) {
        List<String> jvm = new ArrayList<>(options);
        if (Runtime.version().feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        if (!options.stream().anyMatch(o -> o.startsWith("-Dusdt4j.dir="))) {
            jvm.add("-Dusdt4j.dir=" + temp.resolve("libs"));
        }
        return Processes.javaCommand(jvm, List.of(Processes.classPathEntry(StartupApp.class),
                Processes.classPathEntry(io.usdt4j.Usdt.class)), StartupApp.class.getName(), List.of());
    }

    /** {@code [0.041s][info][class,load] java.lang.Foo source: ...} gives {@code java.lang.Foo}. */
    private static List<String> classesFrom(String log) {
        List<String> names = new ArrayList<>();
        for (String line : log.lines().toList()) {
            int tag = line.indexOf("[class,load] ");
            if (tag >= 0) {
                String rest = line.substring(tag + "[class,load] ".length());
                int space = rest.indexOf(' ');
                names.add(space < 0 ? rest : rest.substring(0, space));
            }
        }
        return names;
    }
}
