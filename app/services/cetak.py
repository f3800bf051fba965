"""Printing the official sheets: SKP + Lampiran, Evaluasi, Dokumen Evaluasi, unit recap (PDF).

BKD accepts only printed, signed sheets, so this service turns stored data into the sheet
dataclasses of :mod:`app.io.pdf` and writes the PDFs. It only reads: printing never changes the
database. The GUI calls :func:`cetak` from its task runner with a progress callback and a cancel
check; the command line calls it with a printer of progress lines.

Verification code: each sheet carries the first 10 base32 characters of the SHA-256 of a
canonical JSON of the sheet's data (:func:`app.io.pdf.common.kode_verifikasi`; the print place
and date are left out so a reprint keeps its code). BKD prints or lists (``--json``) the same
sheet from its merged copy and compares the codes: equal codes mean the paper shows exactly the
data BKD holds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, UserError, ValidationError
from app.i18n import BULAN, _
from app.io.pdf import Kertas, kode_verifikasi, tulis_pdf
from app.io.pdf.common import angka, persen
from app.io.pdf.data import (
    DokumenEvaluasiSheet,
    EvaluasiSheet,
    Identitas,
    IndikatorBaris,
    Kop,
    LampiranBagian,
    PerilakuBaris,
    RekapBaris,
    RekapSheet,
    RhkBaris,
    Sheet,
    SkpSheet,
    Ttd,
)
from app.models import (
    CapaianOrganisasiUnit,
    Evaluasi,
    Organisasi,
    Pegawai,
    Periode,
    Realisasi,
    Skp,
    UmpanBalik,
)
from app.scoring.types import (
    BERAKHLAK,
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    JenisLampiran,
    JenisOrganisasi,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services.context import ServiceContext
from app.services.dto import RhkDTO, SkpDTO
from app.services.evaluasi import _derive, _per_nilai
from app.services.izin import izinkan
from app.services.lookup import (
    installation,
    organisasi_by_kode,
    pegawai_by_nip,
    periode_by_kode,
)
from app.services.organisasi import ancestors, subtree_ids
from app.services.setup import stored_setting
from app.services.skp import identitas, skp_dto
from app.settings import TEMPAT_TTD

Progress = Callable[[str, int, int], None]
"""``progress(label, done, total)``: the same shape as the demo's progress callback."""
Batal = Callable[[], bool]
"""Returns True when the user asked to stop; checked before every sheet."""


class JenisLembar(StrEnum):
    """The sheets ``capaian print`` knows (the command's first argument)."""

    SKP = "skp"
    EVALUASI = "evaluasi"
    DOKUMEN_EVALUASI = "dokumen-evaluasi"
    REKAP = "rekap"


@dataclass(frozen=True)
class LembarDTO:
    """One printed sheet: whom it is about and its verification code."""

    jenis: str
    subjek: str
    nama: str
    periode: str
    kode_verifikasi: str


@dataclass(frozen=True)
class BerkasDTO:
    """One written PDF file."""

    path: Path
    halaman: int
    lembar: tuple[LembarDTO, ...]


@dataclass(frozen=True)
class HasilCetakDTO:
    """What a print run produced; ``dibatalkan`` when the user stopped it (files so far kept)."""

    jenis: str
    kertas: str
    berkas: tuple[BerkasDTO, ...]
    dibatalkan: bool

    @property
    def jumlah_lembar(self) -> int:
        """Sheets written (an SKP and its Lampiran count as one sheet)."""
        return sum(len(b.lembar) for b in self.berkas)


class _DibatalkanError(Exception):
    """Raised from the render callback to stop a one-file print."""


# ----------------------------------------------------------------------------- labels
def _rating(value: Rating | None) -> str | None:
    """``DI ATAS EKSPEKTASI``: official capitals, never translated (sheets are Indonesian)."""
    return value.value.replace("_", " ") if value else None


def _predikat(value: Predikat | None) -> str | None:
    """``SANGAT BAIK`` ... ``KURANG`` as on the Dokumen Evaluasi (§3.4)."""
    return value.value.replace("_", " ") if value else None


def periode_label(periode: Periode, *, dokumen: bool = False) -> str:
    """What follows ``PERIODE:`` on the forms.

    ``TRIWULAN I`` / ``SEMESTER II`` / ``BULAN MARET 2026``; the annual evaluation is ``AKHIR``
    on the Evaluasi form and ``TAHUN 2026`` on the Dokumen Evaluasi (§4.5, §4.6).
    """
    romawi = ("I", "II", "III", "IV")
    if periode.granularitas is Granularitas.TRIWULANAN:
        return f"TRIWULAN {romawi[periode.nomor - 1]}"
    if periode.granularitas is Granularitas.SEMESTERAN:
        return f"SEMESTER {romawi[periode.nomor - 1]}"
    if periode.granularitas is Granularitas.BULANAN:
        return f"BULAN {BULAN[periode.nomor - 1].upper()} {periode.tahun}"
    return f"TAHUN {periode.tahun}" if dokumen else "AKHIR"


def _identitas(data: dict[str, Any] | None) -> Identitas:
    data = data or {}
    return Identitas(
        nama=data.get("nama") or "-",
        nip=data.get("nip"),
        pangkat_golongan=data.get("pangkat_golongan") or "-",
        jabatan=data.get("jabatan") or "-",
        unit_kerja=data.get("unit_kerja") or "-",
    )


# ----------------------------------------------------------------------------- shared loading
class _Muat:
    """Loads sheet data within one read transaction, caching what many sheets share."""

    def __init__(self, ctx: ServiceContext, session: Session) -> None:
        self.ctx = ctx
        self.session = session
        self._tempat: dict[str, str] = {}
        self._kurva: dict[tuple[str, str], tuple[str | None, tuple[int, int, int, int, int]]] = {}
        root = session.scalars(
            select(Organisasi).where(Organisasi.induk_id.is_(None), Organisasi.deleted.is_(False))
        ).first()
        self.pemda = root.nama if root else ""

    def snapshot(self, skp: Skp) -> dict[str, Any]:
        """Frozen identities of an approved SKP, or the live ones for a draft."""
        if skp.identitas:
            return skp.identitas
        return {
            "pegawai": identitas(self.session, skp.pegawai),
            "penilai": identitas(self.session, skp.penilai),
            "atasan_penilai": identitas(self.session, skp.atasan_penilai),
            "instansi": self.pemda,
        }

    def kop(self, skp: Skp, mulai: date, selesai: date) -> Kop:
        """Issuer line: the pemda and the OPD the employee's unit belongs to."""
        chain = ancestors(self.session, skp.organisasi_id)
        opd = next(
            (o for o in chain if o.jenis is JenisOrganisasi.OPD), chain[0] if chain else None
        )
        instansi = self.snapshot(skp).get("instansi") or self.pemda
        return Kop(instansi=instansi, unit=opd.nama if opd else "", mulai=mulai, selesai=selesai)

    def tempat(self, organisasi_id: str, tahun: int) -> str:
        """Signing place: a unit's own place, else the office setting, else the inherited one.

        New units copy their parent's ``tempat`` and the first-run wizard writes the office's
        place on the pemda and office units, so most units carry a copy, not a choice. A unit's
        place counts as its own when it differs from its parent's (a puskesmas in another
        kecamatan); then a ``cetak.tempat`` stored in the office settings (Data > Pengaturan
        kantor, ``capaian pengaturan set cetak.tempat``) wins over the copies, so correcting
        it there corrects every sheet; without one, the copied place, then the default.
        """
        if organisasi_id not in self._tempat:
            chain = ancestors(self.session, organisasi_id)
            own = next(
                (
                    unit.tempat
                    for unit, parent in itertools.pairwise(chain)
                    if unit.tempat and unit.tempat != parent.tempat
                ),
                None,
            )
            stored = stored_setting(self.session, TEMPAT_TTD, tahun)
            inherited = next((o.tempat for o in chain if o.tempat), None)
            self._tempat[organisasi_id] = (
                own
                or (str(stored[0]) if stored is not None else None)
                or inherited
                or str(TEMPAT_TTD.default)
            )
        return self._tempat[organisasi_id]

    def kurva(
        self, organisasi_id: str, periode: Periode
    ) -> tuple[str | None, tuple[int, int, int, int, int]]:
        """Capaian organisasi that applies and the predikat head-count of that unit's subtree.

        The unit is the nearest one (the employee's own, then upwards) with a capaian for the
        period, as the evaluation service uses it; without any, the employee's OPD.
        """
        key = (organisasi_id, periode.id)
        if key in self._kurva:
            return self._kurva[key]
        chain = ancestors(self.session, organisasi_id)
        values = {
            row.organisasi_id: row.nilai
            for row in self.session.scalars(
                select(CapaianOrganisasiUnit).where(
                    CapaianOrganisasiUnit.periode_id == periode.id,
                    CapaianOrganisasiUnit.organisasi_id.in_([o.id for o in chain]),
                    CapaianOrganisasiUnit.deleted.is_(False),
                )
            )
        }
        unit = next((o for o in chain if o.id in values), None)
        capaian: CapaianOrganisasi | None = values[unit.id] if unit else None
        if unit is None:
            unit = next((o for o in chain if o.jenis is JenisOrganisasi.OPD), chain[0])
        counts = self.hitung(unit.id, periode)
        result = (capaian.label if capaian else None, counts)
        self._kurva[key] = result
        return result

    def hitung(self, unit_id: str, periode: Periode) -> tuple[int, int, int, int, int]:
        """Predikat head-count in a unit's subtree, Sangat Kurang first."""
        rows = self.session.scalars(
            select(Evaluasi.predikat)
            .join(Skp, Evaluasi.skp_id == Skp.id)
            .where(
                Evaluasi.periode_id == periode.id,
                Evaluasi.deleted.is_(False),
                Evaluasi.predikat.is_not(None),
                Skp.organisasi_id.in_(subtree_ids(self.session, unit_id)),
            )
        ).all()
        a, b, c, d, e = (sum(1 for r in rows if r is p) for p in Predikat.ordered())
        return a, b, c, d, e


def _rhk_baris(
    rhk: Sequence[RhkDTO],
    jenis: JenisRhk,
    *,
    jpt: bool,
    realisasi: dict[str, str] | None = None,
    umpan_balik: dict[str, str] | None = None,
) -> tuple[RhkBaris, ...]:
    rows = []
    for r in rhk:
        if r.jenis is not jenis:
            continue
        if jpt:
            atasan = f"Penugasan dari: {r.penugasan_dari}" if r.penugasan_dari else ""
        else:
            atasan = r.rhk_atasan_uraian or (
                f"Penugasan dari: {r.penugasan_dari}" if r.penugasan_dari else "-"
            )
        rows.append(
            RhkBaris(
                uraian=r.uraian,
                rhk_atasan=atasan,
                indikator=tuple(
                    IndikatorBaris(
                        aspek=(i.perspektif.label if i.perspektif else "")
                        if jpt
                        else (i.aspek.label if i.aspek else "-"),
                        uraian=i.uraian,
                        target=i.target_teks or _dengan_satuan(angka(i.target_angka), i.satuan),
                        realisasi=(realisasi or {}).get(i.id, "-") if realisasi is not None else "",
                    )
                    for i in r.indikator
                ),
                umpan_balik=(umpan_balik or {}).get(r.id, "") if umpan_balik is not None else "",
            )
        )
    return tuple(rows)


def _dengan_satuan(value: str, satuan: str | None) -> str:
    """``120 Orang``, ``95%`` (no space before a percent sign, as the forms write it)."""
    if not satuan:
        return value
    return f"{value}{satuan}" if satuan == "%" else f"{value} {satuan}"


def _ttd_tanggal(ctx: ServiceContext, moment: Any) -> date:
    return moment.date() if moment is not None else ctx.today()


# ----------------------------------------------------------------------------- SKP
def _lembar_skp(m: _Muat, skp: Skp) -> SkpSheet:
    dto: SkpDTO = skp_dto(m.session, skp)
    snap = m.snapshot(skp)
    jpt = skp.jenis_jabatan is JenisJabatan.JPT
    ekspektasi = {x.nilai: x.ekspektasi_khusus for x in dto.perilaku}
    lampiran = tuple(
        LampiranBagian(jenis.label, tuple(x.uraian for x in dto.lampiran if x.jenis is jenis))
        for jenis in JenisLampiran
    )
    return SkpSheet(
        kop=m.kop(skp, skp.tanggal_mulai, skp.tanggal_selesai),
        kualitatif=skp.pendekatan is Pendekatan.KUALITATIF,
        jpt=jpt,
        pegawai=_identitas(snap.get("pegawai")),
        penilai=_identitas(snap.get("penilai")),
        utama=_rhk_baris(dto.rhk, JenisRhk.UTAMA, jpt=jpt),
        tambahan=_rhk_baris(dto.rhk, JenisRhk.TAMBAHAN, jpt=jpt),
        perilaku=tuple(
            PerilakuBaris(d.nama, d.panduan, ekspektasi.get(nilai) or "-")
            for nilai, d in BERAKHLAK.items()
        ),
        lampiran=lampiran,
        ttd=Ttd(m.tempat(skp.organisasi_id, skp.tahun), _ttd_tanggal(m.ctx, skp.disetujui_pada)),
        konsep=skp.status is not StatusSkp.DISETUJUI,
    )


# ----------------------------------------------------------------------------- evaluation
def _umpan_balik(
    session: Session, skp: Skp, periode: Periode
) -> tuple[dict[str, str], dict[NilaiBerakhlak, str]]:
    """Feedback given within the evaluated period, per RHK and per BerAKHLAK value."""
    rows = session.execute(
        select(UmpanBalik.rhk_id, UmpanBalik.nilai_berakhlak, UmpanBalik.teks)
        .join(Periode, UmpanBalik.periode_id == Periode.id)
        .where(
            UmpanBalik.skp_id == skp.id,
            UmpanBalik.deleted.is_(False),
            Periode.tanggal_mulai >= periode.tanggal_mulai,
            Periode.tanggal_selesai <= periode.tanggal_selesai,
        )
        .order_by(UmpanBalik.dibuat_pada)
    ).all()
    per_rhk: dict[str, list[str]] = {}
    per_nilai: dict[NilaiBerakhlak, list[str]] = {}
    for rhk_id, nilai, teks in rows:
        if rhk_id:
            per_rhk.setdefault(rhk_id, []).append(teks)
        elif nilai:
            per_nilai.setdefault(nilai, []).append(teks)
    return (
        {k: "\n".join(v) for k, v in per_rhk.items()},
        {k: "\n".join(v) for k, v in per_nilai.items()},
    )


def _uraian_realisasi(session: Session, indikator_ids: list[str], end: date) -> dict[str, str]:
    """Latest written realisation (kualitatif SKPs describe results in words)."""
    if not indikator_ids:
        return {}
    result: dict[str, str] = {}
    for ind_id, uraian in session.execute(
        select(Realisasi.indikator_id, Realisasi.uraian)
        .join(Periode, Realisasi.periode_id == Periode.id)
        .where(
            Realisasi.indikator_id.in_(indikator_ids),
            Realisasi.deleted.is_(False),
            Realisasi.uraian.is_not(None),
            Periode.tanggal_selesai <= end,
        )
        .order_by(Periode.tanggal_selesai)
    ):
        if uraian:
            result[ind_id] = uraian
    return result


def _lembar_evaluasi(m: _Muat, skp: Skp, row: Evaluasi, periode: Periode) -> EvaluasiSheet:
    session = m.session
    dto = skp_dto(session, skp)
    snap = m.snapshot(skp)
    jpt = skp.jenis_jabatan is JenisJabatan.JPT
    derivation = _derive(session, skp, periode, _per_nilai(row.rating_perilaku_nilai))
    satuan = {i.id: i.satuan for r in dto.rhk for i in r.indikator}
    end = min(periode.tanggal_selesai, skp.tanggal_selesai)
    words = _uraian_realisasi(session, list(satuan), end)
    realisasi: dict[str, str] = {}
    for r in derivation.rhk:
        for i in r.indikator:
            if i.realisasi is not None:
                realisasi[i.indikator_id] = _dengan_satuan(
                    angka(i.realisasi), satuan.get(i.indikator_id)
                )
            elif i.indikator_id in words:
                realisasi[i.indikator_id] = words[i.indikator_id]
    per_rhk, per_nilai = _umpan_balik(session, skp, periode)
    ekspektasi = {x.nilai: x.ekspektasi_khusus for x in dto.perilaku}
    capaian, counts = m.kurva(skp.organisasi_id, periode)
    return EvaluasiSheet(
        kop=m.kop(skp, max(periode.tanggal_mulai, skp.tanggal_mulai), end),
        kualitatif=skp.pendekatan is Pendekatan.KUALITATIF,
        jpt=jpt,
        periode_label=periode_label(periode),
        periode_kode=periode.kode,
        pegawai=_identitas(snap.get("pegawai")),
        penilai=_identitas(snap.get("penilai")),
        capaian_organisasi=row.capaian_organisasi.label if row.capaian_organisasi else capaian,
        distribusi=counts,
        utama=_rhk_baris(
            dto.rhk, JenisRhk.UTAMA, jpt=jpt, realisasi=realisasi, umpan_balik=per_rhk
        ),
        tambahan=_rhk_baris(
            dto.rhk, JenisRhk.TAMBAHAN, jpt=jpt, realisasi=realisasi, umpan_balik=per_rhk
        ),
        rating_hasil=_rating(row.rating_hasil),
        perilaku=tuple(
            PerilakuBaris(d.nama, d.panduan, ekspektasi.get(nilai) or "-", per_nilai.get(nilai, ""))
            for nilai, d in BERAKHLAK.items()
        ),
        rating_perilaku=_rating(row.rating_perilaku),
        predikat=_predikat(row.predikat),
        ttd=Ttd(m.tempat(skp.organisasi_id, skp.tahun), _ttd_tanggal(m.ctx, row.dinilai_pada)),
        final=row.status is StatusEvaluasi.FINAL,
    )


def _lembar_dokumen(m: _Muat, skp: Skp, row: Evaluasi, periode: Periode) -> DokumenEvaluasiSheet:
    snap = m.snapshot(skp)
    end = min(periode.tanggal_selesai, skp.tanggal_selesai)
    return DokumenEvaluasiSheet(
        kop=m.kop(skp, max(periode.tanggal_mulai, skp.tanggal_mulai), end),
        periode_label=periode_label(periode, dokumen=True),
        periode_kode=periode.kode,
        pegawai=_identitas(snap.get("pegawai")),
        penilai=_identitas(snap.get("penilai")),
        atasan_penilai=_identitas(snap.get("atasan_penilai")),
        capaian_organisasi=row.capaian_organisasi.label if row.capaian_organisasi else None,
        predikat=_predikat(row.predikat),
        catatan=row.catatan or "-",
        ttd=Ttd(m.tempat(skp.organisasi_id, skp.tahun), _ttd_tanggal(m.ctx, row.dinilai_pada)),
        final=row.status is StatusEvaluasi.FINAL,
    )


# ----------------------------------------------------------------------------- recap
_URUTAN_KEPALA = (
    JenisJabatan.JPT,
    JenisJabatan.ADMINISTRATOR,
    JenisJabatan.PENGAWAS,
)


def _kepala_unit(session: Session, unit: Organisasi, ids: set[str]) -> Pegawai | None:
    """The head of a unit: a structural official of the unit rated from outside it."""
    staff = session.scalars(
        select(Pegawai).where(
            Pegawai.organisasi_id == unit.id,
            Pegawai.deleted.is_(False),
            Pegawai.aktif.is_(True),
            Pegawai.jenis_jabatan.in_(_URUTAN_KEPALA),
        )
    ).all()
    heads = [s for s in staff if s.penilai is None or s.penilai.organisasi_id not in ids]
    heads.sort(key=lambda s: (_URUTAN_KEPALA.index(s.jenis_jabatan), s.nama))
    return heads[0] if heads else None


def _lembar_rekap(m: _Muat, unit: Organisasi, periode: Periode) -> RekapSheet:
    session = m.session
    ids = subtree_ids(session, unit.id)
    rows = session.execute(
        select(Evaluasi, Skp, Pegawai, Organisasi)
        .join(Skp, Evaluasi.skp_id == Skp.id)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .join(Organisasi, Skp.organisasi_id == Organisasi.id)
        .where(
            Evaluasi.periode_id == periode.id,
            Evaluasi.deleted.is_(False),
            Skp.organisasi_id.in_(ids),
        )
        .order_by(Organisasi.kode, Pegawai.nama)
    ).all()
    baris = []
    for ev, skp, _peg, org in rows:
        who = _identitas(m.snapshot(skp).get("pegawai"))
        baris.append(
            RekapBaris(
                nama=who.nama,
                nip=who.nip,
                jabatan=who.jabatan,
                pangkat_golongan=who.pangkat_golongan,
                unit=org.nama,
                capaian=persen(ev.capaian_persen),
                rating_hasil=_rating(ev.rating_hasil) or "-",
                rating_perilaku=_rating(ev.rating_perilaku) or "-",
                predikat=_predikat(ev.predikat) or "-",
                status="Final" if ev.status is StatusEvaluasi.FINAL else "Draf",
            )
        )
    chain = ancestors(session, unit.id)
    values = {
        row.organisasi_id: row.nilai
        for row in session.scalars(
            select(CapaianOrganisasiUnit).where(
                CapaianOrganisasiUnit.periode_id == periode.id,
                CapaianOrganisasiUnit.organisasi_id.in_([o.id for o in chain]),
                CapaianOrganisasiUnit.deleted.is_(False),
            )
        )
    }
    capaian = next((values[o.id] for o in chain if o.id in values), None)
    head = _kepala_unit(session, unit, ids)
    opd = next((o for o in chain if o.jenis is JenisOrganisasi.OPD), None)
    return RekapSheet(
        kop=Kop(
            instansi=m.pemda,
            unit=unit.nama if opd is None or opd.id == unit.id else f"{unit.nama} - {opd.nama}",
            mulai=periode.tanggal_mulai,
            selesai=periode.tanggal_selesai,
        ),
        unit_kode=unit.kode,
        periode_label=periode_label(periode, dokumen=True),
        periode_kode=periode.kode,
        capaian_organisasi=capaian.label if capaian else None,
        distribusi=m.hitung(unit.id, periode),
        baris=tuple(baris),
        penandatangan=_identitas(identitas(session, head)) if head else None,
        ttd=Ttd(m.tempat(unit.id, periode.tahun), m.ctx.today()),
    )


# ----------------------------------------------------------------------------- selection
@dataclass(frozen=True)
class _Pilihan:
    """What to print, resolved from the command's options."""

    periode: Periode | None
    unit: Organisasi | None
    pegawai: Pegawai | None
    tahun: int


def _pilih(
    session: Session,
    jenis: JenisLembar,
    periode_kode: str | None,
    organisasi_kode: str | None,
    nip: str | None,
) -> _Pilihan:
    installation(session)
    periode = periode_by_kode(session, periode_kode) if periode_kode else None
    if periode is None and jenis is not JenisLembar.SKP:
        raise ValidationError(
            _("Lembar {jenis} memerlukan periode (mis. --periode 2026-TW1 atau 2026).").format(
                jenis=jenis.value
            ),
            field="periode",
        )
    unit = organisasi_by_kode(session, organisasi_kode) if organisasi_kode else None
    pegawai = pegawai_by_nip(session, nip) if nip else None
    if periode is not None:
        tahun = periode.tahun
    else:
        latest = session.scalars(
            select(Skp.tahun).where(Skp.deleted.is_(False)).order_by(Skp.tahun.desc())
        ).first()
        if latest is None:
            raise NotFoundError(_("Belum ada SKP untuk dicetak."), field="skp")
        tahun = latest
    return _Pilihan(periode, unit, pegawai, tahun)


def _skp_terpilih(session: Session, pilihan: _Pilihan) -> list[Skp]:
    query = select(Skp).join(Pegawai, Skp.pegawai_id == Pegawai.id).where(Skp.deleted.is_(False))
    if pilihan.periode is not None:
        query = query.where(
            Skp.tanggal_mulai <= pilihan.periode.tanggal_selesai,
            Skp.tanggal_selesai >= pilihan.periode.tanggal_mulai,
        )
    else:
        query = query.where(Skp.tahun == pilihan.tahun)
    if pilihan.pegawai is not None:
        query = query.where(Skp.pegawai_id == pilihan.pegawai.id)
    if pilihan.unit is not None:
        query = query.where(Skp.organisasi_id.in_(subtree_ids(session, pilihan.unit.id)))
    return list(session.scalars(query.order_by(Pegawai.nama, Skp.tanggal_mulai)))


def _evaluasi_terpilih(session: Session, pilihan: _Pilihan) -> list[tuple[Skp, Evaluasi]]:
    assert pilihan.periode is not None
    query = (
        select(Skp, Evaluasi)
        .join(Evaluasi, Evaluasi.skp_id == Skp.id)
        .join(Pegawai, Skp.pegawai_id == Pegawai.id)
        .where(
            Evaluasi.periode_id == pilihan.periode.id,
            Evaluasi.deleted.is_(False),
            Skp.deleted.is_(False),
        )
    )
    if pilihan.pegawai is not None:
        query = query.where(Skp.pegawai_id == pilihan.pegawai.id)
    if pilihan.unit is not None:
        query = query.where(Skp.organisasi_id.in_(subtree_ids(session, pilihan.unit.id)))
    return [(s, e) for s, e in session.execute(query.order_by(Pegawai.nama, Skp.tanggal_mulai))]


def _rekap_unit(session: Session, pilihan: _Pilihan) -> Organisasi:
    if pilihan.unit is not None:
        return pilihan.unit
    if pilihan.pegawai is not None:
        return pilihan.pegawai.organisasi
    kantor = installation(session).kode_kantor
    row = session.scalars(
        select(Organisasi).where(Organisasi.kode == kantor, Organisasi.deleted.is_(False))
    ).first()
    if row is None:
        row = session.scalars(
            select(Organisasi).where(Organisasi.induk_id.is_(None), Organisasi.deleted.is_(False))
        ).first()
    if row is None:
        raise NotFoundError(_("Belum ada unit organisasi."), field="unit")
    return row


def _lembar(
    m: _Muat, jenis: JenisLembar, pilihan: _Pilihan
) -> tuple[int, Iterator[tuple[str, Sheet]]]:
    """Number of sheets and a lazy iterator of (file stem, sheet), loaded one at a time."""
    session = m.session
    if jenis is JenisLembar.REKAP:
        unit = _rekap_unit(session, pilihan)
        assert pilihan.periode is not None
        periode = pilihan.periode
        return 1, iter([(f"rekap-{periode.kode}-{unit.kode}", _lembar_rekap(m, unit, periode))])
    if jenis is JenisLembar.SKP:
        skps = _skp_terpilih(session, pilihan)
        if not skps:
            raise NotFoundError(
                _("Tidak ada SKP tahun {tahun} pada pilihan ini.").format(tahun=pilihan.tahun),
                field="skp",
            )
        counts: dict[str, int] = {}
        for s in skps:
            counts[s.pegawai_id] = counts.get(s.pegawai_id, 0) + 1

        def skp_sheets() -> Iterator[tuple[str, Sheet]]:
            for s in skps:
                stem = f"skp-{s.tahun}-{_nama_berkas(s.pegawai)}"
                if counts[s.pegawai_id] > 1:  # mutasi or Plt: several SKPs in one year
                    stem += f"-{s.tanggal_mulai:%m%d}" + ("-plt" if s.is_plt else "")
                yield stem, _lembar_skp(m, s)

        return len(skps), skp_sheets()
    assert pilihan.periode is not None
    periode = pilihan.periode
    pairs = _evaluasi_terpilih(session, pilihan)
    if not pairs:
        raise NotFoundError(
            _("Tidak ada evaluasi periode {kode} pada pilihan ini.").format(kode=periode.kode),
            field="evaluasi",
        )
    builder = _lembar_evaluasi if jenis is JenisLembar.EVALUASI else _lembar_dokumen

    def eval_sheets() -> Iterator[tuple[str, Sheet]]:
        for s, e in pairs:
            yield (
                f"{jenis.value}-{periode.kode}-{_nama_berkas(s.pegawai)}",
                builder(m, s, e, periode),
            )

    return len(pairs), eval_sheets()


def _nama_berkas(pegawai: Pegawai) -> str:
    """NIP, or a slug of the name for officials without one (file names stay portable)."""
    if pegawai.nip:
        return pegawai.nip
    return re.sub(r"[^A-Za-z0-9]+", "-", pegawai.nama).strip("-").lower() or pegawai.id[:8]


def _siapkan_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(
            _("{path} bukan folder; berikan folder tujuan untuk berkas PDF.").format(path=out_dir),
            field="out",
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            _("Folder {path} tidak dapat dibuat: {err}").format(path=out_dir, err=exc.strerror),
            field="out",
        ) from exc


def _info(sheet: Sheet) -> LembarDTO:
    nama = sheet.kop.unit if isinstance(sheet, RekapSheet) else sheet.pegawai.nama
    return LembarDTO(sheet.jenis, sheet.subjek, nama, sheet.periode, kode_verifikasi(sheet))


# ----------------------------------------------------------------------------- use cases
def siapkan_lembar(
    ctx: ServiceContext,
    *,
    jenis: JenisLembar,
    periode_kode: str | None = None,
    organisasi_kode: str | None = None,
    nip: str | None = None,
) -> tuple[Sheet, ...]:
    """The sheets a print would contain, without writing files (previews, verification)."""
    with ctx.read() as session:
        pilihan = _pilih(session, jenis, periode_kode, organisasi_kode, nip)
        _total, sheets = _lembar(_Muat(ctx, session), jenis, pilihan)
        return tuple(sheet for _stem, sheet in sheets)


def cetak(
    ctx: ServiceContext,
    *,
    jenis: JenisLembar,
    out_dir: Path,
    periode_kode: str | None = None,
    organisasi_kode: str | None = None,
    nip: str | None = None,
    kertas: Kertas = Kertas.A4,
    satu_berkas: bool = False,
    progress: Progress | None = None,
    batal: Batal | None = None,
) -> HasilCetakDTO:
    """Print the chosen sheets into ``out_dir``: one PDF per employee, or all in one file.

    Selection: ``nip`` (one employee), ``organisasi_kode`` (a unit and the units below it), or
    the whole office. ``progress(label, done, total)`` is called after each sheet and ``batal()``
    before each; a cancelled run keeps the files finished so far and reports ``dibatalkan``.
    Each file is written under a temporary name and renamed when complete. Reads only.
    """
    izinkan(ctx, "cetak")
    report = progress or (lambda _label, _done, _total: None)
    stop = batal or (lambda: False)
    files: list[BerkasDTO] = []
    with ctx.read() as session:
        pilihan = _pilih(session, jenis, periode_kode, organisasi_kode, nip)
        m = _Muat(ctx, session)
        total, sheets = _lembar(m, jenis, pilihan)
        _siapkan_folder(out_dir)  # only once the request is known to be valid
        if not satu_berkas or total == 1:
            for done, (stem, sheet) in enumerate(sheets):
                if stop():
                    return HasilCetakDTO(jenis.value, kertas.value, tuple(files), True)
                path = out_dir / f"{stem}.pdf"
                pages = tulis_pdf(path, [sheet], kertas, judul_berkas=stem)
                files.append(BerkasDTO(path, pages, (_info(sheet),)))
                report(_("Mencetak {nama}").format(nama=_info(sheet).nama), done + 1, total)
            return HasilCetakDTO(jenis.value, kertas.value, tuple(files), False)
        collected: list[Sheet] = []
        for done, (_stem, sheet) in enumerate(sheets):
            if stop():
                return HasilCetakDTO(jenis.value, kertas.value, (), True)
            collected.append(sheet)
            report(_("Menyiapkan data {nama}").format(nama=_info(sheet).nama), done + 1, 2 * total)
    scope = (
        pilihan.pegawai.nip
        if pilihan.pegawai is not None and pilihan.pegawai.nip
        else pilihan.unit.kode
        if pilihan.unit is not None
        else installation_kode(ctx)
    )
    label = pilihan.periode.kode if pilihan.periode is not None else str(pilihan.tahun)
    path = out_dir / f"{jenis.value}-{label}-{scope}.pdf"

    def drawn(index: int) -> None:
        if stop():
            raise _DibatalkanError
        report(
            _("Mencetak lembar {n} dari {total}").format(n=index + 1, total=total),
            total + index,
            2 * total,
        )

    try:
        pages = tulis_pdf(path, collected, kertas, saat_lembar=drawn, judul_berkas=path.stem)
    except _DibatalkanError:
        return HasilCetakDTO(jenis.value, kertas.value, (), True)
    report(_("Selesai"), 2 * total, 2 * total)
    files.append(BerkasDTO(path, pages, tuple(_info(s) for s in collected)))
    return HasilCetakDTO(jenis.value, kertas.value, tuple(files), False)


def installation_kode(ctx: ServiceContext) -> str:
    """The office's kode, used to name a whole-office print."""
    with ctx.read() as session:
        return installation(session).kode_kantor
