// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.it;

import io.usdt4j.testsupport.Driver;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process that maps the files it is given, as an attacker's process would map hostile
 * libraries: {@link FileChannel#map} maps each whole file read-only (offset 0, so
 * {@code /proc/PID/maps} lists it as a library's first mapping would be) and runs nothing of it,
 * where {@code System.load} would run its {@code JNI_OnLoad}. Prints {@code mapped PID N}, then
 * waits for {@code exit} ({@link Driver}).
 */
public final class MappingApp {
    private MappingApp() {}

    public static void main(String[] args) throws Exception {
        List<MappedByteBuffer> mappings = new ArrayList<>();
        for (String file : args) {
            try (FileChannel channel = FileChannel.open(Path.of(file))) {
                mappings.add(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            }
        }
        System.out.println("mapped " + ProcessHandle.current().pid() + " " + mappings.size());
        new Driver().run();
        System.out.println("unmapped " + mappings.size()); // keeps the mappings reachable until then
    }
}
