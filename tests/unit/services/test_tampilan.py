"""Read-only screen queries: staff status per year/period and the dashboard roll-up."""

from decimal import Decimal

import pytest

from app.errors import NotFoundError, UserError
from app.scoring.types import (
    CapaianOrganisasi,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services import evaluasi, realisasi, tampilan
from app.services.context import ServiceContext
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, build_team, snapshot


def test_staff_status_shows_skp_and_evaluation(office: ServiceContext) -> None:
    team = build_team(office)
    realisasi.catat_realisasi(
        office, indikator_id=team.jumlah.id, periode_kode="2026-03", nilai="40"
    )
    evaluasi.simpan_evaluasi(
        office,
        nip=NIP_BIDAN,
        periode_kode="2026-03",
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.DI_ATAS,
        final=True,
    )
    rows = tampilan.daftar_pegawai_status(office, tahun=2026, periode_kode="2026-03")
    by_nip = {r.nip: r for r in rows}
    assert set(by_nip) == {NIP_KADIS, NIP_KEPALA, NIP_BIDAN}
    bidan = by_nip[NIP_BIDAN]
    assert bidan.skp_id == team.skp_bidan.id
    assert bidan.status_skp is StatusSkp.DISETUJUI
    assert bidan.status_evaluasi is StatusEvaluasi.FINAL
    assert bidan.predikat is Predikat.BAIK
    assert bidan.organisasi_kode == "PKM-01"
    kadis = by_nip[NIP_KADIS]
    assert kadis.skp_id is None and kadis.status_skp is None and kadis.predikat is None
    # Without a period, no evaluation columns; another year has no SKP.
    plain = {r.nip: r for r in tampilan.daftar_pegawai_status(office, tahun=2026)}
    assert plain[NIP_BIDAN].status_evaluasi is None
    other = {r.nip: r for r in tampilan.daftar_pegawai_status(office, tahun=2027)}
    assert other[NIP_BIDAN].skp_id is None


def test_unit_summary_rolls_up_subtree(office: ServiceContext) -> None:
    build_team(office)
    realisasi.catat_realisasi(
        office,
        indikator_id=build_indicator_id(office),
        periode_kode="2026-03",
        nilai="30",
    )
    evaluasi.tetapkan_capaian_organisasi(
        office, organisasi_kode="DINKES", periode_kode="2026-03", nilai=CapaianOrganisasi.BAIK
    )
    for nip in (NIP_BIDAN, NIP_KEPALA):
        evaluasi.simpan_evaluasi(
            office,
            nip=nip,
            periode_kode="2026-03",
            rating_hasil=Rating.SESUAI,
            rating_perilaku=Rating.SESUAI,
            final=nip == NIP_BIDAN,
        )
    rows = {r.kode: r for r in tampilan.ringkasan_unit(office, periode_kode="2026-03")}
    assert [r.kode for r in tampilan.ringkasan_unit(office, periode_kode="2026-03")] == [
        "PEMDA",
        "DINKES",
        "PKM-01",
    ]
    pkm = rows["PKM-01"]
    assert (pkm.jumlah_pegawai, pkm.jumlah_dinilai, pkm.jumlah_final) == (2, 2, 1)
    assert pkm.induk_kode == "DINKES" and pkm.kedalaman == 2
    dinkes = rows["DINKES"]
    assert (dinkes.jumlah_pegawai, dinkes.jumlah_dinilai) == (3, 2)
    assert dinkes.capaian_organisasi is CapaianOrganisasi.BAIK
    assert pkm.capaian_organisasi is None
    stored = [
        e.capaian_persen
        for e in evaluasi.list_evaluasi(office, periode_kode="2026-03")
        if e.capaian_persen is not None
    ]
    assert stored, "the bidan has a realisation, so a capaian"
    expected = (sum(stored, Decimal(0)) / len(stored)).quantize(Decimal("0.01"))
    assert pkm.capaian_persen == expected
    assert rows["PEMDA"].capaian_persen == expected
    assert tampilan.ringkasan_unit(office, periode_kode="2026-04")[2].jumlah_dinilai == 0


def build_indicator_id(office: ServiceContext) -> str:
    """The bidan's counted indicator (the first one of her first RHK)."""
    row = next(
        r
        for r in tampilan.daftar_pegawai_status(office, tahun=2026)
        if r.nip == NIP_BIDAN and r.skp_id
    )
    from app.services import skp

    return skp.get_skp(office, row.skp_id or "").rhk[0].indikator[0].id


def test_periods_of_skp_and_year(office: ServiceContext) -> None:
    team = build_team(office)
    periods = tampilan.periode_skp(office, team.skp_bidan.id)
    assert [p.kode for p in periods][:3] == ["2026-01", "2026-02", "2026-03"]
    assert len(periods) == 12
    year = tampilan.periode_evaluasi(office, 2026)
    assert year[-1].kode == "2026" and len(year) == 13


def test_unknown_period_is_a_user_error(office: ServiceContext) -> None:
    before = snapshot(office.db)
    with pytest.raises(NotFoundError):
        tampilan.ringkasan_unit(office, periode_kode="1999-01")
    with pytest.raises(UserError):
        tampilan.daftar_pegawai_status(office, tahun=2026, periode_kode="x")
    assert snapshot(office.db) == before
