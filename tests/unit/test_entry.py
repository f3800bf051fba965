"""``capaian`` alone opens the GUI where there is a screen; any command goes to the CLI."""

import sys

import pytest

from app.__main__ import main, wants_gui

SCREEN = {"DISPLAY": ":0"}
HEADLESS_OS = sys.platform not in ("win32", "darwin")


@pytest.mark.parametrize(
    ("argv", "environ", "gui"),
    [
        ([], SCREEN, True),
        (["--db", "/tmp/x.db"], SCREEN, True),
        (["--lang", "en", "--latihan"], SCREEN, True),
        (["--db=/tmp/x.db"], SCREEN, True),
        (["info"], SCREEN, False),
        (["--db", "/tmp/x.db", "info"], SCREEN, False),
        (["--json"], SCREEN, False),
        ([], {"QT_QPA_PLATFORM": "offscreen"}, True),
    ],
)
def test_gui_or_command_line(argv: list[str], environ: dict[str, str], gui: bool) -> None:
    assert wants_gui(argv, environ) is gui


@pytest.mark.skipif(not HEADLESS_OS, reason="Windows and macOS always have a screen")
def test_no_screen_means_the_command_line() -> None:
    assert wants_gui([], {}) is False


def test_version_goes_to_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert "Capaian" in capsys.readouterr().out
