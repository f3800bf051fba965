"""Where the data lives: the environment, portable mode beside a frozen program, user folder."""

import sys
from pathlib import Path

import platformdirs
import pytest

from app import APP_ID
from app.settings import data_dir, default_database_path, portable_data_dir, program_dir


@pytest.fixture
def frozen_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the frozen ``capaian`` executable in ``tmp_path/Capaian``."""
    folder = tmp_path / "Capaian"
    folder.mkdir()
    (folder / "capaian.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "capaian.exe"))
    monkeypatch.delenv("CAPAIAN_DATA_DIR")
    return folder


def test_running_from_source_has_no_program_dir() -> None:
    assert not getattr(sys, "frozen", False)
    assert program_dir() is None
    assert portable_data_dir(None) is None


def test_installed_program_uses_the_user_data_folder(frozen_program: Path) -> None:
    assert program_dir() == frozen_program.resolve()
    assert data_dir() == Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    assert not data_dir().is_relative_to(frozen_program)


def test_portable_marker_puts_the_data_beside_the_program(frozen_program: Path) -> None:
    (frozen_program / "portable.txt").write_text("portable\n", encoding="utf-8")
    assert data_dir() == frozen_program.resolve() / "data"
    assert default_database_path() == frozen_program.resolve() / "data" / "capaian.db"


def test_existing_data_folder_marks_a_copied_portable_install(frozen_program: Path) -> None:
    (frozen_program / "data").mkdir()
    assert data_dir() == frozen_program.resolve() / "data"


def test_a_file_named_data_is_not_a_marker(frozen_program: Path) -> None:
    (frozen_program / "data").write_text("x", encoding="utf-8")
    assert portable_data_dir(frozen_program.resolve()) is None


def test_environment_variable_wins_over_portable_mode(
    frozen_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (frozen_program / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("CAPAIAN_DATA_DIR", str(tmp_path / "lain"))
    assert data_dir() == tmp_path / "lain"
