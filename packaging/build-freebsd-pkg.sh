#!/bin/sh
# build-freebsd-pkg.sh: stages the FreeBSD package of hypervkvpd and, where pkg(8) exists, creates the .pkg.
#
# Usage: packaging/build-freebsd-pkg.sh [--output DIR] [--version V] [--arch amd64|aarch64] [--man-dir DIR]
#                                       [--freebsd-major N]
#   --output DIR        where the staging directory and the .pkg go (default: packaging/artifacts/ in the repository).
#   --version V         package version (default: <Version> of Directory.Build.props).
#   --arch A            pkg ABI architecture (default: amd64).
#   --freebsd-major N   the FreeBSD major version in the ABI string (default: 14): FreeBSD:N:ARCH.
#   --man-dir DIR       where hypervkvpd.8 and hvkvp.1 are taken from (default: docs/man).
# Output: DIR/hypervkvpd-freebsd/{root/,+MANIFEST,pkg-plist} and, with pkg(8), DIR/hypervkvpd-V.pkg.
# Prints the .pkg path, or the staging directory when `pkg create` was skipped, on standard output.
#
# The programs are framework-dependent (portable IL, run by a .NET 10 runtime through a small sh wrapper): Microsoft
# ships no FreeBSD runtime or apphost packs, so neither a self-contained nor a -r freebsd-x64 build can be made on
# another OS. The daemon calls libc directly (src/KvpDaemon.Core/Interop); no native library ships with it.
set -eu

KVP_PROG=build-freebsd-pkg.sh
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/lib/common.sh"

OUTPUT=
ARCH=amd64
MAJOR=14
PREFIX=/usr/local
KVP_VERSION=
kvp_script_option() {
    case "$1" in
        --freebsd-major) kvp_need_value $# "$1" value; MAJOR=$2; KVP_SHIFT=2 ;;
        *) KVP_SHIFT=0 ;;
    esac
}
kvp_parse_args no-flavour "$@"
case "$ARCH" in amd64 | aarch64) ;; *) kvp_die "unsupported architecture '$ARCH' (amd64 or aarch64)" ;; esac
case "$MAJOR" in '' | *[!0-9]*) kvp_die "invalid FreeBSD major version '$MAJOR'" ;; esac

kvp_init "$SCRIPT_DIR"
kvp_require_tools dotnet gzip install sed find
kvp_require_man_pages
kvp_prepare fbsd

STAGE=$OUTPUT/hypervkvpd-freebsd
ROOT=$STAGE/root
rm -rf "$STAGE"
mkdir -p "$ROOT"
KVP_DOTNET_ARTIFACTS=$WORK/dotnet

# subst FILE: fills the %%PREFIX%%, %%VERSION%% and %%ABI%% placeholders.
subst() {
    sed -e "s:%%PREFIX%%:$PREFIX:g" -e "s:%%VERSION%%:$KVP_VERSION:g" -e "s/%%ABI%%/FreeBSD:$MAJOR:$ARCH/g" "$1"
}

# All three programs share one directory: same Core and System.CommandLine assemblies, one .deps.json each.
LIB=$ROOT$PREFIX/lib/hypervkvpd
for project in src/KvpDaemon/KvpDaemon.csproj src/KvpDaemon.Cli/KvpDaemon.Cli.csproj \
    src/KvpDaemon.HostSimulator/KvpDaemon.HostSimulator.csproj; do
    kvp_publish "$project" "$LIB" --self-contained false -p:UseAppHost=false -p:SatelliteResourceLanguages=en
done
# XML documentation files are a build by-product, not needed at run time.
find "$LIB" -name '*.xml' -type f -delete
rm -rf "$LIB/runtimes"
find "$LIB" -type d -exec chmod 0755 {} +
find "$LIB" -type f -exec chmod 0644 {} +

install -d -m 0755 "$ROOT$PREFIX/sbin" "$ROOT$PREFIX/bin" "$ROOT$PREFIX/etc/rc.d" "$ROOT$PREFIX/etc/devd" \
    "$ROOT$PREFIX/share/doc/hypervkvpd" "$ROOT$PREFIX/share/man"
wrapper() { # wrapper NAME DEST: the sh launcher of NAME.dll
    subst "$SCRIPT_DIR/freebsd/hypervkvpd.in" | sed "s/@NAME@/$1/g" >"$2"
    chmod 0755 "$2"
}
wrapper hypervkvpd "$ROOT$PREFIX/sbin/hypervkvpd"
wrapper hvkvp "$ROOT$PREFIX/bin/hvkvp"
wrapper hvkvp-sim "$LIB/hvkvp-sim"
subst "$SCRIPT_DIR/freebsd/rc.d/hypervkvpd" >"$ROOT$PREFIX/etc/rc.d/hypervkvpd"
chmod 0755 "$ROOT$PREFIX/etc/rc.d/hypervkvpd"
subst "$SCRIPT_DIR/freebsd/devd/hypervkvpd.conf" >"$ROOT$PREFIX/etc/devd/hypervkvpd.conf"
install -m 0644 "$SCRIPT_DIR/config/hypervkvpd.freebsd.json" "$ROOT$PREFIX/etc/hypervkvpd.json.sample"
install -m 0644 "$SCRIPT_DIR/config/README.md" "$ROOT$PREFIX/share/doc/hypervkvpd/configuration.md"
install -m 0644 "$KVP_REPO/LICENSE" "$ROOT$PREFIX/share/doc/hypervkvpd/LICENSE"
chmod 0644 "$ROOT$PREFIX/etc/devd/hypervkvpd.conf"
kvp_install_man "$ROOT" "${PREFIX#/}/share/man"
kvp_copy_scripts "$SCRIPT_DIR/scripts/freebsd" "$ROOT$PREFIX/libexec/hypervkvpd"

# The manifest, and the plist: every file relative to the prefix; the config as @sample (copied to
# hypervkvpd.json on first install, removed on deinstall only if unchanged), owned directories as @dir.
subst "$SCRIPT_DIR/freebsd/manifest.ucl" >"$STAGE/+MANIFEST"
{
    (cd "$ROOT$PREFIX" && find . -type f | sed 's:^\./::' | LC_ALL=C sort) | while read -r file; do
        case "$file" in
            etc/hypervkvpd.json.sample) echo "@sample $file" ;;
            *) echo "$file" ;;
        esac
    done
    echo "@dir lib/hypervkvpd"
    echo "@dir libexec/hypervkvpd"
    echo "@dir share/doc/hypervkvpd"
} >"$STAGE/pkg-plist"

if command -v pkg >/dev/null 2>&1; then
    pkg create -M "$STAGE/+MANIFEST" -p "$STAGE/pkg-plist" -r "$ROOT" -o "$OUTPUT" ||
        kvp_die "pkg create failed"
    PKG=$OUTPUT/hypervkvpd-$KVP_VERSION.pkg
    kvp_note "built $PKG"
    echo "$PKG"
else
    kvp_note "pkg(8) not found: 'pkg create' SKIPPED. Staged tree, +MANIFEST and pkg-plist are in $STAGE;"
    kvp_note "on FreeBSD run: pkg create -M $STAGE/+MANIFEST -p $STAGE/pkg-plist -r $ROOT -o DIR"
    echo "$STAGE"
fi
