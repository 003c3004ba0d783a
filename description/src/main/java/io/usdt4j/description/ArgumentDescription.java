// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import java.util.Objects;

/**
 * One argument of a probe: its position, its Java parameter's name and type ({@code javaType}, the
 * qualified name as declared: {@code long}, {@code java.lang.String}, {@code com.example.Phase}), what
 * a tracer reads of it, and whether that is its value or only its class's name.
 *
 * @param index its position among the probe's arguments, from 0: the tracer's {@code argN}
 * @param passed what the probe passes of it: its value, or (an argument of the agent's of a type
 *     no provider takes) the name of its class
 */
public record ArgumentDescription(int index, String name, String javaType, TracerType tracerType, Passed passed) {
    private static final String JAVA_LANG = "java.lang.";

    /** What a probe passes of an argument. */
    public enum Passed {
        /** Its value, as a generated provider passes a parameter of its type. */
        VALUE,
        /**
         * The binary name of its class ({@code java.util.ArrayList}, {@code [I}), 0 for null, as a
         * {@link TracerType#STRING}: the agent's probes name an argument of a type no provider
         * takes rather than read it.
         */
        CLASS_NAME
    }

    /** An argument whose value the probe passes. */
    public ArgumentDescription(int index, String name, String javaType, TracerType tracerType) {
        this(index, name, javaType, tracerType, Passed.VALUE);
    }

    public ArgumentDescription {
        if (index < 0 || index >= Limits.MAX_ARGUMENTS) {
            throw new IllegalArgumentException("argument index " + index + " is outside 0.."
                    + (Limits.MAX_ARGUMENTS - 1));
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(tracerType, "tracerType");
        Objects.requireNonNull(passed, "passed");
        if (passed == Passed.CLASS_NAME && tracerType != TracerType.STRING) {
            throw new IllegalArgumentException("argument " + index + " passes its class's name, which is a string, not "
                    + tracerType.wireName());
        }
    }

    /** The type as a reader writes it: {@code long}, {@code String} (java.lang is left out), {@code com.example.Phase}. */
    public String displayType() {
        return javaType.startsWith(JAVA_LANG) && javaType.indexOf('.', JAVA_LANG.length()) < 0
                ? javaType.substring(JAVA_LANG.length()) : javaType;
    }
}
