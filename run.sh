#!/usr/bin/env bash
# Quick start: set up the environment, then run Capaian on the embedded SQLite default.
# With a display it opens the application on the Sabangau demo data, in Mode Latihan (the
# practice database, built on first use); headless, it builds the same demo data in the
# practice database and prints a summary and where the outputs are. Neither touches the
# office's real database: run `capaian` (or ./run.sh --db FILE) for that.
# Extra arguments are passed to `capaian`, e.g. ./run.sh demo --size kabupaten
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/setup-env.sh
setup_env run

if [ "$#" -gt 0 ]; then
  exec python -m app "$@"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && python -c 'import app.main' 2>/dev/null; then
  exec python -m app.main --latihan
fi
demo_db=$(python -c 'from app.settings import practice_database_path; print(practice_database_path())')
echo "Tanpa layar: membangun data contoh Sabangau di basis data latihan $demo_db"
echo "(basis data kantor yang sebenarnya tidak disentuh)."
exec python -m app --db "$demo_db" demo --ganti
