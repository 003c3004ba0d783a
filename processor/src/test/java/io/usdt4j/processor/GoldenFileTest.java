// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;
import static io.usdt4j.processor.ProcessorTesting.text;

import com.google.testing.compile.Compilation;
import io.usdt4j.contract.ResourceLayout;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compares the generated Java class and C source of three representative interfaces with the
 * golden files (see {@link Goldens} for how to regenerate them). Every case must also compile,
 * generated code included, without a single warning under {@code -Xlint:all}.
 */
class GoldenFileTest {

    enum Case {
        /** The README's interface: explicit provider and probe names, a String, an is-enabled query. */
        SHOP("shop", "com.example.shop.ShopProbesUsdt", source("com.example.shop.ShopProbes", """
                package com.example.shop;
                import io.usdt4j.Probe;
                import io.usdt4j.UsdtProvider;
                @UsdtProvider("shop")
                public interface ShopProbes {
                    void orderPlaced(long orderId, String sku, int quantity);
                    @Probe("refund") void refundIssued(long orderId, boolean partial);
                    boolean isOrderPlacedEnabled();
                }
                """)),

        /**
         * A nested interface with the default provider name, every argument type, a probe with no
         * arguments, and a default method the generated class must leave alone.
         */
        NESTED("inner_probes", "com.example.kitchen.Outer_InnerProbesUsdt", source("com.example.kitchen.Outer", """
                package com.example.kitchen;
                import io.usdt4j.UsdtProvider;
                public class Outer {
                    @UsdtProvider
                    public interface InnerProbes {
                        void everyType(boolean flag, byte small, short medium, char letter, int count, long big, String text);
                        void tick();
                        default void tickTwice() {
                            tick();
                            tick();
                        }
                        boolean isTickEnabled();
                    }
                }
                """)),

        /**
         * Probes declared partly by superinterfaces: a generic one whose type argument the probe
         * receives (T = String), one of its own superinterfaces, and an is-enabled query of an
         * inherited probe. A superinterface method redeclared by the provider is one probe.
         */
        INHERITED("cache", "com.example.cache.CacheProbesUsdt",
                source("com.example.cache.Lifecycle", """
                        package com.example.cache;
                        import io.usdt4j.Probe;
                        public interface Lifecycle<T> extends Closing {
                            void started(T name, int generation);
                            @Probe("stopped_cleanly") void stopped(boolean clean);
                        }
                        """),
                source("com.example.cache.Closing", """
                        package com.example.cache;
                        public interface Closing {
                            void closing(long pending);
                            void miss(String key);
                        }
                        """),
                source("com.example.cache.CacheProbes", """
                        package com.example.cache;
                        import io.usdt4j.UsdtProvider;
                        @UsdtProvider("cache")
                        public interface CacheProbes extends Lifecycle<String> {
                            void hit(String key, int size);
                            void miss(String key);
                            boolean isStartedEnabled();
                        }
                        """)),

        /** Boxes, CharSequences and enums, each converted by a helper, and a smaller string limit. */
        CONVERSIONS("conversions", "com.example.conv.ConversionProbesUsdt", source("com.example.conv.ConversionProbes", """
                package com.example.conv;
                import io.usdt4j.UsdtProvider;
                import java.util.concurrent.TimeUnit;
                @UsdtProvider(value = "conversions", maxStringBytes = 64)
                public interface ConversionProbes {
                    enum Phase { START, END }
                    void boxed(Boolean flag, Byte b, Short s, Character c, Integer i, Long l);
                    void texts(CharSequence text, StringBuilder builder, Phase phase, TimeUnit unit);
                    void mixed(long id, Integer count, String name);
                }
                """)),

        /**
         * {@code jfr = true}: an event class per probe beside the USDT code, every conversion of a
         * field, a described probe, a probe without arguments and an is-enabled query of both tracers.
         */
        JFR("jfr_shop", "com.example.jfr.JfrProbesUsdt", source("com.example.jfr.JfrProbes", """
                package com.example.jfr;
                import io.usdt4j.Probe;
                import io.usdt4j.UsdtProvider;
                @UsdtProvider(value = "jfr_shop", jfr = true)
                public interface JfrProbes {
                    enum Phase { START, END }
                    /** An order was placed. */
                    void orderPlaced(long orderId, String sku, int quantity);
                    void converted(Integer count, Boolean flag, Character letter, CharSequence text, Phase phase, char c);
                    @Probe("tick") void ticked();
                    boolean isOrderPlacedEnabled();
                }
                """));

        final String provider;
        final String generatedClass;
        final List<JavaFileObject> sources;

        Case(String provider, String generatedClass, JavaFileObject... sources) {
            this.provider = provider;
            this.generatedClass = generatedClass;
            this.sources = List.of(sources);
        }

        String goldenJava() {
            return generatedClass.substring(generatedClass.lastIndexOf('.') + 1) + ".java";
        }

        String goldenC() {
            return provider + ".c";
        }

        Compilation compileWithoutWarnings() {
            Compilation compilation = compile(sources.toArray(JavaFileObject[]::new));
            assertThat(compilation).succeededWithoutWarnings();
            return compilation;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void generatedJavaMatchesGolden(Case c) throws IOException {
        Compilation compilation = c.compileWithoutWarnings();
        assertThat(compilation).generatedSourceFile(c.generatedClass).isNotNull();
        Goldens.assertMatches(c.goldenJava(), text(compilation.generatedSourceFile(c.generatedClass).orElseThrow()));
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void generatedCMatchesGolden(Case c) throws IOException {
        Compilation compilation = c.compileWithoutWarnings();
        String path = ResourceLayout.cSource(c.provider);
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, path).isNotNull();
        Goldens.assertMatches(c.goldenC(), text(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path).orElseThrow()));
    }

    /** The probe description and the bpftrace script beside the library; the JFR settings of the JFR case. */
    @ParameterizedTest
    @EnumSource(Case.class)
    void generatedDescriptionAndScriptMatchGolden(Case c) throws IOException {
        Compilation compilation = c.compileWithoutWarnings();
        List<String> paths = new java.util.ArrayList<>(List.of(ResourceLayout.description(c.provider),
                ResourceLayout.bpftraceScript(c.provider)));
        if (c == Case.JFR) {
            paths.add(ResourceLayout.jfrSettings(c.provider));
        }
        for (String path : paths) {
            assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, path).isNotNull();
            Goldens.assertMatches(path.substring(path.lastIndexOf('/') + 1),
                    text(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path).orElseThrow()));
        }
    }
}
