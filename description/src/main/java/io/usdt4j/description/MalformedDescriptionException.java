// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import java.io.IOException;

/**
 * A document that is not a probe description {@link DescriptionCodec} can read. Its message is
 * one line that quotes nothing of the document (only member names, positions and numbers), so it
 * is safe to print whoever wrote the document.
 */
public final class MalformedDescriptionException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedDescriptionException(String message) {
        super(message);
    }

    MalformedDescriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
