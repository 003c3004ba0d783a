// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The native memory into which a provider's traced fires write their string arguments, so that
 * the probe's native takes each as the address of NUL-terminated UTF-8 and never calls back into
 * the JVM: a pool of buffers, each big enough for one fire (the provider's most string arguments
 * in one probe, each {@code maxStringBytes} and a NUL), that a fire takes ({@link #acquire}),
 * writes ({@link Lease#string}), passes to the native and gives back ({@link Lease#release}).
 *
 * <p>For generated code only ({@link ProviderBinding#strings()}). Nothing of it exists before a
 * provider's first traced fire of a string argument, and a traced fire allocates nothing: taking
 * and giving back a buffer is a compare-and-set and a store, without a lock. A buffer is added only
 * when a fire finds every buffer taken and no other fire adding one, so a provider holds at most
 * as many buffers as it ever had fires in progress at once (from {@link #acquire} to
 * {@link Lease#release}): on platform threads, at most as many as fire its string probes; a
 * virtual thread cannot unmount during a fire, which neither blocks nor yields (unless a
 * {@code CharSequence} argument's {@code charAt} does), so virtual threads add at most one each
 * per carrier thread. The buffers are freed with the provider's class.
 *
 * <p>Whatever it is called with, it writes only inside its own buffers: a lease works only for
 * the thread that took it, until it gives it back, and only on its own slots.
 */
public final class StringScratch {
    private static final Lease[] NONE = {};
    /** Spins on {@code onSpinWait} while another fire adds a buffer, then yields to let it finish. */
    private static final int SPINS = 100;

    private final int maxStringBytes;
    private final int slots;
    private final int slotBytes;
    private final SemaphoreAccess access;
    private final ProviderNatives natives;
    /** Copied on write, only ever longer: a fire scans it without a lock. */
    private volatile Lease[] leases = NONE;
    /** 1 while a fire adds a buffer: one at a time, so that each is added only when every other was taken. */
    private final AtomicInteger adding = new AtomicInteger();
    /** Given out, writing nothing, once a buffer could not be allocated. */
    private volatile Lease unavailable;

    /**
     * @param maxStringBytes the provider's {@code maxStringBytes}
     * @param slots the string arguments of the provider's probe that has most
     * @param natives the provider's natives, which tell a buffer's address where only JNI can
     */
    StringScratch(int maxStringBytes, int slots, SemaphoreAccess access, ProviderNatives natives) {
        this.maxStringBytes = maxStringBytes;
        this.slots = slots;
        this.slotBytes = maxStringBytes + 1;
        this.access = access;
        this.natives = natives;
    }

    /**
     * A buffer for one fire, held by this thread until it gives it back ({@link Lease#release},
     * in a {@code finally}). When this JVM's direct memory could not hold another buffer, a lease
     * whose strings are all address 0 (null), after one warning.
     */
    public Lease acquire() {
        long thread = Thread.currentThread().getId();
        Lease[] seen = leases;
        for (Lease lease : seen) {
            if (lease.take(thread)) {
                return lease;
            }
        }
        return whenAllTaken(seen, thread);
    }

    /** Every buffer of {@code seen} was taken when looked at: add one, unless another fire is adding or added one. */
    private Lease whenAllTaken(Lease[] seen, long thread) {
        for (int spins = 0; ; spins++) {
            Lease unavailable = this.unavailable;
            if (unavailable != null) {
                return unavailable;
            }
            if (adding.get() == 0 && adding.compareAndSet(0, 1)) {
                try {
                    if (leases == seen) {
                        return add(seen, thread);
                    }
                } finally {
                    adding.set(0);
                }
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // another fire adding a buffer may wait for this thread's carrier
            }
            seen = leases;
            for (Lease lease : seen) {
                if (lease.take(thread)) {
                    return lease;
                }
            }
        }
    }

    /** Only by the one fire adding. */
    private Lease add(Lease[] seen, long thread) {
        Lease lease;
        try {
            lease = new Lease(this, access.scratch(slots * slotBytes, natives));
        } catch (OutOfMemoryError | RuntimeException | LinkageError e) { // direct memory exhausted, no address
            return giveUp(e);
        }
        lease.take(thread);
        Lease[] more = Arrays.copyOf(seen, seen.length + 1);
        more[seen.length] = lease;
        leases = more;
        return lease;
    }

    private Lease giveUp(Throwable cause) {
        Lease none = new Lease(this, null);
        unavailable = none;
        System.getLogger(ProviderBinding.LOGGER).log(System.Logger.Level.WARNING,
                "usdt4j: traced fires that find every buffer in use pass their string arguments as null (0) from now"
                        + " on: another {0}-byte buffer of native memory could not be made ({1} in use): {2}",
                slots * slotBytes, leases.length,
                ProviderBinding.describe(cause));
        return none;
    }

    /** How many buffers this provider holds: at most its most fires in progress at once. */
    public int buffers() {
        return leases.length;
    }

    /** How many of them a fire holds now. */
    public int buffersInUse() {
        int inUse = 0;
        for (Lease lease : leases) {
            if (lease.owner.get() != 0) {
                inUse++;
            }
        }
        return inUse;
    }

    /** Sizes and counts, never an address. */
    @Override
    public String toString() {
        return "StringScratch[" + buffers() + " buffers of " + slots + " x " + slotBytes + " bytes, "
                + buffersInUse() + " in use]";
    }

    /**
     * One buffer, held by one thread for one fire: {@link #string}, {@link #charSequence} and
     * {@link #enumName} write an argument into one of its slots and return the address the native
     * takes; {@link #release} gives it back. A slot keeps what was written until the next fire
     * that holds the buffer writes it.
     */
    public static final class Lease {
        private final StringScratch pool;
        /** Null for the lease given out once no buffer could be allocated. */
        private final ScratchMemory memory;
        /** Where a string is encoded before it is copied into a slot of {@link #memory}. */
        private final byte[] bytes;
        /** The id of the thread that holds it, 0 while free. */
        private final AtomicLong owner = new AtomicLong();

        Lease(StringScratch pool, ScratchMemory memory) {
            this.pool = pool;
            this.memory = memory;
            this.bytes = memory == null ? null : new byte[pool.slotBytes];
        }

        /** Its memory, null for the lease given out once no buffer could be made. */
        ScratchMemory memory() {
            return memory;
        }

        boolean take(long thread) {
            return owner.get() == 0 && owner.compareAndSet(0, thread);
        }

        /**
         * Writes {@code value} into slot {@code slot} as NUL-terminated UTF-8, cut on a character
         * boundary to at most the provider's {@code maxStringBytes}, and returns its address; 0 for
         * null. As {@code String.getBytes(UTF_8)} encodes: an unpaired surrogate is {@code ?},
         * U+0000 the byte 0; a surrogate pair that does not fit is left out whole.
         *
         * @param slot 0 for a probe's first string argument, 1 for its second, ...
         * @throws IndexOutOfBoundsException for a slot the buffer does not have
         * @throws IllegalStateException when this thread does not hold the lease
         */
        public long string(String value, int slot) {
            int offset = offset(slot);
            if (value == null || memory == null) {
                return 0;
            }
            if (!memory.putAscii(offset, value, pool.maxStringBytes)) {
                memory.put(offset, bytes, Utf8.encode(value, pool.maxStringBytes, bytes) + 1);
            }
            return memory.address() + offset;
        }

        /**
         * {@link #string} of a {@code CharSequence}, read through {@code charAt}: at most
         * {@code maxStringBytes + 1} chars of it, and nothing allocated.
         */
        public long charSequence(CharSequence value, int slot) {
            if (value instanceof String) {
                return string((String) value, slot);
            }
            int offset = offset(slot);
            if (value == null || memory == null) {
                return 0;
            }
            memory.put(offset, bytes, Utf8.encode(value, pool.maxStringBytes, bytes) + 1);
            return memory.address() + offset;
        }

        /** {@link #string} of an enum constant's {@code name()}; 0 for null. */
        public long enumName(Enum<?> value, int slot) {
            return string(value == null ? null : value.name(), slot);
        }

        /**
         * Gives the buffer back, for another fire to take: after the native returned, never before.
         *
         * @throws IllegalStateException when this thread does not hold it
         */
        public void release() {
            if (memory == null) {
                return;
            }
            checkHeld();
            owner.lazySet(0); // a release store: what was written is ordered before the next taker's
        }

        private int offset(int slot) {
            if (Integer.compareUnsigned(slot, pool.slots) >= 0) {
                throw new IndexOutOfBoundsException("slot " + slot + " of " + pool.slots);
            }
            if (memory != null) {
                checkHeld();
            }
            return slot * pool.slotBytes;
        }

        private void checkHeld() {
            if (owner.get() != Thread.currentThread().getId()) {
                throw new IllegalStateException("this thread does not hold the lease");
            }
        }

        /** Its size, never its address. */
        @Override
        public String toString() {
            return "StringScratch.Lease[" + pool.slots + " x " + pool.slotBytes + " bytes"
                    + (memory == null ? ", no memory" : "") + "]";
        }
    }
}
