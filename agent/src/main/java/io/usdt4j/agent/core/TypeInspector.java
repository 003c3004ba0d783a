// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Whether a class is an enum, a character sequence or neither, read from class files through one
 * class loader's resources, its superclasses' and interfaces' too: inside a transformer no class
 * may be loaded. A class whose file cannot be read counts as neither (its values then pass the
 * name of their class).
 */
final class TypeInspector {
    /** What a provider would make of a class. */
    enum Kind { ENUM, CHAR_SEQUENCE, OTHER }

    private static final String CHAR_SEQUENCE = "java/lang/CharSequence";
    private static final String ENUM = "java/lang/Enum";
    private static final String OBJECT = "java/lang/Object";
    /** Deeper hierarchies than this are read as neither. */
    private static final int MAX_CLASSES = 64;

    private final ClassLoader loader;
    private final Map<String, Kind> known = new HashMap<>();

    TypeInspector(ClassLoader loader) {
        this.loader = loader;
    }

    Kind kind(String internalName) {
        Kind kind = known.get(internalName);
        if (kind == null) {
            kind = inspect(internalName);
            known.put(internalName, kind);
        }
        return kind;
    }

    private Kind inspect(String internalName) {
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        pending.add(internalName);
        boolean first = true;
        while (!pending.isEmpty() && seen.size() < MAX_CLASSES) {
            String name = pending.poll();
            if (!seen.add(name) || name.equals(OBJECT)) {
                continue;
            }
            if (name.equals(CHAR_SEQUENCE)) {
                return Kind.CHAR_SEQUENCE;
            }
            ClassReader reader = read(name);
            if (reader == null) {
                continue;
            }
            if (first && (reader.getAccess() & Opcodes.ACC_ENUM) != 0 && ENUM.equals(reader.getSuperName())) {
                return Kind.ENUM;
            }
            first = false;
            if (reader.getSuperName() != null) {
                pending.add(reader.getSuperName());
            }
            for (String implemented : reader.getInterfaces()) {
                pending.add(implemented);
            }
        }
        return Kind.OTHER;
    }

    /** The class file of {@code internalName} as the loader finds it, or null. */
    private ClassReader read(String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : new ClassReader(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
