// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import java.util.Objects;

/**
 * A probe for a bpftrace program to print ({@link BpftraceRenderer}): the provider's probe, and the
 * library it attaches in.
 *
 * @param library the library's path as bpftrace opens it, or {@link #ANY_LIBRARY}
 */
public record TracedProbe(String provider, ProbeDescription probe, String library) {
    /** Every library of the traced process ({@code bpftrace -p PID}) that has the probe. */
    public static final String ANY_LIBRARY = "*";

    public TracedProbe {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(library, "library");
    }

    /** Each probe of {@code description}, in any library of the traced process. */
    public static java.util.List<TracedProbe> everyProbe(ProviderDescription description) {
        return description.probes().stream().map(p -> new TracedProbe(description.provider(), p, ANY_LIBRARY)).toList();
    }
}
