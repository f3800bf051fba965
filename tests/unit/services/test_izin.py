"""Permission matrix: every guarded service called by every role, on real SQLite databases.

The expected table below is written out by hand from issue 6 (it is the specification), and
each case calls the real service as a signed-in user: an allowed call must get past the check
(it succeeds, or fails for a domain reason), a refused one must raise ``AksesDitolakError``
and leave the database byte-for-byte unchanged.
"""

import ast
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.errors import AksesDitolakError, UserError
from app.models.db import Database
from app.scoring.types import (
    Aspek,
    CapaianOrganisasi,
    JenisJabatan,
    JenisOrganisasi,
    JenisPegawai,
    Rating,
)
from app.services import (
    cadangan,
    cetak,
    evaluasi,
    excel,
    izin,
    katalog,
    mutasi,
    organisasi,
    pegawai,
    pengguna,
    realisasi,
    setup,
    skp,
    sync_export,
    sync_merge,
    sync_reverse,
    umpan_balik,
)
from app.services.context import ServiceContext
from app.settings import TEMPAT_TTD
from tests.conftest import FIXED_NOW
from tests.helpers import NIP_BIDAN, NIP_KADIS, NIP_KEPALA, NIP_PERAWAT, build_team, snapshot

SANDI = "sandi-rahasia-1"
PASS = "rahasia-kantor-1"
ANON = "tanpa-login"
PENILAI_LAIN = "penilai_lain"
OFFICE_ROLES = ("operator", "penilai", PENILAI_LAIN, "sekretariat", "admin", ANON)
BKD_ROLES = ("operator", "penilai", "sekretariat", "admin", "bkd_admin", ANON)


def _ctx(db: Database, folder: Path) -> ServiceContext:
    return ServiceContext(
        db=db, actor="penguji", evidence_dir=folder / "bukti", clock=lambda: FIXED_NOW
    )


def _users(ctx: ServiceContext, roles: dict[str, tuple[str, str | None]]) -> None:
    for name, (peran, nip) in roles.items():
        pengguna.buat_pengguna(
            ctx,
            nama_pengguna=name,
            nama_lengkap=name.title(),
            peran=peran,
            sandi=SANDI,
            pegawai_nip=nip,
        )
        if name == "admin":  # the first account; later ones need the admin signed in
            pengguna.masuk(ctx, "admin", SANDI)


def _build_office(folder: Path) -> dict[str, str]:
    db = Database.open(folder / "capaian.db")
    ctx = _ctx(db, folder)
    setup.init_installation(ctx, peran="dinas", kode="DINKES", nama="Dinas Kesehatan", tahun=2026)
    team = build_team(ctx)
    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_PERAWAT,
            nama="Agus Pratama",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Perawat Terampil",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="PKM-01",
            golongan="II/c",
            penilai_nip=NIP_KEPALA,
        ),
    )
    draft = skp.create_skp(ctx, nip=NIP_PERAWAT, tahun=2026).value
    rhk = skp.add_rhk(
        ctx, skp_id=draft.id, uraian="Terlayaninya pasien", rhk_atasan_id=team.rhk_kepala.id
    ).value
    skp.add_indikator(
        ctx,
        rhk_id=rhk.id,
        uraian="Jumlah pasien dilayani",
        aspek=Aspek.KUANTITAS,
        target_angka="100",
        satuan="pasien",
    )
    skp.ajukan_skp(ctx, draft.id)
    sync_export.buat_kunci(ctx, PASS)
    excel.ekspor_excel(ctx, "pegawai", folder / "pegawai.xlsx")
    (folder / "sampah.bkdsync").write_bytes(b"bukan paket")
    _users(
        ctx,
        {
            "admin": ("admin", None),
            "operator": ("operator", None),
            "penilai": ("penilai", NIP_KEPALA),  # rates the bidan and the perawat
            PENILAI_LAIN: ("penilai", NIP_BIDAN),  # rates nobody
            "sekretariat": ("sekretariat", None),
        },
    )
    db.dispose()
    return {
        "skp_bidan": team.skp_bidan.id,
        "skp_perawat": draft.id,
        "rhk_bidan": team.rhk_bidan.id,
        "indikator": team.jumlah.id,
    }


def _build_bkd(folder: Path) -> dict[str, str]:
    db = Database.open(folder / "capaian.db")
    ctx = _ctx(db, folder)
    setup.init_installation(ctx, peran="bkd", kode="BKD", nama="BKD Sabangau", tahun=2026)
    for kode, nama in (("DINKES", "Dinas Kesehatan"), ("DISDIK", "Dinas Pendidikan")):
        organisasi.create_organisasi(
            ctx, kode=kode, nama=nama, jenis=JenisOrganisasi.OPD, induk_kode="PEMDA"
        )
    pegawai.create_pegawai(
        ctx,
        pegawai.PegawaiInput(
            nip=NIP_KADIS,
            nama="Hendra Wijaya",
            jenis_pegawai=JenisPegawai.PNS,
            jabatan="Analis SDM Aparatur",
            jenis_jabatan=JenisJabatan.FUNGSIONAL,
            organisasi_kode="DINKES",
            golongan="III/c",
        ),
    )
    (folder / "sampah.bkdsync").write_bytes(b"bukan paket")
    _users(
        ctx,
        {
            "admin": ("admin", None),
            "bkd_admin": ("bkd_admin", None),
            "operator": ("operator", None),
            "penilai": ("penilai", NIP_KADIS),
            "sekretariat": ("sekretariat", None),
        },
    )
    db.dispose()
    return {}


@dataclass(frozen=True)
class Template:
    folder: Path
    ids: dict[str, str]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Template]:
    """One office and one BKD database, built once and copied for every case."""
    office = tmp_path_factory.mktemp("kantor")
    bkd = tmp_path_factory.mktemp("bkd")
    return {
        "office": Template(office, _build_office(office)),
        "bkd": Template(bkd, _build_bkd(bkd)),
    }


Call = Callable[[ServiceContext, dict[str, str], Path], Any]


def _evaluasi(c: ServiceContext, _ids: dict[str, str], _f: Path) -> Any:
    return evaluasi.simpan_evaluasi(
        c,
        nip=NIP_BIDAN,
        periode_kode="2026-01",
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
    )


def _susun(c: ServiceContext, _ids: dict[str, str], _f: Path) -> Any:
    return skp.create_skp(c, nip=NIP_KADIS, tahun=2026)


# (name, template, service call, roles expected to be allowed) - the specification.
CASES: list[tuple[str, str, Call, set[str]]] = [
    (
        "organisasi.create_organisasi",
        "office",
        lambda c, i, f: organisasi.create_organisasi(
            c,
            kode="PKM-02",
            nama="UPT Puskesmas Dua",
            jenis=JenisOrganisasi.PUSKESMAS,
            induk_kode="DINKES",
        ),
        {"operator", "admin"},
    ),
    (
        "pegawai.update_pegawai",
        "office",
        lambda c, i, f: pegawai.update_pegawai(c, NIP_BIDAN, jabatan="Bidan Mahir"),
        {"operator", "admin"},
    ),
    ("skp.create_skp", "office", _susun, {"operator", "admin"}),
    (
        "skp.ajukan_skp",
        "office",
        lambda c, i, f: skp.ajukan_skp(c, i["skp_perawat"]),
        {"operator", "admin"},
    ),  # already submitted: a ValidationError past the check
    (
        "skp.setujui_skp",
        "office",
        lambda c, i, f: skp.setujui_skp(c, i["skp_perawat"]),
        {"penilai", "admin"},
    ),
    (
        "skp.tolak_skp",
        "office",
        lambda c, i, f: skp.tolak_skp(c, i["skp_perawat"], "Target belum terukur"),
        {"penilai", "admin"},
    ),
    (
        "realisasi.catat_realisasi",
        "office",
        lambda c, i, f: realisasi.catat_realisasi(
            c, indikator_id=i["indikator"], periode_kode="2026-01", nilai=10
        ),
        {"operator", "admin"},
    ),
    (
        "umpan_balik.beri_umpan_balik",
        "office",
        lambda c, i, f: umpan_balik.beri_umpan_balik(
            c, skp_id=i["skp_bidan"], periode_kode="2026-01", teks="Pertahankan."
        ),
        {"operator", "penilai", "admin"},
    ),
    ("evaluasi.simpan_evaluasi", "office", _evaluasi, {"penilai", "admin"}),
    (
        "evaluasi.tetapkan_capaian_organisasi",
        "office",
        lambda c, i, f: evaluasi.tetapkan_capaian_organisasi(
            c, organisasi_kode="DINKES", periode_kode="2026-01", nilai=CapaianOrganisasi.BAIK
        ),
        {"admin"},
    ),
    (
        "setup.set_settings",
        "office",
        lambda c, i, f: setup.set_settings(c, {TEMPAT_TTD: "Kota Sabangau"}),
        {"admin"},
    ),
    ("setup.prepare_year", "office", lambda c, i, f: setup.prepare_year(c, 2027), {"admin"}),
    (
        "cadangan.izinkan_pemulihan",
        "office",
        lambda c, i, f: cadangan.izinkan_pemulihan(c),
        {"admin"},
    ),
    (
        "excel.impor_excel",
        "office",
        lambda c, i, f: excel.impor_excel(c, "pegawai", f / "pegawai.xlsx"),
        {"sekretariat", "admin"},
    ),
    (
        "excel.ekspor_excel",
        "office",
        lambda c, i, f: excel.ekspor_excel(c, "pegawai", f / "keluar.xlsx"),
        {"sekretariat", "admin"},
    ),
    (
        "cetak.cetak",
        "office",
        lambda c, i, f: cetak.cetak(
            c, jenis=cetak.JenisLembar.SKP, out_dir=f / "pdf", nip=NIP_BIDAN
        ),
        {"sekretariat", "admin"},
    ),
    (
        "sync_export.ekspor_paket",
        "office",
        lambda c, i, f: sync_export.ekspor_paket(c, f / "paket.bkdsync", PASS),
        {"sekretariat", "admin"},
    ),
    (
        "sync_reverse.terapkan_paket_balasan",
        "office",
        lambda c, i, f: sync_reverse.terapkan_paket_balasan(c, f / "sampah.bkdsync"),
        {"sekretariat", "admin"},
    ),
    (
        "pengguna.buat_pengguna",
        "office",
        lambda c, i, f: pengguna.buat_pengguna(
            c, nama_pengguna="baru", nama_lengkap="Pengguna Baru", peran="operator", sandi=SANDI
        ),
        {"admin"},
    ),
    (
        "pengguna.reset_sandi",
        "office",
        lambda c, i, f: pengguna.reset_sandi(c, "operator", "sandi-baru-123"),
        {"admin"},
    ),
    (
        "pengguna.nonaktifkan",
        "office",
        lambda c, i, f: pengguna.nonaktifkan(c, "operator"),
        {"admin"},
    ),
    (
        "sync_export.buat_kunci",
        "bkd",
        lambda c, i, f: sync_export.buat_kunci(c, PASS),
        {"admin", "bkd_admin"},
    ),
    (
        "sync_reverse.percayai_bkd",
        "office",
        lambda c, i, f: sync_reverse.percayai_bkd(c, "AAAA", "0000"),
        {"admin"},
    ),
    (
        "setup.kunci_periode",
        "bkd",
        lambda c, i, f: setup.kunci_periode(c, "2026-01", alasan="Periode selesai dinilai"),
        {"bkd_admin"},
    ),
    (
        "katalog.simpan_katalog",
        "bkd",
        lambda c, i, f: katalog.simpan_katalog(
            c, katalog.KatalogInput(kode="UMUM-01", uraian="Jumlah laporan")
        ),
        {"bkd_admin"},
    ),
    (
        "mutasi.catat_mutasi",
        "bkd",
        lambda c, i, f: mutasi.catat_mutasi(
            c, nip=NIP_KADIS, unit_tujuan="DISDIK", tanggal_berlaku=date(2026, 7, 1)
        ),
        {"bkd_admin"},
    ),
    (
        "sync_merge.impor_paket",
        "bkd",
        lambda c, i, f: sync_merge.impor_paket(c, f / "sampah.bkdsync"),
        {"sekretariat", "bkd_admin"},
    ),
    (
        "sync_merge.setujui_instalasi",
        "bkd",
        lambda c, i, f: sync_merge.setujui_instalasi(c, "tidak-ada", "0000"),
        {"bkd_admin"},
    ),
    (
        "sync_merge.cabut_instalasi",
        "bkd",
        lambda c, i, f: sync_merge.cabut_instalasi(
            c, "tidak-ada", setelah_seq=0, alasan="Laptop hilang"
        ),
        {"bkd_admin"},
    ),
    (
        "sync_merge.selesaikan_konflik",
        "bkd",
        lambda c, i, f: sync_merge.selesaikan_konflik(
            c, "tidak-ada", pilihan=sync_merge.TETAP_SEKARANG, catatan="Sudah dicek"
        ),
        {"bkd_admin"},
    ),
    (
        "sync_reverse.buat_paket_balasan",
        "bkd",
        lambda c, i, f: sync_reverse.buat_paket_balasan(c, "DINKES", f / "balasan.bkdsync", PASS),
        {"bkd_admin"},
    ),
]

# Cases whose allowed roles reach a domain error (no data to act on in the template); the
# point there is only that the permission check let them through.
DOMAIN_ERROR_EXPECTED = {
    "skp.ajukan_skp",
    "sync_reverse.percayai_bkd",
    "sync_merge.setujui_instalasi",
    "sync_merge.cabut_instalasi",
    "sync_merge.selesaikan_konflik",
    "sync_reverse.buat_paket_balasan",
}
# Services sharing a matrix action with a case above (same check line, same roles).
SAME_ACTION_AS_A_CASE = {
    "pegawai.create_pegawai": "pegawai.update_pegawai",
    "latihan.mulai_tur": "pegawai.update_pegawai",  # registers the practice trainee
    "skp.add_indikator": "skp.create_skp",
    "skp.add_rhk": "skp.create_skp",
    "skp.set_ekspektasi": "skp.create_skp",
    "skp.add_lampiran": "skp.create_skp",
    "realisasi.tambah_bukti": "realisasi.catat_realisasi",
    "sync_export.minta_pendaftaran": "sync_export.ekspor_paket",
    "sync_reverse.cabut_kunci_bkd": "sync_reverse.percayai_bkd",
    "sync_merge.selesaikan_kelompok": "sync_merge.selesaikan_konflik",
    "katalog.pensiunkan_katalog": "katalog.simpan_katalog",
}


def _params() -> list[Any]:
    params = []
    for case in CASES:
        for role in OFFICE_ROLES if case[1] == "office" else BKD_ROLES:
            params.append(pytest.param(case, role, id=f"{case[0]}-{role}"))
    return params


@pytest.mark.parametrize(("case", "role"), _params())
def test_permission_matrix(
    templates: dict[str, Template],
    tmp_path: Path,
    case: tuple[str, str, Call, set[str]],
    role: str,
) -> None:
    name, kind, call, allowed = case
    template = templates[kind]
    folder = tmp_path / "kerja"
    shutil.copytree(template.folder, folder)
    db = Database.open(folder / "capaian.db", create=False)
    try:
        ctx = _ctx(db, folder)
        if role != ANON:
            pengguna.masuk(ctx, role, SANDI)
        before = snapshot(db)
        if role in allowed:
            try:
                call(ctx, template.ids, folder)
            except AksesDitolakError as exc:
                pytest.fail(f"{role} refused {name}: {exc}")
            except UserError:
                assert name in DOMAIN_ERROR_EXPECTED, f"{name} by {role} failed past the check"
        else:
            with pytest.raises(AksesDitolakError) as refused:
                call(ctx, template.ids, folder)
            if role == ANON:
                assert "Masuk dahulu" in refused.value.message
            elif role == PENILAI_LAIN and "penilai" in allowed:
                assert "hanya dapat menilai" in refused.value.message
            else:
                assert "tidak berwenang" in refused.value.message
            assert snapshot(db) == before
    finally:
        db.dispose()


def _guarded_services() -> dict[str, str]:
    """``module.function`` -> matrix action, for every ``izinkan(ctx, "action")`` call in app."""
    found: dict[str, str] = {}
    for path in Path(izin.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in tree.body:
            if not isinstance(function, ast.FunctionDef) or function.name.startswith("_"):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "izinkan"
                    and isinstance(node.args[1], ast.Constant)
                ):
                    found[f"{path.stem}.{function.name}"] = str(node.args[1].value)
    return found


def test_every_guarded_service_and_action_is_in_the_matrix_test() -> None:
    guarded = _guarded_services()
    assert set(guarded.values()) == set(izin.MATRIKS)  # no action without a service, or typo
    cased = {name for name, *_rest in CASES}
    for service, action in guarded.items():
        twin = SAME_ACTION_AS_A_CASE.get(service, service)
        assert twin in cased, f"{service} has no case in the permission matrix test"
        assert guarded[twin] == action
