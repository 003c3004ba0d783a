// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.agent.control.AgentReply;
import io.usdt4j.agent.control.MethodSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one selector asked of the agent: the {@code -javaagent} option's (for as long as the JVM
 * runs) or a {@code usdt4j trace} command's (until it restores). It keeps what it instrumented,
 * so that restoring retransforms exactly those classes, and its notices. Thread-safe.
 */
final class Session {
    private final String id;
    private final MethodSelector selector;
    private final boolean permanent;
    /** Binary names of the classes it instruments a method of. */
    private final Set<String> classes = new LinkedHashSet<>();
    /** {@code class#name(descriptor)} of each method it instruments. */
    private final Set<String> methods = new LinkedHashSet<>();
    private final Set<String> notices = new LinkedHashSet<>();
    /** Classes the JVM would not retransform with this session's probes: left alone from then on. */
    private final Set<String> excluded = new java.util.HashSet<>();

    Session(String id, MethodSelector selector, boolean permanent) {
        this.id = id;
        this.selector = selector;
        this.permanent = permanent;
    }

    String id() {
        return id;
    }

    MethodSelector selector() {
        return selector;
    }

    boolean permanent() {
        return permanent;
    }

    synchronized void instrumented(String className, String method, String descriptor) {
        classes.add(className);
        methods.add(className + "#" + method + descriptor);
    }

    /** Adds a notice once; whether it is new. */
    synchronized boolean notice(String notice) {
        return notices.size() <= AgentReply.MAX_NOTICES && notices.add(notice);
    }

    /** Leaves {@code className} alone from now on: what it recorded of it is forgotten. */
    synchronized void exclude(String className) {
        excluded.add(className);
        classes.remove(className);
        methods.removeIf(m -> m.startsWith(className + "#"));
    }

    synchronized boolean excludes(String className) {
        return excluded.contains(className);
    }

    synchronized Set<String> classes() {
        return Set.copyOf(classes);
    }

    synchronized int methodCount() {
        return methods.size();
    }

    synchronized List<String> notices() {
        return new ArrayList<>(notices);
    }
}
