// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import java.util.List;

/**
 * The native methods of a generated provider class and what its library's {@code JNI_OnLoad}
 * registers. The processor declares these methods, the C template defines and registers them,
 * and the runtime calls the first two.
 *
 * <ul>
 *   <li>{@link #SEMAPHORES}: {@code static native ByteBuffer semaphores$(int[] offsets)} returns
 *       the memory that holds all the provider's semaphores and fills in each probe's offset.
 *   <li>{@link #BIND_PROBES}: {@code static native int bindProbes$(int nopSize)} registers the
 *       probe natives on the sites of that size and returns the size bound, 0 on failure.
 *   <li>{@link #ADDRESS}: {@code static native long address$(ByteBuffer buffer)} returns the
 *       address of a direct buffer's memory ({@code GetDirectBufferAddress}), 0 for null or a
 *       buffer that is not direct. The runtime asks it only where it has no other way to learn an
 *       address (no {@code java.lang.foreign}, no {@code sun.misc.Unsafe}): of the buffers it
 *       writes string arguments into.
 *   <li>{@link #fireMethodName}: {@code static native void fire$<probe>(...)}, one per probe,
 *       registered by {@code bindProbes$}. Each argument is the Java primitive of what the tracer
 *       reads of it ({@code io.usdt4j.description.TracerType#jniType}); a string argument is the
 *       {@code long} address of NUL-terminated UTF-8 that Java wrote into native memory (0 for
 *       null), which stays valid until the native returns: the native only passes it to the probe.
 * </ul>
 */
public final class NativeContract {
    /** A native method as JNI's {@code RegisterNatives} names it. */
    public record NativeMethod(String name, String descriptor) {
        /**
         * The symbol of the function that implements it in a provider library, from either backend:
         * {@code usdt4j_} and its name in lower snake case, {@code bindProbes$} as {@code usdt4j_bind_probes}.
         */
        public String function() {
            StringBuilder symbol = new StringBuilder("usdt4j_");
            for (char c : name.toCharArray()) {
                if (c == GeneratedNames.MEMBER_MARKER) {
                    break;
                }
                if (Character.isUpperCase(c)) {
                    symbol.append('_').append(Character.toLowerCase(c));
                } else {
                    symbol.append(c);
                }
            }
            return symbol.toString();
        }
    }

    public static final NativeMethod SEMAPHORES = new NativeMethod("semaphores$", "([I)Ljava/nio/ByteBuffer;");
    public static final NativeMethod BIND_PROBES = new NativeMethod("bindProbes$", "(I)I");
    public static final NativeMethod ADDRESS = new NativeMethod("address$", "(Ljava/nio/ByteBuffer;)J");

    /** What {@code JNI_OnLoad} registers; the probes are registered later by {@link #BIND_PROBES}. */
    public static final List<NativeMethod> REGISTERED_ON_LOAD = List.of(SEMAPHORES, BIND_PROBES, ADDRESS);

    /** {@code bindProbes$}'s number of the architecture's own nop, which every USDT header writes: a probe site on every platform. */
    public static final int NOP1 = Platform.SiteKind.NOP.number();
    /** {@code bindProbes$}'s number of the five-byte nop (x86-64: see {@link Platform#sites()}). */
    public static final int NOP5 = Platform.SiteKind.NOP5.number();

    private static final String FIRE_PREFIX = "fire$";

    private NativeContract() {}

    /** {@code fire$order_placed}. */
    public static String fireMethodName(String probe) {
        return FIRE_PREFIX + probe;
    }

    /** {@code (JJI)V} from the arguments' JNI descriptors. */
    public static String fireDescriptor(List<String> argumentDescriptors) {
        return "(" + String.join("", argumentDescriptors) + ")V";
    }
}
