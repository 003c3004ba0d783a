// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a USDT provider: every abstract method of the annotated interface is a probe.
 *
 * <p>The annotation processor generates {@code <Name>Usdt} beside the interface (a nested
 * interface's enclosing names are joined with {@code _}), with a {@code public static final}
 * field {@code INSTANCE}. Obtain it directly or through {@link Usdt#provider(Class)}.
 *
 * <p>A method {@code boolean is<Method>Enabled()} is not a probe but the is-enabled query of
 * probe method {@code <method>}: it is true while a tracer is attached to that probe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UsdtProvider {
    /**
     * The provider name tracers use ({@code usdt:*:<provider>:<probe>}). When empty, the
     * interface's simple name in lower_snake_case ({@code ShopProbes} becomes {@code shop_probes}).
     *
     * @return the provider name, or empty for the default
     */
    String value() default "";

    /**
     * The most bytes of UTF-8 a string, {@code CharSequence} or enum argument passes to the tracer;
     * a longer value is cut on a character boundary. From 1 to 4095: the native library copies
     * each string argument into a stack buffer of this size plus its terminating NUL, so at most
     * one page per argument while a tracer is attached.
     *
     * @return the limit in bytes, 255 unless set
     */
    int maxStringBytes() default 255;

    /**
     * Also fire each probe as a JDK Flight Recorder event, {@code usdt4j.<provider>.<probe>}, while
     * a JFR recording enables it; the processor then writes {@code META-INF/usdt4j/<provider>.jfc},
     * settings that enable them all. The events work wherever JFR does, with or without the native
     * library. Off by default: a provider without it does not touch JFR at all.
     *
     * @return whether the probes are JFR events too
     */
    boolean jfr() default false;
}
