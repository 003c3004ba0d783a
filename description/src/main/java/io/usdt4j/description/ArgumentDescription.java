// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import java.util.Objects;

/**
 * One argument of a probe: its position, its Java parameter's name and type ({@code javaType}, the
 * qualified name as declared: {@code long}, {@code java.lang.String}, {@code com.example.Phase}), and
 * what a tracer reads of it.
 *
 * @param index its position among the probe's arguments, from 0: the tracer's {@code argN}
 */
public record ArgumentDescription(int index, String name, String javaType, TracerType tracerType) {
    private static final String JAVA_LANG = "java.lang.";

    public ArgumentDescription {
        if (index < 0 || index >= Limits.MAX_ARGUMENTS) {
            throw new IllegalArgumentException("argument index " + index + " is outside 0.."
                    + (Limits.MAX_ARGUMENTS - 1));
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(tracerType, "tracerType");
    }

    /** The type as a reader writes it: {@code long}, {@code String} (java.lang is left out), {@code com.example.Phase}. */
    public String displayType() {
        return javaType.startsWith(JAVA_LANG) && javaType.indexOf('.', JAVA_LANG.length()) < 0
                ? javaType.substring(JAVA_LANG.length()) : javaType;
    }
}
