// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's {@code .text} as it is written: machine code at a known address, one function after
 * another, each aligned and named for the symbol tables.
 */
final class Text {
    /** A function's symbol: its offset in the section and its size in bytes. */
    record Function(String name, boolean exported, int offset, int size) {}

    private final ByteSink code;
    private final long address;
    private final List<Function> functions = new ArrayList<>();
    private String current;
    private boolean currentExported;
    private int currentStart = -1;

    /** Code to be loaded at {@code address}, its instructions in {@code order}. */
    Text(long address, ByteOrder order, int capacity) {
        this.address = address;
        this.code = new ByteSink(order, capacity);
    }

    /** Starts function {@code name} at the next multiple of {@code alignment}, padding with {@code fill}. */
    void begin(String name, boolean exported, int alignment, byte fill) {
        if (current != null) {
            throw new IllegalStateException("function " + current + " is not ended");
        }
        for (int pad = Layout.padding(code.size(), alignment); pad > 0; pad--) {
            code.u8(fill);
        }
        current = name;
        currentExported = exported;
        currentStart = code.size();
    }

    /** Ends the function begun last and returns its symbol. */
    Function end() {
        Function function = new Function(current, currentExported, currentStart, code.size() - currentStart);
        functions.add(function);
        current = null;
        return function;
    }

    /** The address of the next byte written. */
    long pc() {
        return address + code.size();
    }

    long address() {
        return address;
    }

    int size() {
        return code.size();
    }

    ByteSink code() {
        return code;
    }

    List<Function> functions() {
        return functions;
    }
}
