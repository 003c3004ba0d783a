// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.usdt4j.contract.Limits;
import io.usdt4j.testsupport.ProbeNote;
import io.usdt4j.contract.ResourceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style: a few hundred random valid providers (random names, argument types and arities,
 * explicit and derived probe names, queries, default methods, string limits) all compile without
 * a warning, generated code included, in one javac run; a sample of them builds into libraries
 * whose {@code readelf -n} notes are exactly the declared probes and argument sizes.
 *
 * <p>The seed is fixed so a failure reproduces; {@code -Dusdt4j.seed=N} tries another.
 */
class RandomProvidersTest {
    private static final int PROVIDERS = 300;
    private static final int LIBRARIES = 20;

    /** Every supported parameter type and the size its note records (negative: signed). */
    private static final Map<String, Integer> TYPES = new LinkedHashMap<>();
    static {
        TYPES.put("boolean", 1);
        TYPES.put("byte", -1);
        TYPES.put("short", -2);
        TYPES.put("char", 2);
        TYPES.put("int", -4);
        TYPES.put("long", -8);
        TYPES.put("Boolean", 1);
        TYPES.put("Byte", -1);
        TYPES.put("Short", -2);
        TYPES.put("Character", 2);
        TYPES.put("Integer", -4);
        TYPES.put("Long", -8);
        TYPES.put("String", 8);
        TYPES.put("CharSequence", 8);
        TYPES.put("StringBuilder", 8);
        TYPES.put("java.util.concurrent.TimeUnit", 8);
        TYPES.put("Kind", 8); // an enum nested in the provider
    }

    /** Parameter names that once broke the generated code, mixed in with random ones. */
    private static final List<String> TRICKY_NAMES = List.of("Utf8", "ProviderBinding", "java", "io", "SEMAPHORES",
            "BINDING", "INSTANCE", "value", "MethodHandles", "ByteBuffer", "com", "gen");

    /** Probe names that are macros or keywords in C. */
    private static final List<String> C_NAMES = List.of("linux", "unix", "errno", "stdin", "int", "EOF");

    /** Methods of Object: a probe of one of these names is an error or no probe at all. */
    private static final Set<String> OBJECT_METHODS = Set.of("clone", "finalize", "equals", "hashCode", "toString",
            "getClass", "notify", "notifyAll", "wait");

    record Provider(String packageName, String interfaceName, String provider, Map<String, List<Integer>> sizesByProbe,
                    JavaFileObject source) {}

    @Test
    void randomValidProvidersCompileAndTheirNotesMatch(@TempDir Path work) throws Exception {
        long seed = Long.getLong("usdt4j.seed", 20261125L);
        System.out.println("RandomProvidersTest seed " + seed);
        Random random = new Random(seed);
        List<Provider> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(provider(random, i));
        }
        long start = System.nanoTime();
        Compilation compilation = compile(providers.stream().map(Provider::source).toArray(JavaFileObject[]::new));
        assertThat(compilation).succeededWithoutWarnings();
        System.out.printf("RandomProvidersTest: %d providers compiled in %d ms%n", PROVIDERS, (System.nanoTime() - start) / 1_000_000);

        for (int i = 0; i < PROVIDERS; i += PROVIDERS / LIBRARIES) {
            Provider p = providers.get(i);
            Path directory = Files.createDirectories(work.resolve(p.provider()));
            Path c = directory.resolve(p.provider() + ".c");
            Files.writeString(c, text(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                    ResourceLayout.cSource(p.provider())).orElseThrow()));
            Path library = GoldenCLibraryTest.build(directory, c, p.provider());
            Map<String, List<Integer>> noted = new TreeMap<>();
            for (ProbeNote note : ProbeNote.read(library)) {
                assertEquals(p.provider(), note.provider(), note::toString);
                noted.put(note.name(), note.argumentSizes());
            }
            assertEquals(new TreeMap<>(p.sizesByProbe()), noted, () -> "notes of " + p.source().getName() + ":\n" + text(p.source()));
        }
    }

    private static Provider provider(Random random, int index) {
        String packageName = "gen.p" + index;
        String interfaceName = "Probes" + index;
        String provider = "p" + index + "_" + word(random);
        int maxStringBytes = 1 + random.nextInt(Limits.MAX_STRING_BYTES);
        StringBuilder body = new StringBuilder("    enum Kind { A, B }\n");
        Map<String, List<Integer>> sizesByProbe = new LinkedHashMap<>();
        Set<String> methodNames = new HashSet<>();
        int probes = 1 + random.nextInt(6);
        while (sizesByProbe.size() < probes) {
            List<String> words = new ArrayList<>();
            for (int w = 1 + random.nextInt(3); w > 0; w--) {
                // Two letters at least: "ttCH" would be tt_ch, an acronym, not tt_c_h.
                words.add(word(random) + (char) ('a' + random.nextInt(26)));
            }
            String method = words.get(0) + words.subList(1, words.size()).stream()
                    .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
            String probe = random.nextInt(4) == 0
                    ? (random.nextBoolean() ? C_NAMES.get(random.nextInt(C_NAMES.size())) : word(random) + "_" + random.nextInt(100))
                    : String.join("_", words);
            if (SourceVersion.isKeyword(method) || OBJECT_METHODS.contains(method) || !methodNames.add(method)
                    || sizesByProbe.containsKey(probe)) {
                continue;
            }
            List<Integer> sizes = new ArrayList<>();
            List<String> parameters = new ArrayList<>();
            Set<String> parameterNames = new HashSet<>();
            int arity = random.nextInt(Limits.MAX_ARGUMENTS + 1);
            List<String> types = new ArrayList<>(TYPES.keySet());
            while (parameters.size() < arity) {
                String name = random.nextInt(5) == 0 ? TRICKY_NAMES.get(random.nextInt(TRICKY_NAMES.size())) : word(random);
                if (SourceVersion.isKeyword(name) || !parameterNames.add(name)) {
                    continue;
                }
                String type = types.get(random.nextInt(types.size()));
                parameters.add(type + " " + name);
                sizes.add(TYPES.get(type));
            }
            boolean explicit = !probe.equals(String.join("_", words));
            body.append("    ").append(explicit ? "@io.usdt4j.Probe(\"" + probe + "\") " : "")
                    .append("void ").append(method).append('(').append(String.join(", ", parameters)).append(");\n");
            if (random.nextInt(3) == 0) {
                body.append("    boolean ").append(Names.enabledQueryName(method)).append("();\n");
            }
            if (random.nextInt(5) == 0 && parameters.isEmpty()) {
                body.append("    default void ").append(method).append("Twice() { ").append(method).append("(); ")
                        .append(method).append("(); }\n");
            }
            sizesByProbe.put(probe, sizes);
        }
        JavaFileObject source = source(packageName + "." + interfaceName, """
                package %s;
                @io.usdt4j.UsdtProvider(value = "%s", maxStringBytes = %d)
                public interface %s {
                %s}
                """.formatted(packageName, provider, maxStringBytes, interfaceName, body));
        return new Provider(packageName, interfaceName, provider, sizesByProbe, source);
    }

    /** A lowercase word of one to six letters. */
    private static String word(Random random) {
        int length = 1 + random.nextInt(6);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
