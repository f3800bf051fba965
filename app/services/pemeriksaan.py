"""The data-quality gate (``capaian check``), run before every export.

Lists what BKD would reject or regret, so the office can fix it while it is still cheap:
*blocking* findings stop the export (invalid NIPs, staff without a pejabat penilai, approved SKPs
without indicators, a broken audit chain); *warnings* do not (evidence missing where an indicator
requires it, finished periods left unrated, an SKP kept under another unit than its pegawai).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.i18n import _
from app.models import (
    AuditLog,
    BuktiDukung,
    Evaluasi,
    Indikator,
    Organisasi,
    Pegawai,
    Periode,
    Realisasi,
    Rhk,
    Skp,
)
from app.models.changes import iter_chain_breaks
from app.scoring.identity import format_nip, periksa_nip
from app.scoring.types import Granularitas, JenisJabatan, StatusSkp
from app.services.context import ServiceContext
from app.services.lookup import installation
from app.services.ownership import outside_office
from app.services.setup import get_setting
from app.settings import GRANULARITAS

BLOKIR = "BLOKIR"
PERINGATAN = "PERINGATAN"
_SHOWN = 20  # examples listed per finding; the count says how many there are


@dataclass(frozen=True)
class Temuan:
    """One finding: a stable code, its severity, a message and example records."""

    kode: str
    tingkat: str
    pesan: str
    jumlah: int
    contoh: tuple[str, ...]


@dataclass(frozen=True)
class HasilPemeriksaan:
    """All findings; ``boleh_ekspor`` is False when any finding blocks."""

    temuan: tuple[Temuan, ...]

    @property
    def boleh_ekspor(self) -> bool:
        """True when nothing blocks an export."""
        return all(t.tingkat != BLOKIR for t in self.temuan)


def periksa(ctx: ServiceContext) -> HasilPemeriksaan:
    """Run every check in one read transaction."""
    with ctx.read() as session:
        installation(session)
        outside = outside_office(session)  # the Sekda, staff moved to another office
        findings = [
            *_nip(session, ctx),
            *_penilai(session, outside),
            *_skp_tanpa_indikator(session),
            *_skp_unit(session),
            *_bukti(session),
            *_belum_dinilai(session, ctx, outside),
            *_audit(session),
        ]
    order = {BLOKIR: 0, PERINGATAN: 1}
    return HasilPemeriksaan(tuple(sorted(findings, key=lambda t: (order[t.tingkat], t.kode))))


def _finding(kode: str, tingkat: str, pesan: str, items: list[str]) -> list[Temuan]:
    if not items:
        return []
    return [Temuan(kode, tingkat, pesan, len(items), tuple(items[:_SHOWN]))]


def _nip(session: Session, ctx: ServiceContext) -> list[Temuan]:
    bad = []
    for nip, nama, jenis in session.execute(
        select(Pegawai.nip, Pegawai.nama, Pegawai.jenis_pegawai).where(Pegawai.deleted.is_(False))
    ):
        check = periksa_nip(nip or "", jenis, ctx.today())
        if not check.ok:
            bad.append(f"{nama} ({format_nip(nip or '-')}): {'; '.join(check.errors)}")
    return _finding(
        "NIP_TIDAK_SAH",
        BLOKIR,
        _("NIP tidak sah; perbaiki data pegawai sebelum mengirim paket."),
        bad,
    )


def _penilai(session: Session, moved_out: set[str]) -> list[Temuan]:
    rows = [
        (nama, nip, jenis)
        for pegawai_id, nama, nip, jenis in session.execute(
            select(Pegawai.id, Pegawai.nama, Pegawai.nip, Pegawai.jenis_jabatan).where(
                Pegawai.deleted.is_(False), Pegawai.aktif.is_(True), Pegawai.penilai_id.is_(None)
            )
        )
        if pegawai_id not in moved_out
    ]
    staff = [
        f"{nama} ({format_nip(nip or '-')})"
        for nama, nip, jenis in rows
        if jenis is not JenisJabatan.JPT
    ]
    heads = [
        f"{nama} ({format_nip(nip or '-')})"
        for nama, nip, jenis in rows
        if jenis is JenisJabatan.JPT
    ]
    return [
        *_finding(
            "TANPA_PENILAI",
            BLOKIR,
            _(
                "Pegawai belum memiliki pejabat penilai; SKP dan evaluasinya tidak sah tanpa "
                "penilai."
            ),
            staff,
        ),
        *_finding(
            "JPT_TANPA_PENILAI",
            PERINGATAN,
            _(
                "Pimpinan (JPT) tanpa pejabat penilai di basis data ini; pastikan penilainya "
                "(Sekda atau Bupati) tercatat di BKD."
            ),
            heads,
        ),
    ]


def _skp_tanpa_indikator(session: Session) -> list[Temuan]:
    has_indicator = exists(
        select(Indikator.id)
        .join(Rhk, Indikator.rhk_id == Rhk.id)
        .where(Rhk.skp_id == Skp.id, Rhk.deleted.is_(False), Indikator.deleted.is_(False))
    )
    rows = session.execute(
        select(Pegawai.nama, Skp.tahun)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .where(
            Skp.deleted.is_(False),
            Pegawai.deleted.is_(False),
            Skp.status == StatusSkp.DISETUJUI,
            ~has_indicator,
        )
    ).all()
    return _finding(
        "SKP_TANPA_INDIKATOR",
        BLOKIR,
        _("SKP yang disetujui tidak memiliki indikator kinerja."),
        [f"{nama} ({tahun})" for nama, tahun in rows],
    )


def _skp_unit(session: Session) -> list[Temuan]:
    unit = aliased(Organisasi)
    rows = session.execute(
        select(Pegawai.nama, Skp.tahun, unit.nama)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .join(unit, Skp.organisasi_id == unit.id)
        .where(
            Skp.deleted.is_(False),
            Pegawai.deleted.is_(False),
            Skp.organisasi_id != Pegawai.organisasi_id,
        )
    ).all()
    return _finding(
        "SKP_BEDA_UNIT",
        PERINGATAN,
        _(
            "SKP tercatat di unit lain daripada unit pegawai sekarang (mutasi?); buat SKP baru "
            "untuk jabatan baru bila perlu."
        ),
        [f"{nama} ({tahun}, {nama_unit})" for nama, tahun, nama_unit in rows],
    )


def _bukti(session: Session) -> list[Temuan]:
    has_evidence = exists(
        select(BuktiDukung.id).where(
            BuktiDukung.realisasi_id == Realisasi.id, BuktiDukung.deleted.is_(False)
        )
    )
    rows = session.execute(
        select(Pegawai.nama, Indikator.uraian, Periode.kode)
        .select_from(Realisasi)
        .join(Indikator, Realisasi.indikator_id == Indikator.id)
        .join(Rhk, Indikator.rhk_id == Rhk.id)
        .join(Skp, Rhk.skp_id == Skp.id)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .join(Periode, Realisasi.periode_id == Periode.id)
        .where(
            Realisasi.deleted.is_(False),
            Indikator.deleted.is_(False),
            Pegawai.deleted.is_(False),
            Indikator.wajib_bukti.is_(True),
            ~has_evidence,
        )
        .order_by(Periode.kode, Pegawai.nama)
    ).all()
    return _finding(
        "REALISASI_TANPA_BUKTI",
        PERINGATAN,
        _("Realisasi pada indikator yang mewajibkan bukti dukung belum dilampiri bukti."),
        [f"{nama}: {uraian} ({kode})" for nama, uraian, kode in rows],
    )


def _belum_dinilai(session: Session, ctx: ServiceContext, outside: set[str]) -> list[Temuan]:
    today = ctx.today()
    missing = []
    periods = session.scalars(
        select(Periode).where(Periode.deleted.is_(False), Periode.tanggal_selesai < today)
    ).all()
    for periode in periods:
        granularitas = Granularitas(get_setting(session, GRANULARITAS, periode.tahun))
        if periode.granularitas not in (granularitas, Granularitas.TAHUNAN):
            continue
        rated = exists(
            select(Evaluasi.id).where(
                and_(
                    Evaluasi.skp_id == Skp.id,
                    Evaluasi.periode_id == periode.id,
                    Evaluasi.deleted.is_(False),
                )
            )
        )
        count = session.scalar(
            select(func.count())
            .select_from(Skp)
            .where(
                Skp.deleted.is_(False),
                Skp.status == StatusSkp.DISETUJUI,
                Skp.tanggal_mulai <= periode.tanggal_selesai,
                Skp.tanggal_selesai >= periode.tanggal_mulai,
                Skp.pegawai_id.not_in(outside),
                ~rated,
            )
        )
        if count:
            missing.append(
                _("{kode}: {n} pegawai belum dinilai").format(kode=periode.kode, n=count)
            )
    return _finding(
        "PERIODE_BELUM_DINILAI",
        PERINGATAN,
        _("Periode yang sudah berakhir masih memiliki pegawai yang belum dievaluasi."),
        missing,
    )


def _audit(session: Session) -> list[Temuan]:
    rows = session.scalars(select(AuditLog).order_by(AuditLog.seq)).all()
    breaks = [f"#{seq}: {reason}" for seq, reason in iter_chain_breaks(rows)]
    return _finding(
        "JEJAK_AUDIT_RUSAK",
        BLOKIR,
        _(
            "Rantai log audit terputus: ada entri yang diubah atau dihapus di luar aplikasi. "
            "Laporkan ke admin; pulihkan dari cadangan bila perlu."
        ),
        breaks,
    )
