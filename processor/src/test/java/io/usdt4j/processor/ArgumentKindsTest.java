// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.description.TracerType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.type.TypeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The facts each {@link ArgumentType} carries, kind by kind, without javac: the table below has a
 * row for every kind, so a new kind is not done until its facts are written down here.
 */
class ArgumentKindsTest {
    /** A provider of limit 7, for the conversions that depend on the limit. */
    static final ProviderModel MODEL = new ProviderModel(null, ClassName.get("com.example", "Probes"),
            ClassName.get("com.example", "ProbesUsdt"), "probes", 7, List.of(), List.of(), Set.of(),
            new ProviderModel.Origin(true, null), false);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // kind                      | JNI     | tracer | to native      | JFR field | JFR value                          | name
            "PrimitiveType.BOOLEAN       | BOOLEAN | BOOL   | x              | boolean   | x                                  | boolean",
            "PrimitiveType.BYTE          | BYTE    | INT8   | x              | byte      | x                                  | byte",
            "PrimitiveType.SHORT         | SHORT   | INT16  | x              | short     | x                                  | short",
            "PrimitiveType.CHAR          | CHAR    | UINT16 | x              | char      | x                                  | char",
            "PrimitiveType.INT           | INT     | INT32  | x              | int       | x                                  | int",
            "PrimitiveType.LONG          | LONG    | INT64  | x              | long      | x                                  | long",
            "BoxedType.BOOLEAN           | BOOLEAN | BOOL   | unbox$(x)      | boolean   | x != null && x                     | Boolean",
            "BoxedType.BYTE              | BYTE    | INT8   | unbox$(x)      | byte      | x == null ? 0 : x                  | Byte",
            "BoxedType.SHORT             | SHORT   | INT16  | unbox$(x)      | short     | x == null ? 0 : x                  | Short",
            "BoxedType.CHAR              | CHAR    | UINT16 | unbox$(x)      | char      | x == null ? 0 : x                  | Character",
            "BoxedType.INT               | INT     | INT32  | unbox$(x)      | int       | x == null ? 0 : x                  | Integer",
            "BoxedType.LONG              | LONG    | INT64  | unbox$(x)      | long      | x == null ? 0 : x                  | Long",
            "ReferenceType.STRING        | STRING  | STRING | x              | java.lang.String | x                           | String",
            "ReferenceType.CHAR_SEQUENCE | STRING  | STRING | utf8$(x)       | java.lang.String | x == null ? null : x.toString() | another CharSequence",
            "ReferenceType.ENUM          | STRING  | STRING | enumName$(x)   | java.lang.String | x == null ? null : x.name()     | an enum",
    })
    void facts(String kind, JniType jni, TracerType tracer, String toNative, String jfrField, String jfrValue, String name) {
        ArgumentType type = kind(kind);
        assertEquals(jni, type.jni());
        assertEquals(tracer, type.tracerType());
        assertEquals(toNative, type.toNative("x").toString());
        assertEquals(jfrField, type.jfrFieldType().toString());
        assertEquals(jfrValue, type.jfrValue("x").toString());
        assertEquals(name, type.displayName());
    }

    /** The table of {@link #facts} has one row per kind, in the order of {@link ArgumentTypes#ALL}. */
    @Test
    void everyKindHasARow() throws NoSuchMethodException {
        CsvSource table = ArgumentKindsTest.class.getDeclaredMethod("facts", String.class, JniType.class, TracerType.class,
                String.class, String.class, String.class, String.class).getAnnotation(CsvSource.class);
        List<String> rows = Stream.of(table.value()).map(row -> row.substring(0, row.indexOf('|')).strip()).toList();
        assertEquals(ArgumentTypes.ALL.stream().map(ArgumentKindsTest::label).toList(), rows);
    }

    @Test
    void everyKindIsListedOnce() {
        assertEquals(PrimitiveType.values().length + BoxedType.values().length + ReferenceType.values().length,
                new LinkedHashSet<>(ArgumentTypes.ALL).size());
        assertEquals(ArgumentTypes.ALL.size(), new LinkedHashSet<>(ArgumentTypes.ALL).size());
    }

    /** The tracer reads as many bytes as JNI passes: the note's size is the value's (a string is a pointer). */
    @Test
    void whatTheTracerReadsFitsWhatCrossesJni() {
        for (ArgumentType type : ArgumentTypes.ALL) {
            int bytes = switch (type.jni()) {
                case BOOLEAN, BYTE -> 1;
                case SHORT, CHAR -> 2;
                case INT -> 4;
                case LONG, STRING -> 8;
            };
            assertEquals(bytes, type.tracerType().bytes(), label(type));
            assertEquals(type.jni() == JniType.STRING, type.tracerType() == TracerType.STRING, label(type));
        }
    }

    /** The method a kind's conversion calls is the one it declares, with a name no user method can take. */
    @Test
    void eachConversionIsTheMethodItCalls() {
        for (ArgumentType type : ArgumentTypes.ALL) {
            Optional<MethodSpec> conversion = type.conversion(MODEL);
            assertEquals(type.conversionName(), conversion.map(MethodSpec::name), label(type));
            conversion.ifPresent(method -> {
                assertTrue(method.name().indexOf(GeneratedNames.MEMBER_MARKER) >= 0, method.name());
                assertTrue(method.modifiers().contains(javax.lang.model.element.Modifier.STATIC), method.name());
                assertEquals(type.jni().javaType, method.returnType(), method.name());
            });
        }
    }

    @Test
    void aCharSequenceIsCutToTheLimitAndOneMoreChar() {
        String conversion = ReferenceType.CHAR_SEQUENCE.conversion(MODEL).orElseThrow().toString();
        assertTrue(conversion.contains("value.length() <= 8 ? value : value.subSequence(0, 8)"), conversion);
    }

    @Test
    void conversionNamesAreEachListedOnce() {
        assertEquals(List.of("unbox$", "utf8$", "enumName$"), ArgumentTypes.conversionNames());
    }

    /** The boxes go without their names in messages, as "their boxed types": so every primitive has one. */
    @Test
    void everyPrimitiveHasItsBox() {
        assertEquals(List.of(PrimitiveType.values()), List.of(BoxedType.values()).stream().map(BoxedType::primitive).toList());
    }

    @Test
    void theMessageListsEveryKind() {
        assertEquals("boolean, byte, short, char, int or long (or their boxed types), String or another CharSequence, "
                + "or an enum", ArgumentTypes.describe());
        for (ArgumentType type : ArgumentTypes.ALL) {
            if (!(type instanceof BoxedType)) {
                assertTrue(ArgumentTypes.describe().contains(type.displayName()), label(type));
            }
        }
    }

    /** Which kind accepts a type, read as javac would give it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "BOOLEAN  | boolean                  | false | false | PrimitiveType.BOOLEAN",
            "LONG     | long                     | false | false | PrimitiveType.LONG",
            "DECLARED | java.lang.Character      | false | false | BoxedType.CHAR",
            "DECLARED | java.lang.String         | false | true  | ReferenceType.STRING",
            "DECLARED | java.lang.StringBuilder  | false | true  | ReferenceType.CHAR_SEQUENCE",
            "DECLARED | java.lang.CharSequence   | false | true  | ReferenceType.CHAR_SEQUENCE",
            "DECLARED | com.example.Letter       | true  | true  | ReferenceType.ENUM",
            "DECLARED | java.lang.Thread.State   | true  | false | ReferenceType.ENUM",
            "FLOAT    | float                    | false | false | ",
            "DECLARED | java.lang.Double         | false | false | ",
            "DECLARED | java.time.Duration       | false | false | ",
            "DECLARED | java.lang.Object         | false | false | ",
            "ARRAY    | ''                       | false | false | ",
            "TYPEVAR  | ''                       | false | false | ",
    })
    void recognition(TypeKind kind, String qualifiedName, boolean isEnum, boolean isCharSequence, String expected) {
        ParameterType type = new ParameterType(kind, qualifiedName, isEnum, isCharSequence);
        Set<ArgumentType> accepting = ArgumentTypes.ALL.stream().filter(k -> k.accepts(type)).collect(Collectors.toSet());
        assertEquals(expected == null ? Set.of() : Set.of(kind(expected)), accepting, "no two kinds accept one type");
        assertEquals(Optional.ofNullable(expected).map(ArgumentKindsTest::kind), ArgumentTypes.of(type));
    }

    @Test
    void aBoxIsNotItsPrimitive() {
        assertFalse(BoxedType.INT.accepts(new ParameterType(TypeKind.INT, "int", false, false)));
        assertFalse(PrimitiveType.INT.accepts(new ParameterType(TypeKind.DECLARED, "java.lang.Integer", false, false)));
    }

    /** {@code BoxedType.INT}. */
    static String label(ArgumentType type) {
        Enum<?> constant = (Enum<?>) type;
        return constant.getDeclaringClass().getSimpleName() + "." + constant.name();
    }

    static ArgumentType kind(String label) {
        return ArgumentTypes.ALL.stream().filter(type -> label(type).equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no kind " + label));
    }
}
