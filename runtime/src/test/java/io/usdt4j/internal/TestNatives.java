// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.nio.ByteBuffer;

/**
 * Natives of a class that has no library: what a test class nested in it passes to
 * {@link ProviderBinding#load}, which then fails to find the library and degrades.
 */
final class TestNatives extends ProviderNatives {
    @Override
    protected void loadLibrary(String path) {
        System.load(path);
    }

    @Override
    protected ByteBuffer semaphores(int[] offsets) {
        throw new UnsatisfiedLinkError("no natives in a test");
    }

    @Override
    protected int bindProbes(int nopSize) {
        throw new UnsatisfiedLinkError("no natives in a test");
    }

    @Override
    protected long address(ByteBuffer buffer) {
        throw new UnsatisfiedLinkError("no natives in a test");
    }
}
