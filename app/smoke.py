"""``capaian --smoke-test``: prove that a build (frozen or not) really works, then exit.

A frozen program can start and still be broken: a migration script, a font, a translation or a
lazily imported module left out of the bundle only fails when the first user touches it. So the
smoke test walks the paths that load those files, on a throw-away database in a temporary
folder (the user's data folder is never touched):

1. create the database (every Alembic migration runs) and build the small Sabangau demo, which
   goes through the services, change capture and the audit chain;
2. render one SKP sheet to PDF (reportlab, the DejaVu fonts from ``resources/fonts``, the QR
   code) and check that the file is a PDF;
3. export the staff list to Excel and read it back (openpyxl, python-calamine): every row must
   come back unchanged;
4. check that the English catalogue in ``resources/locale`` loads;
5. if the graphical interface is part of this build (``app.main`` importable), call its hook
   ``app.main.smoke(db_path: Path) -> None``, which must build the main window offscreen on that
   database, process events once and close it, raising on any failure. A GUI without the hook
   fails the smoke test on purpose: the check must not silently shrink.

Exit code 0 when every step passed, 1 otherwise (the failing step and its error are printed).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from app import APP_NAME, __version__
from app.settings import ENV_DATA_DIR

GUI_MODULE = "app.main"
GUI_HOOK = "smoke"


class SmokeTestError(Exception):
    """A step of the smoke test found the build broken."""


@contextmanager
def _data_dir(path: Path) -> Iterator[None]:
    """Point the data folder (logs, backups, keys) at ``path`` for the duration of the test."""
    before = os.environ.get(ENV_DATA_DIR)
    os.environ[ENV_DATA_DIR] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_DATA_DIR, None)
        else:
            os.environ[ENV_DATA_DIR] = before


def _step_database(work: Path) -> tuple[Path, str]:
    """Create a database through every migration and fill it with the small demo."""
    from app.models.db import Database  # noqa: PLC0415 - imported inside the timed step
    from app.services.context import ServiceContext  # noqa: PLC0415
    from app.services.demo import build_demo  # noqa: PLC0415

    path = work / "smoke.db"
    db = Database.open(path, backup_dir=work / "cadangan")
    try:
        ctx = ServiceContext(db=db, actor="smoke-test", evidence_dir=work / "bukti")
        report = build_demo(ctx, size="small")
        if report.ringkasan.pegawai < 1 or report.ringkasan.evaluasi_tahunan < 1:
            raise SmokeTestError(f"demo database is empty: {report.ringkasan}")
    finally:
        db.dispose()
    return path, report.contoh_nip


def _step_pdf(work: Path, db_path: Path, nip: str) -> Path:
    """Print one SKP sheet and check that a real PDF came out."""
    from app.models.db import Database  # noqa: PLC0415
    from app.services.cetak import JenisLembar, cetak  # noqa: PLC0415
    from app.services.context import ServiceContext  # noqa: PLC0415

    db = Database.open(db_path, create=False, backup_dir=work / "cadangan")
    try:
        ctx = ServiceContext(db=db, actor="smoke-test", evidence_dir=work / "bukti")
        result = cetak(ctx, jenis=JenisLembar.SKP, out_dir=work / "pdf", nip=nip)
    finally:
        db.dispose()
    if len(result.berkas) != 1:
        raise SmokeTestError(f"expected one PDF, got {len(result.berkas)}")
    pdf = result.berkas[0].path
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeTestError(f"{pdf} is not a complete PDF")
    if result.berkas[0].halaman < 1:
        raise SmokeTestError(f"{pdf} has no pages")
    return pdf


def _step_excel(work: Path, db_path: Path) -> int:
    """Export the staff to Excel and import the file back as a dry run: nothing may differ."""
    from app.models.db import Database  # noqa: PLC0415
    from app.services.context import ServiceContext  # noqa: PLC0415
    from app.services.excel import ekspor_excel, impor_excel  # noqa: PLC0415

    db = Database.open(db_path, create=False, backup_dir=work / "cadangan")
    try:
        ctx = ServiceContext(db=db, actor="smoke-test", evidence_dir=work / "bukti")
        path = work / "pegawai.xlsx"
        exported = ekspor_excel(ctx, "pegawai", path)
        report = impor_excel(ctx, "pegawai", path, uji_coba=True).value
    finally:
        db.dispose()
    if not report.ok or report.baris != exported.baris or report.sama != exported.baris:
        raise SmokeTestError(
            f"Excel round trip differs: {exported.baris} exported, {report.baris} read, "
            f"{report.sama} unchanged, problems: {report.masalah[:3]}"
        )
    return exported.baris


def _step_translations() -> str:
    """The English catalogue is bundled and translates a known message."""
    from app.i18n import _, language, set_language  # noqa: PLC0415

    before = language()
    set_language("en")
    try:
        english = _("Dibatalkan.")
    finally:
        set_language(before)
    if english == "Dibatalkan.":
        raise SmokeTestError("the English catalogue (resources/locale) was not found")
    return english


def _step_gui(db_path: Path) -> str:
    """Build the main window offscreen through the GUI's hook, when the GUI is in this build."""
    if importlib.util.find_spec(GUI_MODULE) is None:
        return "no GUI in this build (app.main absent), window step skipped"
    # Without a display Qt would abort the process (SIGABRT) instead of raising; an explicit
    # platform (xcb under Xvfb, windows) is respected.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    module = importlib.import_module(GUI_MODULE)
    hook: Callable[[Path], object] | None = getattr(module, GUI_HOOK, None)
    if hook is None:
        raise SmokeTestError(
            f"{GUI_MODULE} exists but has no {GUI_HOOK}(db_path) hook to build the main window"
        )
    hook(db_path)
    return "main window built and closed"


def run_smoke_test(out: TextIO | None = None, workdir: Path | None = None) -> int:
    """Run every step; return 0 when all passed, 1 on the first failure.

    Args:
        out: where the progress lines go (standard output by default).
        workdir: an existing folder to work in (kept afterwards, for tests that look at the
            files); by default a temporary folder that is removed at the end.
    """
    stream = out or sys.stdout

    def say(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    frozen = bool(getattr(sys, "frozen", False))
    say(f"SMOKE {APP_NAME} {__version__} ({'frozen' if frozen else 'source'})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="capaian-smoke-") as temporary:
        work = workdir or Path(temporary)
        with _data_dir(work / "data"):
            step = "database"
            try:
                t = time.perf_counter()
                db_path, nip = _step_database(work)
                say(f"  ok database + demo      {time.perf_counter() - t:6.2f} s")
                step = "pdf"
                t = time.perf_counter()
                pdf = _step_pdf(work, db_path, nip)
                say(f"  ok pdf {pdf.name:<20} {time.perf_counter() - t:6.2f} s")
                step = "excel"
                t = time.perf_counter()
                rows = _step_excel(work, db_path)
                say(f"  ok excel ({rows} rows back) {time.perf_counter() - t:6.2f} s")
                step = "translations"
                english = _step_translations()
                say(f"  ok translations ({english!r})")
                step = "gui"
                t = time.perf_counter()
                note = _step_gui(db_path)
                say(f"  ok gui: {note}  {time.perf_counter() - t:6.2f} s")
            except Exception as exc:
                say(f"SMOKE FAILED at step {step}: {type(exc).__name__}: {exc}")
                traceback.print_exc(file=stream)
                return 1
    say(f"SMOKE OK in {time.perf_counter() - started:.2f} s")
    return 0
