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

# What the tests of the second platform need: the integration tests build every provider for
# linux-x86_64 and linux-aarch64, check the aarch64 library with binutils-aarch64-linux-gnu, and
# run it on Debian's arm64 JVM under qemu user-mode emulation (multiarch). Only test.sh asks for
# these; demo.sh traces on the host and needs none of them.
install_cross_prerequisites() {
    local host other missing=() need_arch=""
    host=$(dpkg --print-architecture 2>/dev/null) || die "not Debian/Ubuntu (no dpkg): install an aarch64 cross compiler, qemu-user-static and an arm64 JDK yourself"
    case "$host" in
        amd64) other=arm64 ;;
        arm64) other=amd64 ;;
        *) die "cross-platform tests run on amd64 or arm64 hosts, not $host" ;;
    esac
    local triplet=aarch64-linux-gnu
    [ "$other" = amd64 ] && triplet=x86-64-linux-gnu
    local package
    for package in "gcc-$triplet" "libc6-dev-$other-cross" binutils-aarch64-linux-gnu qemu-user-static; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ! -x /usr/lib/jvm/java-17-openjdk-arm64/bin/java ]; then
        if [ "$host" = amd64 ]; then
            missing+=(openjdk-17-jre-headless:arm64)
            dpkg --print-foreign-architectures | grep -qx arm64 || need_arch=arm64
        else
            missing+=(openjdk-17-jre-headless)
        fi
    fi

    [ ${#missing[@]} -gt 0 ] || return 0
    command -v apt-get >/dev/null || die "missing ${missing[*]}, and this is not Debian/Ubuntu (no apt-get): install them yourself"
    if [ -n "$need_arch" ]; then
        printf '\n==> Adding the %s architecture (multiarch) for its JDK\n' "$need_arch"
        "${SUDO[@]}" dpkg --add-architecture "$need_arch"
    fi
    printf '\n==> Installing %s\n' "${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
