"""Composition root of the desktop application (``python -m app.main``, ``./run.sh``).

Builds, in this order: the language, the rotating log (the same file the command line writes),
the single ``QApplication`` with Qt's own Indonesian strings and the Indonesian locale, the
database context, the task runner and the crash hook; then hands over to ``app.views.shell``.
Heavy libraries (pandas, openpyxl, reportlab) are not imported here: the screens that need them
import them when used, so the window appears quickly.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from app import APP_NAME, ORG_NAME
from app.errors import UserError
from app.i18n import _, set_language
from app.preferensi import preferred_language
from app.services.context import ServiceContext
from app.settings import data_dir, default_database_path

log = logging.getLogger("capaian.main")

EXIT_OK, EXIT_USER_ERROR = 0, 1


def log_path() -> Path:
    """The rotating log file in the user data folder (shared with the command line)."""
    return data_dir() / "log" / "capaian.log"


def setup_logging() -> Path:
    """Log to a rotating file (1 MiB x 5); a folder that cannot be written only loses the log."""
    root = logging.getLogger("capaian")
    path = log_path()
    if root.handlers:
        return path
    root.setLevel(logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def _actor() -> str:
    try:
        return f"gui:{getpass.getuser()}"
    except (KeyError, OSError, ImportError):  # no user name on some service accounts
        return "gui:tidak-dikenal"


def open_context(target: Path | str) -> ServiceContext:
    """Open a database the safe way and build the service context on it.

    Through ``cadangan.buka``, like the command line: the single-instance guard (another
    program writing the same file is refused), a damaged file moved aside with a message naming
    the newest backup, migration with a backup first; then the day's first backup.
    """
    from app.services import cadangan  # noqa: PLC0415

    db = cadangan.buka(target, create=True)
    try:
        cadangan.cadangan_harian(db)
    except UserError as exc:  # a backup problem must not keep the office from working
        log.warning("daily backup failed: %s", exc.message)
    base = db.path.parent if db.path is not None else data_dir()
    return ServiceContext(db=db, actor=_actor(), evidence_dir=base / "bukti")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """``--db``, ``--lang`` and ``--latihan`` (start in practice mode)."""
    parser = argparse.ArgumentParser(
        prog="capaian-gui", description=_("Capaian (antarmuka grafis)")
    )
    parser.add_argument("--db", help=_("berkas SQLite atau URL basis data"))
    parser.add_argument("--lang", choices=("id", "en"), default=None, help=_("bahasa tampilan"))
    parser.add_argument(
        "--latihan", action="store_true", help=_("langsung buka Mode Latihan (data contoh)")
    )
    return parser.parse_args(list(argv))


def install_translations(app: object) -> None:
    """Indonesian locale for numbers and dates; Qt's own strings in Indonesian when shipped."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator  # noqa: PLC0415

    from app.i18n import language  # noqa: PLC0415

    if language() == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        translator = QTranslator(app)  # type: ignore[arg-type]
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_id", folder):
            app.installTranslator(translator)  # type: ignore[attr-defined]
        else:
            log.info("qtbase_id translations not found in %s; Qt dialogs stay English", folder)


@dataclass
class Launched:
    """The running application's parts, for ``main`` and for tests (which skip ``exec``)."""

    app: Any
    shell: Any
    ctx: ServiceContext
    runner: Any


def launch(argv: Sequence[str]) -> Launched:
    """Everything up to the event loop: language, log, Qt, database, runner, first screen.

    Raises:
        UserError: the database cannot be opened (``main`` shows it and exits with 1).
    """
    args = parse_args(argv)
    log_file = setup_logging()  # first, so a damaged preference file is reported in the log
    # --lang, else this PC's preference (Data > Pengaturan kantor, capaian pengaturan bahasa).
    set_language(args.lang or preferred_language())
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from app.views.dialogs import install_excepthook  # noqa: PLC0415
    from app.views.shell import Shell  # noqa: PLC0415
    from app.views.tasks import TaskRunner  # noqa: PLC0415

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    install_translations(app)
    ctx = open_context(args.db or default_database_path())
    runner = TaskRunner()
    shell = Shell(ctx, open_context, runner, log_file=log_file)
    install_excepthook(shell._dialog_parent, log_file)
    app.aboutToQuit.connect(runner.shutdown)
    if args.latihan:
        shell.open_practice()
    else:
        shell.start()
    log.info("GUI started on %s", ctx.db.display_name)
    return Launched(app, shell, ctx, runner)


def smoke(db_path: Path, *, timeout: float = 30.0) -> None:
    """Installer smoke test: open ``db_path``, show the main window with its staff list, close.

    Reuses a running ``QApplication`` (as under pytest-qt). Raises ``RuntimeError`` when the
    window does not come up with staff within ``timeout`` seconds.
    """
    import time  # noqa: PLC0415

    launched = launch(["--db", str(db_path)])
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            launched.app.processEvents()
            window = launched.shell.window
            if window is not None and window.staff_model.total > 0 and launched.runner.idle:
                window.close()
                launched.app.processEvents()
                return
            time.sleep(0.02)
        raise RuntimeError("jendela utama tidak tampil dengan daftar pegawai")
    finally:
        launched.runner.shutdown()
        launched.ctx.db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI; returns the process exit code."""
    try:
        launched = launch(sys.argv[1:] if argv is None else argv)
    except UserError as error:
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        from app.views.dialogs import show_user_error  # noqa: PLC0415

        log.info("cannot open database: %s", error.message)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        box = show_user_error(None, error)
        box.finished.connect(app.quit)
        app.exec()
        return EXIT_USER_ERROR
    code = launched.app.exec()
    launched.ctx.db.dispose()
    return int(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
