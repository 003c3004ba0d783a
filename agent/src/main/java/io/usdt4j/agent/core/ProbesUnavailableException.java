// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

/** Why the agent could not make probes: a library that could not be written or loaded. */
final class ProbesUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    ProbesUnavailableException(String message) {
        super(message);
    }

    ProbesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
