// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import java.util.Objects;
import java.util.Optional;

/**
 * The Java method a probe of usdt4j's agent fires in: an instrumented method's class, its
 * descriptor, and whether the probe fires on entry (its arguments) or on return (its elapsed
 * nanoseconds, the exception it threw, its value). A generated provider's probes have none.
 *
 * @param className the method's class, by its binary name: {@code com.example.Shop}, {@code com.example.Shop$Cart}
 * @param descriptor the method's descriptor, {@code (JLjava/lang/String;I)J}, which tells overloads apart
 * @param event when the probe fires
 */
public record InstrumentedMethod(String className, String descriptor, Event event) {
    /** When an instrumented method's probe fires. */
    public enum Event {
        /** On entry (after the super constructor's call, in a constructor), with the method's arguments. */
        ENTRY("entry"),
        /** On return or throw, with the elapsed nanoseconds, the class of what it threw, and its value. */
        RETURN("return");

        private final String wireName;

        Event(String wireName) {
            this.wireName = wireName;
        }

        /** Its name in the description's {@code event}: {@code entry}, {@code return}. */
        public String wireName() {
            return wireName;
        }

        /** The event a description calls {@code wireName}, or empty for a name it does not define. */
        public static Optional<Event> ofWireName(String wireName) {
            for (Event event : values()) {
                if (event.wireName.equals(wireName)) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        }
    }

    public InstrumentedMethod {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(event, "event");
    }
}
