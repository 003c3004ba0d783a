#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds release VERSION of usdt4j from this checkout's HEAD, ready to publish (RELEASING.md).
#
# Usage: scripts/release.sh VERSION [--sign KEYID] [--output DIR]
#
#   VERSION       the release's version, e.g. 0.1.0 (not a -SNAPSHOT)
#   --sign KEYID  sign every published file and the distributions with this key of gpg's keyring
#                 (GNUPGHOME is honoured); without it nothing is signed
#   --output DIR  where the results go (default: target/ of this checkout)
#
# Leaves in the output directory:
#   staging/      every published artifact in a Maven repository layout, each file with .md5,
#                 .sha1, .sha256 and .sha512 (and .asc when signed), as the Central Portal takes it
#   staging.zip   that tree zipped, the Portal's upload
#   dist/         usdt4j-cli-VERSION.tar.gz and usdt4j_VERSION_all.deb (with .asc when signed),
#                 and SHA256SUMS
#
# The checkout must be clean: the release is built from HEAD's committed tree, cloned into a new
# temporary directory, so that nothing here is modified and nothing uncommitted slips in. The
# version is passed as -Drevision=VERSION (no file is rewritten), and every archive entry gets
# the time of HEAD's commit, so two builds of one commit give byte-identical files. Tests are not
# run: the release commit is the one scripts/test.sh passed on. Maven's local repository is the
# usual one (MAVEN_OPTS is honoured); nothing is installed into it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

usage() { die "usage: scripts/release.sh VERSION [--sign KEYID] [--output DIR]"; }

version=""
key=""
output=$root/target
while [ $# -gt 0 ]; do
    case $1 in
        --sign) [ $# -ge 2 ] || usage; key=$2; shift 2 ;;
        --output) [ $# -ge 2 ] || usage; output=$2; shift 2 ;;
        -*) usage ;;
        *) [ -z "$version" ] || usage; version=$1; shift ;;
    esac
done
[ -n "$version" ] || usage
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z]+)*$ ]] || die "'$version' is not a version like 1.2.3 or 1.2.3-rc1"
[[ $version != *SNAPSHOT* ]] || die "a release has no -SNAPSHOT version: $version"

command -v git >/dev/null || die "git is needed"
git rev-parse --git-dir >/dev/null 2>&1 || die "$root is not a git checkout: a release is built from a commit"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    git status --short --untracked-files=no >&2
    die "the checkout has uncommitted changes (above): commit or stash them, a release is built from HEAD"
fi
if [ -n "$key" ]; then
    command -v gpg >/dev/null || die "--sign needs gpg"
    gpg --batch --list-secret-keys "$key" >/dev/null 2>&1 || die "gpg has no secret key $key${GNUPGHOME:+ in $GNUPGHOME}"
fi

commit=$(git rev-parse HEAD)
# The commit's own time, in UTC: the same for every build of it.
timestamp=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ "$commit")

make_work_dir usdt4j-release
build=$work/usdt4j-$version
say "usdt4j $version from commit $commit ($timestamp), built in $build"
git clone --quiet --no-checkout "$root" "$build"
git -C "$build" checkout --quiet --detach "$commit"

maven=(./mvnw -B -Dusdt4j.release -Drevision="$version" -Dproject.build.outputTimestamp="$timestamp"
    -DskipTests -Dinvoker.skip=true -Dmaven.install.skip=true)
[ -z "$key" ] || maven+=(-Dgpg.keyname="$key")
say "Building: ${maven[*]} deploy"
(cd "$build" && "${maven[@]}" deploy)

staged=$build/target/staging
[ -d "$staged/io" ] || die "the build staged nothing in $staged"
dist_files=("cli/target/usdt4j-cli-$version.tar.gz" "cli/target/usdt4j_${version}_all.deb")
for file in "${dist_files[@]}"; do
    [ -f "$build/$file" ] || die "the build made no $file"
done

say "Copying the results to $output"
mkdir -p "$output"
rm -rf "$output/staging" "$output/staging.zip" "$output/dist"
cp -a "$staged" "$output/staging"
cp "$build/target/staging.zip" "$output/staging.zip"
mkdir -p "$output/dist"
for file in "${dist_files[@]}"; do
    cp "$build/$file" "$output/dist/"
    [ -z "$key" ] || gpg --batch --yes --quiet --local-user "$key" --armor --detach-sign "$output/dist/$(basename "$file")"
done
(cd "$output/dist" && sha256sum -- *.tar.gz *.deb >SHA256SUMS)

say "usdt4j $version (commit $commit${key:+, signed by $key})"
echo "  $output/staging.zip: $(cd "$output/staging" && find . -type f | wc -l) files, $(cd "$output/staging" && find . -name '*.pom' | wc -l) artifacts"
(cd "$output/dist" && for file in *; do echo "  $output/dist/$file"; done)
