// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The main loop of every JVM an integration test drives: the test starts it, waits for its
 * {@linkplain #ready ready line} (which carries its pid), attaches a tracer, and sends commands
 * on standard input, one a line; the first word of a line names the command, the rest are its
 * arguments, and each command answers with one line. {@value #EXIT} (or the end of input) ends
 * the loop. The test's side is {@link LineProcess}.
 *
 * <p>This class runs in the child JVM, whose class path has no JUnit: it must not use any.
 */
public final class Driver {
    static final String READY = "ready ";
    static final String REASON = "reason=";
    static final String UNAVAILABLE = "unavailable";
    static final String EXIT = "exit";

    /** One command: takes the words after its name, returns the line to answer. */
    @FunctionalInterface
    public interface Command {
        String run(List<String> arguments) throws Exception;
    }

    private final BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final Map<String, Command> commands = new HashMap<>();

    /**
     * Prints {@code ready <pid> <library>} ({@code unavailable} when there is none) and
     * {@code reason=<why not>} (empty when loaded): what {@link LineProcess#awaitReady()} reads.
     */
    public static void ready(Optional<?> library, Optional<?> reason) {
        System.out.println(READY + ProcessHandle.current().pid() + " " + library.map(Object::toString).orElse(UNAVAILABLE));
        System.out.println(REASON + reason.map(Object::toString).orElse(""));
    }

    /** Prints {@code announcement}, then waits for one line: lets a test start many JVMs and release them at once. */
    public void awaitGo(String announcement) throws IOException {
        System.out.println(announcement);
        input.readLine();
    }

    public Driver on(String name, Command command) {
        if (name.equals(EXIT) || commands.putIfAbsent(name, command) != null) {
            throw new IllegalArgumentException("command " + name + " is taken");
        }
        return this;
    }

    /** A command that fires probes and answers {@code fired}. */
    public static Command firing(Runnable fire) {
        return arguments -> {
            fire.run();
            return "fired";
        };
    }

    /**
     * A command that answers {@code enabled} once {@code enabled} holds: once a tracer attached
     * and raised the semaphores. Polls every 10 ms; the test bounds the wait.
     */
    public static Command awaiting(BooleanSupplier enabled) {
        return arguments -> {
            awaitTrue(enabled);
            return "enabled";
        };
    }

    /** Polls {@code condition} every 10 ms until it holds. */
    public static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }

    /** Runs commands until {@value #EXIT} or the end of input; answers an unknown one with {@code unknown command}. */
    public void run() throws Exception {
        for (String line; (line = input.readLine()) != null && !line.equals(EXIT); ) {
            List<String> words = Arrays.asList(line.split(" "));
            Command command = commands.get(words.get(0));
            System.out.println(command == null ? "unknown command " + line : command.run(words.subList(1, words.size())));
        }
    }
}
