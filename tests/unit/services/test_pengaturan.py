"""Office settings: listed per year with their source, validated, and used by the services."""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import AksesDitolakError, ValidationError
from app.scoring.types import Granularitas, JenisJabatan, JenisPegawai, Rating
from app.services import pegawai, pengguna, realisasi, setup, skp
from app.services.cetak import JenisLembar, cetak
from app.services.context import ServiceContext
from app.services.evaluasi import derivasi
from app.services.organisasi import create_organisasi
from app.services.pengaturan import daftar_pengaturan, simpan_pengaturan, ubah_pengaturan
from app.settings import AMBANG_DI_ATAS, AMBANG_SESUAI, TEMPAT_TTD
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, build_team, snapshot

NIP_KERENG = "198507222010012003"
FIVE = (
    "ISTIMEWA=DI_ATAS_EKSPEKTASI,BAIK=DI_ATAS_EKSPEKTASI,BUTUH_PERBAIKAN=SESUAI_EKSPEKTASI,"
    "KURANG=DI_BAWAH_EKSPEKTASI,SANGAT_KURANG=DI_BAWAH_EKSPEKTASI"
)


def listed(ctx: ServiceContext, tahun: int) -> dict[str, tuple[object, int | None, bool]]:
    return {
        r.kunci: (r.nilai, r.berlaku_sejak, r.dapat_diubah) for r in daftar_pengaturan(ctx, tahun)
    }


def test_list_shows_defaults_then_the_stored_value_per_effective_year(
    office: ServiceContext,
) -> None:
    rows = listed(office, 2026)
    # init stored the granularity for all years; the rest are the application's defaults.
    assert rows["periode.granularitas"] == ("BULANAN", 0, False)  # 2026 is prepared
    assert rows["saran.ambang_sesuai"] == ("90", None, True)
    assert rows["cetak.tempat"] == ("Sabangau", None, True)
    assert rows["jpt.pemetaan"][1] is None

    ubah_pengaturan(office, "cetak.tempat", "Kereng Bangkirai")
    ubah_pengaturan(office, "cetak.tempat", "Palangka Raya", 2027)
    ubah_pengaturan(office, "jpt.pemetaan", FIVE.lower(), 2027)  # case does not matter
    assert listed(office, 2025)["cetak.tempat"] == ("Kereng Bangkirai", 0, True)
    assert listed(office, 2026)["cetak.tempat"] == ("Kereng Bangkirai", 0, True)
    assert listed(office, 2028)["cetak.tempat"] == ("Palangka Raya", 2027, True)
    mapping = listed(office, 2027)["jpt.pemetaan"]
    assert mapping[1] == 2027 and mapping[0]["BAIK"] == "DI_ATAS_EKSPEKTASI"  # type: ignore[index]
    assert listed(office, 2026)["jpt.pemetaan"][0]["BAIK"] == "SESUAI_EKSPEKTASI"  # type: ignore[index]
    # The next year is not prepared: its granularity may still change.
    assert listed(office, 2027)["periode.granularitas"][2] is True


@pytest.mark.parametrize(
    ("kunci", "teks", "pesan"),
    [
        ("saran.ambang_sesuai", "-5", "isi angka 0 sampai 1000"),
        ("saran.batas_atas_capaian", "abc", "isi angka 0 sampai 1000"),
        ("saran.ambang_sesuai", "115", "Ambang saran tidak berurutan"),  # above Di Atas (110)
        ("saran.ambang_di_atas", "90", "Ambang saran tidak berurutan"),  # equal to Sesuai
        ("saran.ambang_di_atas", "130", "tidak boleh melebihi batas atas capaian (120)"),
        ("saran.ambang", "100", "Pengaturan 'saran.ambang' tidak dikenal"),
        ("jpt.pemetaan", "ISTIMEWA=DI_ATAS_EKSPEKTASI", "belum dipetakan: BAIK"),
        ("jpt.pemetaan", FIVE.replace("BAIK=DI_ATAS", "BAIK=BAGUS"), "rating tidak dikenal"),
        ("jpt.pemetaan", FIVE + ",LUAR_BIASA=DI_ATAS_EKSPEKTASI", "tidak dikenal: LUAR_BIASA"),
        ("jpt.pemetaan", "ISTIMEWA", "LEVEL=RATING"),
        ("cetak.tempat", "   ", "tidak sah untuk pengaturan Tempat"),
        ("periode.granularitas", "MINGGUAN", "tidak sah untuk pengaturan Granularitas"),
        ("periode.granularitas", "TRIWULANAN", "Granularitas periode tahun 2026 tidak dapat"),
    ],
)
def test_invalid_values_are_refused_and_nothing_changes(
    office: ServiceContext, kunci: str, teks: str, pesan: str
) -> None:
    before = snapshot(office.db)
    with pytest.raises(ValidationError) as caught:
        ubah_pengaturan(office, kunci, teks)
    assert pesan in caught.value.message
    assert snapshot(office.db) == before


def test_threshold_order_is_checked_in_every_later_year_the_change_reaches(
    office: ServiceContext,
) -> None:
    ubah_pengaturan(office, "saran.ambang_di_atas", "105")
    ubah_pengaturan(office, "saran.ambang_sesuai", "100", 2027)
    before = snapshot(office.db)
    # 95 is fine for the years before 2027 (90 < 95) but not from 2027 (100 < 95 is false).
    with pytest.raises(ValidationError) as caught:
        ubah_pengaturan(office, "saran.ambang_di_atas", "95")
    assert "berlaku mulai tahun 2027" in caught.value.message
    assert caught.value.field == "saran.ambang_di_atas"
    assert snapshot(office.db) == before


def test_thresholds_raised_together_are_valid_although_one_alone_is_not(
    office: ServiceContext,
) -> None:
    with pytest.raises(ValidationError):
        setup.set_setting(office, AMBANG_SESUAI, "115")
    simpan_pengaturan(office, {"saran.ambang_sesuai": "115", "saran.ambang_di_atas": "120"})
    rows = listed(office, 2026)
    assert (rows["saran.ambang_sesuai"][0], rows["saran.ambang_di_atas"][0]) == ("115", "120")


def test_granularity_changes_only_for_a_year_not_yet_prepared(office: ServiceContext) -> None:
    before = snapshot(office.db)
    with pytest.raises(ValidationError):
        ubah_pengaturan(office, "periode.granularitas", "triwulanan", 2026)
    assert snapshot(office.db) == before
    row = ubah_pengaturan(office, "periode.granularitas", "triwulanan", 2027).value
    assert (row.nilai, row.berlaku_sejak, row.dapat_diubah) == ("TRIWULANAN", 2027, True)
    periods = setup.prepare_year(office, 2027).value
    assert {p.granularitas for p in periods} == {Granularitas.TRIWULANAN, Granularitas.TAHUNAN}
    assert len(periods) == 5
    # 2026 keeps its months; 2027 is now prepared and its granularity fixed as well.
    assert listed(office, 2026)["periode.granularitas"][0] == "BULANAN"
    with pytest.raises(ValidationError):
        ubah_pengaturan(office, "periode.granularitas", "bulanan", 2027)


def test_a_changed_threshold_changes_the_next_suggestion(office: ServiceContext) -> None:
    team = build_team(office)
    for month in (1, 2, 3):  # 10 a month against 120 a year, and 95 % against 95 %: 100 %
        kode = f"2026-{month:02d}"
        realisasi.catat_realisasi(office, indikator_id=team.jumlah.id, periode_kode=kode, nilai=10)
        realisasi.catat_realisasi(office, indikator_id=team.persen.id, periode_kode=kode, nilai=95)
    before = derivasi(office, nip=NIP_BIDAN, periode_kode="2026-03")
    assert before.capaian_persen == Decimal("100.00")
    assert before.saran_rating_hasil is Rating.SESUAI
    simpan_pengaturan(office, {"saran.ambang_sesuai": "80", "saran.ambang_di_atas": "100"}, 2026)
    after = derivasi(office, nip=NIP_BIDAN, periode_kode="2026-03")
    assert after.saran_rating_hasil is Rating.DI_ATAS
    assert any("100" in line for line in after.saran_rating_hasil_penjelasan)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_changed_signing_place_is_printed_and_a_unit_of_its_own_keeps_its_place(
    office: ServiceContext, tmp_path: Path
) -> None:
    build_team(office)
    create_organisasi(
        office,
        kode="PKM-02",
        nama="UPT Puskesmas Kereng",
        jenis=setup.JenisOrganisasi.PUSKESMAS,
        induk_kode="DINKES",
        tempat="Kereng Bangkirai",
    )

    def printed(nip: str, folder: str) -> str:
        path = cetak(office, jenis=JenisLembar.SKP, out_dir=tmp_path / folder, nip=nip)
        out = subprocess.run(
            ["pdftotext", "-raw", str(path.berkas[0].path), "-"], check=True, capture_output=True
        )
        return " ".join(out.stdout.decode().split())

    pegawai.create_pegawai(
        office,
        pegawai.PegawaiInput(
            nip=NIP_KERENG,
            nama="Yuli Astuti",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Kepala UPT Puskesmas Kereng",
            jenis_jabatan=JenisJabatan.PENGAWAS,
            organisasi_kode="PKM-02",
            golongan="III/d",
            penilai_nip=NIP_KADIS,
        ),
    )
    skp.create_skp(office, nip=NIP_KERENG, tahun=2026)
    # The place typed at first run is on the pemda and office units, copied to PKM-01.
    assert "Sabangau, " in printed(NIP_KEPALA, "a")
    ubah_pengaturan(office, TEMPAT_TTD.key, "Pulang Pisau")
    text = printed(NIP_KEPALA, "b")
    assert "Pulang Pisau, " in text and "Sabangau, " not in text
    # A unit whose place differs from its parent's chose it: the office setting does not win.
    assert "Kereng Bangkirai, " in printed(NIP_KERENG, "c")


def test_only_an_admin_changes_settings_once_accounts_exist(office: ServiceContext) -> None:
    pengguna.buat_pengguna(
        office, nama_pengguna="admin", nama_lengkap="Admin", peran="admin", sandi="sandi-admin-1"
    )
    pengguna.masuk(office, "admin", "sandi-admin-1")
    pengguna.buat_pengguna(
        office, nama_pengguna="ops", nama_lengkap="Operator", peran="operator", sandi="sandi-ops-01"
    )
    pengguna.masuk(office, "ops", "sandi-ops-01")
    before = snapshot(office.db)
    with pytest.raises(AksesDitolakError):
        setup.set_setting(office, AMBANG_DI_ATAS, "105")
    with pytest.raises(AksesDitolakError):
        ubah_pengaturan(office, "cetak.tempat", "Pulang Pisau")
    assert snapshot(office.db) == before
    assert listed(office, 2026)["cetak.tempat"][0] == "Sabangau"  # reading stays open
    pengguna.masuk(office, "admin", "sandi-admin-1")
    ubah_pengaturan(office, "cetak.tempat", "Pulang Pisau")
    assert listed(office, 2026)["cetak.tempat"] == ("Pulang Pisau", 0, True)
