// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

/**
 * A mapped library that cannot be used: not a regular file, too large, not an ELF file of a
 * supported platform, malformed notes. Its message is one line that quotes nothing of the file
 * (only section names usdt4j looks for, offsets and numbers), so it is safe to print whoever
 * wrote the file. It costs that library only.
 */
final class MalformedLibraryException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLibraryException(String message) {
        super(message);
    }

    MalformedLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
