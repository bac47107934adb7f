#!/usr/bin/env bash
# Install Loyalty Desk for this user, from the unpacked bundle this script sits in:
#   the app         ~/.local/opt/loyalty-desk/
#   a menu entry    ~/.local/share/applications/loyalty-desk.desktop
#   the icon        ~/.local/share/icons/hicolor/{256x256,scalable}/apps/loyalty-desk.{png,svg}
# No root needed; nothing else is written. `install.sh --uninstall` removes exactly those
# (the shop's data folder, ~/.local/share/loyalty-desk, is never touched).
set -euo pipefail

main() {
  local here share opt desktop png svg
  here=$(cd "$(dirname "$0")" && pwd)
  share=${XDG_DATA_HOME:-$HOME/.local/share}
  opt=$HOME/.local/opt/loyalty-desk
  desktop=$share/applications/loyalty-desk.desktop
  png=$share/icons/hicolor/256x256/apps/loyalty-desk.png
  svg=$share/icons/hicolor/scalable/apps/loyalty-desk.svg

  case ${1:-} in
    --uninstall)
      rm -rf -- "$opt"
      rm -f -- "$desktop" "$png" "$svg"
      echo "Loyalty Desk removed (the shop's data is kept in $share/loyalty-desk)."
      return 0 ;;
    "") ;;
    *) echo "usage: install.sh [--uninstall]" >&2; return 2 ;;
  esac

  if [ ! -x "$here/loyalty-desk" ] || [ ! -d "$here/_internal" ]; then
    echo "install.sh: run it from the unpacked bundle (the folder with the loyalty-desk program)" >&2
    return 1
  fi
  if [ "$here" = "$opt" ]; then
    echo "install.sh: already installed here; to install again, run the install.sh of a new bundle" >&2
    return 1
  fi
  # A new version replaces the old one whole, so no file of the old version is left behind.
  mkdir -p "$(dirname "$opt")"
  rm -rf -- "$opt.new"
  cp -a "$here" "$opt.new"
  rm -rf -- "$opt"
  mv "$opt.new" "$opt"
  install -D -m 644 "$here/loyalty-desk.png" "$png"
  install -D -m 644 "$here/loyalty-desk.svg" "$svg"
  mkdir -p "$(dirname "$desktop")"
  # Exec is quoted: a home folder may have spaces in its name.
  cat > "$desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Loyalty Desk
GenericName=Customer loyalty
Comment=Customer loyalty programs for small shops
Exec="$opt/loyalty-desk"
TryExec=$opt/loyalty-desk
Icon=loyalty-desk
Terminal=false
Categories=Office;Finance;
Keywords=loyalty;points;rewards;members;shop;
StartupNotify=true
DESKTOP
  chmod 644 "$desktop"
  echo "Loyalty Desk installed in $opt; it is in the menu as \"Loyalty Desk\"."
  echo "Check it with: \"$opt/loyalty-desk\" --self-test    Remove it with: \"$opt/install.sh\" --uninstall"
}

main "$@"
exit $?
