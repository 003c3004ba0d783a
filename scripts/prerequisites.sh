# SPDX-License-Identifier: Apache-2.0
# Sourced by lib.sh, and so by every script here: installs, on Debian/Ubuntu, whatever of usdt4j's
# build and test prerequisites is missing. Expects SUDO (an array: empty as root, or (sudo)) and
# say() and die(), which lib.sh defines.
#
#   install_prerequisites [extra-package...]

can_include() {  # can the C compiler find this header?
    command -v gcc >/dev/null && printf '#include <%s>\n' "$1" | gcc -E -x c - -o /dev/null 2>/dev/null
}

javac_major() {  # 17 for "javac 17.0.15", empty when there is no javac
    local javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
    command -v "$javac" >/dev/null || return 0
    "$javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
}

install_prerequisites() {
    local missing=() major
    command -v gcc >/dev/null || missing+=(gcc)
    can_include stdio.h || missing+=(libc6-dev)   # gcc only recommends it, and jni.h needs it
    can_include sys/sdt.h || can_include usdt.h || missing+=(systemtap-sdt-dev)
    command -v bpftrace >/dev/null || missing+=(bpftrace)
    command -v readelf >/dev/null || missing+=(binutils)
    major=$(javac_major)
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        missing+=(openjdk-17-jdk-headless)
    fi
    local extra
    for extra in "$@"; do
        dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
    done

    [ ${#missing[@]} -gt 0 ] || return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and this is not Debian/Ubuntu (no apt-get): install them yourself"
    say "Installing ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    if [[ " ${missing[*]} " == *" openjdk-17-jdk-headless "* ]]; then
        # An older JDK may still be the default; point Maven at the new one.
        export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
    fi
}

# The tools the tests compare the Java-written libraries with gcc's in, beside readelf and
# bpftrace: eu-elflint (elfutils), tplist-bpfcc (bcc), gdb and perf; and gradle, which builds a
# consumer with the processor alone (GradleBuildTest: Debian 12's Gradle 4.4.1). Only test.sh asks
# for these: install_prerequisites "${TEST_TOOL_PACKAGES[@]}".
# shellcheck disable=SC2034
TEST_TOOL_PACKAGES=(elfutils bpfcc-tools gdb linux-perf gradle)

# The platform table, runtime/src/main/java/io/usdt4j/contract/Platform.java, asked without a
# build (Java runs the single source file): a line per supported platform, the FACTs asked for
# separated by tabs. Every architecture fact a script needs comes from there.
platform_table() {  # FACT...
    local java=${JAVA_HOME:+$JAVA_HOME/bin/}java
    "$java" runtime/src/main/java/io/usdt4j/contract/Platform.java table "$@"
}

# What the tests of the other platforms need: the integration tests build every provider for each
# platform of the table (in C where the table's backends say so, else in Java only), check each
# library with that platform's binutils, and run it on Debian's JVM of that platform under qemu
# user-mode emulation (multiarch). The cross compiler is installed for every platform, a Java-only
# one too: the plugin's PlatformTableTest checks the table's calling convention against gcc's notes.
# Only test.sh asks for these; demo.sh traces on the host and needs none of them.
install_cross_prerequisites() {
    local host table missing=() foreign=() supported
    host=$(dpkg --print-architecture 2>/dev/null) || die "not Debian/Ubuntu (no dpkg): install the other platforms' cross compilers, binutils, qemu-user-static and JDKs yourself"
    table=$(platform_table debian-arch cross-compiler-package cross-libc-package binutils-package jdk-home jdk-package) \
        || die "cannot read the platform table (runtime/src/main/java/io/usdt4j/contract/Platform.java)"
    supported=$(cut -f1 <<<"$table" | paste -sd' ')
    grep -q "^$host"$'\t' <<<"$table" || die "cross-platform tests run on the architectures usdt4j supports ($supported), not $host"
    local arch compiler libc binutils jdk_home jdk_package package
    while IFS=$'\t' read -r arch compiler libc binutils jdk_home jdk_package; do
        [ "$arch" != "$host" ] || continue
        for package in "$compiler" "$libc" "$binutils"; do
            dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
        done
        if [ ! -x "$jdk_home/bin/java" ]; then
            missing+=("$jdk_package")
            dpkg --print-foreign-architectures | grep -qx "$arch" || foreign+=("$arch")
        fi
    done <<<"$table"
    dpkg -s qemu-user-static >/dev/null 2>&1 || missing+=(qemu-user-static)

    [ ${#missing[@]} -gt 0 ] || return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and this is not Debian/Ubuntu (no apt-get): install them yourself"
    for arch in "${foreign[@]}"; do
        printf '\n==> Adding the %s architecture (multiarch) for its JDK\n' "$arch"
        "${SUDO[@]}" dpkg --add-architecture "$arch"
    done
    printf '\n==> Installing %s\n' "${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
