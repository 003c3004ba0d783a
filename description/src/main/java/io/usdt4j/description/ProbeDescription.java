// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.Limits;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One probe: the name tracers use ({@code order_placed}), the interface method that fires it
 * ({@code orderPlaced}), and its arguments in order, each {@link ArgumentDescription#index() index}
 * its position, at most {@link io.usdt4j.contract.Limits#MAX_ARGUMENTS}, no two of one name. A probe of
 * usdt4j's agent fires in an instrumented method: {@code method} is that method's name
 * ({@code placeOrder}, {@code <init>}), and {@code instrumented} says which method and when.
 *
 * @param instrumented the instrumented method the probe fires in, for a probe of the agent only
 */
public record ProbeDescription(String name, String method, List<ArgumentDescription> arguments,
                               Optional<InstrumentedMethod> instrumented) {
    /** A generated provider's probe: it fires in no instrumented method. */
    public ProbeDescription(String name, String method, List<ArgumentDescription> arguments) {
        this(name, method, arguments, Optional.empty());
    }

    public ProbeDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(instrumented, "instrumented");
        arguments = List.copyOf(arguments);
        if (arguments.size() > Limits.MAX_ARGUMENTS) {
            throw new IllegalArgumentException(arguments.size() + " arguments, more than the "
                    + Limits.MAX_ARGUMENTS + " a probe can have");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).index() != i) {
                throw new IllegalArgumentException("argument " + i + " has index " + arguments.get(i).index());
            }
            if (!names.add(arguments.get(i).name())) {
                throw new IllegalArgumentException("argument " + i + " has the name of an earlier one");
            }
        }
    }
}
