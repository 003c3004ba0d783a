// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

/** Tracing cannot work in this process, for a reason a user can act on; the cause, when there is one, is kept. */
final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
        super(message);
    }

    UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
