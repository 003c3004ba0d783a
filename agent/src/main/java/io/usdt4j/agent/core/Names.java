// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.contract.UsdtNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The names the agent gives: its provider's, and each instrumented method's two probes', by one rule.
 *
 * <p>A method's probes are {@code CLASS__METHOD__HASH__entry} and {@code CLASS__METHOD__HASH__return}:
 * {@code CLASS} is the class's binary name after its package ({@code Shop}, {@code Shop_Cart} for
 * {@code Shop$Cart}), {@code METHOD} the method's name ({@code init} for a constructor), each
 * character that is not an ASCII letter, digit or {@code _} written {@code _}; {@code HASH} is 8 hex
 * digits of the SHA-256 of {@code com.example.Shop#placeOrder(JLjava/lang/String;I)J}, the class's
 * binary name, the method's name and its descriptor. So overloads, and methods of classes of one
 * simple name in two packages, have names of their own, the same in every JVM. A name that would be
 * longer than {@link UsdtNames#MAX_LENGTH} has its class and method parts cut (the hash keeps it
 * unique); one that {@link UsdtNames} would refuse ({@code _Foo}, {@code JNIHelper}, ...) starts with
 * {@code j_}. Should two methods of one JVM still get one name (the same class in two class loaders,
 * or two hashes that agree), the later one's hash is of that text with {@code #2}, {@code #3}, ...
 * appended.
 */
final class Names {
    /** The provider of every library the agent writes. */
    static final String PROVIDER = "java";
    /** A constructor's name in a class file. */
    static final String CONSTRUCTOR = "<init>";
    /** A class's static initializer, which the agent never instruments. */
    static final String STATIC_INITIALIZER = "<clinit>";
    static final String ENTRY = "entry";
    static final String RETURN = "return";
    private static final String SEPARATOR = "__";
    private static final String PREFIX = "j_";
    private static final int HASH_DIGITS = 8;
    /** What every name adds to its class and method parts: three separators, the hash, the longer event. */
    private static final int FIXED = 3 * SEPARATOR.length() + HASH_DIGITS + Math.max(ENTRY.length(), RETURN.length());

    private Names() {}

    /** The probe names of a method, entry first, for the {@code attempt}-th name it tries (1 first). */
    static String[] probes(String className, String methodName, String descriptor, int attempt) {
        String identity = className + "#" + methodName + descriptor + (attempt <= 1 ? "" : "#" + attempt);
        String hash = hash(identity);
        int dot = className.lastIndexOf('.');
        String simple = sanitize(className.substring(dot + 1));
        String method = sanitize(methodName.equals(CONSTRUCTOR) ? "init" : methodName);
        String base = base(simple, method, UsdtNames.MAX_LENGTH - FIXED);
        if (!UsdtNames.isValid(base + SEPARATOR + hash + SEPARATOR + ENTRY)) {
            base = PREFIX + base(simple, method, UsdtNames.MAX_LENGTH - FIXED - PREFIX.length());
        }
        String stem = base + SEPARATOR + hash + SEPARATOR;
        return new String[] {stem + ENTRY, stem + RETURN};
    }

    /** {@code CLASS__METHOD} in at most {@code budget} characters: the longer part is cut first. */
    private static String base(String simple, String method, int budget) {
        int available = budget - SEPARATOR.length();
        if (simple.length() + method.length() > available) {
            int methodLength = Math.min(method.length(), Math.max(available / 2, available - simple.length()));
            method = method.substring(0, methodLength);
            simple = simple.substring(0, Math.min(simple.length(), available - methodLength));
        }
        return simple + SEPARATOR + method;
    }

    private static String sanitize(String part) {
        StringBuilder out = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return out.toString();
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, HASH_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
