// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the tests need to know about the machine they run on. What they need to know about its
 * architecture (its kinds of probe site, its tools, the kernel they need) is the platform table's,
 * {@code io.usdt4j.contract.Platform}: {@code PlatformId.host().platform()}.
 */
public final class Host {
    private Host() {}

    /** Whether this JVM runs with effective user id 0. */
    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0")); // effective uid
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code command} is an executable in a directory of {@code PATH}. */
    public static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
