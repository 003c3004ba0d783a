// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * What a traced fire of the agent's probes needs beyond what a generated provider has: a null box
 * passes 0, and an object of any type a provider does not take passes the name of its class.
 * Strings, other character sequences and enums are written as a generated provider writes them,
 * into the binding's {@link StringScratch} (a lease held for the fire), cut to
 * {@link #MAX_STRING_BYTES} bytes of UTF-8. Only a traced fire gets here; the classes the agent
 * generates call these methods.
 */
final class AgentValues {
    /** The longest string in bytes of UTF-8, as a generated provider's default {@code maxStringBytes}. */
    static final int MAX_STRING_BYTES = 255;

    private AgentValues() {}

    static boolean unbox(Boolean value) {
        return value != null && value;
    }

    static byte unbox(Byte value) {
        return value == null ? 0 : value;
    }

    static short unbox(Short value) {
        return value == null ? 0 : value;
    }

    static char unbox(Character value) {
        return value == null ? 0 : value;
    }

    static int unbox(Integer value) {
        return value == null ? 0 : value;
    }

    static long unbox(Long value) {
        return value == null ? 0 : value;
    }

    /**
     * The binary name of an object's class ({@code java.util.ArrayList}, {@code [I}) in slot
     * {@code slot} of {@code strings}; 0 for null.
     */
    static long className(StringScratch.Lease strings, Object value, int slot) {
        return strings.string(value == null ? null : value.getClass().getName(), slot);
    }
}
