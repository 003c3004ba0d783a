// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The libraries usdt4j's agent writes at run time, on their way to the classes it generates for
 * them. The agent's jar holds this class in its relocated copy of the runtime
 * ({@code io.usdt4j.agent.boot.internal}, in the bootstrap class loader), where the classes it
 * generates are defined too: the agent {@link #offer offers} a class's library, then initializes
 * the class, whose static initializer {@link #load loads} it as a generated provider's initializer
 * loads its own, through {@link ProviderBinding}, with every check and the same degradation.
 *
 * <p>Package-private: the agent reaches it through a private lookup, and no application code
 * calls it by accident.
 */
final class AgentLibraries {
    /** By the binary name of the generated class each is for. */
    private static final Map<String, byte[]> OFFERED = new ConcurrentHashMap<>();

    private AgentLibraries() {}

    /** Keeps {@code library} for the class named {@code className}, until it loads. */
    static void offer(String className, byte[] library) {
        OFFERED.put(Objects.requireNonNull(className, "className"), library.clone());
    }

    /**
     * Loads the library offered for the class {@code natives} is nested in, as
     * {@link ProviderBinding#load(ProviderNatives, String, int, int, int)} does a provider's: an inert
     * binding, with one warning, on any failure.
     */
    static ProviderBinding load(ProviderNatives natives, String provider, int probeCount, int maxStringBytes,
            int stringSlots) {
        byte[] library = OFFERED.remove(natives.getClass().getNestHost().getName());
        if (library == null) {
            throw new IllegalStateException("no library was offered for " + natives.getClass().getNestHost().getName());
        }
        return ProviderBinding.load(natives, provider, probeCount, maxStringBytes, stringSlots, library);
    }
}
