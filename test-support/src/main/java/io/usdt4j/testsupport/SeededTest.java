// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A property test: the method, which takes a {@code long} seed, runs once for each of
 * {@link RandomCases#SEEDS} and checks its cases with {@link RandomCases#check}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "seed {0}")
@MethodSource("io.usdt4j.testsupport.RandomCases#seeds")
public @interface SeededTest {}
