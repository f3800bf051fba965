"""Review of the tour's aggregation default: every path that defines an indicator uses it."""

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from app.cli import main
from app.models import Indikator
from app.scoring.periode import CaraAgregasi, agregasi_bawaan
from app.scoring.types import Aspek
from app.services import excel, katalog, setup, skp
from app.services.context import ServiceContext
from tests.helpers import build_team, snapshot
from tests.unit.services.test_excel import NIP_PERAWAT, SKP_ROWS, _perawat, fill


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


def test_reimporting_a_workbook_from_before_the_new_default_changes_nothing(
    office: ServiceContext, tmp_path: Path
) -> None:
    """A blank aggregation cell keeps what is stored; only a new indicator gets the default."""
    build_team(office)
    _perawat(office)
    rows = [{k: v for k, v in row.items() if k != "Cara Agregasi"} for row in SKP_ROWS]
    template = excel.buat_template(office, "skp", tmp_path / "skp.xlsx")
    filled = fill(template, tmp_path / "skp-isi.xlsx", rows)
    assert excel.impor_excel(office, "skp", filled).value.ok
    (dto,) = skp.list_skp(office, nip=NIP_PERAWAT)
    # New indicators with a blank cell take the default: the count is summed, the "%" averaged.
    stored = [i.cara_agregasi for i in skp.get_skp(office, dto.id).rhk[0].indikator]
    assert stored == [CaraAgregasi.JUMLAH, CaraAgregasi.RATA_RATA]
    # As the previous version stored it: a blank cell was JUMLAH for every unit.
    with office.write("versi_lama") as session:
        session.execute(update(Indikator).values(cara_agregasi=CaraAgregasi.JUMLAH))
    skp.ajukan_skp(office, dto.id)
    skp.setujui_skp(office, dto.id)
    before = snapshot(office.db)
    report = excel.impor_excel(office, "skp", filled).value
    assert report.ok, report.masalah
    assert report.sama == 2
    assert snapshot(office.db) == before


@pytest.mark.parametrize("satuan", ["persen", "Persen", " PERSEN ", "Persentase"])
def test_a_percentage_written_out_is_averaged_too(satuan: str) -> None:
    """SKPs (and BKN's e-Kinerja) often write the unit 'persen'; it was summed over months."""
    assert agregasi_bawaan(satuan) is CaraAgregasi.RATA_RATA
