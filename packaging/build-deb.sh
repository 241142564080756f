#!/bin/sh
# build-deb.sh: builds the hypervkvpd Debian package (.deb) from this tree.
#
# Usage: packaging/build-deb.sh [--output DIR] [--version V] [--arch amd64|arm64] [--man-dir DIR]
#                               [--flavour native|compat] [--prebuilt DIR] [--conflict-hyperv-daemons]
#   --output DIR   where the .deb goes (default: packaging/artifacts/ in the repository); created if missing.
#   --version V    package version (default: <Version> of Directory.Build.props). The part before any - ~ +
#                  becomes the .NET assembly version, so `hypervkvpd --version` prints it.
#   --arch A       Debian architecture (default: amd64); published for the matching .NET runtime identifier.
#   --man-dir DIR  where hypervkvpd.8 and hvkvp.1 are taken from (default: docs/man). Both must exist.
#   --flavour F    native (default): NativeAOT binaries, glibc 2.34+; compat: self-contained single files for older
#                  guests (glibc 2.27+), written as hypervkvpd-compat_V_ARCH.deb (the package is still hypervkvpd).
#   --prebuilt DIR take the native hypervkvpd and hvkvp from DIR instead of publishing them (the integration tests
#                  hand over the NativeAOT binaries they built, so CI compiles them once); checked, not trusted.
#   --conflict-hyperv-daemons
#                  declare Conflicts/Replaces: hyperv-daemons. Needed only if packaging/scripts/linux/ ships a
#                  file that Debian's hyperv-daemons also ships (see HYPERV_DAEMONS_FILES below); without it such
#                  a collision stops the build, because dpkg would refuse to install next to hyperv-daemons.
# Prints the path of the .deb on standard output (progress goes to standard error).
#
# Needs: dotnet (SDK 10), clang, dpkg-deb, gzip, install, md5sum. Takes ~2-3 minutes (two NativeAOT publishes).
set -eu

KVP_PROG=build-deb.sh
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/lib/common.sh"
. "$SCRIPT_DIR/lib/linux-payload.sh"
. "$SCRIPT_DIR/lib/distros.sh"

# Files of Debian's hyperv-daemons (docs/compatibility.md C) that a file of ours could collide with.
HYPERV_DAEMONS_FILES="/usr/libexec/hypervkvpd/hv_get_dhcp_info /usr/libexec/hypervkvpd/hv_get_dns_info"

OUTPUT=
ARCH=amd64
CONFLICT_HYPERV_DAEMONS=no
KVP_PREBUILT=
FLAVOUR=native
KVP_VERSION=
kvp_script_option() {
    case "$1" in
        --prebuilt) kvp_need_value $# "$1" directory; KVP_PREBUILT=$2; KVP_SHIFT=2 ;;
        --conflict-hyperv-daemons) CONFLICT_HYPERV_DAEMONS=yes; KVP_SHIFT=1 ;;
        *) KVP_SHIFT=0 ;;
    esac
}
kvp_parse_args flavour "$@"

kvp_init "$SCRIPT_DIR"
kvp_check_flavour "$FLAVOUR"
RID=$(kvp_rid_for_arch "$ARCH")
kvp_require_tools dotnet clang dpkg-deb gzip install md5sum
kvp_require_man_pages

kvp_prepare deb
KVP_DOTNET_ARTIFACTS=$WORK/dotnet
ROOT=$WORK/root
mkdir -p "$ROOT"
chmod 0755 "$ROOT"

kvp_stage_linux "$ROOT" "$RID" "$WORK/publish" "$FLAVOUR"
# The oldest glibc the staged binaries run on (objdump -T), for Depends: below and packaging/README.md.
GLIBC_FLOOR=$(kvp_glibc_floor_tree "$ROOT")
[ -n "$GLIBC_FLOOR" ] || kvp_die "the payload's binaries import no versioned glibc symbol; cannot state a floor"

RELATIONS=
for f in $HYPERV_DAEMONS_FILES; do
    if [ -e "$ROOT$f" ]; then
        if [ "$CONFLICT_HYPERV_DAEMONS" = no ]; then
            kvp_die "$f is also shipped by Debian's hyperv-daemons; rename it in packaging/scripts/linux/ or build with --conflict-hyperv-daemons (which makes installing hypervkvpd remove hyperv-daemons, with its VSS and fcopy daemons)"
        fi
    fi
done
if [ "$CONFLICT_HYPERV_DAEMONS" = yes ]; then
    RELATIONS="Conflicts: hyperv-daemons
Replaces: hyperv-daemons
"
fi

# Control area.
DEBIAN=$ROOT/DEBIAN
install -d -m 0755 "$DEBIAN"
for script in postinst prerm postrm; do
    install -m 0755 "$SCRIPT_DIR/debian/$script" "$DEBIAN/$script"
done
echo /etc/hypervkvpd/hypervkvpd.json >"$DEBIAN/conffiles"
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print | sed 's:^\./::' | LC_ALL=C sort |
    xargs md5sum) >"$DEBIAN/md5sums"
INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
# Depends: computed from the payload (lib/distros.sh kvp_deb_depends): libc6 >= the floor measured above
# (GLIBC_FLOOR: the highest GLIBC_ symbol version the binaries import; 2.34 for the NativeAOT build, which links libc
# and libm only, with zlib and the C++ runtime linked in) and a package for every other library the binaries load
# (objdump -p NEEDED; the compat flavour's single-file host needs libstdc++ and libgcc_s). No libicu
# (InvariantGlobalization), no libssl (no TLS). procps: the unit's ExecReload= runs /bin/kill, which minimal Debian
# systems lack (seen under systemd-nspawn: "Failed to locate executable /bin/kill", reload failed). Deliberately no
# Conflicts with hyperv-daemons: it also ships the VSS and fcopy daemons, and the two KVP daemons are kept apart by the
# unit's Conflicts=hv-kvp-daemon.service (see packaging/README.md).
DEPENDS="$(kvp_deb_depends "$ROOT" "$GLIBC_FLOOR"), procps"
case "$FLAVOUR" in
    native) BUILT_AS="Compiled ahead of time to native code: no .NET runtime needed." ;;
    compat) BUILT_AS="Compat flavour for older glibc: self-contained single files, no .NET runtime needed." ;;
esac
cat >"$DEBIAN/control" <<CONTROL
Package: hypervkvpd
Version: $KVP_VERSION
Architecture: $ARCH
Maintainer: ${DEB_MAINTAINER:-KvpDaemon contributors <maintainers@kvpdaemon.invalid>}
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
${RELATIONS}Section: admin
Priority: optional
Homepage: https://github.com/kvpdaemon/kvpdaemon
Description: Hyper-V Key-Value Pair (KVP) exchange daemon for Linux guests
 hypervkvpd answers the Hyper-V host's Data Exchange (KVP) requests: it keeps
 the five KVP pools in /var/lib/hyperv, reports the guest's host name, OS
 and IP addresses, and applies IP settings the host injects. It is a drop-in
 replacement for hv_kvp_daemon, written in C#.
 $BUILT_AS
 .
 The service starts only when the KVP device /dev/vmbus/hv_kvp appears, so it
 never delays boot on other hypervisors. Also included: the hvkvp command to
 read and write the pools.
CONTROL

DEB=$OUTPUT/hypervkvpd$(kvp_flavour_suffix "$FLAVOUR")_${KVP_VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >&2 || kvp_die "dpkg-deb failed"
kvp_note "built $DEB"
echo "$DEB"
