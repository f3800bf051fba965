"""Entry script of the frozen program (PyInstaller runs this file as ``__main__``).

The same dispatch as ``capaian`` from source (``app.__main__``): no command and a screen opens
the graphical interface; a command (``--smoke-test``, ``--version``, ``info`` ...) goes to the
command line.
"""

import multiprocessing
import sys


def run() -> int:
    """Dispatch to the GUI or the command line; returns the exit code."""
    from app.__main__ import main  # noqa: PLC0415

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not start the app again
    sys.exit(run())
