package io.usdt4j;

/**
 * Thrown on the first use of a provider whose native library could not be loaded, when the JVM
 * runs with {@code -Dusdt4j.required=true}. Without that property the provider's probes become
 * no-ops instead, and one warning names the cause.
 *
 * <p>The generated class loads its library in its static initializer, so a direct use of
 * {@code <Name>Usdt.INSTANCE} sees this exception wrapped in an {@link ExceptionInInitializerError};
 * {@link Usdt#provider(Class)} throws it unwrapped. Later uses of that class fail with
 * {@link NoClassDefFoundError}, as for any class whose initializer failed.
 */
public final class UsdtUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String reason;

    public UsdtUnavailableException(String provider, String reason) {
        super("usdt4j: provider '" + provider + "' is required (-Dusdt4j.required=true) but unavailable: " + reason);
        this.provider = provider;
        this.reason = reason;
    }

    /** The USDT provider name, as in {@code @UsdtProvider("shop")}. */
    public String provider() {
        return provider;
    }

    /** Why its library could not be loaded. */
    public String reason() {
        return reason;
    }
}
