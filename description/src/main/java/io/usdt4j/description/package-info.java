// SPDX-License-Identifier: Apache-2.0
/**
 * The probe description of a provider library, the one owner of what a tracer reads of a probe:
 * the model ({@link io.usdt4j.description.ProviderDescription}, {@link io.usdt4j.description.ProbeDescription},
 * {@link io.usdt4j.description.ArgumentDescription}, {@link io.usdt4j.description.TracerType}, and the
 * {@link io.usdt4j.description.JniType} through which a probe's native receives each argument), its JSON
 * ({@link io.usdt4j.description.DescriptionFormat}, {@link io.usdt4j.description.DescriptionCodec}) and the
 * bpftrace program that prints its probes ({@link io.usdt4j.description.BpftraceRenderer}). The processor
 * writes with it; the Maven plugin and the {@code usdt4j} command read with it. It depends on the
 * runtime's {@code io.usdt4j.contract} only.
 */
package io.usdt4j.description;
