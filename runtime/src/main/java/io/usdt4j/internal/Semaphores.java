package io.usdt4j.internal;

/**
 * The USDT semaphores of one provider, as its generated class holds them in a
 * {@code static final} field. Only the runtime makes these ({@link ProviderBinding#semaphores()}),
 * and one reads nothing but its own provider's semaphores: an offset outside them throws.
 *
 * <p>For generated code. The JIT folds the whole check into the one load of the semaphore,
 * because the field, the offset and this object's own fields are all constants to it.
 */
public sealed interface Semaphores permits SemaphoreRegion {
    /**
     * True while at least one tracer is attached to the probe whose semaphore is at
     * {@code offset}. An opaque read: a compiled loop sees a tracer attach, and pays no fence.
     *
     * @param offset a probe's {@link ProviderBinding#offset(int)}
     * @throws IndexOutOfBoundsException when {@code offset} is not one of this provider's semaphores
     */
    boolean isActive(int offset);
}
