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
 *   <li>{@link #fireMethodName}: {@code static native void fire$<probe>(...)}, one per probe,
 *       registered by {@code bindProbes$}.
 * </ul>
 */
public final class NativeContract {
    /** A native method as JNI's {@code RegisterNatives} names it. */
    public record NativeMethod(String name, String descriptor) {}

    public static final NativeMethod SEMAPHORES = new NativeMethod("semaphores$", "([I)Ljava/nio/ByteBuffer;");
    public static final NativeMethod BIND_PROBES = new NativeMethod("bindProbes$", "(I)I");

    /** What {@code JNI_OnLoad} registers; the probes are registered later by {@link #BIND_PROBES}. */
    public static final List<NativeMethod> REGISTERED_ON_LOAD = List.of(SEMAPHORES, BIND_PROBES);

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

    /** {@code (JLjava/lang/String;I)V} from the arguments' JNI descriptors. */
    public static String fireDescriptor(List<String> argumentDescriptors) {
        return "(" + String.join("", argumentDescriptors) + ")V";
    }
}
