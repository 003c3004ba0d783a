// SPDX-License-Identifier: Apache-2.0
/**
 * The contract between the generated code, the runtime, the Maven plugin and the C template:
 * native method names and descriptors, generated class and member names, the resource layout
 * under {@code META-INF/usdt4j/} and platform naming. Each is defined here once; the processor,
 * the plugin and the runtime all read it from here, and the C template gets it through its view
 * model.
 *
 * <p>Not API: the module {@code io.usdt4j} does not export this package. The processor and the
 * plugin, which run on a class path, use it; applications have no reason to.
 */
package io.usdt4j.contract;
