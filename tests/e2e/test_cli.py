"""The command line: exit codes, JSON output, Indonesian errors without tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kantor.db")
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "init",
        "--role",
        "dinas",
        "--kode",
        "dinkes",
        "--nama",
        "Dinas Kesehatan",
    )
    assert code == 0
    assert "DINKES" in out
    # Global options are accepted after the subcommand as well.
    code, out, _ = run(capsys, "info", "--db", db, "--json")
    assert code == 0
    info = json.loads(out)
    assert info["peran"] == "dinas"
    assert info["organisasi"] == 2  # the pemda and the office


def test_user_error_exit_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "kantor.db")
    assert (
        run(capsys, "--db", db, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD")[0] == 0
    )
    code, out, err = run(
        capsys, "--db", db, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD"
    )
    assert code == 1
    assert err.startswith("Kesalahan: Basis data ini sudah disiapkan")
    assert "Traceback" not in err + out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "--json",
        "explain",
        "--nip",
        "199002152015032001",
        "--periode",
        "2026-03",
    )
    assert code == 1
    assert json.loads(out) == {
        "error": "Pegawai dengan NIP 19900215 201503 2 001 tidak ditemukan.",
        "field": "nip",
    }


def test_explain_on_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "tidak-ada.db"
    code, _, err = run(capsys, "--db", str(missing), "explain", "--nip", "1", "--periode", "2026")
    assert code == 1
    assert "tidak ditemukan" in err
    assert not missing.exists()


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["init", "--role", "pusat"])
    assert caught.value.code == 2
    assert "kesalahan penggunaan" in capsys.readouterr().err


def test_python_m_app_runs_as_a_process(tmp_path: Path) -> None:
    env = {**os.environ, "CAPAIAN_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "app", "explain", "--nip", "1", "--periode", "2026-01"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "tidak ditemukan" in result.stderr
    assert "capaian init" in result.stderr


def test_a_bug_is_reported_with_the_log_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import cli

    def broken(args: object) -> int:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setitem(cli.COMMANDS, "info", broken)
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "info")
    assert code == cli.EXIT_BUG
    assert "kesalahan tak terduga" in err
    assert "Traceback" not in err
    assert "capaian.log" in err


def test_abbreviated_options_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--lan", "en", "info"])
    assert caught.value.code == 2


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "--db", str(tmp_path / "none.db"), "info")
    assert code == 1
    assert err.startswith("Error: Database file")
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "info")
    assert err.startswith("Kesalahan: Berkas basis data")


def test_demo_json_then_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.db")
    code, out, _ = run(capsys, "--db", db, "demo", "--size", "small", "--json")
    assert code == 0
    report = json.loads(out)
    counts = report["ringkasan"]
    assert counts["pegawai"] >= 30
    assert counts["indikator"] > counts["skp"] > 0
    assert counts["realisasi"] > 10 * counts["skp"]
    assert sum(counts["evaluasi_tahunan_per_predikat"].values()) == counts["evaluasi_tahunan"]
    assert all(n > 0 for n in counts["evaluasi_tahunan_per_predikat"].values())
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "explain",
        "--nip",
        report["contoh_nip"],
        "--periode",
        report["contoh_periode"],
    )
    assert code == 0
    assert "6. Predikat kinerja:" in out
    assert "Sel pada baris" in out  # the kuadran cell that gives the predikat
    # --ganti rebuilds the same deterministic data instead of refusing.
    code, out, _ = run(capsys, "--db", db, "demo", "--ganti", "--json")
    assert code == 0
    assert json.loads(out)["ringkasan"] == counts


def test_sync_commands_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPAIAN_PASSPHRASE", "rahasia-kantor-1")
    bkd, kantor = str(tmp_path / "bkd.db"), str(tmp_path / "kantor.db")
    assert (
        run(capsys, "--db", bkd, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD")[0] == 0
    )
    assert (
        run(
            capsys,
            "--db",
            kantor,
            "init",
            "--role",
            "dinas",
            "--kode",
            "DINKES",
            "--nama",
            "Dinkes",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, "--db", kantor, "--json", "enrol", "request", "--out", str(tmp_path))
    assert code == 0
    request = json.loads(out)
    code, out, _ = run(capsys, "--db", kantor, "--json", "export-package", "--out", str(tmp_path))
    assert code == 0
    package = json.loads(out)["berkas"]
    code, out, _ = run(capsys, "--db", bkd, "--json", "import-package", request["berkas"], package)
    assert [r["status"] for r in json.loads(out)] == ["MENUNGGU_PERSETUJUAN", "DIKARANTINA"]
    key = request["kunci"]
    code, out, _ = run(
        capsys,
        "--db",
        bkd,
        "--json",
        "enrol",
        "approve",
        "--key",
        key["key_id"],
        "--fingerprint",
        key["sidik_jari"],
    )
    assert code == 0
    assert [r["status"] for r in json.loads(out)["paket_dari_karantina"]] == ["BERHASIL"]
    code, out, _ = run(capsys, "--db", bkd, "import-package", package)
    assert code == 0 and "DUPLIKAT" in out
    broken = tmp_path / "rusak.bkdsync"
    broken.write_bytes(b"PK\x03\x04 bukan paket")
    code, out, _ = run(capsys, "--db", bkd, "import-package", str(broken))
    assert code == 1 and "DITOLAK" in out
    assert "Traceback" not in out


def test_reply_package_round_trip_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPAIAN_PASSPHRASE", "rahasia-kantor-1")
    bkd, kantor = str(tmp_path / "bkd.db"), str(tmp_path / "kantor.db")
    run(capsys, "--db", bkd, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD")
    run(capsys, "--db", kantor, "init", "--role", "dinas", "--kode", "DINKES", "--nama", "Dinkes")
    assert run(capsys, "--db", bkd, "enrol", "keygen")[0] == 0
    code, out, _ = run(capsys, "--db", bkd, "--json", "enrol", "show")
    bkd_key = json.loads(out)
    code, out, _ = run(
        capsys,
        "--db",
        kantor,
        "enrol",
        "trust-bkd",
        "--key",
        bkd_key["kunci_publik"],
        "--fingerprint",
        bkd_key["sidik_jari"],
    )
    assert code == 0, out
    _, out, _ = run(capsys, "--db", kantor, "--json", "enrol", "request", "--out", str(tmp_path))
    request = json.loads(out)
    _, out, _ = run(capsys, "--db", kantor, "--json", "export-package", "--out", str(tmp_path))
    package = json.loads(out)["berkas"]
    run(capsys, "--db", bkd, "import-package", request["berkas"])
    key = request["kunci"]
    run(
        capsys,
        "--db",
        bkd,
        "enrol",
        "approve",
        "--key",
        key["key_id"],
        "--fingerprint",
        key["sidik_jari"],
    )
    assert run(capsys, "--db", bkd, "import-package", package)[0] == 0
    code, out, _ = run(
        capsys, "--db", bkd, "--json", "reply-package", "--office", "DINKES", "--out", str(tmp_path)
    )
    assert code == 0, out
    reply = json.loads(out)["berkas"]
    code, out, _ = run(capsys, "--db", kantor, "--json", "apply-reply", reply)
    assert code == 0
    assert json.loads(out)[0]["status"] == "BERHASIL"
    # Everything was acknowledged: nothing is left to send.
    code, _, err = run(capsys, "--db", kantor, "export-package", "--out", str(tmp_path))
    assert code == 1 and "Tidak ada perubahan" in err


def test_catalogue_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bkd = str(tmp_path / "bkd.db")
    run(capsys, "--db", bkd, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD")
    code, out, err = run(
        capsys,
        "--db",
        bkd,
        "--json",
        "katalog",
        "add",
        "--kode",
        "UMUM-LAP-01",
        "--uraian",
        "Jumlah laporan kinerja yang disusun",
        "--satuan",
        "Dokumen",
        "--aspek",
        "kuantitas",
    )
    assert code == 0, err
    assert json.loads(out)["aspek"] == "KUANTITAS"
    code, out, _ = run(capsys, "--db", bkd, "katalog", "list", "--cari", "laporan")
    assert code == 0 and "UMUM-LAP-01" in out and "[Dokumen]" in out
    assert run(capsys, "--db", bkd, "katalog", "retire", "--kode", "UMUM-LAP-01")[0] == 0
    code, out, _ = run(capsys, "--db", bkd, "katalog")
    assert code == 0 and "UMUM-LAP-01" not in out
    code, _, err = run(capsys, "--db", bkd, "katalog", "add", "--kode", "X")
    assert code == 1 and "--uraian" in err


def test_database_from_a_newer_release_is_refused_by_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An office PC still on an old release opens a file made by a newer one: refused, intact."""
    import sqlite3

    db = tmp_path / "dari-versi-baru.db"
    code, _, _ = run(
        capsys, "--db", str(db), "init", "--role", "dinas", "--kode", "DINKES", "--nama", "Dinkes"
    )
    assert code == 0
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099_fitur_masa_depan'")
    raw.close()
    before = db.read_bytes()
    for argv in (["info"], ["demo", "--size", "small"], ["export-package", "--out", "x"]):
        code, out, err = run(capsys, "--db", str(db), *argv)
        assert code == 1, argv
        assert "versi Capaian yang lebih baru" in err
        assert "0099_fitur_masa_depan" in err and "Perbarui aplikasi Capaian" in err
        assert "Traceback" not in err and out == ""
    assert db.read_bytes() == before
    assert not (Path(os.environ["CAPAIAN_DATA_DIR"]) / "cadangan").exists()  # nothing migrated
    assert not (tmp_path / "x").exists()
