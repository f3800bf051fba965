"""The ``capaian`` command and ``python -m app``: the GUI without arguments, else the CLI.

ARCHITECTURE.md: ``capaian`` alone opens the application; with a command it is the command
line. Both entry points stay independent modules (import-linter); this dispatcher is the only
place that knows both, and it imports the GUI (PySide6) only when the GUI is wanted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

_GUI_OPTIONS = ("--db", "--lang", "--latihan")


def wants_gui(argv: Sequence[str], environ: dict[str, str] | None = None) -> bool:
    """No command (only --db/--lang/--latihan) and a screen to show it on."""
    env = os.environ if environ is None else environ
    only_gui_options = all(
        arg.startswith(_GUI_OPTIONS) or (i > 0 and argv[i - 1] in ("--db", "--lang"))
        for i, arg in enumerate(argv)
    )
    screen = (
        sys.platform in ("win32", "darwin")
        or bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
        or env.get("QT_QPA_PLATFORM") == "offscreen"
    )
    return only_gui_options and screen


def main(argv: Sequence[str] | None = None) -> int:
    """Run the GUI or the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(args):
        from app.main import main as gui_main  # noqa: PLC0415 - PySide6 only when needed

        return gui_main(args)
    from app.cli import main as cli_main  # noqa: PLC0415

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
