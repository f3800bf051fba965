"""Desktop responsiveness: start-up, a 50,000-row staff list, and the screen queries.

Measured (median of ``--runs``), each next to its raw baseline from the same run:
- start-up: a fresh interpreter importing ``app.main`` vs importing only the lazy set
  (``PySide6.QtWidgets`` + ``sqlalchemy.orm``, perf-limits.md §6); and the wall time from
  ``launch()`` to the main window shown with the staff list loaded on a copy of the small demo,
  checking that pandas, openpyxl and reportlab were not imported on the way;
- staff list: ``StaffTableModel`` over ``--rows`` synthetic employees in a 1366x768
  ``QTableView`` (offscreen): load, scroll from top to bottom a page at a time (each page
  rendered; one pass, the figure is per page), a search keystroke (filter over all rows) and a
  sort; baseline: the same view over a bare ``QAbstractTableModel`` holding the same rows as
  tuples (everything loaded at once);
- screen queries on a database given with ``--db`` (e.g. the kabupaten demo built with
  ``capaian --db FILE demo --size kabupaten``, about 150 s): ``daftar_pegawai_status`` and
  ``ringkasan_unit`` vs a raw ``sqlite3`` SELECT of the same pegawai rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_seconds(fn: Any, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def interpreter(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=os.environ.copy())


STARTUP_PROBE = r"""
import sys, time, json
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app import main as m
launched = m.launch(["--db", sys.argv[1]])
def poll():
    w = launched.shell.window
    if w is not None and w.isVisible() and w.staff_model.total > 0:
        heavy = [n for n in ("pandas", "openpyxl", "reportlab") if n in sys.modules]
        print(json.dumps({"seconds": time.perf_counter() - t0, "heavy": heavy}))
        QApplication.quit()
    else:
        QTimer.singleShot(5, poll)
QTimer.singleShot(0, poll)
launched.app.exec()
"""


def bench_startup(runs: int, workdir: Path) -> dict[str, Any]:
    from app.main import open_context
    from app.services.demo import build_demo

    demo = workdir / "demo.db"
    ctx = open_context(demo)
    build_demo(ctx, size="small")
    ctx.db.dispose()
    env_data = workdir / "data"
    os.environ["CAPAIAN_DATA_DIR"] = str(env_data)
    import_app = median_seconds(lambda: interpreter("import app.main, app.views.shell"), runs)
    import_lazy = median_seconds(
        lambda: interpreter("import PySide6.QtWidgets, sqlalchemy.orm"), runs
    )
    bare = median_seconds(lambda: interpreter("pass"), runs)
    shown = []
    heavy: list[str] = []
    for _ in range(runs):
        copy = workdir / "copy.db"
        shutil.copy(demo, copy)
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_PROBE, str(copy)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        shown.append(result["seconds"])
        heavy = result["heavy"]
    return {
        "python_pass_s": bare[0],
        "import_app_main_and_views_s": import_app[0],
        "import_lazy_set_s": import_lazy[0],
        "import_ratio": (import_app[0] - bare[0]) / (import_lazy[0] - bare[0]),
        "launch_to_window_with_staff_s": statistics.median(shown),
        "launch_min_max_s": [min(shown), max(shown)],
        "heavy_modules_imported_at_start": heavy,
    }


def synthetic_staff(n: int) -> list[Any]:
    from app.scoring.types import JenisJabatan, Predikat, StatusEvaluasi, StatusSkp
    from app.services.tampilan import PegawaiStatusDTO

    return [
        PegawaiStatusDTO(
            f"id{i}",
            f"1990{i % 12 + 1:02d}{i % 28 + 1:02d}2015{i % 2 + 1:02d}{i % 1000:04d}",
            f"Pegawai Contoh {i:06d}",
            "Analis Kebijakan Ahli Muda" if i % 3 else "Pranata Komputer Terampil",
            JenisJabatan.FUNGSIONAL,
            f"UNIT-{i % 300:03d}",
            f"Unit Kerja {i % 300:03d}",
            f"skp{i}",
            StatusSkp.DISETUJUI,
            StatusEvaluasi.FINAL if i % 4 else None,
            Predikat.BAIK if i % 4 else None,
        )
        for i in range(n)
    ]


def bench_staff_list(rows: int, runs: int) -> dict[str, Any]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from app.views.table_models import StaffTableModel

    app = QApplication.instance() or QApplication([])
    data = synthetic_staff(rows)

    class BareModel(QAbstractTableModel):
        def __init__(self, items: list[tuple[str, ...]]) -> None:
            super().__init__()
            self.items = items

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else len(self.items)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
            return 0 if parent.isValid() else 7

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.items[index.row()][index.column()]
            return None

    tuples = [
        (r.nama, "Disetujui", "Final", "BAIK", r.nip, r.jabatan, r.organisasi_nama) for r in data
    ]

    def view_for(model: Any) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.resize(1366, 768)
        view.show()
        app.processEvents()
        return view

    def scroll_through(view: QTableView) -> int:
        """Page down to the very end, painting every page; returns pages painted."""
        bar = view.verticalScrollBar()
        pages = 0
        while True:
            view.viewport().repaint()
            pages += 1
            if bar.value() >= bar.maximum() and not view.model().canFetchMore(QModelIndex()):
                break
            bar.setValue(bar.value() + bar.pageStep())
            app.processEvents()
        return pages

    results: dict[str, Any] = {"rows": rows}
    model = StaffTableModel()
    results["load_s"] = median_seconds(lambda: model.set_rows(data), runs)[0]
    view = view_for(model)
    pages: list[int] = []

    def ours() -> None:
        model.set_rows(data)
        view.scrollToTop()
        pages.append(scroll_through(view))

    # One full pass is already ~2,000 measured pages; repeating it only multiplies minutes.
    results["scroll_all_s"] = median_seconds(ours, 1)[0]
    results["pages"] = pages[-1]
    results["per_page_ms"] = results["scroll_all_s"] / pages[-1] * 1000
    results["search_keystroke_s"] = median_seconds(
        lambda: model.set_filter(lambda r: "012345" in r.nama.casefold()), runs
    )[0]
    model.set_filter(None)
    results["sort_s"] = median_seconds(lambda: model.sort(0, Qt.SortOrder.DescendingOrder), runs)[0]
    view.close()

    bare = BareModel(tuples)
    bare_view = view_for(bare)
    bare_pages: list[int] = []

    def baseline() -> None:
        bare_view.scrollToTop()
        bare_pages.append(scroll_through(bare_view))

    results["baseline_scroll_all_s"] = median_seconds(baseline, 1)[0]
    results["baseline_per_page_ms"] = results["baseline_scroll_all_s"] / bare_pages[-1] * 1000
    results["scroll_ratio"] = results["per_page_ms"] / results["baseline_per_page_ms"]
    bare_view.close()
    return results


def bench_queries(db: Path, runs: int) -> dict[str, Any]:
    from datetime import datetime

    from app.main import open_context
    from app.services import setup, tampilan

    ctx = open_context(db)
    ctx.clock = lambda: datetime(2027, 1, 8, 9, 0)
    periods = setup.list_periods(ctx)
    annual = next(p for p in reversed(periods) if p.granularitas.value == "TAHUNAN")
    staff = tampilan.daftar_pegawai_status(ctx, tahun=annual.tahun, periode_kode=annual.kode)
    ours = median_seconds(
        lambda: tampilan.daftar_pegawai_status(ctx, tahun=annual.tahun, periode_kode=annual.kode),
        runs,
    )[0]
    units = median_seconds(lambda: tampilan.ringkasan_unit(ctx, periode_kode=annual.kode), runs)[0]
    ctx.db.dispose()

    def raw() -> None:
        with sqlite3.connect(db) as connection:
            connection.execute(
                "SELECT p.id, p.nip, p.nama, p.jabatan, p.jenis_jabatan, o.kode, o.nama "
                "FROM pegawai p JOIN organisasi o ON p.organisasi_id = o.id "
                "WHERE p.deleted = 0 ORDER BY o.kode, p.nama"
            ).fetchall()

    baseline = median_seconds(raw, runs)[0]
    return {
        "pegawai": len(staff),
        "daftar_pegawai_status_s": ours,
        "ringkasan_unit_s": units,
        "raw_select_pegawai_s": baseline,
        "status_ratio": ours / baseline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="database for the screen queries (kabupaten)")
    parser.add_argument("--only-queries", action="store_true", help="skip start-up and scrolling")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("CAPAIAN_DATA_DIR", str(Path(tmp) / "data"))
        report: dict[str, Any] = {}
        if not args.only_queries:
            report["startup"] = bench_startup(args.runs, Path(tmp))
            print(json.dumps(report, indent=2))
            report["staff_list"] = bench_staff_list(args.rows, args.runs)
            print(json.dumps(report["staff_list"], indent=2))
        if args.db:
            report["queries"] = bench_queries(args.db, args.runs)
            print(json.dumps(report["queries"], indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"gui-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
