// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The effective user and group of a process, from {@code /proc/PID/status}: the Attach API lets a
 * process attach only to a JVM of its own effective user and group.
 *
 * @param uid the effective user id
 * @param gid the effective group id
 */
public record ProcessIds(int uid, int gid) {
    /** Of the process whose {@code /proc} directory is {@code procPid} ({@code /proc/self}, {@code /proc/42}). */
    public static ProcessIds of(Path procPid) throws IOException {
        int uid = -1;
        int gid = -1;
        for (String line : Files.readAllLines(procPid.resolve("status"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\\s+");
            try {
                if (fields.length >= 3 && fields[0].equals("Uid:")) {
                    uid = Integer.parseInt(fields[2]);
                } else if (fields.length >= 3 && fields[0].equals("Gid:")) {
                    gid = Integer.parseInt(fields[2]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(procPid + "/status states an id that is not a number");
            }
        }
        if (uid < 0 || gid < 0) {
            throw new IOException(procPid + "/status states no user or group");
        }
        return new ProcessIds(uid, gid);
    }

    /** This process's. */
    public static ProcessIds self() throws IOException {
        return of(Path.of("/proc/self"));
    }
}
