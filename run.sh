#!/usr/bin/env bash
# Quick start: set up the environment, then run Capaian on the embedded SQLite default.
# With a display it opens the application (once the GUI exists); headless, it builds the
# Sabangau demo data in the practice database of the user data folder (never the office's real
# database) and prints a summary and where the outputs are.
# Extra arguments are passed to `capaian`, e.g. ./run.sh demo --size kabupaten
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/setup-env.sh
setup_env run

if [ "$#" -gt 0 ]; then
  exec python -m app "$@"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && python -c 'import app.main' 2>/dev/null; then
  exec python -m app.main
fi
demo_db=$(python -c 'from app.settings import practice_database_path; print(practice_database_path())')
echo "Tanpa layar: membangun data contoh Sabangau di basis data latihan $demo_db"
echo "(basis data kantor yang sebenarnya tidak disentuh)."
exec python -m app --db "$demo_db" demo --ganti
