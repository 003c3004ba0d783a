// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.internal;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The runtime's log records while a test runs: System.Logger goes to java.util.logging when
 * nothing else is installed, as in these tests. {@link #start} it before, {@link #close} it after.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(ProviderBinding.LOGGER);
    final List<LogRecord> records = new ArrayList<>();

    /** A capture of the runtime's logger, from now until {@link #close}. */
    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.logger.addHandler(capture);
        return capture;
    }

    /** A record's message with its parameters filled in. */
    static String text(LogRecord record) {
        return record.getParameters() == null
                ? record.getMessage()
                : MessageFormat.format(record.getMessage(), record.getParameters());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
