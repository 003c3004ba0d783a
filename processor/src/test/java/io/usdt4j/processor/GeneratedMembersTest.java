// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static io.usdt4j.processor.ProcessorTesting.compileValid;
import static io.usdt4j.processor.ProcessorTesting.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.contract.GeneratedNames;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The members usdt4j adds to a generated class are exactly those {@link GeneratedNames#describeMembers()}
 * lists, which the {@code dollar-in-method-name} message gives: a provider that uses every kind
 * of member is compiled, loaded, and its class's own members compared with the list.
 */
class GeneratedMembersTest {

    @Test
    void theDollarMessageListsEveryMemberOfTheGeneratedClass(@TempDir Path classes) throws Exception {
        ProcessorTesting.Compiled compiled = compileValid(source("com.example.Probes", """
                package com.example;
                @io.usdt4j.UsdtProvider(jfr = true)
                public interface Probes {
                    enum Phase { START }
                    void fired(int count, Integer boxed, Boolean flag, String text, CharSequence chars, Phase phase);
                    void other();
                    boolean isFiredEnabled();
                }
                """));
        Set<String> probes = compiled.model().probes().stream().map(ProbeModel::name).collect(Collectors.toSet());
        Set<String> added = new TreeSet<>();
        try (URLClassLoader loader = compiled.load(classes)) {
            Class<?> generated = loader.loadClass("com.example.ProbesUsdt");
            Set<String> implemented = Stream.of(loader.loadClass("com.example.Probes").getMethods())
                    .map(Method::getName).collect(Collectors.toSet());
            for (Field field : generated.getDeclaredFields()) {
                added.add(described(field.getName(), probes));
            }
            for (Method method : generated.getDeclaredMethods()) {
                if (!method.isSynthetic() && !implemented.contains(method.getName())) {
                    added.add(described(method.getName(), probes));
                }
            }
            for (Class<?> nested : generated.getDeclaredClasses()) {
                added.add(nested.getSimpleName());
            }
        }
        String message = Message.DOLLAR_IN_METHOD_NAME.format("Probes.fired$()");
        String list = message.substring(message.indexOf('(', message.indexOf("with $")) + 1, message.indexOf("), so"));
        assertEquals(added, new TreeSet<>(List.of(list.split(", "))), message);
    }

    /** {@code semaphore$fired} is described as {@code semaphore$<probe>}. */
    private static String described(String member, Set<String> probes) {
        int marker = member.indexOf(GeneratedNames.MEMBER_MARKER);
        if (marker >= 0 && probes.contains(member.substring(marker + 1))) {
            return member.substring(0, marker + 1) + "<probe>";
        }
        return member;
    }
}
