#!/bin/sh
# Put Workbench in this user's application menu (no root needed): the icons
# go to ~/.local/share/icons/hicolor, the .desktop file to
# ~/.local/share/applications, pointing at this folder's workbench-gui.
# Run it again after moving the folder; remove the two with --remove.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/workbench.desktop" "$icons"/*/apps/workbench.png
    echo "Workbench removed from the application menu."
    exit 0
fi
mkdir -p "$apps"
for dir in "$here"/share/icons/hicolor/*/; do
    size=$(basename "$dir")
    mkdir -p "$icons/$size/apps"
    cp "$dir/apps/workbench.png" "$icons/$size/apps/workbench.png"
done
sed -e "s|^Exec=.*|Exec=\"$here/workbench-gui\"|" -e "s|^TryExec=.*|TryExec=$here/workbench-gui|" \
    "$here/share/applications/workbench.desktop" > "$apps/workbench.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "Workbench added to the application menu ($apps/workbench.desktop)."
