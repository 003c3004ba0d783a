// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

/**
 * A failure and its chain of causes as one line of text, for a message that must not lose the
 * root cause behind a wrapper: the processor's {@code processor-failed} error and the runtime's
 * one warning.
 */
public final class Causes {
    /** How many causes {@link #describe} follows: a chain may be a cycle, or absurdly long. */
    public static final int MAX_CAUSES = 8;

    private Causes() {}

    /**
     * {@code failure}, then each of its first {@value #MAX_CAUSES} causes whose message the text so
     * far does not already hold (a wrapper often repeats its cause's message), each after
     * {@code separator}: {@code "java.io.IOException: x" + separator + "java.nio.file.AccessDeniedException: y"}.
     */
    public static String describe(Throwable failure, String separator) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        Throwable cause = failure == null ? null : failure.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            String message = cause.getMessage();
            if (message == null || text.indexOf(message) < 0) {
                text.append(separator).append(cause);
            }
            cause = cause.getCause();
        }
        return text.toString();
    }
}
