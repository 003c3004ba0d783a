// SPDX-License-Identifier: Apache-2.0
package io.usdt4j;

/**
 * A provider's native library could not be loaded while {@code -Dusdt4j.required=true} asks
 * that it must. Without that property the provider degrades to no-ops instead, and this is
 * never thrown. {@link #getCause()} is what failed, when something threw.
 */
public final class UsdtUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The provider's name. */
    private final String provider;
    /** Why its library could not be loaded. */
    private final String reason;

    /**
     * A provider whose library could not be loaded, though nothing threw.
     *
     * @param provider the provider's name
     * @param reason why its library could not be loaded
     */
    public UsdtUnavailableException(String provider, String reason) {
        this(provider, reason, null);
    }

    /**
     * A provider whose library could not be loaded because {@code cause} was thrown.
     *
     * @param provider the provider's name
     * @param reason why its library could not be loaded
     * @param cause what failed, or null
     */
    public UsdtUnavailableException(String provider, String reason, Throwable cause) {
        super("usdt4j: provider '" + provider + "' is required (-Dusdt4j.required=true) but unavailable: " + reason,
                cause);
        this.provider = provider;
        this.reason = reason;
    }

    /** {@return the USDT provider name, as in {@code @UsdtProvider("shop")}} */
    public String provider() {
        return provider;
    }

    /** {@return why its library could not be loaded} */
    public String reason() {
        return reason;
    }
}
