// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

import java.util.List;

/**
 * The names of the generated provider class and of the members usdt4j adds to it. Every member
 * name has a {@code $}, which the processor forbids in the interface's own method names, so no
 * user method can collide with one.
 */
public final class GeneratedNames {
    /** {@code ShopProbes} is implemented by {@code ShopProbesUsdt}. */
    public static final String CLASS_SUFFIX = "Usdt";
    /** The character that marks usdt4j's members, and that user methods may not contain. */
    public static final char MEMBER_MARKER = '$';

    /** {@code ProviderBinding BINDING}: the binding the class loads in its static initializer. */
    public static final String BINDING = "BINDING";
    /** {@code Semaphores SEMAPHORES}: the memory of the provider's semaphores. */
    public static final String SEMAPHORES = "SEMAPHORES";
    /** {@code public static final <Interface> INSTANCE}: the provider. */
    public static final String INSTANCE = "INSTANCE";
    /** The private nested class, a {@code ProviderNatives}, that loads the library and calls the natives. */
    public static final String NATIVES = "Natives$";

    /**
     * The value of the {@code @javax.annotation.processing.Generated} the generated class carries
     * (where its module reads {@code java.compiler}): the annotation processor's class name. A
     * class of the generated name that carries it was written by usdt4j (an earlier build), not by
     * hand.
     */
    public static final String GENERATOR = "io.usdt4j.processor.UsdtProcessor";

    /** {@code static final boolean JFR$}: whether this JVM lets the class touch its JFR events ({@code jfr = true} only). */
    public static final String JFR_AVAILABLE = "JFR$";
    /**
     * The private nested class that holds everything of JFR ({@code jfr = true} only): the event
     * classes, and the only code that names a {@code jdk.jfr} type, loaded after {@link #JFR_AVAILABLE}.
     */
    public static final String JFR_CLASS = "Jfr$";
    /** Nested in {@link GeneratedNames#JFR_CLASS}: holds one event of each probe, to ask whether a recording enables it. */
    public static final String JFR_PROBES = "Probes$";
    /** The root of every event name and category: {@code usdt4j.shop.order_placed}, {@code {"usdt4j", "shop"}}. */
    public static final String JFR_NAMESPACE = "usdt4j";
    /** The names a JFR event gives its own fields (and JDK 17 to 25 add to an event class), so no argument may take. */
    public static final java.util.Set<String> JFR_RESERVED_FIELDS = java.util.Set.of(
            "startTime", "duration", "eventThread", "stackTrace", "eventHandler", "eventConfiguration");

    /** A member usdt4j adds to the generated class for each probe, named by a prefix and the probe's name. */
    public enum ProbeMember {
        /** {@code int semaphore$order_placed}: the probe's semaphore offset. */
        SEMAPHORE_FIELD("semaphore$"),
        /** {@code boolean active$order_placed()}: reads the probe's semaphore. */
        ACTIVE_METHOD("active$"),
        /**
         * {@code void traced$order_placed(...)}: fires a probe that has string arguments, once its
         * semaphore said a tracer is attached: writes them into native memory held for the call, and
         * calls the native with their addresses.
         */
        TRACED_METHOD("traced$"),
        /** {@code boolean jfr$order_placed()}: whether a JFR recording enables the probe's event. */
        JFR_ENABLED_METHOD("jfr$"),
        /** {@code void commit$order_placed(...)}: commits the probe's event with the call's arguments. */
        JFR_COMMIT_METHOD("commit$"),
        /** {@code Event$order_placed}: the probe's event class, nested in {@link GeneratedNames#JFR_CLASS}. */
        JFR_EVENT_CLASS("Event$"),
        /** {@code event$order_placed}: the field of {@link GeneratedNames#JFR_PROBES} that holds one event of the probe. */
        JFR_EVENT_FIELD("event$");

        private final String prefix;

        ProbeMember(String prefix) {
            this.prefix = prefix;
        }

        /** This member of {@code probe}: {@code semaphore$order_placed}. */
        public String of(String probe) {
            return prefix + probe;
        }
    }

    private GeneratedNames() {}

    /** {@code usdt4j.shop.order_placed}: the JFR event name of a probe, as recordings and settings name it. */
    public static String jfrEventName(String provider, String probe) {
        return JFR_NAMESPACE + "." + provider + "." + probe;
    }

    /**
     * {@code unbox$}: the name of a private static method that converts an argument for the native,
     * which the processor's argument types name and declare.
     */
    public static String conversionMethod(String stem) {
        return stem + MEMBER_MARKER;
    }

    /**
     * For messages: every kind of member usdt4j adds, as a reader would recognize it, with the
     * argument types' {@code conversionMethods} ({@link #conversionMethod}) among them.
     */
    public static String describeMembers(List<String> conversionMethods) {
        List<String> members = new java.util.ArrayList<>(List.of(BINDING, SEMAPHORES, INSTANCE, NATIVES,
                ProbeMember.SEMAPHORE_FIELD.of("<probe>"), ProbeMember.ACTIVE_METHOD.of("<probe>"), ProbeMember.TRACED_METHOD.of("<probe>"),
                NativeContract.fireMethodName("<probe>"), NativeContract.SEMAPHORES.name(),
                NativeContract.BIND_PROBES.name(), NativeContract.ADDRESS.name()));
        members.addAll(conversionMethods);
        members.addAll(List.of(JFR_AVAILABLE, JFR_CLASS, ProbeMember.JFR_ENABLED_METHOD.of("<probe>"), ProbeMember.JFR_COMMIT_METHOD.of("<probe>")));
        return String.join(", ", members);
    }

    /**
     * The simple name of the class generated for an interface nested in {@code enclosing}, outermost
     * first: {@code [Outer, Inner]} gives {@code Outer_InnerUsdt}.
     */
    public static String generatedSimpleName(List<String> enclosing) {
        if (enclosing.isEmpty()) {
            throw new IllegalArgumentException("no simple names");
        }
        return String.join("_", enclosing) + CLASS_SUFFIX;
    }

    /** {@code com.example.Outer_InnerUsdt} for {@code com.example.Outer.Inner}. */
    public static String generatedClassName(String packageName, List<String> enclosing) {
        String simpleName = generatedSimpleName(enclosing);
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
}
