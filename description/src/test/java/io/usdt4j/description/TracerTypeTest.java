// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TracerTypeTest {
    @Test
    void wireNamesAreUniqueAndRoundTrip() {
        Set<String> names = new HashSet<>();
        for (TracerType type : TracerType.values()) {
            assertTrue(names.add(type.wireName()), type.wireName());
            assertEquals(Optional.of(type), TracerType.ofWireName(type.wireName()));
        }
        assertEquals(Optional.empty(), TracerType.ofWireName("float"));
    }

    /**
     * The native receives each argument as the Java primitive of its size (a string as the
     * {@code long} address of its UTF-8), and the C passes the probe a type of the same size and
     * signedness as the note says.
     */
    @Test
    void nativeParametersMatchWhatTheTracerReads() {
        java.util.Map<Class<?>, Integer> javaBytes = java.util.Map.of(boolean.class, 1, byte.class, 1, short.class, 2,
                char.class, 2, int.class, 4, long.class, 8);
        for (TracerType type : TracerType.values()) {
            JniType jni = type.jniType();
            assertEquals(type.bytes(), javaBytes.get(jni.javaType()), type.name());
            assertEquals(jni.javaType().descriptorString(), jni.descriptor());
            assertEquals("j" + jni.javaType().getName(), jni.cType());
            String c = type.cType();
            if (type == TracerType.STRING) {
                assertEquals("const char *", c);
                assertEquals(JniType.LONG, jni);
            } else {
                assertEquals((type.signed() ? "int" : "uint") + 8 * type.bytes() + "_t", c, type.name());
            }
        }
        assertEquals(JniType.CHAR, TracerType.UINT16.jniType(), "a Java char");
        assertEquals(JniType.BOOLEAN, TracerType.BOOL.jniType(), "a Java boolean");
        assertEquals("uint8_t", TracerType.BOOL.cType());
        assertEquals("J", TracerType.STRING.jniType().descriptor());
    }

    @Test
    void noteSizesGiveIntegers() {
        assertEquals(Optional.of(TracerType.INT32), TracerType.ofNoteSize(-4));
        assertEquals(Optional.of(TracerType.UINT8), TracerType.ofNoteSize(1));
        assertEquals(Optional.of(TracerType.UINT64), TracerType.ofNoteSize(8));
        assertEquals(Optional.of(TracerType.INT64), TracerType.ofNoteSize(-8));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(3));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(0));
        assertEquals(Optional.empty(), TracerType.ofNoteSize(Integer.MIN_VALUE));
        for (TracerType type : TracerType.values()) {
            assertEquals(type.signed() ? -type.bytes() : type.bytes(), type.usdtSize());
        }
    }
}
