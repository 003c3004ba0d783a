// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * The USDT semaphores of one provider, as its generated class holds them in a
 * {@code static final} field. Only the runtime makes these ({@link ProviderBinding#semaphores()}),
 * and one reads nothing but its own provider's semaphores: an offset outside them throws.
 *
 * <p>For generated code. Each implementation is a record, whose final fields the JIT trusts as
 * constants: with the semaphores in a {@code static final} field, the call is devirtualized and
 * the whole check folds into the one load of the semaphore. No implementation uses a method
 * handle, so that initializing a provider spins no classes ({@link SemaphoreAccess}).
 */
public sealed interface Semaphores permits UnsafeSemaphores, SegmentSemaphores, BufferSemaphores {
    /**
     * True while at least one tracer is attached to the probe whose semaphore is at
     * {@code offset}. Never hoisted out of a compiled loop: a loop sees a tracer attach.
     *
     * @param offset a probe's {@link ProviderBinding#offset(int)}
     * @throws IndexOutOfBoundsException when {@code offset} is not one of this provider's semaphores
     */
    boolean isActive(int offset);
}
