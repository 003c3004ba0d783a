// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.description.ArgumentDescription;
import io.usdt4j.description.TracerType;
import org.objectweb.asm.Type;

/**
 * How an instrumented method's probe passes one value (an argument, or its return value): the
 * types a provider takes ({@code boolean}, {@code byte}, {@code short}, {@code char}, {@code int},
 * {@code long}, their boxes, {@code String}, other character sequences, enums) as a generated
 * provider passes them (a null box as 0, a character sequence as UTF-8 of its text, an enum as its
 * name), and every other type by the name of its class, never read. A {@code float} or
 * {@code double} passes the name of its type: tracers read no floating point.
 *
 * <p>Each kind says the type of its parameter in the generated class's methods, which the
 * bootstrap class loader resolves (so an application's own type becomes the JDK type it is an
 * instance of), what the tracer reads, and how the generated class converts it to its native's
 * parameter ({@link HolderClass}).
 */
enum ArgumentKind {
    BOOLEAN(Type.BOOLEAN_TYPE, TracerType.BOOL),
    BYTE(Type.BYTE_TYPE, TracerType.INT8),
    SHORT(Type.SHORT_TYPE, TracerType.INT16),
    CHAR(Type.CHAR_TYPE, TracerType.UINT16),
    INT(Type.INT_TYPE, TracerType.INT32),
    LONG(Type.LONG_TYPE, TracerType.INT64),
    FLOAT(Type.FLOAT_TYPE, TracerType.STRING),
    DOUBLE(Type.DOUBLE_TYPE, TracerType.STRING),
    BOXED_BOOLEAN(Type.getObjectType("java/lang/Boolean"), TracerType.BOOL),
    BOXED_BYTE(Type.getObjectType("java/lang/Byte"), TracerType.INT8),
    BOXED_SHORT(Type.getObjectType("java/lang/Short"), TracerType.INT16),
    BOXED_CHARACTER(Type.getObjectType("java/lang/Character"), TracerType.UINT16),
    BOXED_INTEGER(Type.getObjectType("java/lang/Integer"), TracerType.INT32),
    BOXED_LONG(Type.getObjectType("java/lang/Long"), TracerType.INT64),
    STRING(Type.getObjectType("java/lang/String"), TracerType.STRING),
    CHAR_SEQUENCE(Type.getObjectType("java/lang/CharSequence"), TracerType.STRING),
    ENUM(Type.getObjectType("java/lang/Enum"), TracerType.STRING),
    /** Any other reference: the name of its class. */
    CLASS_NAME(Type.getObjectType("java/lang/Object"), TracerType.STRING);

    /** The type of the generated class's parameter that takes it. */
    final Type helperType;
    final TracerType tracerType;

    ArgumentKind(Type helperType, TracerType tracerType) {
        this.helperType = helperType;
        this.tracerType = tracerType;
    }

    /** What the probe passes of it: its value, or its class's name. */
    ArgumentDescription.Passed passed() {
        return switch (this) {
            case FLOAT, DOUBLE, CLASS_NAME -> ArgumentDescription.Passed.CLASS_NAME;
            case BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, BOXED_BOOLEAN, BOXED_BYTE, BOXED_SHORT, BOXED_CHARACTER,
                    BOXED_INTEGER, BOXED_LONG, STRING, CHAR_SEQUENCE, ENUM -> ArgumentDescription.Passed.VALUE;
        };
    }

    /** Whether the generated class writes it as a string into native memory. */
    boolean isString() {
        return tracerType == TracerType.STRING;
    }

    /** The kind of a value of declared type {@code type}, whose class {@code types} knows. */
    static ArgumentKind of(Type type, TypeInspector types) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> BOOLEAN;
            case Type.BYTE -> BYTE;
            case Type.SHORT -> SHORT;
            case Type.CHAR -> CHAR;
            case Type.INT -> INT;
            case Type.LONG -> LONG;
            case Type.FLOAT -> FLOAT;
            case Type.DOUBLE -> DOUBLE;
            case Type.ARRAY -> CLASS_NAME;
            case Type.OBJECT -> ofClass(type.getInternalName(), types);
            default -> throw new IllegalArgumentException("not the type of a value: " + type);
        };
    }

    private static ArgumentKind ofClass(String internalName, TypeInspector types) {
        for (ArgumentKind kind : values()) {
            if (kind != CLASS_NAME && kind.helperType.getInternalName().equals(internalName)) {
                return kind;
            }
        }
        return switch (types.kind(internalName)) {
            case ENUM -> ENUM;
            case CHAR_SEQUENCE -> CHAR_SEQUENCE;
            case OTHER -> CLASS_NAME;
        };
    }

    /** The type as a description names it: {@code long}, {@code java.lang.String}, {@code int[]}, {@code com.example.Shop$Cart}. */
    static String javaType(Type type) {
        return type.getClassName();
    }
}
