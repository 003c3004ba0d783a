#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tests the release build end to end, as RELEASING.md describes it, for the version in the poms
# without -SNAPSHOT (0.1.0 for 0.1.0-SNAPSHOT). scripts/test.sh runs it.
#
#  1. scripts/release.sh VERSION --sign KEY, with a throwaway GnuPG key in a temporary GNUPGHOME;
#  2. the staging bundle against Central's requirements and the build (release-check/CheckBundle.java):
#     every published module there with pom, jar, sources, javadoc, SBOM and four checksums each,
#     in the BOM, its pom's metadata, nothing unpublished; then gpg verifies every signature (and
#     refuses a tampered file);
#  3. reproducibility: scripts/release.sh again, later, in another directory, under another time
#     zone, umask and locale; every published file and both distributions byte-identical (SHA-256);
#  4. the tarball's launcher: runs the command, and refuses a too-old JAVA_HOME saying what to do;
#  5. the .deb installed with apt-get: usdt4j --version names the release and commit, man -w
#     usdt4j finds the man page, bash completion is registered; removed again at the end;
#  6. a consumer project (release-check/consumer) built with an empty local repository, from the
#     staged bundle and Maven Central only, using the BOM, runtime, processor and plugin; it runs,
#     the installed usdt4j lists its probe, and bpftrace traces it.
#
# Steps 5 and 6's run need root (or sudo) and bpftrace; without them they are skipped, saying
# why, unless USDT4J_REQUIRE_TRACER=1, which makes that a failure. The checkout must be clean
# (scripts/release.sh builds HEAD). Each step's time is printed; the last line says what passed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
SCRIPT_NAME="check-release: FAILED"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

# gnupg signs, man-db answers man -w, maven (the system's) builds the consumer as a user would.
install_prerequisites maven gnupg man-db

revision=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' bom/pom.xml)
version=${revision%-SNAPSHOT}
[ -n "$version" ] || die "no <revision> in bom/pom.xml"
commit=$(git rev-parse HEAD)

make_work_dir usdt4j-release-check
installed_deb=""
cleanup() {
    stop_app_and_tracer
    if [ -n "$installed_deb" ]; then
        printf '\n==> Removing the usdt4j package again\n'
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q usdt4j >/dev/null || true
    fi
    [ -z "${GNUPGHOME:-}" ] || gpgconf --homedir "$GNUPGHOME" --kill gpg-agent 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

can_run_as_root=""
if [ "$(id -u)" -eq 0 ] || [ ${#SUDO[@]} -gt 0 ]; then
    can_run_as_root=1
fi
# A step that cannot run here: skipped, or a failure under USDT4J_REQUIRE_TRACER=1.
cannot() {
    [ "${USDT4J_REQUIRE_TRACER:-}" != 1 ] || die "$1, and USDT4J_REQUIRE_TRACER=1"
    say "SKIPPED: $1"
}

timings=()
step_started=0
begin() { say "$1"; step_started=$SECONDS; step_name=$1; }
end() { timings+=("$(printf '%4ds  %s' $((SECONDS - step_started)) "$step_name")"); }

# --- 1. A signed release -------------------------------------------------------------------------
begin "Throwaway signing key"
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --gen-key <<'EOF'
%no-protection
Key-Type: eddsa
Key-Curve: ed25519
Key-Usage: sign
Name-Real: usdt4j release check (throwaway)
Name-Email: release-check@usdt4j.invalid
Expire-Date: 1d
%commit
EOF
key=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
[ -n "$key" ] || die "gpg made no key"
echo "  key $key in $GNUPGHOME"
end

begin "Release A: scripts/release.sh $version --sign $key"
scripts/release.sh "$version" --sign "$key" --output "$work/a"
end

# --- 2. The bundle -------------------------------------------------------------------------------
begin "The staging bundle (scripts/release-check/CheckBundle.java)"
java scripts/release-check/CheckBundle.java "$root" "$work/a/staging" "$work/a/staging.zip" "$version" --signed
# The check must be able to fail: a copy with runtime's sources gone, runtime dropped from the
# BOM and the parent's licenses removed is refused for each of the three.
cp -r "$work/a/staging" "$work/broken"
broken=$work/broken/io/usdt4j
rm "$broken/usdt4j-runtime/$version/usdt4j-runtime-$version-sources.jar"
sed -i '/<artifactId>usdt4j-runtime<\/artifactId>/d' "$broken/usdt4j-bom/$version/usdt4j-bom-$version.pom"
sed -i '/<licenses>/,/<\/licenses>/d' "$broken/usdt4j-bom/$version/usdt4j-bom-$version.pom"
if java scripts/release-check/CheckBundle.java "$root" "$work/broken" "$work/a/staging.zip" "$version" --signed \
    >"$work/broken.out" 2>&1; then
    cat "$work/broken.out" >&2
    die "CheckBundle passed a bundle without runtime's sources, BOM entry and licenses"
fi
for expected in "usdt4j-runtime-$version-sources.jar is missing" "the BOM does not manage published usdt4j-runtime" \
    "usdt4j-runtime-$version.pom has no licenses/license"; do
    grep -qF "$expected" "$work/broken.out" || { cat "$work/broken.out" >&2; die "CheckBundle did not say: $expected"; }
done
echo "  and it refuses a bundle without runtime's sources, its BOM entry or the licenses"
echo "  usdt4j-runtime in the bundle:"
(cd "$work/a/staging" && find io/usdt4j/usdt4j-runtime -type f | sort | sed 's/^/    /')
end

begin "Signatures: gpg --verify of every .asc"
verified=0
while IFS= read -r -d '' signature; do
    gpg --batch --quiet --verify "$signature" "${signature%.asc}" 2>"$work/gpg.err" \
        || { cat "$work/gpg.err" >&2; die "bad signature: $signature"; }
    verified=$((verified + 1))
done < <(find "$work/a/staging" "$work/a/dist" -name '*.asc' -print0)
unsigned=$(find "$work/a/staging" "$work/a/dist" -type f ! -name '*.asc' ! -name '*.md5' ! -name '*.sha1' \
    ! -name '*.sha256' ! -name '*.sha512' ! -name SHA256SUMS -exec sh -c '[ -f "$1.asc" ] || echo "$1"' _ {} \;)
[ -z "$unsigned" ] || die "files without a signature: $unsigned"
# A signature that cannot fail proves nothing: one byte changed must be refused.
tampered=$work/tampered.jar
cp "$work/a/staging/io/usdt4j/usdt4j-runtime/$version/usdt4j-runtime-$version.jar" "$tampered"
printf 'x' | dd of="$tampered" bs=1 seek=100 conv=notrunc status=none
if gpg --batch --quiet --verify "$work/a/staging/io/usdt4j/usdt4j-runtime/$version/usdt4j-runtime-$version.jar.asc" \
    "$tampered" 2>/dev/null; then
    die "gpg accepted the runtime jar's signature for a tampered copy"
fi
(cd "$work/a/dist" && sha256sum --quiet -c SHA256SUMS) || die "target/dist/SHA256SUMS does not match"
echo "  $verified signatures good, each file signed; a tampered jar is refused"
end

# --- 3. Reproducibility ---------------------------------------------------------------------------
# Another directory (release.sh always builds in a new one), later, and another time zone, umask
# and locale: none of them may show in a published byte.
begin "Release B, to compare: later, another directory, TZ=Pacific/Chatham, umask 002, LC_ALL=C.UTF-8"
(umask 002 && TZ=Pacific/Chatham LC_ALL=C.UTF-8 scripts/release.sh "$version" --output "$work/b")
sums() {  # DIR: SHA-256 of each published file and distribution, by relative path
    (cd "$1" && find staging dist -type f ! -name '*.asc' ! -name '*.md5' ! -name '*.sha1' ! -name '*.sha256' \
        ! -name '*.sha512' ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum)
}
sums "$work/a" >"$work/a.sums"
sums "$work/b" >"$work/b.sums"
if ! diff -u "$work/a.sums" "$work/b.sums"; then
    while read -r _ file; do
        if [[ $file == *.jar ]] && ! cmp -s "$work/a/$file" "$work/b/$file"; then
            echo "  $file: entries that differ (unzip -lv):" >&2
            diff <(unzip -lv "$work/a/$file") <(unzip -lv "$work/b/$file") | head -20 >&2 || true
        fi
    done <"$work/a.sums"
    die "two builds of commit $commit differ (above)"
fi
echo "  reproducible: $(wc -l <"$work/a.sums") files byte-identical in both builds:"
sed 's/^/    /' "$work/a.sums"
end

# --- 4. The tarball's launcher -------------------------------------------------------------------
begin "usdt4j-cli-$version.tar.gz: bin/usdt4j"
tar -xzf "$work/a/dist/usdt4j-cli-$version.tar.gz" -C "$work"
unpacked=$work/usdt4j-cli-$version
for file in bin/usdt4j lib/usdt4j-cli.jar share/man/man1/usdt4j.1 share/bash-completion/completions/usdt4j LICENSE; do
    [ -f "$unpacked/$file" ] || die "the tarball has no $file"
done
[ -x "$unpacked/bin/usdt4j" ] || die "the tarball's bin/usdt4j is not executable"
ln -s "$unpacked/bin/usdt4j" "$work/usdt4j-link"   # run through a link, as from a PATH directory
version_output=$(env -u JAVA_HOME "$work/usdt4j-link" --version)
echo "$version_output" | sed 's/^/  /'
grep -qx "usdt4j $version" <<<"$version_output" || die "usdt4j --version does not say usdt4j $version"
grep -qx "commit $commit" <<<"$version_output" || die "usdt4j --version does not name commit $commit"
# A JAVA_HOME with a Java 11: refused, saying what it found and how to get a Java 17.
old_java=$work/old-jdk
mkdir -p "$old_java/bin"
printf 'JAVA_VERSION="11.0.2"\n' >"$old_java/release"
printf '#!/bin/sh\necho "this old java must not be run" >&2\nexit 99\n' >"$old_java/bin/java"
chmod +x "$old_java/bin/java"
status=0
JAVA_HOME=$old_java "$work/usdt4j-link" --version >/dev/null 2>"$work/old-java.err" || status=$?
sed 's/^/  /' "$work/old-java.err"
[ "$status" -eq 2 ] || die "with a Java 11 JAVA_HOME, bin/usdt4j exited with $status, not 2"
grep -q "needs Java 17 or later, but JAVA_HOME=$old_java has Java 11\." "$work/old-java.err" \
    && grep -q "apt-get install" "$work/old-java.err" || die "bin/usdt4j's message for a Java 11 JAVA_HOME does not say what to do"
end

# --- 5. The Debian package ------------------------------------------------------------------------
deb=$work/a/dist/usdt4j_${version}_all.deb
begin "usdt4j_${version}_all.deb: apt-get install, --version, man -w, completion"
dpkg-deb -f "$deb" Depends | grep -q 'java17-runtime-headless' || die "the .deb does not depend on a Java 17 runtime"
dpkg-deb -f "$deb" Depends | grep -q 'bpftrace' || die "the .deb does not depend on bpftrace"
if [ -z "$can_run_as_root" ]; then
    cannot "installing the .deb needs root or sudo"
elif dpkg -s usdt4j >/dev/null 2>&1; then
    die "a usdt4j package is installed already: remove it first (apt-get purge usdt4j), this test installs its own"
else
    installed_deb=1
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" \
        >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; die "apt-get install $deb failed"; }
    [ "$(command -v usdt4j)" = /usr/bin/usdt4j ] || die "usdt4j is not /usr/bin/usdt4j on the PATH"
    installed_version=$(usdt4j --version)
    echo "$installed_version" | sed 's/^/  /'
    [ "$installed_version" = "$version_output" ] || die "the installed usdt4j --version differs from the tarball's"
    page=$(man -w usdt4j) || die "man -w usdt4j finds no man page"
    echo "  man -w usdt4j: $page"
    [ "$page" = /usr/share/man/man1/usdt4j.1.gz ] || die "man -w usdt4j says $page"
    man -w usdt4j-trace >/dev/null || die "man -w usdt4j-trace finds no man page"
    # shellcheck disable=SC1091
    completion=$(bash -c 'source /usr/share/bash-completion/completions/usdt4j && complete -p usdt4j')
    echo "  $completion"
    [[ $completion == complete* ]] || die "the bash completion registers nothing for usdt4j"
fi
end

# --- 6. A consumer of the bundle alone -------------------------------------------------------------
begin "A consumer built from the bundle alone: empty local repository, the staged bundle and Central"
consumer=$work/consumer
cp -r scripts/release-check/consumer "$consumer"
repository=$work/consumer-repository
mkdir "$repository"
cat >"$work/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>usdt4j-staged</id>
      <repositories>
        <repository>
          <id>usdt4j-staged</id>
          <url>file://$work/a/staging</url>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>usdt4j-staged</id>
          <url>file://$work/a/staging</url>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>usdt4j-staged</activeProfile>
  </activeProfiles>
</settings>
EOF
# The system Maven, as a user's; MAVEN_OPTS may name another local repository.
(cd "$consumer" && env -u MAVEN_OPTS mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repository" \
    -Dusdt4j.version="$version" package 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
library=$consumer/target/classes/META-INF/usdt4j/native/linux-$(uname -m)/libusdt4j-bundle_consumer.so
[ -f "$library" ] || die "the consumer's build made no $library"
for artifact in usdt4j-bom usdt4j-parent usdt4j-runtime usdt4j-processor usdt4j-maven-plugin; do
    grep -qs ">usdt4j-staged=" "$repository/io/usdt4j/$artifact/$version/_remote.repositories" \
        || die "$artifact did not come from the staged bundle"
done
cmp -s "$repository/io/usdt4j/usdt4j-runtime/$version/usdt4j-runtime-$version.jar" \
    "$work/a/staging/io/usdt4j/usdt4j-runtime/$version/usdt4j-runtime-$version.jar" \
    || die "the consumer's runtime jar is not the staged one"
echo "  built; BOM, parent, runtime, processor and plugin came from the staged bundle"

reason=""
if [ -z "$can_run_as_root" ]; then
    reason="tracing needs root or sudo"
elif ! command -v bpftrace >/dev/null; then
    reason="bpftrace is not installed"
fi
if [ -n "$reason" ]; then
    cannot "$reason: the consumer is built but not traced"
else
    runtime_jar=$repository/io/usdt4j/usdt4j-runtime/$version/usdt4j-runtime-$version.jar
    start_app "$work/consumer.out" java -cp "$consumer/target/classes:$runtime_jar" com.example.consumer.Main
    await_app "$work/consumer.out" '^probes in ' '^no probes' || die "the consumer did not load its probes (above)"
    pid=$app_pid
    if [ -n "$installed_deb" ]; then
        listed=$("${SUDO[@]}" usdt4j list -p "$pid")
        echo "$listed" | sed 's/^/  usdt4j list: /'
        grep -q 'bundle_consumer:greeted(long count, String name)' <<<"$listed" \
            || die "usdt4j list -p $pid does not show probe bundle_consumer:greeted"
    fi
    trace_app 90 "$work/trace.out" "$work/trace.err" bpftrace -p "$pid" \
        -e 'usdt:*:bundle_consumer:greeted { printf("%ld %s\n", arg0, str(arg1)); }'
    app_status=0
    wait "$app_pid" || app_status=$?
    app_pid=""
    if ! grep -qx '42 from the bundle' "$work/trace.out" || [ "$trace_status" -ne 0 ] || [ "$app_status" -ne 0 ]; then
        cat "$work/trace.err" >&2
        die "bpftrace did not print '42 from the bundle' (bpftrace exit $trace_status, consumer exit $app_status)"
    fi
fi
end

say "Release checks of usdt4j $version (commit $commit): all passed"
printf '%s\n' "${timings[@]}"
