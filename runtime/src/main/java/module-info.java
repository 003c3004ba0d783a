// SPDX-License-Identifier: Apache-2.0
/**
 * usdt4j: USDT probes for Java. Applications use {@link io.usdt4j.Usdt}, {@link io.usdt4j.UsdtProvider}
 * and {@link io.usdt4j.Probe}; {@code io.usdt4j.internal} is exported only because the classes that
 * usdt4j generates into applications call it.
 */
module io.usdt4j {
    // JDK 17 to 21 read semaphores through sun.misc.Unsafe: required, so that the module path
    // resolves it as the class path does (it is in every full JDK image).
    requires jdk.unsupported;

    exports io.usdt4j;
    exports io.usdt4j.internal;
}
