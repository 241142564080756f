#!/bin/sh
# build-rpm.sh: builds the hypervkvpd RPM (EL family, Fedora, SUSE) from this tree, with the payload of the .deb.
#
# Usage: packaging/build-rpm.sh [--output DIR] [--version V] [--arch amd64|arm64] [--man-dir DIR] [--from-deb FILE]
#                               [--flavour native|compat]
#   --output DIR     where the .rpm goes (default: packaging/artifacts/); created if missing.
#   --version V      package version (default: <Version> of Directory.Build.props); a Debian-style revision
#                    (V-R) becomes the RPM release, otherwise the release is 1.
#   --arch A         Debian architecture name (default: amd64); the RPM says x86_64 or aarch64.
#   --man-dir DIR    where hypervkvpd.8 and hvkvp.1 are taken from (default: docs/man).
#   --from-deb FILE  take the payload from a .deb built by build-deb.sh instead of publishing again (the same files
#                    byte for byte; version and architecture are read from it, --version and --arch must agree).
#   --flavour F      native (default) or compat, as for build-deb.sh (with --from-deb: the flavour that .deb was built
#                    with); compat writes hypervkvpd-compat-V-R.ARCH.rpm (the package is still hypervkvpd).
# Prints the path of the .rpm on standard output (progress goes to standard error).
#
# The files are the .deb's (kvp_stage_linux), with /lib/systemd and /lib/udev moved to /usr/lib, where the EL family
# and SUSE keep them. Needs: rpmbuild (Debian package rpm), objdump (binutils; binutils-aarch64-linux-gnu for arm64),
# dpkg-deb with --from-deb; dotnet without it.
set -eu

KVP_PROG=build-rpm.sh
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/lib/common.sh"
. "$SCRIPT_DIR/lib/linux-payload.sh"
. "$SCRIPT_DIR/lib/distros.sh"

OUTPUT=
ARCH=
FROM_DEB=
FLAVOUR=native
KVP_VERSION=
kvp_script_option() {
    case "$1" in
        --from-deb) kvp_need_value $# "$1" file; FROM_DEB=$2; KVP_SHIFT=2 ;;
        *) KVP_SHIFT=0 ;;
    esac
}
kvp_parse_args flavour "$@"

kvp_init "$SCRIPT_DIR"
kvp_require_tools rpmbuild install find sort
kvp_check_flavour "$FLAVOUR"
if [ -n "$FROM_DEB" ]; then
    kvp_require_tools dpkg-deb
    [ -f "$FROM_DEB" ] || kvp_die "no such .deb: $FROM_DEB"
    DEB_VERSION=$(dpkg-deb -f "$FROM_DEB" Version) || kvp_die "cannot read $FROM_DEB"
    DEB_ARCH=$(dpkg-deb -f "$FROM_DEB" Architecture)
    [ -z "$KVP_VERSION" ] || [ "$KVP_VERSION" = "$DEB_VERSION" ] ||
        kvp_die "--version $KVP_VERSION disagrees with $FROM_DEB ($DEB_VERSION)"
    [ -z "$ARCH" ] || [ "$ARCH" = "$DEB_ARCH" ] || kvp_die "--arch $ARCH disagrees with $FROM_DEB ($DEB_ARCH)"
    KVP_VERSION=$DEB_VERSION
    ARCH=$DEB_ARCH
fi
: "${ARCH:=amd64}"
kvp_prepare rpm
RID=$(kvp_rid_for_arch "$ARCH")
RPM_ARCH=$(kvp_rpm_arch "$ARCH")
# RPM versions cannot hold '-': a Debian revision becomes the release.
case "$KVP_VERSION" in
    *-*) RPM_VERSION=${KVP_VERSION%%-*}; RPM_RELEASE=${KVP_VERSION#*-} ;;
    *) RPM_VERSION=$KVP_VERSION; RPM_RELEASE=1 ;;
esac
case "$RPM_RELEASE" in *-*) kvp_die "invalid version '$KVP_VERSION' for RPM (at most one '-')" ;; esac

ROOT=$WORK/root
mkdir -p "$ROOT"
chmod 0755 "$ROOT"

if [ -n "$FROM_DEB" ]; then
    dpkg-deb -x "$FROM_DEB" "$ROOT" || kvp_die "dpkg-deb -x $FROM_DEB failed"
else
    kvp_require_tools dotnet gzip
    kvp_require_man_pages
    KVP_DOTNET_ARTIFACTS=$WORK/dotnet
    kvp_stage_linux "$ROOT" "$RID" "$WORK/publish" "$FLAVOUR"
fi

# /lib/systemd and /lib/udev -> /usr/lib: EL and SUSE ship units and rules there (their /lib is a link to usr/lib, and
# a package file through that link would clash with the filesystem package's ownership of /lib).
for sub in systemd udev; do
    if [ -d "$ROOT/lib/$sub" ]; then
        mkdir -p "$ROOT/usr/lib"
        mv "$ROOT/lib/$sub" "$ROOT/usr/lib/$sub"
    fi
done
rmdir "$ROOT/lib" 2>/dev/null || true
[ ! -e "$ROOT/lib" ] || kvp_die "unexpected files left under /lib: $(find "$ROOT/lib" | head -n 3)"

GLIBC_FLOOR=$(kvp_glibc_floor_tree "$ROOT")
[ -n "$GLIBC_FLOOR" ] || kvp_die "the payload's binaries import no versioned glibc symbol; cannot state a floor"
kvp_note "glibc floor of the payload: $GLIBC_FLOOR"
# The libraries beyond glibc that the binaries load (objdump -p NEEDED): none for NativeAOT; the compat flavour's
# single-file host needs libstdc++ and libgcc_s. One Requires: line (comma-separated), as one macro for the spec.
LIB_REQUIRES=$(kvp_rpm_requires "$ROOT" | paste -s -d , - | sed 's/,/, /g')
kvp_note "libraries required beyond glibc: ${LIB_REQUIRES:-none}"

# The %files list: the package owns its own directories (%dir) and every file with its staged mode; the
# configuration is %config(noreplace), so a local edit survives upgrades (new default as .rpmnew) and erase (.rpmsave).
FILELIST=$WORK/files.list
(
    cd "$ROOT"
    find . -mindepth 1 | sed 's:^\./:/:' | LC_ALL=C sort | while read -r path; do
        mode=$(stat -c %a ".$path")
        if [ -d ".$path" ]; then
            case "$path" in
                */hypervkvpd | */hypervkvpd/*) echo "%dir %attr(0$mode,root,root) $path" ;;
            esac
        elif [ "$path" = /etc/hypervkvpd/hypervkvpd.json ]; then
            echo "%config(noreplace) %attr(0$mode,root,root) $path"
        else
            echo "%attr(0$mode,root,root) $path"
        fi
    done
) >"$FILELIST"

mkdir -p "$WORK/rpmbuild"
rpmbuild -bb --quiet \
    --target "$RPM_ARCH-linux" \
    --define "_topdir $WORK/rpmbuild" \
    --define "_rpmdir $WORK/out" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
    --define "_binary_payload w6.xzdio" \
    --define "kvp_version $RPM_VERSION" \
    --define "kvp_release $RPM_RELEASE" \
    --define "kvp_root $ROOT" \
    --define "kvp_filelist $FILELIST" \
    --define "kvp_glibc $GLIBC_FLOOR" \
    --define "kvp_lib_requires ${LIB_REQUIRES:+Requires: $LIB_REQUIRES}%{nil}" \
    "$SCRIPT_DIR/rpm/hypervkvpd.spec" >&2 || kvp_die "rpmbuild failed"

RPM=$OUTPUT/hypervkvpd$(kvp_flavour_suffix "$FLAVOUR")-$RPM_VERSION-$RPM_RELEASE.$RPM_ARCH.rpm
mv "$WORK/out/hypervkvpd-$RPM_VERSION-$RPM_RELEASE.$RPM_ARCH.rpm" "$RPM" || kvp_die "rpmbuild left no $RPM_ARCH package"
kvp_note "built $RPM"
echo "$RPM"
