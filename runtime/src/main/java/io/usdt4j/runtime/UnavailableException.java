package io.usdt4j.runtime;

/** Tracing cannot work in this process, for a reason a user can act on. */
final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
        super(message);
    }
}
