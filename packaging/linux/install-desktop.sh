#!/usr/bin/env bash
# Adds CaseDesk to the desktop's application menu, with its icon, and makes .casedesk.json case
# files open in CaseDesk (double-click in the file manager). See docs/install.md.
#
#   install-desktop.sh                         for you alone, into ~/.local/share (no root needed)
#   install-desktop.sh --exec /opt/CaseDesk/casedesk    the one-folder bundle instead of `casedesk` on PATH
#   sudo install-desktop.sh --system           for every user of the computer, into /usr/local/share
#   install-desktop.sh --prefix DIR            into DIR/share (for packagers)
#   install-desktop.sh --uninstall [--system | --prefix DIR]   remove what the same call installed
#
# It copies casedesk.desktop and casedesk-mime.xml (beside this script) and the icons of
# resources/icons/hicolor, then refreshes the desktop's caches with update-mime-database,
# update-desktop-database and gtk-update-icon-cache, each only when it is installed. CaseDesk
# itself and its data (the cases, the backups) are never touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIME_TYPE="application/x-casedesk+json"
SIZES="16 24 32 48 64 128 256 512"

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<'EOF'
Options:
  --user          for the current user only (the default): ${XDG_DATA_HOME:-~/.local/share}
  --system        for every user: /usr/local/share (run it as root)
  --prefix DIR    into DIR/share
  --exec PATH     the casedesk program the menu entry starts (default: `casedesk` found on PATH)
  --icons DIR     the folder holding hicolor/ (default: found beside this script or the program)
  --uninstall     remove the menu entry, the icons and the file type
  -h, --help      this text
EOF
}

die() {
    echo "install-desktop.sh: $*" >&2
    exit 1
}

mode=user
prefix=""
exec_path=""
icons=""
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --user) mode=user ;;
        --system) mode=system ;;
        --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; mode=prefix; prefix="$2"; shift ;;
        --prefix=*) mode=prefix; prefix="${1#*=}" ;;
        --exec) [ $# -ge 2 ] || die "--exec needs the path of the casedesk program"; exec_path="$2"; shift ;;
        --exec=*) exec_path="${1#*=}" ;;
        --icons) [ $# -ge 2 ] || die "--icons needs a folder"; icons="$2"; shift ;;
        --icons=*) icons="${1#*=}" ;;
        --uninstall) uninstall=1 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
    shift
done

case "$mode" in
    user) share="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
    system) share="/usr/local/share" ;;
    prefix) [ -n "$prefix" ] || die "--prefix needs a folder"; share="${prefix%/}/share" ;;
esac

applications="$share/applications"
mime_packages="$share/mime/packages"
hicolor="$share/icons/hicolor"
desktop_file="$applications/casedesk.desktop"
mime_file="$mime_packages/casedesk.xml"

refresh_caches() {
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$share/mime" ]; then
        update-mime-database "$share/mime" >/dev/null 2>&1 || echo "note: update-mime-database $share/mime failed" >&2
    fi
    if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$applications" ]; then
        update-desktop-database -q "$applications" 2>/dev/null || echo "note: update-desktop-database $applications failed" >&2
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$hicolor" ]; then
        gtk-update-icon-cache -q -f -t "$hicolor" 2>/dev/null || true  # no cache is fine: icons are found without it
    fi
}

if [ "$uninstall" -eq 1 ]; then
    rm -f "$desktop_file" "$mime_file" "$hicolor/scalable/apps/casedesk.svg"
    for size in $SIZES; do
        rm -f "$hicolor/${size}x${size}/apps/casedesk.png"
    done
    if [ "$mode" = user ]; then  # the default program set below, for this user
        mimeapps="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
        if [ -f "$mimeapps" ]; then
            sed -i -e '/^application\/x-casedesk+json=casedesk\.desktop;\{0,1\}$/d' "$mimeapps"
        fi
    fi
    refresh_caches
    echo "CaseDesk's menu entry, icons and file type are removed from $share."
    echo "CaseDesk itself and your cases are unchanged."
    exit 0
fi

# The program the menu entry and a double-clicked case file start. A menu does not see the PATH
# of your terminal (a virtual environment's bin/ is not on it), so the entry names it in full.
if [ -z "$exec_path" ] && [ -x "$HERE/../casedesk" ] && [ -d "$HERE/../_internal" ]; then
    exec_path="$(cd "$HERE/.." && pwd)/casedesk"  # this script inside the one-folder bundle (CaseDesk/linux/)
fi
if [ -z "$exec_path" ]; then
    exec_path="$(command -v casedesk 2>/dev/null || true)"
    [ -n "$exec_path" ] || die "the casedesk command is not on PATH; give the program with --exec PATH (for the bundle: --exec /opt/CaseDesk/casedesk)"
fi
case "$exec_path" in
    /*) ;;
    *) exec_path="$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")" ;;
esac
[ -f "$exec_path" ] && [ -x "$exec_path" ] || die "$exec_path is not an executable program"

# The icons: in a source tree, resources/icons; in the one-folder bundle, _internal/casedesk/resources/icons;
# in a pip install, casedesk/resources/icons inside the Python that runs the casedesk script.
if [ -z "$icons" ]; then
    program_dir="$(dirname "$exec_path")"
    for candidate in "$HERE/../../resources/icons" "$HERE/resources/icons" \
        "$program_dir/_internal/casedesk/resources/icons" "$program_dir/casedesk/resources/icons"; do
        if [ -f "$candidate/hicolor/48x48/apps/casedesk.png" ]; then
            icons="$candidate"
            break
        fi
    done
fi
if [ -z "$icons" ]; then
    python="$(head -n 1 "$exec_path" 2>/dev/null | sed -n 's/^#! *\([^ ]*python[^ ]*\).*/\1/p' || true)"
    if [ -n "$python" ] && [ -x "$python" ]; then
        icons="$("$python" -c 'from casedesk import paths; print(paths.resources_dir() / "icons")' 2>/dev/null || true)"
    fi
fi
[ -n "$icons" ] && [ -f "$icons/hicolor/48x48/apps/casedesk.png" ] || die "CaseDesk's icons were not found; give their folder with --icons DIR (resources/icons of the source)"
[ -f "$HERE/casedesk.desktop" ] && [ -f "$HERE/casedesk-mime.xml" ] || die "casedesk.desktop and casedesk-mime.xml must be beside this script"

# Exec= of a desktop entry: a path with a space or another reserved character is quoted, and inside
# the quotes ", `, $ and \ are escaped (Desktop Entry Specification, "The Exec key"); backslashes are
# doubled once more because the value is a string, and a % is written %%.
quote_exec() {
    local path="$1" reserved='[[:space:]"'\''\\`$;&|<>()*?#~]'
    if [[ $path =~ $reserved ]]; then
        path="$(printf '%s' "$path" | sed -e 's/\\/\\\\/g' -e 's/["`$]/\\&/g')"
        path="\"$(printf '%s' "$path" | sed -e 's/\\/\\\\/g')\""
    fi
    printf '%s' "${path//\%/%%}"
}
exec_value="$(quote_exec "$exec_path")"
# The quoted path goes into a sed replacement: there & and \ and the delimiter | are special.
replacement="$(printf '%s' "$exec_value" | sed -e 's/[\\&|]/\\&/g')"

mkdir -p "$applications" "$mime_packages" "$hicolor/scalable/apps"
tmp="$(mktemp "$applications/.casedesk.desktop.XXXXXX")"
sed -e "s|^Exec=casedesk |Exec=$replacement |" "$HERE/casedesk.desktop" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$desktop_file"
install -m 644 "$HERE/casedesk-mime.xml" "$mime_file"
install -m 644 "$icons/casedesk.svg" "$hicolor/scalable/apps/casedesk.svg"
for size in $SIZES; do
    if [ -f "$icons/hicolor/${size}x${size}/apps/casedesk.png" ]; then
        mkdir -p "$hicolor/${size}x${size}/apps"
        install -m 644 "$icons/hicolor/${size}x${size}/apps/casedesk.png" "$hicolor/${size}x${size}/apps/casedesk.png"
    fi
done
refresh_caches

# For you alone, CaseDesk also becomes the default program for case files (their type is a kind of
# JSON, which an editor may already claim). For every user, each user's own choice stays.
if [ "$mode" = user ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default casedesk.desktop "$MIME_TYPE" 2>/dev/null || true
fi

echo "CaseDesk is in the application menu ($desktop_file),"
echo "starting $exec_path; .casedesk.json files open in it."
