// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/**
 * Whether a generated provider class of {@code @UsdtProvider(jfr = true)} may touch its JFR
 * events. For generated code only: the class keeps the answer in a {@code static final} field and
 * loads its nested JFR class, the only one of its classes that names a {@code jdk.jfr} type, only
 * when the answer is true. So a runtime without module {@code jdk.jfr} (a jlinked image) runs the
 * provider with USDT alone, after one warning, and never links to a class it does not have.
 *
 * <p>Nothing here names a {@code jdk.jfr} type, and nothing here starts or initializes JFR.
 */
public final class JfrEvents {
    /** The module of {@code jdk.jfr.Event}. */
    static final String MODULE = "jdk.jfr";

    /** One warning a JVM, whichever provider asks first. */
    private static boolean warned;

    private JfrEvents() {}

    /**
     * True when this JVM's boot layer has module {@code jdk.jfr} and {@code generatedClass}'s
     * module reads it; otherwise logs (once a JVM) why the provider's JFR events are off, and
     * returns false.
     *
     * @param generatedClass the generated provider class asking
     * @param provider its provider name, for the warning
     */
    public static boolean available(Class<?> generatedClass, String provider) {
        Module jfr = ModuleLayer.boot().findModule(MODULE).orElse(null);
        String reason;
        if (jfr == null) {
            reason = "module " + MODULE + " is not in this JVM (a runtime image without it, or one that did not resolve it:"
                    + " --add-modules " + MODULE + ")";
        } else if (!generatedClass.getModule().canRead(jfr)) {
            reason = "module " + generatedClass.getModule().getName() + " does not read " + MODULE;
        } else {
            return true;
        }
        warnOnce(provider, reason);
        return false;
    }

    private static void warnOnce(String provider, String reason) {
        synchronized (JfrEvents.class) {
            if (warned) {
                return;
            }
            warned = true;
        }
        // Looked up only now: the lookup alone starts the logging back end (ProviderBinding.LOGGER).
        System.getLogger(ProviderBinding.LOGGER).log(System.Logger.Level.WARNING,
                "usdt4j: JFR events of provider ''{0}'' are off: {1}; its USDT probes are unaffected", provider, reason);
    }
}
