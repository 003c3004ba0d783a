// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

/**
 * The grammar of provider and probe names, the one rule the processor, the runtime and the CLI
 * check them by: a C identifier of at most {@value #MAX_LENGTH} characters that the generated C
 * may use.
 *
 * <p>The generated C {@code #undef}s every provider and probe name, so that one which the compiler
 * or a header defines as a macro ({@code linux} and {@code unix} under gnu11, {@code errno},
 * {@code stdin}) stays a plain name. So a name must not be one the C needs: C's reserved
 * identifiers ({@code _Foo}, {@code __foo}) and the macros of the generated code and the probe
 * headers ({@link #reservedNames()}: {@code NULL}, {@code JNI*}, {@code USDT*}, {@code STAP*},
 * {@code SDT*}).
 *
 * <p>{@link #isValid} reads hostile input (a name from another process) and runs at start-up: it
 * uses no regular expression and allocates nothing.
 */
public final class UsdtNames {
    /** Long enough for any sensible name; tracers print and match these, so they stay readable. */
    public static final int MAX_LENGTH = 64;

    /** Names the C needs whole. */
    private static final String[] RESERVED = {"NULL"};
    /** Prefixes of the macros the C needs: every name that starts with one is refused. */
    private static final String[] RESERVED_PREFIXES = {"JNI", "USDT", "STAP", "SDT"};
    /** C's reserved identifiers, as a reader recognizes them: {@code _} and a capital, or two {@code _}. */
    private static final String C_RESERVED = "_X, __x";
    /** How {@link #reservedNames} marks a prefix. */
    private static final char ANY = '*';

    private UsdtNames() {}

    /**
     * Whether {@code name} may name a provider or probe: 1 to {@value #MAX_LENGTH} ASCII letters,
     * digits and {@code _}, not starting with a digit, not reserved. False for null.
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !isReserved(name);
    }

    /** For messages: {@code _X, __x, NULL, JNI*, USDT*, STAP*, SDT*}, the names {@link #isValid} refuses as reserved. */
    public static String reservedNames() {
        StringBuilder out = new StringBuilder(C_RESERVED);
        for (String reserved : RESERVED) {
            out.append(", ").append(reserved);
        }
        for (String prefix : RESERVED_PREFIXES) {
            out.append(", ").append(prefix).append(ANY);
        }
        return out.toString();
    }

    /** {@code name} is a non-empty identifier. */
    private static boolean isReserved(String name) {
        if (name.length() > 1 && name.charAt(0) == '_') {
            char second = name.charAt(1);
            if (second == '_' || (second >= 'A' && second <= 'Z')) {
                return true;
            }
        }
        for (String reserved : RESERVED) {
            if (name.equals(reserved)) {
                return true;
            }
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
