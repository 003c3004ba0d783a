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
}
