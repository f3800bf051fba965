"""The packaging files that cannot run here (Windows installer) are kept correct by these checks."""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_iss() -> ModuleType:
    return _load("make_iss_version")


def test_version_file_comes_from_the_package(make_iss: ModuleType, tmp_path: Path) -> None:
    target = tmp_path / "version.iss"
    assert make_iss.main([str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert f'#define AppVersion "{app.__version__}"' in text
    assert f'#define AppName "{app.APP_NAME}"' in text
    assert f'#define AppStem "{app.APP_ID}"' in text
    assert f'#define AppPublisher "{app.ORG_NAME}"' in text


@pytest.mark.parametrize(
    ("version", "numeric"),
    [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("2.0.1rc1", "2.0.1.0"), ("3.1.4.1", "3.1.4.1")],
)
def test_windows_file_version_is_numeric(make_iss: ModuleType, version: str, numeric: str) -> None:
    assert make_iss.numeric_version(version) == numeric


def test_a_quote_in_the_name_is_refused(make_iss: ModuleType) -> None:
    constants = {**make_iss.package_constants(), "APP_NAME": 'Capaian "beta"'}
    with pytest.raises(ValueError, match="quote"):
        make_iss.render(constants)


def test_inno_script_is_per_user_versioned_and_keeps_the_data(make_iss: ModuleType) -> None:
    script = (INSTALLER / "capaian.iss").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in script.splitlines() if ln.strip() and not ln.startswith(";")]
    assert '#include "version.iss"' in lines
    assert "PrivilegesRequired=lowest" in lines
    assert "DefaultDirName={localappdata}\\Programs\\{#AppName}" in lines
    assert "AppVersion={#AppVersion}" in lines
    assert app.__version__ not in script  # only through version.iss
    # the uninstaller deletes nothing it did not install: no section that could reach the data
    assert "[UninstallDelete]" not in lines
    assert not any("{localappdata}\\capaian" in ln.lower() for ln in lines)
    # an upgrade clears only the program's own bundle folder
    install_delete = script.split("[InstallDelete]", 1)[1].split("\n[", 1)[0]
    targets = re.findall(r'Name: "([^"]+)"', install_delete)
    assert targets == ["{app}\\_internal"]
    # every preprocessor name used is one that make_iss_version defines
    defined = set(re.findall(r"#define (\w+)", make_iss.render(make_iss.package_constants())))
    used = set(re.findall(r"\{#(\w+)\}", script))
    assert used <= defined, used - defined
    # the start menu entry and the files point at the folder and program the spec produces
    assert 'Source: "..\\dist\\{#AppStem}\\*"' in script
    assert 'Name: "{group}\\{#AppName}"; Filename: "{app}\\{#AppStem}.exe"' in script


def test_frozen_entry_script_runs_the_command_line(tmp_path: Path) -> None:
    """What PyInstaller runs as ``__main__``; arguments always go to the command line."""
    env = {**os.environ, "CAPAIAN_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            str(INSTALLER / "capaian_entry.py"),
            "--db",
            str(tmp_path / "x.db"),
            "info",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1  # the CLI's user-error exit, with its Indonesian message
    assert "tidak ditemukan" in result.stderr and "Traceback" not in result.stderr
