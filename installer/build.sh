#!/usr/bin/env bash
# Freeze Capaian into dist/capaian/ (PyInstaller onedir), then prove the frozen program works:
# `capaian --version` and `capaian --smoke-test` (temporary database, demo, one PDF, the main
# window offscreen when the GUI is in the build). Prints bundle size, build and start times.
# Works on a fresh Debian 12 machine: setup-env.sh installs the apt packages and .venv,
# requirements-build.txt adds PyInstaller, binutils gives the objdump PyInstaller needs.
# Usage: installer/build.sh            (from anywhere; exit non-zero on any failure)
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/setup-env.sh
setup_env run
_apt_install binutils
python -m pip install -q --disable-pip-version-check -r requirements-build.txt 2>&1 \
  | grep -v 'is ignored' || true
python -c 'import PyInstaller' # fail loudly if the install did not work

step() { printf '\n== %s\n' "$*"; }
seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

step "pyinstaller (onedir)"
start=$(seconds)
rm -rf build/capaian dist/capaian
pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build installer/capaian.spec
build_time=$(elapsed "$start")

step "frozen program: --version and --smoke-test (offscreen, empty HOME)"
exe=dist/capaian/capaian
[ -x "$exe" ] || { echo "missing $exe" >&2; exit 1; }
# A throw-away HOME proves that the frozen program needs nothing from the build machine's
# user folders, and that the smoke test writes nothing there.
fake_home=$(mktemp -d)
trap 'rm -rf "$fake_home"' EXIT
run_frozen() {
  env -i PATH=/usr/bin:/bin HOME="$fake_home" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" timeout 300 "$exe" "$@"
}
start=$(seconds)
version=$(run_frozen --version)
version_time=$(elapsed "$start")
expected="$(python -c 'import app; print(app.APP_NAME, app.__version__)')"
[ "$version" = "$expected" ] || { echo "version '$version' != '$expected'" >&2; exit 1; }
rm -rf "$fake_home" && mkdir "$fake_home"  # `--version` may start the log; the smoke test not
start=$(seconds)
run_frozen --smoke-test
smoke_time=$(elapsed "$start")
if [ -n "$(find "$fake_home" -mindepth 1 -print -quit)" ]; then
  echo "the smoke test wrote into HOME:" >&2
  find "$fake_home" >&2
  exit 1
fi

step "figures"
echo "version:          $version"
echo "build time:       ${build_time} s"
echo "bundle size:      $(du -sh dist/capaian | cut -f1) ($(find dist/capaian -type f | wc -l) files)"
echo "start --version:  ${version_time} s"
echo "--smoke-test:     ${smoke_time} s"
