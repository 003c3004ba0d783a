// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.usdt4j.processor.ProcessorTesting.compile;
import static io.usdt4j.processor.ProcessorTesting.source;

import org.junit.jupiter.api.Test;

/** The generated probe methods keep the interface's parameter names, so those must not hide its fields. */
class ParameterNamesTest {

    @Test
    void parametersNamedLikeTheGeneratedFieldsCompile() {
        assertThat(compile(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    void fired(int SEMAPHORES, long BINDING, String semaphore$fired, boolean INSTANCE);
                    boolean isFiredEnabled();
                }
                """))).succeededWithoutWarnings();
    }

    /** Names of the types and packages the generated class uses, and of the class itself. */
    @Test
    void parametersNamedLikeTheTypesAndPackagesTheGeneratedClassUsesCompile() {
        assertThat(compile(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    void fired(String Utf8, int ProviderBinding, long ProbesUsdt, CharSequence java, Thread.State io,
                               Integer MethodHandles, String ByteBuffer, int com);
                    void other(String Utf8);
                    boolean isFiredEnabled();
                }
                """))).succeededWithoutWarnings();
    }

    /** The generated class inherits the interface's member types, which would hide imported ones. */
    @Test
    void memberTypesNamedLikeTheTypesTheGeneratedClassUsesCompile() {
        assertThat(compile(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider
                public interface Probes {
                    class Utf8 {}
                    interface ProviderBinding {}
                    enum ByteBuffer { A }
                    class MethodHandles {}
                    void fired(String text, ByteBuffer buffer);
                }
                """))).succeededWithoutWarnings();
    }
}
