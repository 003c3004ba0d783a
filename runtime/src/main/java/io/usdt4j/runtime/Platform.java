package io.usdt4j.runtime;

import java.util.Locale;

/**
 * The operating system and CPU a native library is built for, and where it sits in a jar.
 *
 * <p>The Maven plugin and the runtime both use this class, so a library is always looked up
 * under the name it was packaged with.
 */
public record Platform(String os, String arch) {

    /** Lets tests simulate another platform, for example {@code -Dusdt4j.platform=darwin-aarch64}. */
    public static final String OVERRIDE_PROPERTY = "usdt4j.platform";

    /**
     * {@code -Dusdt4j.probeNop=1|5|auto} chooses which of a library's probe sites fire: the
     * one-byte nops or, on x86-64, the five-byte ones (see usdt4j.h). {@code auto}, the default,
     * takes 5 where the kernel turns a traced five-byte nop into a call (Linux 6.18+).
     */
    public static final String PROBE_NOP_PROPERTY = "usdt4j.probeNop";

    /** The platform this JVM runs on. */
    public static Platform current() {
        String override = System.getProperty(OVERRIDE_PROPERTY, "");
        if (!override.isEmpty()) {
            int dash = override.indexOf('-');
            if (dash <= 0 || dash == override.length() - 1) {
                throw new IllegalArgumentException(
                        OVERRIDE_PROPERTY + " must look like linux-x86_64, not '" + override + "'");
            }
            return new Platform(override.substring(0, dash), override.substring(dash + 1));
        }
        return new Platform(normalizeOs(System.getProperty("os.name")), normalizeArch(System.getProperty("os.arch")));
    }

    public boolean isLinux() {
        return os.equals("linux");
    }

    /** {@code linux-x86_64}: the folder name for this platform's libraries. */
    public String id() {
        return os + "-" + arch;
    }

    /** The class-path resource that holds {@code provider}'s library for this platform. */
    public String libraryResource(String provider) {
        return "META-INF/usdt4j/native/" + id() + "/" + libraryFileName(provider);
    }

    public static String libraryFileName(String provider) {
        return "libusdt4j-" + provider + ".so";
    }

    /** The size of the nop that probes should fire on here: 1 or 5, per {@link #PROBE_NOP_PROPERTY}. */
    public int probeNopSize() {
        String choice = System.getProperty(PROBE_NOP_PROPERTY, "auto");
        switch (choice) {
            case "1":
                return 1;
            case "5":
                return 5;
            case "auto":
                return optimizesNop5(System.getProperty("os.version")) ? 5 : 1;
            default:
                throw new IllegalArgumentException(PROBE_NOP_PROPERTY + " must be 1, 5 or auto, not '" + choice + "'");
        }
    }

    /**
     * Linux 6.18 added optimized uprobes on x86-64: a traced five-byte nop becomes a call to the
     * uprobe trampoline. Before that a five-byte nop is emulated (6.16, 6.17) or single-stepped,
     * which costs more than the one-byte nop's trap.
     */
    boolean optimizesNop5(String kernelRelease) {
        if (!isLinux() || !arch.equals("x86_64") || kernelRelease == null) {
            return false;
        }
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(kernelRelease);
        if (!version.find()) {
            return false;
        }
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        return major > 6 || (major == 6 && minor >= 18);
    }

    static String normalizeOs(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return "linux";
        if (os.startsWith("mac") || os.startsWith("darwin")) return "darwin";
        if (os.startsWith("windows")) return "windows";
        return os.replaceAll("[^a-z0-9]", "");
    }

    /** Java's {@code os.arch} names, mapped to the kernel's ({@code uname -m}) where they differ. */
    static String normalizeArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "arm64":
            case "aarch64":
                return "aarch64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "x86";
            default:
                return arch.replaceAll("[^a-z0-9_]", "");
        }
    }
}
