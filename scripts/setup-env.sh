# shellcheck shell=bash
# Shared by run.sh and test.sh: system packages, the virtual environment and the process
# environment Qt needs. Source it, then call `setup_env run` or `setup_env dev`.

APT_RUNTIME="libegl1 libgl1 libfontconfig1 fontconfig-config fonts-dejavu-core libxkbcommon0 libglib2.0-0 libdbus-1-3"
APT_DEV="poppler-utils postgresql"

_apt_install() {
  local need="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need="$need $p"
  done
  [ -z "$need" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Paket sistem berikut belum terpasang:$need" >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" != 0 ] && sudo="sudo"
  echo "Memasang paket sistem:$need"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
}

setup_env() {
  local mode="$1" req stamp
  if [ "$mode" = dev ]; then
    _apt_install $APT_RUNTIME $APT_DEV
    req=requirements-dev.txt
  else
    _apt_install $APT_RUNTIME
    req=requirements.txt
  fi
  [ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
  # Reinstall only when the pinned requirements changed since the last successful install.
  stamp=".venv/.installed-$(cat requirements.txt "$req" pyproject.toml | sha256sum | cut -c1-16)-$mode"
  if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v 'is ignored' || true
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req" 2>&1 | grep -v 'is ignored' || true
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . 2>&1 | grep -v 'is ignored' || true
    .venv/bin/python -c 'import app, sqlalchemy, PySide6' # fail loudly if the install did not work
    rm -f .venv/.installed-*-"$mode"
    touch "$stamp"
  fi
  # shellcheck disable=SC1091
  . .venv/bin/activate
  export LANG=C.UTF-8 LC_ALL=C.UTF-8
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}"
  mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
  if [ "$mode" = dev ] || [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
  fi
}
