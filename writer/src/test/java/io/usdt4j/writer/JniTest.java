// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.usdt4j.testsupport.Processes;
import io.usdt4j.testsupport.TracerRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every number of {@link Jni}, as the jni.h of the JDK running the test has it: a C program prints them. */
class JniTest {
    @TempDir
    Path temp;

    @Test
    void functionTableSlotsVersionAndNativeMethodLayoutAreJniHs() throws Exception {
        TracerRequirement.requireTool("cc", "gcc");
        Path include = Path.of(System.getProperty("java.home"), "include");
        TracerRequirement.require(Files.isRegularFile(include.resolve("jni.h")), "no jni.h in " + include + ": a JRE");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("offsetof(struct JNIInvokeInterface_, GetEnv) / sizeof(void *)", Jni.GET_ENV);
        expected.put("offsetof(struct JNINativeInterface_, FindClass) / sizeof(void *)", Jni.FIND_CLASS);
        expected.put("offsetof(struct JNINativeInterface_, GetArrayLength) / sizeof(void *)", Jni.GET_ARRAY_LENGTH);
        expected.put("offsetof(struct JNINativeInterface_, SetIntArrayRegion) / sizeof(void *)", Jni.SET_INT_ARRAY_REGION);
        expected.put("offsetof(struct JNINativeInterface_, RegisterNatives) / sizeof(void *)", Jni.REGISTER_NATIVES);
        expected.put("offsetof(struct JNINativeInterface_, NewDirectByteBuffer) / sizeof(void *)", Jni.NEW_DIRECT_BYTE_BUFFER);
        expected.put("sizeof(void *)", Jni.SLOT_BYTES);
        expected.put("sizeof(JNINativeMethod)", Jni.NATIVE_METHOD_BYTES);
        expected.put("offsetof(JNINativeMethod, name)", Jni.NATIVE_METHOD_NAME);
        expected.put("offsetof(JNINativeMethod, signature)", Jni.NATIVE_METHOD_SIGNATURE);
        expected.put("offsetof(JNINativeMethod, fnPtr)", Jni.NATIVE_METHOD_FUNCTION);
        expected.put("JNI_VERSION_1_8", Jni.VERSION_1_8);
        expected.put("JNI_OK", Jni.OK);
        expected.put("JNI_ERR", Jni.ERR);

        StringBuilder program = new StringBuilder("#include <jni.h>\n#include <stddef.h>\n#include <stdio.h>\nint main(void) {\n");
        for (String expression : expected.keySet()) {
            program.append("    printf(\"%ld\\n\", (long) (").append(expression).append("));\n");
        }
        program.append("    return 0;\n}\n");
        Path source = Files.writeString(temp.resolve("jni_numbers.c"), program);
        Path binary = temp.resolve("jni_numbers");
        Processes.run("cc", "-I" + include, "-I" + include.resolve("linux"), "-o", binary.toString(), source.toString());
        String[] printed = Processes.run(binary.toString()).strip().split("\n");

        Map<String, Integer> actual = new LinkedHashMap<>();
        int i = 0;
        for (String expression : expected.keySet()) {
            actual.put(expression, Integer.parseInt(printed[i++].strip()));
        }
        assertEquals(expected, actual, "jni.h of " + System.getProperty("java.home"));
    }
}
