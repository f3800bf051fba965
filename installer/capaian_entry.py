"""Entry script of the frozen program (PyInstaller runs this file as ``__main__``).

With no arguments, the program opens the graphical interface when this build has one
(``app.main.main``); any argument (a command, ``--smoke-test``, ``--version``) goes to the
command line ``app.cli.main``, exactly like ``capaian`` from source.
"""

import importlib
import importlib.util
import multiprocessing
import sys


def run() -> int:
    """Dispatch to the GUI or the command line; returns the exit code."""
    if len(sys.argv) == 1 and importlib.util.find_spec("app.main") is not None:
        gui = importlib.import_module("app.main")
        return int(gui.main())
    from app.cli import main  # noqa: PLC0415

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not start the app again
    sys.exit(run())
