"""The guided tour of practice mode: one new employee for a new assessor to work through.

A new pejabat penilai learns the year's cycle by doing it once: plan an SKP, record a month,
give feedback, evaluate. Every demo employee has a finished year already, so the tour registers
a newly hired employee (the *peserta tur*) under the practice database's busiest penilai and
then only *reads* how far the work has gone. The tour's steps tick off because the learner did
the work through the ordinary screens and services, never because a tour button was pressed,
so what they practise is exactly what they will do on real data.

Why these rules:

* The tour refuses any database not created for training (``instalasi.lingkungan``): it adds a
  fictitious person, which must never reach an office's real data or a BKD package.
* The trainee and the setting that remembers them are written in one transaction, so a failed
  start leaves nothing behind, and restarting the application resumes the same trainee.
* "Start again" registers another trainee instead of deleting the first one's work: synced
  rows are never physically deleted, and the earlier attempt stays readable for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.errors import UserError
from app.i18n import _
from app.models import (
    Evaluasi,
    Indikator,
    Organisasi,
    Pegawai,
    Periode,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from app.scoring.types import (
    Granularitas,
    JenisJabatan,
    JenisKelamin,
    JenisOrganisasi,
    JenisPegawai,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services.context import Changes, Result, ServiceContext
from app.services.izin import izinkan
from app.services.lookup import installation
from app.services.pegawai import PegawaiInput, insert_pegawai, periksa_input
from app.services.setup import get_setting, periode_dto, store_setting
from app.settings import GRANULARITAS, SettingKey

PESERTA = SettingKey("latihan.peserta_tur", None, "Peserta tur latihan")
"""The current trainee: ``{"nip": ..., "ke": n}``. Not in ``ALL_SETTINGS``: not user-editable."""

NAMA_PESERTA = (
    "Rina Marlina",
    "Yohana Damayanti",
    "Sri Wahyuni",
    "Maria Ulfah",
    "Dewi Kartika",
    "Nur Aisyah",
)
"""Trainees' names (data, like the demo's names; the n-th restart takes the n-th name)."""


@dataclass(frozen=True)
class _Contoh:
    """The worked example the tour suggests typing, by kind of unit."""

    jabatan: str
    jenis_jabatan: JenisJabatan
    rhk: str
    indikator: str
    target: str
    satuan: str
    realisasi: str


_CONTOH_PUSKESMAS = _Contoh(
    jabatan="Perawat Terampil",
    jenis_jabatan=JenisJabatan.FUNGSIONAL,
    rhk="Terlaksananya asuhan keperawatan yang bermutu bagi pasien rawat jalan",
    indikator="Persentase pasien rawat jalan yang mendapat asuhan keperawatan sesuai standar",
    target="90",
    satuan="%",
    realisasi="92",
)
_CONTOH = {
    JenisOrganisasi.PUSKESMAS: _CONTOH_PUSKESMAS,
    JenisOrganisasi.UPT: _CONTOH_PUSKESMAS,
    JenisOrganisasi.SEKOLAH: _Contoh(
        jabatan="Guru Ahli Pertama",
        jenis_jabatan=JenisJabatan.FUNGSIONAL,
        rhk="Terlaksananya pembelajaran yang berpusat pada murid di kelas yang diampu",
        indikator="Persentase murid yang mencapai kriteria ketercapaian tujuan pembelajaran",
        target="85",
        satuan="%",
        realisasi="88",
    ),
}
_CONTOH_UMUM = _Contoh(
    jabatan="Penata Layanan Operasional",
    jenis_jabatan=JenisJabatan.PELAKSANA,
    rhk="Tersusunnya laporan administrasi unit yang tepat waktu",
    indikator="Persentase laporan administrasi yang selesai tepat waktu",
    target="95",
    satuan="%",
    realisasi="96",
)


@dataclass(frozen=True)
class PesertaTurDTO:
    """Who the learner assesses in the tour, where and when, and what to type."""

    nip: str
    nama: str
    jabatan: str
    unit_kode: str
    unit_nama: str
    penilai_nip: str
    penilai_nama: str
    penilai_jabatan: str
    tahun: int
    periode_kode: str
    periode_label: str
    contoh_rhk: str
    contoh_indikator: str
    contoh_target: str
    contoh_satuan: str
    contoh_realisasi: str
    ke: int  # 1 for the first trainee, 2 after one restart, ...


@dataclass(frozen=True)
class KemajuanTurDTO:
    """How far the trainee's year has come, read from the database."""

    skp_id: str | None
    status_skp: StatusSkp | None
    jumlah_rhk: int
    jumlah_indikator: int
    indikator_terisi: int  # indicators with a realisation value in the tour's period
    umpan_balik: int  # feedback entries in the tour's period
    status_evaluasi: StatusEvaluasi | None
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None

    @property
    def skp_selesai(self) -> bool:
        """Step 1: an approved SKP with at least one RHK carrying an indicator."""
        return self.status_skp is StatusSkp.DISETUJUI and self.jumlah_indikator > 0

    @property
    def realisasi_selesai(self) -> bool:
        """Step 2: every indicator has its value for the tour's month."""
        return self.skp_selesai and self.indikator_terisi >= self.jumlah_indikator

    @property
    def umpan_balik_selesai(self) -> bool:
        """Step 3: at least one feedback entry for the tour's month."""
        return self.umpan_balik > 0

    @property
    def evaluasi_selesai(self) -> bool:
        """Step 4: the month's evaluation is final."""
        return self.status_evaluasi is StatusEvaluasi.FINAL

    @property
    def langkah(self) -> tuple[bool, bool, bool, bool]:
        """The four steps' completion, in the tour's order."""
        return (
            self.skp_selesai,
            self.realisasi_selesai,
            self.umpan_balik_selesai,
            self.evaluasi_selesai,
        )


def _training_only(session: Session) -> None:
    if installation(session).lingkungan != "training":
        raise UserError(
            _(
                "Tur latihan hanya berjalan di Mode Latihan (basis data contoh), agar pegawai "
                "rekaan tidak pernah masuk ke data kantor."
            )
        )


def mulai_tur(ctx: ServiceContext, *, ulang: bool = False) -> Result[PesertaTurDTO]:
    """The tour's trainee: the one already started, or (first time, or ``ulang``) a new one.

    Raises:
        UserError: On a database not created for training, or one with no penilai who has an
            approved SKP (nothing to cascade from), or no open period to record.
    """
    izinkan(ctx, "pegawai.simpan")
    with ctx.read() as session:
        _training_only(session)
        stored = get_setting(session, PESERTA, 0)
        if isinstance(stored, dict) and not ulang:
            found = _peserta(session, str(stored.get("nip", "")), int(stored.get("ke", 1)))
            if found is not None:
                return Result(found, Changes())
        ke = int(stored.get("ke", 0)) + 1 if isinstance(stored, dict) else 1
        penilai, tahun = _penilai_tur(session)
        unit = session.get_one(Organisasi, penilai.organisasi_id)
        contoh = _CONTOH.get(unit.jenis, _CONTOH_UMUM)
        data = PegawaiInput(
            nip=_nip_baru(session, tahun),
            nama=NAMA_PESERTA[(ke - 1) % len(NAMA_PESERTA)],
            jenis_pegawai=JenisPegawai.PPPK,
            jabatan=contoh.jabatan,
            jenis_jabatan=contoh.jenis_jabatan,
            organisasi_kode=unit.kode,
            golongan="VII",
            jenis_kelamin=JenisKelamin.WANITA,
            penilai_nip=penilai.nip,
        )
    checked = periksa_input(ctx, data)
    with ctx.write("mulai_tur_latihan") as session:
        _training_only(session)
        dto = insert_pegawai(session, data, checked)
        assert dto.nip is not None  # a PPPK always has one
        store_setting(session, PESERTA, {"nip": dto.nip, "ke": ke}, 0)
        session.flush()
        peserta = _peserta(session, dto.nip, ke)
    assert peserta is not None  # just written in this transaction
    return Result(peserta, Changes(pegawai=True, pengaturan=True))


def peserta_tur(ctx: ServiceContext) -> PesertaTurDTO | None:
    """The trainee already started (None before the first start, or on a real database)."""
    with ctx.read() as session:
        if installation(session).lingkungan != "training":
            return None
        stored = get_setting(session, PESERTA, 0)
        if not isinstance(stored, dict):
            return None
        return _peserta(session, str(stored.get("nip", "")), int(stored.get("ke", 1)))


def kemajuan_tur(ctx: ServiceContext, peserta: PesertaTurDTO) -> KemajuanTurDTO:
    """Read how far the trainee's SKP, realisation, feedback and evaluation have come."""
    with ctx.read() as session:
        skp = session.scalars(
            select(Skp)
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(
                Pegawai.nip == peserta.nip,
                Skp.tahun == peserta.tahun,
                Skp.deleted.is_(False),
                Skp.is_plt.is_(False),
            )
            .order_by(Skp.tanggal_mulai)
        ).first()
        periode = session.scalars(select(Periode).where(Periode.kode == peserta.periode_kode)).one()
        if skp is None:
            return KemajuanTurDTO(None, None, 0, 0, 0, 0, None, None, None, None)
        rhk_ids = session.scalars(
            select(Rhk.id).where(Rhk.skp_id == skp.id, Rhk.deleted.is_(False))
        ).all()
        indikator_ids = session.scalars(
            select(Indikator.id).where(Indikator.rhk_id.in_(rhk_ids), Indikator.deleted.is_(False))
        ).all()
        terisi = session.scalar(
            select(func.count())
            .select_from(Realisasi)
            .where(
                Realisasi.indikator_id.in_(indikator_ids),
                Realisasi.periode_id == periode.id,
                Realisasi.nilai.is_not(None),
                Realisasi.deleted.is_(False),
            )
        )
        umpan = session.scalar(
            select(func.count())
            .select_from(UmpanBalik)
            .where(
                UmpanBalik.skp_id == skp.id,
                UmpanBalik.periode_id == periode.id,
                UmpanBalik.deleted.is_(False),
            )
        )
        evaluasi = session.scalars(
            select(Evaluasi).where(
                Evaluasi.skp_id == skp.id,
                Evaluasi.periode_id == periode.id,
                Evaluasi.deleted.is_(False),
            )
        ).first()
        return KemajuanTurDTO(
            skp_id=skp.id,
            status_skp=skp.status,
            jumlah_rhk=len(rhk_ids),
            jumlah_indikator=len(indikator_ids),
            indikator_terisi=int(terisi or 0),
            umpan_balik=int(umpan or 0),
            status_evaluasi=evaluasi.status if evaluasi else None,
            rating_hasil=evaluasi.rating_hasil if evaluasi else None,
            rating_perilaku=evaluasi.rating_perilaku if evaluasi else None,
            predikat=evaluasi.predikat if evaluasi else None,
        )


# ---------------------------------------------------------------------- helpers
def _penilai_tur(session: Session) -> tuple[Pegawai, int]:
    """The penilai with the most direct reports among those with an approved SKP, and its year.

    The busiest penilai is the typical new assessor's seat (a kepala puskesmas or school
    principal); their approved SKP gives the trainee's RHK something to intervene.
    """
    report = aliased(Pegawai)
    reports = (
        select(report.penilai_id, func.count().label("n"))
        .where(report.aktif.is_(True), report.deleted.is_(False))
        .group_by(report.penilai_id)
        .subquery()
    )
    row = session.execute(
        select(Pegawai, Skp.tahun)
        .join(reports, reports.c.penilai_id == Pegawai.id)
        .join(Skp, Skp.pegawai_id == Pegawai.id)
        .where(
            Pegawai.aktif.is_(True),
            Pegawai.deleted.is_(False),
            Pegawai.nip.is_not(None),
            Skp.status == StatusSkp.DISETUJUI,
            Skp.deleted.is_(False),
            Skp.is_plt.is_(False),
        )
        .order_by(Skp.tahun.desc(), reports.c.n.desc(), Pegawai.nip)
        .limit(1)
    ).first()
    if row is None:
        raise UserError(
            _(
                "Data latihan belum memiliki pejabat penilai dengan SKP yang disetujui; buat "
                "ulang data latihan (Mode Latihan) lalu mulai tur lagi."
            )
        )
    pegawai, tahun = row
    return pegawai, int(tahun)


def _periode_tur(session: Session, tahun: int) -> Periode:
    """The first open recording period of the year (January with monthly periods)."""
    granularitas = Granularitas(get_setting(session, GRANULARITAS, tahun))
    periode = session.scalars(
        select(Periode)
        .where(
            Periode.tahun == tahun,
            Periode.granularitas == granularitas,
            Periode.terkunci.is_(False),
            Periode.deleted.is_(False),
        )
        .order_by(Periode.tanggal_mulai)
    ).first()
    if periode is None:
        raise UserError(
            _("Tidak ada periode terbuka pada tahun {tahun} untuk tur latihan.").format(tahun=tahun)
        )
    return periode


def _nip_baru(session: Session, tahun: int) -> str:
    """An NI PPPK appointed in ``tahun`` that passes the NIP check and is not taken yet."""
    prefix = f"{date(tahun - 26, 4, 12):%Y%m%d}{tahun:04d}212"
    taken = set(session.scalars(select(Pegawai.nip).where(Pegawai.nip.like(f"{prefix}%"))).all())
    for urut in range(1, 1000):
        nip = f"{prefix}{urut:03d}"
        if nip not in taken:
            return nip
    raise UserError(_("Terlalu banyak peserta tur latihan; buat ulang data latihan."))


def _peserta(session: Session, nip: str, ke: int) -> PesertaTurDTO | None:
    """The trainee's DTO, or None when that employee is gone (the database was rebuilt)."""
    pegawai = session.scalars(
        select(Pegawai).where(Pegawai.nip == nip, Pegawai.deleted.is_(False))
    ).first()
    if pegawai is None or pegawai.penilai_id is None:
        return None
    penilai = session.get_one(Pegawai, pegawai.penilai_id)
    unit = session.get_one(Organisasi, pegawai.organisasi_id)
    penilai_skp: Any = session.scalars(
        select(Skp.tahun)
        .where(
            Skp.pegawai_id == penilai.id,
            Skp.status == StatusSkp.DISETUJUI,
            Skp.deleted.is_(False),
        )
        .order_by(Skp.tahun.desc())
    ).first()
    if penilai_skp is None:
        return None
    tahun = int(penilai_skp)
    periode = periode_dto(_periode_tur(session, tahun))
    contoh = _CONTOH.get(unit.jenis, _CONTOH_UMUM)
    return PesertaTurDTO(
        nip=nip,
        nama=pegawai.nama_lengkap,
        jabatan=pegawai.jabatan,
        unit_kode=unit.kode,
        unit_nama=unit.nama,
        penilai_nip=penilai.nip or "",
        penilai_nama=penilai.nama_lengkap,
        penilai_jabatan=penilai.jabatan,
        tahun=tahun,
        periode_kode=periode.kode,
        periode_label=periode.label,
        contoh_rhk=f"{contoh.rhk} {unit.nama}" if unit.jenis in _CONTOH else contoh.rhk,
        contoh_indikator=contoh.indikator,
        contoh_target=contoh.target,
        contoh_satuan=contoh.satuan,
        contoh_realisasi=contoh.realisasi,
        ke=ke,
    )
