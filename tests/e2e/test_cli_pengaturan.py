"""``capaian pengaturan``: list and set office settings, and this PC's interface language."""

import json
import logging
from pathlib import Path

import pytest

from app.cli import main
from app.i18n import set_language
from app.preferensi import preference_path
from tests.helpers import snapshot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _indonesian_again() -> object:
    """A test that switched the preference to English must not leave the process in English."""
    yield None
    set_language("id")


@pytest.fixture
def kantor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "kantor.db")
    code, _, _ = run(
        capsys,
        "--db",
        path,
        "init",
        "--role",
        "dinas",
        "--kode",
        "DINKES",
        "--nama",
        "Dinkes",
        "--tahun",
        "2026",
    )
    assert code == 0
    return path


def db_snapshot(path: str) -> dict[str, list[tuple[object, ...]]]:
    from app.models.db import Database

    database = Database.open(Path(path))
    try:
        return snapshot(database)
    finally:
        database.dispose()


def test_list_and_set_with_json_and_exit_codes(
    kantor: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", kantor, "pengaturan", "list", "--tahun", "2026")
    assert code == 0
    assert "cetak.tempat               Sabangau" in out and "bawaan" in out
    assert "tidak dapat diubah" in out  # the granularity of the prepared year

    code, out, _ = run(
        capsys, "--db", kantor, "pengaturan", "set", "cetak.tempat", "Kereng Bangkirai"
    )
    assert (code, out.strip()) == (
        0,
        "Tempat penandatanganan pada lembar cetak: Kereng Bangkirai (berlaku semua tahun).",
    )
    code, out, _ = run(
        capsys,
        "--db",
        kantor,
        "--json",
        "pengaturan",
        "set",
        "jpt.pemetaan",
        "ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=DI_ATAS_EKSPEKTASI,BUTUH_PERBAIKAN=SESUAI_EKSPEKTASI,"
        "KURANG=DI_BAWAH_EKSPEKTASI,SANGAT_KURANG=DI_BAWAH_EKSPEKTASI",
        "--berlaku",
        "2027",
    )
    assert code == 0
    row = json.loads(out)
    assert row["kunci"] == "jpt.pemetaan" and row["berlaku_sejak"] == 2027
    assert row["nilai"]["BUTUH_PERBAIKAN"] == "SESUAI_EKSPEKTASI"

    code, out, _ = run(capsys, "--db", kantor, "--json", "pengaturan", "list", "--tahun", "2027")
    rows = {r["kunci"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["cetak.tempat"]["nilai"] == "Kereng Bangkirai"
    assert rows["cetak.tempat"]["berlaku_sejak"] == 0
    assert rows["jpt.pemetaan"]["nilai"]["BAIK"] == "DI_ATAS_EKSPEKTASI"
    assert rows["saran.ambang_sesuai"] == {
        **rows["saran.ambang_sesuai"],
        "nilai": "90",
        "bawaan": "90",
        "berlaku_sejak": None,
    }


def test_refusals_exit_1_with_the_message_and_leave_the_database(
    kantor: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_snapshot(kantor)
    code, out, err = run(capsys, "--db", kantor, "pengaturan", "set", "saran.ambang_sesuai", "150")
    assert code == 1 and out == ""
    assert "Ambang saran tidak berurutan" in err and "Traceback" not in err
    code, out, _ = run(
        capsys, "--db", kantor, "--json", "pengaturan", "set", "jpt.pemetaan", "ISTIMEWA=BAIK"
    )
    error = json.loads(out)
    assert code == 1 and error["field"] == "jpt.pemetaan" and "belum dipetakan" in error["error"]
    code, _, err = run(capsys, "--db", kantor, "pengaturan", "set", "tempat", "X")
    assert code == 1 and "tidak dikenal" in err
    # Bad usage (no value) is exit 2, before anything is opened.
    with pytest.raises(SystemExit) as usage:
        main(["--db", kantor, "pengaturan", "set", "cetak.tempat"])
    assert usage.value.code == 2
    assert db_snapshot(kantor)["pengaturan"] == before["pengaturan"]


def test_a_non_admin_is_refused(
    kantor: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-admin-1")
    assert (
        run(
            capsys,
            "--db",
            kantor,
            "user",
            "add",
            "admin",
            "--nama-lengkap",
            "A",
            "--peran",
            "admin",
        )[0]
        == 0
    )
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-admin-1")
    monkeypatch.setenv("CAPAIAN_SANDI_BARU", "sandi-ops-01")
    code, _, _ = run(
        capsys,
        "--db",
        kantor,
        "--as",
        "admin",
        "user",
        "add",
        "ops",
        "--nama-lengkap",
        "O",
        "--peran",
        "operator",
    )
    assert code == 0
    monkeypatch.setenv("CAPAIAN_SANDI", "sandi-ops-01")
    code, _, err = run(
        capsys, "--db", kantor, "--as", "ops", "pengaturan", "set", "cetak.tempat", "X"
    )
    assert code == 1 and "Traceback" not in err and err.startswith("Kesalahan:")
    code, out, _ = run(capsys, "--db", kantor, "--as", "ops", "pengaturan", "list")
    assert code == 0 and "Sabangau" in out  # reading stays open
    # Without --as, once accounts exist, a change needs a login as well.
    code, _, err = run(capsys, "--db", kantor, "pengaturan", "set", "cetak.tempat", "X")
    assert code == 1


def test_language_preference_is_used_without_lang_and_lang_wins(
    kantor: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "pengaturan", "bahasa", "en")  # no database needed
    assert code == 0 and str(preference_path()) in out
    code, _, err = run(capsys, "--db", kantor, "pengaturan", "set", "x", "1")
    assert code == 1 and err.startswith("Error: ")  # English messages from now on
    code, _, err = run(capsys, "--db", kantor, "--lang", "id", "pengaturan", "set", "x", "1")
    assert code == 1 and err.startswith("Kesalahan: ")
    code, out, _ = run(capsys, "--json", "pengaturan", "bahasa", "id")
    assert code == 0 and json.loads(out)["bahasa"] == "id"
    code, _, err = run(capsys, "--db", kantor, "pengaturan", "set", "x", "1")
    assert err.startswith("Kesalahan: ")


def test_a_damaged_preference_file_does_not_stop_the_command(
    kantor: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    preference_path().write_text("{rusak", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="capaian"):
        code, out, err = run(capsys, "--db", kantor, "pengaturan", "list")
    assert code == 0 and "cetak.tempat" in out and "bawaan" in out and err == ""
    assert any(
        r.levelno == logging.WARNING and "preference file" in r.getMessage() for r in caplog.records
    )
    with pytest.raises(SystemExit) as usage:  # an unknown language is a usage error
        main(["pengaturan", "bahasa", "nl"])
    assert usage.value.code == 2
    assert preference_path().read_text(encoding="utf-8") == "{rusak"
