#!/usr/bin/env bash
# Regenerate the user guide's screenshots (docs/gambar/*.png) from the demo data, offscreen,
# at 1366x768. They are build output (not committed): the guide and the installer use them.
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/setup-env.sh
setup_env dev
mkdir -p docs/gambar
QT_QPA_PLATFORM=offscreen CAPAIAN_SCREENSHOT_DIR="$PWD/docs/gambar" \
  python -m pytest tests/gui/test_screenshots.py tests/gui/test_tur.py -q -p no:randomly
ls docs/gambar
