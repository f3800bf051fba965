"""Review of the tour's aggregation default: every path that defines an indicator uses it."""

import json
from pathlib import Path

import pytest

from app.cli import main
from app.scoring.periode import CaraAgregasi
from app.scoring.types import Aspek
from app.services import katalog, setup
from app.services.context import ServiceContext


@pytest.fixture
def bkd(ctx: ServiceContext) -> ServiceContext:
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD", tahun=2026)
    return ctx


def test_a_catalogue_percentage_is_averaged_unless_chosen(bkd: ServiceContext) -> None:
    """BKD's catalogue entries are copied into SKPs with their aggregation; a '%' entry saved
    without one was summed over months (92 % of 90 % in January: capped, 'Di Atas')."""
    entry = katalog.simpan_katalog(
        bkd,
        katalog.KatalogInput(
            kode="KES-ASKEP-01",
            uraian="Persentase pasien yang mendapat asuhan keperawatan sesuai standar",
            satuan="%",
            aspek=Aspek.KUALITAS,
        ),
    ).value
    assert entry.cara_agregasi is CaraAgregasi.RATA_RATA
    counted = katalog.simpan_katalog(
        bkd, katalog.KatalogInput(kode="UMUM-LAP-01", uraian="Laporan", satuan="Dokumen")
    ).value
    assert counted.cara_agregasi is CaraAgregasi.JUMLAH
    chosen = katalog.simpan_katalog(
        bkd,
        katalog.KatalogInput(
            kode="KES-AKR-01",
            uraian="Persentase puskesmas terakreditasi",
            satuan="%",
            cara_agregasi=CaraAgregasi.TERAKHIR,
        ),
    ).value
    assert chosen.cara_agregasi is CaraAgregasi.TERAKHIR


def test_the_cli_catalogue_uses_the_same_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "bkd.db")
    assert main(["--db", db, "init", "--role", "bkd", "--kode", "BKD", "--nama", "BKD"]) == 0
    capsys.readouterr()
    argv = ["--db", db, "--json", "katalog", "add", "--kode", "KES-ASKEP-01"]
    argv += ["--uraian", "Persentase asuhan sesuai standar", "--satuan", "%"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["cara_agregasi"] == "RATA_RATA"
    assert main([*argv[:6], "KES-X", *argv[7:], "--agregasi", "jumlah"]) == 0
    assert json.loads(capsys.readouterr().out)["cara_agregasi"] == "JUMLAH"
