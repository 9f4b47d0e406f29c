#!/bin/sh
# Put okrdesk into the desktop's menus for this user: the launcher (.desktop file), the
# AppStream metainfo, the plan-file MIME type (so a double-click opens a plan) and the
# icons, all under $XDG_DATA_HOME (~/.local/share). No root needed.
#
#   install-desktop.sh [--exec PATH] [--uninstall]
#
# --exec names the okrdesk program the launcher runs; by default the bundle's own when this
# script sits in an unpacked bundle, else `okrdesk` from PATH (pip or pipx installs).
set -eu

APP_ID=io.github.okrdesk.okrdesk
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}

if [ -d "$here/../resources/icons" ]; then
    resources=$here/../resources
elif [ -d "$here/resources/icons" ]; then
    resources=$here/resources
else
    echo "install-desktop.sh: cannot find the resources folder beside $here" >&2
    exit 1
fi

program=
uninstall=no
while [ $# -gt 0 ]; do
    case $1 in
        --exec) [ $# -ge 2 ] || { echo "install-desktop.sh: --exec needs a path" >&2; exit 2; }
                program=$2; shift 2 ;;
        --uninstall) uninstall=yes; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-desktop.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$program" ]; then
    if [ -x "$here/okrdesk" ] && [ ! -d "$here/okrdesk" ]; then
        program=$here/okrdesk
    else
        program=okrdesk
    fi
fi

desktop=$data/applications/$APP_ID.desktop
metainfo=$data/metainfo/$APP_ID.metainfo.xml
mime=$data/mime/packages/$APP_ID.xml

refresh() {
    # Each tool is optional: without it the desktop picks the files up on its next scan.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

if [ "$uninstall" = yes ]; then
    rm -f "$desktop" "$metainfo" "$mime"
    find "$data/icons/hicolor" -name "$APP_ID.*" -type f -exec rm -f {} + 2>/dev/null || true
    mkdir -p "$data/mime/packages" "$data/applications"
    refresh
    echo "okrdesk removed from $data"
    exit 0
fi

# The Exec key quotes the program (its path may hold spaces); inside the quotes the
# Desktop Entry spec escapes " ` $ \ with a backslash, itself written as \\ in the file.
exec_program=okrdesk
if [ "$program" != okrdesk ]; then
    case $program in
        /*) ;;
        *) program=$(CDPATH= cd -- "$(dirname -- "$program")" && pwd)/$(basename -- "$program") ;;
    esac
    [ -x "$program" ] || { echo "install-desktop.sh: $program is not a program" >&2; exit 1; }
    exec_program=\"$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\\\&/g')\"
fi
tryexec=$(printf '%s' "$program" | sed -e 's/\\/\\\\/g')

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages"
while IFS= read -r line; do
    case $line in
        "Exec=okrdesk "*) printf 'Exec=%s %s\n' "$exec_program" "${line#Exec=okrdesk }" ;;
        "TryExec=okrdesk") printf 'TryExec=%s\n' "$tryexec" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$resources/$APP_ID.desktop" >"$desktop.tmp"
chmod 644 "$desktop.tmp"
mv "$desktop.tmp" "$desktop"
cp "$resources/$APP_ID.metainfo.xml" "$metainfo"
cp "$resources/$APP_ID.mime.xml" "$mime"
(cd "$resources/icons" && find hicolor -type f -name "$APP_ID.*") | while read -r icon; do
    mkdir -p "$data/icons/$(dirname -- "$icon")"
    cp "$resources/icons/$icon" "$data/icons/$icon"
done
refresh
echo "okrdesk installed in $data (launcher runs: $program)"
