"""Evaluation: suggested ratings beside the penilai's choice, and the predikat.

Also capaian organisasi, the derivation every ASN may read, and the distribution curve check
per unit and period.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import LockedError, ValidationError
from app.i18n import _, format_percent
from app.models import (
    CapaianOrganisasiUnit,
    Evaluasi,
    Pegawai,
    Periode,
    Realisasi,
    Skp,
    new_id,
)
from app.scoring.distribution import DistribusiResult, periksa_distribusi
from app.scoring.evaluation import IndikatorData, RhkData, derivasi_hasil_kerja
from app.scoring.jpt import rating_hasil_jpt
from app.scoring.periode import months_between
from app.scoring.predikat import tentukan_predikat
from app.scoring.suggest import AmbangRating, RatingSuggestion, saran_rating_perilaku
from app.scoring.types import (
    CapaianOrganisasi,
    Granularitas,
    JenisJabatan,
    NilaiBerakhlak,
    Rating,
    StatusEvaluasi,
    StatusSkp,
)
from app.services.context import Changes, Result, ServiceContext
from app.services.dto import (
    DerivasiDTO,
    EvaluasiDTO,
    IndikatorDerivasi,
    RhkDerivasi,
)
from app.services.izin import izinkan
from app.services.lookup import (
    installation,
    organisasi_by_kode,
    pegawai_by_nip,
    periode_by_kode,
    skp_for_period,
)
from app.services.organisasi import ancestors, subtree_ids
from app.services.ownership import ensure_writable
from app.services.realisasi import check_period_open, realisation_periods
from app.services.setup import get_setting, periode_dto
from app.services.skp import indikator_rows, rhk_rows
from app.settings import (
    AMBANG_DI_ATAS,
    AMBANG_SESUAI,
    BATAS_ATAS,
    GRANULARITAS,
    PEMETAAN_JPT,
    as_decimal,
)


# ----------------------------------------------------------------------------- capaian organisasi
def tetapkan_capaian_organisasi(
    ctx: ServiceContext,
    *,
    organisasi_kode: str,
    periode_kode: str,
    nilai: CapaianOrganisasi,
    catatan: str | None = None,
) -> Result[CapaianOrganisasi]:
    """Set (or change) a unit's capaian kinerja organisasi for a period."""
    izinkan(ctx, "capaian_organisasi.tetapkan")
    with ctx.write("tetapkan_capaian_organisasi") as session:
        installation(session)
        organisasi = organisasi_by_kode(session, organisasi_kode)
        periode = periode_by_kode(session, periode_kode)
        check_period_open(periode)
        row = session.scalars(
            select(CapaianOrganisasiUnit).where(
                CapaianOrganisasiUnit.organisasi_id == organisasi.id,
                CapaianOrganisasiUnit.periode_id == periode.id,
            )
        ).first()
        if row is None:
            row = CapaianOrganisasiUnit(
                id=new_id(), organisasi_id=organisasi.id, periode_id=periode.id
            )
            session.add(row)
        row.nilai = nilai
        row.catatan = catatan
        row.deleted = False
    return Result(nilai, Changes(organisasi=True, evaluasi=True))


def capaian_organisasi_for(
    session: Session, organisasi_id: str, periode: Periode
) -> tuple[CapaianOrganisasi | None, str | None]:
    """The capaian set for the unit or, failing that, the nearest unit above it; and its name."""
    chain = ancestors(session, organisasi_id)
    if not chain:
        return None, None
    rows = {
        row.organisasi_id: row.nilai
        for row in session.scalars(
            select(CapaianOrganisasiUnit).where(
                CapaianOrganisasiUnit.periode_id == periode.id,
                CapaianOrganisasiUnit.organisasi_id.in_([o.id for o in chain]),
                CapaianOrganisasiUnit.deleted.is_(False),
            )
        )
    }
    for unit in chain:
        if unit.id in rows:
            return rows[unit.id], unit.nama
    return None, None


# ----------------------------------------------------------------------------- derivation
@dataclass(frozen=True)
class _Derivation:
    rhk: tuple[RhkDerivasi, ...]
    capaian_persen: Decimal | None
    hasil: RatingSuggestion
    perilaku: RatingSuggestion
    capaian_organisasi: CapaianOrganisasi | None


def _ambang(session: Session, tahun: int) -> tuple[AmbangRating, Decimal]:
    ambang = AmbangRating(
        di_atas_min=as_decimal(get_setting(session, AMBANG_DI_ATAS, tahun)),
        sesuai_min=as_decimal(get_setting(session, AMBANG_SESUAI, tahun)),
    )
    return ambang, as_decimal(get_setting(session, BATAS_ATAS, tahun))


def _derive(
    session: Session,
    skp: Skp,
    periode: Periode,
    per_nilai: Mapping[NilaiBerakhlak, Rating] | None,
) -> _Derivation:
    """Compute every suggestion for ``skp`` at the end of ``periode`` from stored data."""
    ambang, batas = _ambang(session, skp.tahun)
    end = min(periode.tanggal_selesai, skp.tanggal_selesai)
    bulan_total = months_between(skp.tanggal_mulai, skp.tanggal_selesai)
    bulan_berjalan = max(1, months_between(skp.tanggal_mulai, end))
    # Every recording period that began by the end of the evaluated one: an SKP that ends in
    # the middle of a month or quarter (mutasi) still counts that last, partial period.
    periods = [p for p in realisation_periods(session, skp) if p.tanggal_mulai <= end]
    order = {p.id: i for i, p in enumerate(periods)}
    rows = rhk_rows(session, skp.id)
    indikator = indikator_rows(session, [r.id for r in rows])
    all_ids = [i.id for group in indikator.values() for i in group]
    values: dict[str, list[tuple[int, Decimal]]] = {i: [] for i in all_ids}
    if all_ids and order:
        for ind_id, per_id, nilai in session.execute(
            select(Realisasi.indikator_id, Realisasi.periode_id, Realisasi.nilai).where(
                Realisasi.indikator_id.in_(all_ids),
                Realisasi.periode_id.in_(list(order)),
                Realisasi.deleted.is_(False),
                Realisasi.nilai.is_not(None),
            )
        ):
            if nilai is not None:
                values[ind_id].append((order[per_id], nilai))
    data = [
        RhkData(
            rhk.id,
            rhk.uraian,
            rhk.jenis,
            tuple(
                IndikatorData(
                    ind.id,
                    ind.uraian,
                    ind.target_angka,
                    ind.polaritas,
                    ind.cara_agregasi,
                    tuple(v for _pos, v in sorted(values[ind.id], key=lambda item: item[0])),
                )
                for ind in indikator[rhk.id]
            ),
        )
        for rhk in rows
    ]
    derived = derivasi_hasil_kerja(data, bulan_berjalan, bulan_total, ambang, batas)
    rhk_results = tuple(
        RhkDerivasi(
            rhk_id=r.capaian.rhk_id,
            jenis=r.capaian.jenis,
            uraian=r.capaian.uraian,
            persen=r.capaian.persen,
            saran=r.saran.rating,
            indikator=tuple(
                IndikatorDerivasi(
                    indikator_id=i.indikator_id,
                    uraian=i.uraian,
                    target=i.target,
                    realisasi=i.realisasi,
                    persen=i.capaian.persen,
                    persen_terbatas=i.capaian.persen_terbatas,
                    explanation=i.explanation,
                )
                for i in r.indikator
            ),
            explanation=r.capaian.explanation + r.saran.explanation,
        )
        for r in derived.rhk
    )
    capaian_org, unit_name = capaian_organisasi_for(session, skp.organisasi_id, periode)
    if skp.jenis_jabatan is JenisJabatan.JPT:
        if capaian_org is None:
            hasil = RatingSuggestion(
                None,
                (
                    _(
                        "Rating hasil kerja JPT mengikuti capaian kinerja organisasi yang "
                        "dipimpin, yang belum ditetapkan untuk periode ini."
                    ),
                ),
            )
        else:
            pemetaan = {
                CapaianOrganisasi(k): Rating(v)
                for k, v in get_setting(session, PEMETAAN_JPT, skp.tahun).items()
            }
            hasil = rating_hasil_jpt(capaian_org, pemetaan)
            hasil = RatingSuggestion(
                hasil.rating,
                (
                    _("Capaian organisasi {unit}: {nilai}.").format(
                        unit=unit_name, nilai=capaian_org.label
                    ),
                    *hasil.explanation,
                ),
            )
    else:
        hasil = RatingSuggestion(derived.saran.rating, derived.saran.explanation)
    if per_nilai:
        perilaku = saran_rating_perilaku(per_nilai)
    else:
        perilaku = RatingSuggestion(
            None, (_("Rating per nilai BerAKHLAK belum diisi; penilai menilai langsung."),)
        )
    return _Derivation(rhk_results, derived.capaian_persen, hasil, perilaku, capaian_org)


def _evaluation_period(session: Session, skp: Skp, periode: Periode) -> None:
    granularitas = Granularitas(get_setting(session, GRANULARITAS, skp.tahun))
    if periode.granularitas not in (granularitas, Granularitas.TAHUNAN):
        raise ValidationError(
            _(
                "Periode {kode} tidak sesuai granularitas penilaian {g} tahun {tahun}; "
                "gunakan periode {g2} atau periode tahunan."
            ).format(
                kode=periode.kode,
                g=granularitas.label,
                tahun=skp.tahun,
                g2=granularitas.label,
            ),
            field="periode",
        )


def _per_nilai(raw: Mapping[str, str] | None) -> dict[NilaiBerakhlak, Rating]:
    if not raw:
        return {}
    values = {v.value for v in NilaiBerakhlak}
    ratings = {r.value for r in Rating}
    wrong = sorted(f"{k}={v}" for k, v in raw.items() if k not in values or v not in ratings)
    if wrong:
        raise ValidationError(
            _("Rating per nilai BerAKHLAK tidak dikenal: {daftar}").format(daftar=", ".join(wrong)),
            field="rating_perilaku_nilai",
        )
    return {NilaiBerakhlak(k): Rating(v) for k, v in raw.items()}


# ----------------------------------------------------------------------------- evaluation
def _evaluasi_dto(row: Evaluasi, pegawai: Pegawai, periode_kode: str) -> EvaluasiDTO:
    return EvaluasiDTO(
        id=row.id,
        skp_id=row.skp_id,
        pegawai_nip=pegawai.nip,
        pegawai_nama=pegawai.nama_lengkap,
        periode_kode=periode_kode,
        saran_rating_hasil=row.saran_rating_hasil,
        saran_rating_perilaku=row.saran_rating_perilaku,
        rating_hasil=row.rating_hasil,
        rating_perilaku=row.rating_perilaku,
        predikat=row.predikat,
        capaian_organisasi=row.capaian_organisasi,
        capaian_persen=row.capaian_persen,
        status=row.status,
        catatan=row.catatan,
    )


def simpan_evaluasi(
    ctx: ServiceContext,
    *,
    nip: str,
    periode_kode: str,
    rating_hasil: Rating,
    rating_perilaku: Rating,
    rating_perilaku_nilai: Mapping[str, str] | None = None,
    catatan: str | None = None,
    final: bool = False,
) -> Result[EvaluasiDTO]:
    """Store the penilai's ratings for a period; the predikat follows from the kuadran.

    The rules' suggestions are recomputed and stored beside the choice with their explanation,
    so the sheet and ``capaian explain`` can show both. A final evaluation is read-only.
    """
    per_nilai = _per_nilai(rating_perilaku_nilai)
    with ctx.write("simpan_evaluasi") as session:
        installation(session)
        pegawai = pegawai_by_nip(session, nip)
        periode = periode_by_kode(session, periode_kode)
        skp = skp_for_period(session, pegawai, periode)
        izinkan(ctx, "evaluasi.simpan", session=session, penilai_id=skp.penilai_id)
        if skp.status is not StatusSkp.DISETUJUI:
            raise ValidationError(
                _("Evaluasi hanya untuk SKP yang sudah disetujui (status: {s}).").format(
                    s=skp.status.label
                ),
                field="skp",
            )
        _evaluation_period(session, skp, periode)
        check_period_open(periode)
        ensure_writable(session, pegawai, periode.tanggal_mulai)
        row = session.scalars(
            select(Evaluasi).where(Evaluasi.skp_id == skp.id, Evaluasi.periode_id == periode.id)
        ).first()
        if row is not None and row.status is StatusEvaluasi.FINAL and not row.deleted:
            raise LockedError(
                _("Evaluasi {nama} periode {kode} sudah final dan tidak dapat diubah.").format(
                    nama=pegawai.nama, kode=periode.kode
                ),
                field="status",
            )
        derivation = _derive(session, skp, periode, per_nilai)
        result = tentukan_predikat(rating_hasil, rating_perilaku)
        if row is None:
            row = Evaluasi(id=new_id(), skp_id=skp.id, periode_id=periode.id)
            session.add(row)
        row.deleted = False
        row.saran_rating_hasil = derivation.hasil.rating
        row.saran_rating_perilaku = derivation.perilaku.rating
        row.rating_hasil = rating_hasil
        row.rating_perilaku = rating_perilaku
        row.rating_perilaku_nilai = {k.value: v.value for k, v in per_nilai.items()} or None
        row.predikat = result.predikat
        row.capaian_organisasi = derivation.capaian_organisasi
        row.capaian_persen = derivation.capaian_persen
        row.catatan = catatan
        row.status = StatusEvaluasi.FINAL if final else StatusEvaluasi.DRAFT
        row.penjelasan = [
            *derivation.hasil.explanation,
            *derivation.perilaku.explanation,
            *result.explanation,
        ]
        row.dinilai_pada = ctx.now()
        session.flush()
        dto = _evaluasi_dto(row, pegawai, periode.kode)
    return Result(dto, Changes(evaluasi=True))


def derivasi(ctx: ServiceContext, *, nip: str, periode_kode: str) -> DerivasiDTO:
    """How the predikat of ``nip`` in ``periode_kode`` is derived (or would be, before rating)."""
    with ctx.read() as session:
        installation(session)
        pegawai = pegawai_by_nip(session, nip)
        periode = periode_by_kode(session, periode_kode)
        skp = skp_for_period(session, pegawai, periode)
        row = session.scalars(
            select(Evaluasi).where(
                Evaluasi.skp_id == skp.id,
                Evaluasi.periode_id == periode.id,
                Evaluasi.deleted.is_(False),
            )
        ).first()
        per_nilai = _per_nilai(row.rating_perilaku_nilai) if row is not None else {}
        derivation = _derive(session, skp, periode, per_nilai)
        predikat_lines: tuple[str, ...] = ()
        predikat = None
        if row is not None and row.rating_hasil is not None and row.rating_perilaku is not None:
            result = tentukan_predikat(row.rating_hasil, row.rating_perilaku)
            predikat, predikat_lines = result.predikat, result.explanation
            if row.saran_rating_hasil is not None and row.saran_rating_hasil != row.rating_hasil:
                predikat_lines = (
                    _(
                        "Pejabat penilai memilih rating hasil kerja {pilih} (saran sistem saat "
                        "menilai: {saran}); pilihan penilai yang berlaku."
                    ).format(pilih=row.rating_hasil.label, saran=row.saran_rating_hasil.label),
                    *predikat_lines,
                )
            if row.saran_rating_hasil != derivation.hasil.rating:
                predikat_lines = (
                    _(
                        "Data realisasi berubah sejak evaluasi disimpan: saran saat menilai "
                        "{dulu}, saran dengan data sekarang {kini}."
                    ).format(
                        dulu=row.saran_rating_hasil.label if row.saran_rating_hasil else "-",
                        kini=derivation.hasil.rating.label if derivation.hasil.rating else "-",
                    ),
                    *predikat_lines,
                )
        elif row is None:
            predikat_lines = (_("Evaluasi periode ini belum diisi oleh pejabat penilai."),)
        if derivation.capaian_persen is not None:
            predikat_lines = (
                _("Rata-rata capaian seluruh RHK terukur: {p}.").format(
                    p=format_percent(derivation.capaian_persen)
                ),
                *predikat_lines,
            )
        return DerivasiDTO(
            pegawai_nip=pegawai.nip,
            pegawai_nama=pegawai.nama_lengkap,
            jabatan=pegawai.jabatan,
            periode_kode=periode.kode,
            periode_label=periode_dto(periode).label,
            rhk=derivation.rhk,
            capaian_persen=derivation.capaian_persen,
            saran_rating_hasil=derivation.hasil.rating,
            saran_rating_hasil_penjelasan=derivation.hasil.explanation,
            saran_rating_perilaku=derivation.perilaku.rating,
            saran_rating_perilaku_penjelasan=derivation.perilaku.explanation,
            capaian_organisasi=derivation.capaian_organisasi,
            rating_hasil=row.rating_hasil if row else None,
            rating_perilaku=row.rating_perilaku if row else None,
            predikat=predikat,
            predikat_penjelasan=predikat_lines,
            status=row.status if row else None,
            catatan=row.catatan if row else None,
        )


def list_evaluasi(
    ctx: ServiceContext, *, periode_kode: str, organisasi_kode: str | None = None
) -> tuple[EvaluasiDTO, ...]:
    """Evaluations of a period, optionally within one unit and the units below it."""
    with ctx.read() as session:
        periode = periode_by_kode(session, periode_kode)
        query = (
            select(Evaluasi, Pegawai)
            .join(Skp, Evaluasi.skp_id == Skp.id)
            .join(Pegawai, Skp.pegawai_id == Pegawai.id)
            .where(Evaluasi.periode_id == periode.id, Evaluasi.deleted.is_(False))
        )
        if organisasi_kode:
            root = organisasi_by_kode(session, organisasi_kode)
            query = query.where(Skp.organisasi_id.in_(subtree_ids(session, root.id)))
        rows = session.execute(query.order_by(Pegawai.nama)).all()
        return tuple(_evaluasi_dto(e, p, periode.kode) for e, p in rows)


def distribusi(ctx: ServiceContext, *, organisasi_kode: str, periode_kode: str) -> DistribusiResult:
    """The predikat distribution of a unit (and the units below it) against its capaian."""
    with ctx.read() as session:
        root = organisasi_by_kode(session, organisasi_kode)
        periode = periode_by_kode(session, periode_kode)
        capaian, _unit = capaian_organisasi_for(session, root.id, periode)
        predikat = session.scalars(
            select(Evaluasi.predikat)
            .join(Skp, Evaluasi.skp_id == Skp.id)
            .where(
                Evaluasi.periode_id == periode.id,
                Evaluasi.deleted.is_(False),
                Evaluasi.predikat.is_not(None),
                Skp.organisasi_id.in_(subtree_ids(session, root.id)),
            )
        ).all()
        return periksa_distribusi(capaian, [p for p in predikat if p is not None])
