// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

/** A failure the command reports as one line on stderr, with exit status 2. */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
