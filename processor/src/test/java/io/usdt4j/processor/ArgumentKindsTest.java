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
            // kind                      | native | tracer | to native                  | JFR field        | JFR value                       | name
            "PrimitiveType.BOOLEAN       | boolean | BOOL   | x                         | boolean          | x                               | boolean",
            "PrimitiveType.BYTE          | byte    | INT8   | x                         | byte             | x                               | byte",
            "PrimitiveType.SHORT         | short   | INT16  | x                         | short            | x                               | short",
            "PrimitiveType.CHAR          | char    | UINT16 | x                         | char             | x                               | char",
            "PrimitiveType.INT           | int     | INT32  | x                         | int              | x                               | int",
            "PrimitiveType.LONG          | long    | INT64  | x                         | long             | x                               | long",
            "BoxedType.BOOLEAN           | boolean | BOOL   | unbox$(x)                 | boolean          | x != null && x                  | Boolean",
            "BoxedType.BYTE              | byte    | INT8   | unbox$(x)                 | byte             | x == null ? 0 : x               | Byte",
            "BoxedType.SHORT             | short   | INT16  | unbox$(x)                 | short            | x == null ? 0 : x               | Short",
            "BoxedType.CHAR              | char    | UINT16 | unbox$(x)                 | char             | x == null ? 0 : x               | Character",
            "BoxedType.INT               | int     | INT32  | unbox$(x)                 | int              | x == null ? 0 : x               | Integer",
            "BoxedType.LONG              | long    | INT64  | unbox$(x)                 | long             | x == null ? 0 : x               | Long",
            "ReferenceType.STRING        | long    | STRING | strings.string(x, 3)       | java.lang.String | x                               | String",
            "ReferenceType.CHAR_SEQUENCE | long    | STRING | strings.charSequence(x, 3) | java.lang.String | x == null ? null : x.toString() | another CharSequence",
            "ReferenceType.ENUM          | long    | STRING | strings.enumName(x, 3)     | java.lang.String | x == null ? null : x.name()     | an enum",
    })
    void facts(String kind, String nativeType, TracerType tracer, String toNative, String jfrField, String jfrValue,
            String name) {
        ArgumentType type = kind(kind);
        assertEquals(nativeType, type.nativeType().toString());
        assertEquals(tracer, type.tracerType());
        assertEquals(toNative, type.toNative("x", type.isString() ? new StringSlot("strings", 3) : null).toString());
        assertEquals(jfrField, type.jfrFieldType().toString());
        assertEquals(jfrValue, type.jfrValue("x").toString());
        assertEquals(name, type.displayName());
    }

    /** The table of {@link #facts} has one row per kind, in the order of {@link ArgumentTypes#ALL}. */
    @Test
    void everyKindHasARow() throws NoSuchMethodException {
        CsvSource table = ArgumentKindsTest.class.getDeclaredMethod("facts", String.class, String.class, TracerType.class,
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

    /**
     * The native's parameter is the one owner's ({@link TracerType#jniType()}), which both backends
     * bind by; a primitive's is the primitive itself, and only the kinds read as strings take slots
     * of native memory.
     */
    @Test
    void theNativeTakesWhatTheTracerTypeSays() {
        for (ArgumentType type : ArgumentTypes.ALL) {
            assertEquals(com.palantir.javapoet.TypeName.get(type.tracerType().jniType().javaType()), type.nativeType(),
                    label(type));
            assertEquals(type instanceof ReferenceType, type.isString(), label(type));
        }
        for (PrimitiveType type : PrimitiveType.values()) {
            assertEquals(type.javaType(), type.nativeType(), label(type));
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
                assertEquals(type.nativeType(), method.returnType(), method.name());
            });
        }
    }

    @Test
    void conversionNamesAreEachListedOnce() {
        assertEquals(List.of("unbox$"), ArgumentTypes.conversionNames());
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
