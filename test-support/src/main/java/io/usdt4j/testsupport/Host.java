// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests need to know about the machine they run on. */
public final class Host {
    /** x86-64, where the plugin builds every probe on two sites: a one-byte and a five-byte nop. */
    public static final boolean X86_64 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));

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

    /** Whether the kernel's release ({@code os.version}, "6.18.1-...") is at least {@code major.minor}. */
    public static boolean linuxAtLeast(int major, int minor) {
        Matcher release = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version"));
        if (!release.find()) {
            return false;
        }
        int releaseMajor = Integer.parseInt(release.group(1));
        return releaseMajor > major || (releaseMajor == major && Integer.parseInt(release.group(2)) >= minor);
    }
}
