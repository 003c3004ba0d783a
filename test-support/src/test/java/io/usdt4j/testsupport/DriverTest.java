// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Both ends of the protocol, in a real child JVM: {@link Driver} there, {@link LineProcess} here. */
class DriverTest {
    /** A driven JVM in miniature; {@code unloaded} makes its provider unavailable. */
    public static final class App {
        public static void main(String[] args) throws Exception {
            Driver driver = new Driver();
            if (args.length > 0 && args[0].equals("await-go")) {
                driver.awaitGo("waiting");
            }
            boolean unloaded = args.length > 0 && args[0].equals("unloaded");
            Driver.ready(unloaded ? Optional.empty() : Optional.of(Path.of("/libs/libusdt4j-x.so")),
                    unloaded ? Optional.of("no library for linux-riscv64") : Optional.empty());
            AtomicInteger fires = new AtomicInteger();
            AtomicBoolean raised = new AtomicBoolean();
            driver.on("echo", arguments -> "echo " + String.join("+", arguments))
                    .on("fire", Driver.firing(fires::incrementAndGet))
                    .on("fires?", arguments -> "fires=" + fires.get())
                    .on("raise-soon", arguments -> { // as a tracer would, from outside the command loop
                        new Thread(() -> raised.set(true)).start();
                        return "raising";
                    })
                    .on("await-raised", Driver.awaiting(raised::get))
                    .run();
        }
    }

    private static LineProcess app(String... arguments) throws Exception {
        return new LineProcess("App", Processes.javaCommand(List.of(),
                List.of(Processes.classPathEntry(App.class), Processes.classPathEntry(Driver.class)),
                App.class.getName(), List.of(arguments)));
    }

    @Test
    void readyCarriesThePidAndTheLibrary() throws Exception {
        try (LineProcess app = app()) {
            LineProcess.Ready ready = app.awaitReady();
            assertEquals("ready " + app.pid() + " /libs/libusdt4j-x.so", ready.line());
            assertEquals(Path.of("/libs/libusdt4j-x.so"), ready.loaded());
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    @Test
    void anUnavailableProviderSaysWhy() throws Exception {
        try (LineProcess app = app("unloaded")) {
            LineProcess.Ready ready = app.awaitReady();
            assertEquals(Optional.empty(), ready.library());
            assertEquals("no library for linux-riscv64", ready.reason());
            AssertionError e = assertThrows(AssertionError.class, ready::loaded);
            assertTrue(e.getMessage().endsWith("reason=no library for linux-riscv64"), e.getMessage());
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    @Test
    void commandsAnswerOneLineEach() throws Exception {
        try (LineProcess app = app("await-go")) {
            app.awaitPrefix("waiting");
            app.send("go");
            app.awaitReady();
            assertEquals("echo a+b", app.ask("echo a b", "echo "));
            assertEquals("unknown command frobnicate now", app.ask("frobnicate now", "unknown "));
            assertEquals("fired", app.ask("fire", "fired"));
            assertEquals("fires=1", app.ask("fires?", "fires="));
            app.ask("raise-soon", "raising");
            assertEquals("enabled", app.ask("await-raised", "enabled"));
            assertEquals(0, app.exit(), app.transcript());
        }
    }

    @Test
    void aChildThatNeverAnswersFailsWithItsTranscript() throws Exception {
        try (LineProcess app = app()) {
            app.awaitReady();
            app.send("exit");
            AssertionError e = assertThrows(AssertionError.class, () -> app.awaitPrefix("never"));
            assertTrue(e.getMessage().startsWith("App never printed a line starting with 'never'; it printed:\nready "),
                    e.getMessage());
        }
    }
}
