#!/bin/sh
# install.sh: installs (or upgrades, or removes) hypervkvpd from this tarball on a systemd-based Linux distribution
# without a native package. Run it as root from the unpacked directory.
#
# Usage: ./install.sh [--prefix-root DIR] [--uninstall [--purge]] [--no-start]
#   --prefix-root DIR  install into DIR instead of / (staging, images); nothing is started then.
#   --uninstall        stop the daemon and remove the installed files (the config file is kept).
#   --purge            with --uninstall: also remove /etc/hypervkvpd, /var/lib/hypervkvpd, /var/cache/hypervkvpd.
#                      /var/lib/hyperv and its .kvp_pool_* files are NEVER removed: other tools share them.
#   --no-start         do not start the daemon now (it still starts at boot when the KVP device appears).
# An existing /etc/hypervkvpd/hypervkvpd.json is never overwritten; the new default goes next to it as
# hypervkvpd.json.new when it differs.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DEST=
UNINSTALL=no
PURGE=no
START=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix-root) [ $# -ge 2 ] || { echo "install.sh: --prefix-root needs a directory" >&2; exit 1; }; DEST=$2; START=no; shift 2 ;;
        --uninstall) UNINSTALL=yes; shift ;;
        --purge) PURGE=yes; shift ;;
        --no-start) START=no; shift ;;
        -h | --help) sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (try --help)" >&2; exit 1 ;;
    esac
done

# The payload, relative to the root; the same files as the .deb (packaging/README.md has the table).
FILES="usr/sbin/hypervkvpd usr/bin/hvkvp usr/lib/hypervkvpd/hvkvp-sim lib/systemd/system/hypervkvpd.service
lib/udev/rules.d/70-hypervkvpd.rules usr/lib/tmpfiles.d/hypervkvpd.conf usr/share/man/man8/hypervkvpd.8.gz
usr/share/man/man1/hvkvp.1.gz usr/share/doc/hypervkvpd/copyright usr/share/doc/hypervkvpd/configuration.md"

systemd_running() {
    [ -z "$DEST" ] && [ -d /run/systemd/system ]
}

if [ "$UNINSTALL" = yes ]; then
    if systemd_running; then
        systemctl stop hypervkvpd.service 2>/dev/null || true
    fi
    for f in $FILES; do
        rm -f "$DEST/$f"
    done
    rm -rf "$DEST/usr/lib/hypervkvpd/scripts"
    rmdir "$DEST/usr/lib/hypervkvpd" "$DEST/usr/share/doc/hypervkvpd" 2>/dev/null || true
    if [ "$PURGE" = yes ]; then
        rm -rf "$DEST/etc/hypervkvpd" "$DEST/var/lib/hypervkvpd" "$DEST/var/cache/hypervkvpd"
    fi
    if systemd_running; then
        systemctl daemon-reload || true
        udevadm control --reload 2>/dev/null || true
    fi
    echo "hypervkvpd removed (pool files in /var/lib/hyperv kept)."
    exit 0
fi

[ -f "$HERE/root/usr/sbin/hypervkvpd" ] || { echo "install.sh: run me from the unpacked tarball (no root/ next to me)" >&2; exit 1; }

# Files: copied with their modes; directories created 0755.
for f in $FILES; do
    mkdir -p "$DEST/$(dirname "$f")"
    cp -p "$HERE/root/$f" "$DEST/$f.tmp.$$"
    mv -f "$DEST/$f.tmp.$$" "$DEST/$f"
done
mkdir -p "$DEST/usr/lib/hypervkvpd/scripts"
for f in "$HERE/root/usr/lib/hypervkvpd/scripts"/*; do
    [ -f "$f" ] || continue
    cp -p "$f" "$DEST/usr/lib/hypervkvpd/scripts/"
done

# The configuration file: kept when present (an upgrade must not lose local edits).
CONFIG=$DEST/etc/hypervkvpd/hypervkvpd.json
mkdir -p "$DEST/etc/hypervkvpd"
if [ ! -e "$CONFIG" ]; then
    cp -p "$HERE/root/etc/hypervkvpd/hypervkvpd.json" "$CONFIG"
elif ! cmp -s "$HERE/root/etc/hypervkvpd/hypervkvpd.json" "$CONFIG"; then
    cp -p "$HERE/root/etc/hypervkvpd/hypervkvpd.json" "$CONFIG.new"
    echo "install.sh: kept your $CONFIG; the new default is $CONFIG.new"
fi

# Pool directory and files (never truncated or re-moded when present).
if command -v systemd-tmpfiles >/dev/null 2>&1; then
    if [ -n "$DEST" ]; then
        systemd-tmpfiles --create --root="$DEST" "$DEST/usr/lib/tmpfiles.d/hypervkvpd.conf" || true
    else
        systemd-tmpfiles --create /usr/lib/tmpfiles.d/hypervkvpd.conf || true
    fi
fi

if systemd_running; then
    systemctl daemon-reload || true
    udevadm control --reload 2>/dev/null || true
    if [ "$START" = yes ] && [ -e /dev/vmbus/hv_kvp ]; then
        systemctl restart hypervkvpd.service || true
    fi
fi
echo "hypervkvpd installed$( [ -n "$DEST" ] && printf ' into %s' "$DEST")."
