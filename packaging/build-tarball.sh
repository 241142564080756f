#!/bin/sh
# build-tarball.sh: builds hypervkvpd-<version>-linux-<arch>.tar.gz, the .deb's payload plus install.sh, for
# systemd-based distributions without a native package.
#
# Usage: packaging/build-tarball.sh [--output DIR] [--version V] [--arch amd64|arm64] [--man-dir DIR]
#                                   [--flavour native|compat]
#   Options as for build-deb.sh; --flavour compat makes hypervkvpd-<version>-linux-<arch>-compat.tar.gz. Prints the path of the tarball on standard output.
# Layout inside: hypervkvpd-<version>-linux-<arch>/{install.sh,README.md,root/...}, root/ being the files as they
# go under /.
set -eu

KVP_PROG=build-tarball.sh
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
. "$SCRIPT_DIR/lib/common.sh"
. "$SCRIPT_DIR/lib/linux-payload.sh"
. "$SCRIPT_DIR/lib/distros.sh"

OUTPUT=
ARCH=amd64
FLAVOUR=native
KVP_VERSION=
kvp_parse_args flavour "$@"

kvp_init "$SCRIPT_DIR"
kvp_check_flavour "$FLAVOUR"
RID=$(kvp_rid_for_arch "$ARCH")
kvp_require_tools dotnet clang tar gzip install
kvp_require_man_pages

kvp_prepare tar
KVP_DOTNET_ARTIFACTS=$WORK/dotnet
NAME=hypervkvpd-$KVP_VERSION-linux-$ARCH$(kvp_flavour_suffix "$FLAVOUR")
TOP=$WORK/$NAME
mkdir -p "$TOP/root"

kvp_stage_linux "$TOP/root" "$RID" "$WORK/publish" "$FLAVOUR"
kvp_stage_simulator "$TOP/root" "$RID" "$WORK/publish"
install -m 0755 "$SCRIPT_DIR/tarball/install.sh" "$TOP/install.sh"
install -m 0644 "$SCRIPT_DIR/README.md" "$TOP/README.md"

TARBALL=$OUTPUT/$NAME.tar.gz
tar -C "$WORK" --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$NAME" || kvp_die "tar failed"
kvp_note "built $TARBALL"
echo "$TARBALL"
