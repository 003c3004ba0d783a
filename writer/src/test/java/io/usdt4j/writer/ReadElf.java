// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.writer;

import io.usdt4j.testsupport.Processes;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sections as {@code readelf -S -W} prints them. */
final class ReadElf {
    private static final Pattern SECTION = Pattern.compile(
            "\\[\\s*\\d+\\] (\\S+)\\s+\\S+\\s+(\\p{XDigit}{16}) (\\p{XDigit}+) (\\p{XDigit}+)");

    private ReadElf() {}

    /** The address, file offset and size of section {@code name} of {@code file}. */
    static long[] section(Path file, String name) throws Exception {
        return section(Processes.run("readelf", "-S", "-W", file.toString()), name);
    }

    /** The address, file offset and size of section {@code name} in {@code readelf} output. */
    static long[] section(String readelf, String name) {
        Matcher matcher = SECTION.matcher(readelf);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return new long[] {Long.parseLong(matcher.group(2), 16), Long.parseLong(matcher.group(3), 16),
                    Long.parseLong(matcher.group(4), 16)};
            }
        }
        throw new AssertionError("no section " + name + " in:\n" + readelf);
    }
}
