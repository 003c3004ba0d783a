// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a probe explicitly. Without it, a probe method's name in lower_snake_case is the probe
 * name ({@code orderPlaced} becomes {@code order_placed}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Probe {
    /** {@return the probe name tracers use: a C identifier} */
    String value();
}
