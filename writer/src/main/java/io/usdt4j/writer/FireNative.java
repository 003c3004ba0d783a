// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.contract.NativeContract;
import io.usdt4j.description.TracerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java signature of a probe's native, {@code fire$<probe>}, as a Java-written library binds it:
 * each argument is the Java primitive of its {@link TracerType}'s size, a string the {@code long}
 * address of the NUL-terminated UTF-8 that Java wrote (0 for null). The generated class declares
 * its natives with these types, so that {@code RegisterNatives} finds each one.
 */
public final class FireNative {
    private FireNative() {}

    /**
     * The Java type of a fire native's parameter for an argument a tracer reads as {@code type}.
     *
     * @param type what the tracer reads
     * @return {@code boolean.class} for {@link TracerType#BOOL}, {@code long.class} for a string's address
     */
    public static Class<?> parameterType(TracerType type) {
        return type.jniType().javaType();
    }

    /**
     * The JNI descriptor of {@link #parameterType}.
     *
     * @param type what the tracer reads
     * @return {@code J} for a string's address
     */
    public static String parameterDescriptor(TracerType type) {
        return type.jniType().descriptor();
    }

    /**
     * The JNI descriptor of a fire native.
     *
     * @param arguments what a tracer reads of each argument, in order
     * @return {@code (JJI)V}
     */
    public static String descriptor(List<TracerType> arguments) {
        List<String> descriptors = new ArrayList<>(arguments.size());
        for (TracerType argument : arguments) {
            descriptors.add(parameterDescriptor(argument));
        }
        return NativeContract.fireDescriptor(descriptors);
    }
}
