// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code usdt4j --version} prints: the version and the git commit this jar was built from, as
 * the build wrote them into {@code build-info.properties}. Nothing here depends on when or where it
 * was built, so two builds of one commit give the same jar.
 */
record BuildInfo(String version, String commit, boolean modified) {
    static final String RESOURCE = "build-info.properties";
    /** What {@code git describe --dirty} appends when tracked files differ from the commit. */
    private static final String DIRTY = "-dirty";

    static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the usdt4j jar: rebuild it with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the usdt4j jar", e);
        }
        String commit = value(properties, "commit");
        boolean modified = commit.endsWith(DIRTY);
        return new BuildInfo(value(properties, "version"),
                modified ? commit.substring(0, commit.length() - DIRTY.length()) : commit, modified);
    }

    /** The property, or empty when the build did not fill it in (an unresolved {@code ${...}}). */
    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.startsWith("${") ? "" : value;
    }

    /** {@code usdt4j 0.1.0} and the commit, or why there is none. */
    String[] versionLines() {
        String built;
        if (commit.isEmpty()) {
            built = "commit unknown: built outside a git checkout";
        } else {
            built = "commit " + commit + (modified ? ", with uncommitted changes" : "");
        }
        return new String[] {"usdt4j " + (version.isEmpty() ? "(version unknown)" : version), built};
    }
}
