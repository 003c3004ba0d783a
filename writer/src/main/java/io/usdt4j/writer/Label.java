// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in a function that branches jump to, bound once; each assembler patches the branches that
 * reached it before it was bound.
 */
final class Label {
    /** A branch to patch: the offset of its instruction, and of the field the assembler fills in. */
    record Use(int instruction, int field) {}

    private int offset = -1;
    private final List<Use> uses = new ArrayList<>(2);

    boolean isBound() {
        return offset >= 0;
    }

    /** The offset in the text it is bound to. */
    int offset() {
        if (offset < 0) {
            throw new IllegalStateException("label not bound");
        }
        return offset;
    }

    /** Binds it at {@code at} and returns the branches to patch. */
    List<Use> bind(int at) {
        if (offset >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        offset = at;
        return uses;
    }

    void use(Use use) {
        uses.add(use);
    }
}
