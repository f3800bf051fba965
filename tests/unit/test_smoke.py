"""The smoke test a frozen build runs: it passes on a working program, fails loudly otherwise."""

import io
import os
import sys
import textwrap
from pathlib import Path

import pytest

from app import smoke
from app.cli import main
from app.models.db import Database
from app.services.context import ServiceContext
from app.services.ringkasan import ringkasan


@pytest.mark.slow
def test_smoke_test_flag_runs_every_step_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_before = os.environ["CAPAIAN_DATA_DIR"]
    assert main(["--smoke-test"]) == 0
    out = capsys.readouterr().out
    for line in (
        "ok database + demo",
        "ok pdf skp-",
        "ok excel (",
        "ok translations ('Cancelled.')",
        "ok gui",
    ):
        assert line in out
    assert out.rstrip().splitlines()[-1].startswith("SMOKE OK")
    # the user's data folder is put back and stays empty: everything happened in a temp folder
    assert os.environ["CAPAIAN_DATA_DIR"] == data_before
    assert list(Path(data_before).iterdir()) == []


@pytest.mark.slow
def test_kept_workdir_holds_a_real_demo_database_and_pdf(tmp_path: Path) -> None:
    out = io.StringIO()
    assert smoke.run_smoke_test(out=out, workdir=tmp_path) == 0, out.getvalue()
    (pdf,) = (tmp_path / "pdf").glob("skp-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "pegawai.xlsx").read_bytes().startswith(b"PK")
    db = Database.open(tmp_path / "smoke.db", create=False)
    try:
        r = ringkasan(ServiceContext(db=db, actor="t", evidence_dir=tmp_path / "bukti"))
    finally:
        db.dispose()
    assert r.pegawai > 10 and r.evaluasi_tahunan > 10


def _fake_gui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> str:
    """A module standing in for ``app.main`` of a build that has the GUI."""
    name = "capaian_fake_gui_" + "".join(c for c in tmp_path.name if c.isalnum())
    monkeypatch.delitem(sys.modules, name, raising=False)
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(smoke, "GUI_MODULE", name)
    return name


def test_gui_step_is_skipped_only_when_the_gui_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(smoke, "GUI_MODULE", "capaian_no_such_module")
    assert "skipped" in smoke._step_gui(Path("x.db"))


def test_gui_hook_gets_the_smoke_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = _fake_gui(
        tmp_path,
        monkeypatch,
        """
        import os
        from pathlib import Path
        SEEN = []
        def smoke(db_path: Path) -> None:
            SEEN.append((db_path, os.environ.get("QT_QPA_PLATFORM")))
        """,
    )
    monkeypatch.delenv("QT_QPA_PLATFORM")  # no display and no platform: Qt would abort
    assert smoke._step_gui(tmp_path / "smoke.db") == "main window built and closed"
    seen = sys.modules[name].SEEN
    assert seen == [(tmp_path / "smoke.db", "offscreen")]


def test_gui_without_the_hook_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_gui(tmp_path, monkeypatch, "def main() -> int:\n    return 0\n")
    with pytest.raises(smoke.SmokeTestError, match="no smoke"):
        smoke._step_gui(tmp_path / "smoke.db")


def test_a_failing_step_exits_1_with_the_step_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_work: Path) -> tuple[Path, str]:
        raise FileNotFoundError("app/migrations/versions missing from the bundle")

    monkeypatch.setattr(smoke, "_step_database", broken)
    assert smoke.run_smoke_test() == 1
    out = capsys.readouterr().out
    assert "SMOKE FAILED at step database: FileNotFoundError" in out
    assert "SMOKE OK" not in out


def test_missing_english_catalogue_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import app.i18n

    monkeypatch.setattr(app.i18n, "LOCALE_DIR", tmp_path / "kosong")
    with pytest.raises(smoke.SmokeTestError, match="English catalogue"):
        smoke._step_translations()
