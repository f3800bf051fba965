"""Pola distribusi (kurva) of predikat within one organisation (domain.md §3.6).

Once the capaian kinerja organisasi is set, PermenPANRB 6/2022 expects the predikat of the
pegawai evaluated under that organisation to follow a pattern (e.g. an Istimewa unit has mostly,
but at most 70 %, Sangat Baik). The app reports departures as warnings and never blocks: the
pejabat penilai decides, and small units cannot meet percentages at all. Each check has a stable
``kode`` so screens, reports and sync packages can refer to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from app.i18n import N_, _, format_percent
from app.scoring.rounding import HUNDRED, round2
from app.scoring.types import CapaianOrganisasi, Predikat

MIN_PEGAWAI_UNTUK_PERSENTASE = 5
"""Below this head-count percentages say nothing (one person is 20 %), so only INFO is given."""

TINGKAT_PERINGATAN = "PERINGATAN"
"""A departure from the pattern the penilai should look at."""
TINGKAT_INFO = "INFO"
"""Context only: nothing to fix in this unit."""

KODE_CAPAIAN_BELUM_DITETAPKAN = "CAPAIAN_BELUM_DITETAPKAN"
KODE_UNIT_KECIL = "UNIT_KECIL"
KODE_ISTIMEWA_SB_BUKAN_TERBANYAK = "ISTIMEWA_SB_BUKAN_TERBANYAK"
KODE_ISTIMEWA_SB_LEBIH_70 = "ISTIMEWA_SB_LEBIH_70"
KODE_BAIK_B_BUKAN_TERBANYAK = "BAIK_B_BUKAN_TERBANYAK"
KODE_BAIK_B_LEBIH_70 = "BAIK_B_LEBIH_70"
KODE_BAIK_TANPA_BP_ATAU_KURANG = "BAIK_TANPA_BP_ATAU_KURANG"
KODE_BP_BP_KURANG_60 = "BP_BP_KURANG_60"
KODE_BP_SB_LEBIH_10 = "BP_SB_LEBIH_10"
KODE_KURANG_K_KURANG_60 = "KURANG_K_KURANG_60"
KODE_KURANG_BP_KURANG_10 = "KURANG_BP_KURANG_10"
KODE_KURANG_SB_LEBIH_10 = "KURANG_SB_LEBIH_10"
KODE_SK_SK_KURANG_60 = "SK_SK_KURANG_60"
KODE_SK_K_ATAU_BP_KURANG_10 = "SK_K_ATAU_BP_KURANG_10"
KODE_SK_ADA_SANGAT_BAIK = "SK_ADA_SANGAT_BAIK"

SEMUA_KODE: tuple[str, ...] = (
    KODE_CAPAIAN_BELUM_DITETAPKAN,
    KODE_UNIT_KECIL,
    KODE_ISTIMEWA_SB_BUKAN_TERBANYAK,
    KODE_ISTIMEWA_SB_LEBIH_70,
    KODE_BAIK_B_BUKAN_TERBANYAK,
    KODE_BAIK_B_LEBIH_70,
    KODE_BAIK_TANPA_BP_ATAU_KURANG,
    KODE_BP_BP_KURANG_60,
    KODE_BP_SB_LEBIH_10,
    KODE_KURANG_K_KURANG_60,
    KODE_KURANG_BP_KURANG_10,
    KODE_KURANG_SB_LEBIH_10,
    KODE_SK_SK_KURANG_60,
    KODE_SK_K_ATAU_BP_KURANG_10,
    KODE_SK_ADA_SANGAT_BAIK,
)
"""Every ``kode`` this module can emit, for catalogues and tests."""

_SB, _B, _BP, _K, _SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)
_TUJUH_PULUH, _ENAM_PULUH, _SEPULUH = Decimal(70), Decimal(60), Decimal(10)


@dataclass(frozen=True, slots=True)
class Peringatan:
    """One finding about the distribution.

    Attributes:
        kode: Stable identifier of the check (see :data:`SEMUA_KODE`).
        tingkat: ``"PERINGATAN"`` for a departure from the pattern, ``"INFO"`` for context.
        pesan: Indonesian message: the rule, the actual count/percent and what the penilai may do.
    """

    kode: str
    tingkat: str
    pesan: str


@dataclass(frozen=True, slots=True)
class DistribusiResult:
    """Counts, percentages and findings for the predikat of one organisation and period.

    Attributes:
        capaian: The capaian kinerja organisasi, None when not yet set.
        jumlah: Head-count per predikat (all five keys, zero included).
        total: Number of pegawai evaluated.
        persen: Share per predikat in percent, rounded half up (zero when nobody is evaluated).
        peringatan: Findings, in a fixed order; empty when the pattern is met.
        explanation: Indonesian sentences with the counts and the rule that applies.
    """

    capaian: CapaianOrganisasi | None
    jumlah: dict[Predikat, int]
    total: int
    persen: dict[Predikat, Decimal]
    peringatan: tuple[Peringatan, ...]
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Data:
    """Counts and shares passed to every check."""

    jumlah: dict[Predikat, int]
    persen: dict[Predikat, Decimal]
    total: int

    def porsi(self, *predikat: Predikat) -> Decimal:
        """Share of several predikat together, rounded like the single shares."""
        return round2(Decimal(sum(self.jumlah[p] for p in predikat)) * HUNDRED / self.total)

    def terbanyak(self) -> tuple[Predikat, ...]:
        """The most frequent predikat (several on a tie), highest first."""
        puncak = max(self.jumlah.values())
        return tuple(p for p in reversed(Predikat.ordered()) if self.jumlah[p] == puncak)


def _nama(predikat: Predikat) -> str:
    """Curve label of a predikat, as on the distribution chart."""
    return predikat.curve_label


def _tindakan() -> str:
    """What the penilai may do about a warning; shared by every message."""
    return _(
        "Pejabat penilai dapat meninjau kembali predikat atau mencatat alasannya; aplikasi tidak "
        "memblokir penetapan."
    )


def _peringatan(kode: str, pesan: str) -> Peringatan:
    """A PERINGATAN whose message ends with what the penilai may do."""
    return Peringatan(kode=kode, tingkat=TINGKAT_PERINGATAN, pesan=f"{pesan} {_tindakan()}")


def _fakta(d: _Data, predikat: Predikat) -> str:
    """``Sangat Baik 3 dari 10 pegawai (30%)`` for a message."""
    return _("{nama} {c} dari {n} pegawai ({p})").format(
        nama=_nama(predikat), c=d.jumlah[predikat], n=d.total, p=format_percent(d.persen[predikat])
    )


def _paling_banyak(
    d: _Data, capaian: CapaianOrganisasi, predikat: Predikat, kode_terbanyak: str, kode_70: str
) -> list[Peringatan]:
    """Shared check of "most (max 70 %)": most frequent (ties allowed) and at most 70 %."""
    hasil: list[Peringatan] = []
    terbanyak = d.terbanyak()
    if predikat not in terbanyak:
        hasil.append(
            _peringatan(
                kode_terbanyak,
                _(
                    "Capaian organisasi {c}: predikat {nama} seharusnya yang terbanyak. Saat ini "
                    "{fakta}, sedangkan yang terbanyak {lain} ({jumlah} pegawai)."
                ).format(
                    c=capaian.label,
                    nama=_nama(predikat),
                    fakta=_fakta(d, predikat),
                    lain=", ".join(_nama(p) for p in terbanyak),
                    jumlah=d.jumlah[terbanyak[0]],
                ),
            )
        )
    if d.persen[predikat] > _TUJUH_PULUH:
        hasil.append(
            _peringatan(
                kode_70,
                _(
                    "Capaian organisasi {c}: predikat {nama} paling banyak 70%. Saat ini {fakta}."
                ).format(c=capaian.label, nama=_nama(predikat), fakta=_fakta(d, predikat)),
            )
        )
    return hasil


def _minimal(
    d: _Data, capaian: CapaianOrganisasi, predikat: Predikat, batas: Decimal, kode: str
) -> list[Peringatan]:
    """Shared check of "at least ``batas`` % of ``predikat``"."""
    if d.persen[predikat] >= batas:
        return []
    return [
        _peringatan(
            kode,
            _("Capaian organisasi {c}: predikat {nama} minimal {b}. Saat ini {fakta}.").format(
                c=capaian.label,
                nama=_nama(predikat),
                b=format_percent(batas),
                fakta=_fakta(d, predikat),
            ),
        )
    ]


def _maksimal_sb(d: _Data, capaian: CapaianOrganisasi, kode: str) -> list[Peringatan]:
    """Shared check of "Sangat Baik at most 10 %"."""
    if d.persen[_SB] <= _SEPULUH:
        return []
    return [
        _peringatan(
            kode,
            _(
                "Capaian organisasi {c}: predikat {nama} paling banyak 10%. Saat ini {fakta}."
            ).format(c=capaian.label, nama=_nama(_SB), fakta=_fakta(d, _SB)),
        )
    ]


def _aturan_istimewa(d: _Data, persentase: bool) -> list[Peringatan]:
    """Rule 1, capaian Istimewa: most (max 70 %) Sangat Baik."""
    if not persentase:
        return []
    c = CapaianOrganisasi.ISTIMEWA
    return _paling_banyak(d, c, _SB, KODE_ISTIMEWA_SB_BUKAN_TERBANYAK, KODE_ISTIMEWA_SB_LEBIH_70)


def _aturan_baik(d: _Data, persentase: bool) -> list[Peringatan]:
    """Rule 2, capaian Baik: most (max 70 %) Baik; there must be Butuh Perbaikan and/or Kurang."""
    if not persentase:
        return []
    c = CapaianOrganisasi.BAIK
    hasil = _paling_banyak(d, c, _B, KODE_BAIK_B_BUKAN_TERBANYAK, KODE_BAIK_B_LEBIH_70)
    if d.jumlah[_BP] + d.jumlah[_K] == 0:
        hasil.append(
            _peringatan(
                KODE_BAIK_TANPA_BP_ATAU_KURANG,
                _(
                    "Capaian organisasi {c}: harus ada pegawai dengan predikat {bp} dan/atau "
                    "{k}. Saat ini tidak ada satu pun dari {n} pegawai."
                ).format(c=c.label, bp=_nama(_BP), k=_nama(_K), n=d.total),
            )
        )
    return hasil


def _aturan_butuh_perbaikan(d: _Data, persentase: bool) -> list[Peringatan]:
    """Rule 3, capaian Butuh Perbaikan: ≥60 % Butuh Perbaikan; Sangat Baik ≤10 %."""
    if not persentase:
        return []
    c = CapaianOrganisasi.BUTUH_PERBAIKAN
    return [
        *_minimal(d, c, _BP, _ENAM_PULUH, KODE_BP_BP_KURANG_60),
        *_maksimal_sb(d, c, KODE_BP_SB_LEBIH_10),
    ]


def _aturan_kurang(d: _Data, persentase: bool) -> list[Peringatan]:
    """Rule 4, capaian Kurang: ≥60 % Kurang; ≥10 % Butuh Perbaikan; Sangat Baik ≤10 %."""
    if not persentase:
        return []
    c = CapaianOrganisasi.KURANG
    return [
        *_minimal(d, c, _K, _ENAM_PULUH, KODE_KURANG_K_KURANG_60),
        *_minimal(d, c, _BP, _SEPULUH, KODE_KURANG_BP_KURANG_10),
        *_maksimal_sb(d, c, KODE_KURANG_SB_LEBIH_10),
    ]


def _aturan_sangat_kurang(d: _Data, persentase: bool) -> list[Peringatan]:
    """Rule 5, capaian Sangat Kurang: ≥60 % SK; ≥10 % Kurang and/or BP; no Sangat Baik at all.

    "No Sangat Baik" needs no percentage, so it applies to units of any size.
    """
    c = CapaianOrganisasi.SANGAT_KURANG
    hasil: list[Peringatan] = []
    if persentase:
        hasil.extend(_minimal(d, c, _SK, _ENAM_PULUH, KODE_SK_SK_KURANG_60))
        porsi = d.porsi(_K, _BP)
        if porsi < _SEPULUH:
            hasil.append(
                _peringatan(
                    KODE_SK_K_ATAU_BP_KURANG_10,
                    _(
                        "Capaian organisasi {c}: predikat {k} dan/atau {bp} minimal 10%. Saat "
                        "ini {k} dan {bp} bersama {jumlah} dari {n} pegawai ({p})."
                    ).format(
                        c=c.label,
                        k=_nama(_K),
                        bp=_nama(_BP),
                        jumlah=d.jumlah[_K] + d.jumlah[_BP],
                        n=d.total,
                        p=format_percent(porsi),
                    ),
                )
            )
    if d.jumlah[_SB]:
        hasil.append(
            _peringatan(
                KODE_SK_ADA_SANGAT_BAIK,
                _(
                    "Capaian organisasi {c}: tidak boleh ada predikat {nama}. Saat ini {fakta}."
                ).format(c=c.label, nama=_nama(_SB), fakta=_fakta(d, _SB)),
            )
        )
    return hasil


_ATURAN: dict[CapaianOrganisasi, Callable[[_Data, bool], list[Peringatan]]] = {
    CapaianOrganisasi.ISTIMEWA: _aturan_istimewa,
    CapaianOrganisasi.BAIK: _aturan_baik,
    CapaianOrganisasi.BUTUH_PERBAIKAN: _aturan_butuh_perbaikan,
    CapaianOrganisasi.KURANG: _aturan_kurang,
    CapaianOrganisasi.SANGAT_KURANG: _aturan_sangat_kurang,
}

_POLA: dict[CapaianOrganisasi, str] = {
    CapaianOrganisasi.ISTIMEWA: N_(
        "sebagian besar (maksimal 70%) Sangat Baik; selebihnya boleh Baik, Butuh Perbaikan, "
        "Kurang/Misconduct, Sangat Kurang"
    ),
    CapaianOrganisasi.BAIK: N_(
        "sebagian besar (maksimal 70%) Baik; harus ada Butuh Perbaikan dan/atau "
        "Kurang/Misconduct; selebihnya boleh Sangat Baik dan/atau Sangat Kurang"
    ),
    CapaianOrganisasi.BUTUH_PERBAIKAN: N_(
        "minimal 60% Butuh Perbaikan; selebihnya Sangat Baik (maksimal 10%), Baik, "
        "Kurang/Misconduct, Sangat Kurang"
    ),
    CapaianOrganisasi.KURANG: N_(
        "minimal 60% Kurang/Misconduct; minimal 10% Butuh Perbaikan; selebihnya Sangat Baik "
        "(maksimal 10%), Baik, Sangat Kurang"
    ),
    CapaianOrganisasi.SANGAT_KURANG: N_(
        "minimal 60% Sangat Kurang; minimal 10% Kurang/Misconduct dan/atau Butuh Perbaikan; "
        "selebihnya boleh Baik; tidak boleh ada Sangat Baik"
    ),
}


def periksa_distribusi(
    capaian: CapaianOrganisasi | None,
    predikat: Iterable[Predikat],
    min_pegawai: int = MIN_PEGAWAI_UNTUK_PERSENTASE,
) -> DistribusiResult:
    """Check the predikat of one organisation against the pattern for its capaian.

    "Most (max 70 %)" is read as: that predikat is the most frequent (ties allowed) and its share
    is at most 70 %. Percentages are of head-count, rounded half up to two decimals, and compared
    as rounded so a message never contradicts the figure it prints. Percentage rules (including
    "there must be") apply only when ``total >= min_pegawai``; a smaller unit gets one INFO
    instead, while the absolute rule "no Sangat Baik under Sangat Kurang" applies at any size.

    Args:
        capaian: Capaian kinerja organisasi, None when the leader has not set it.
        predikat: The predikat of every pegawai evaluated under the organisation for the period.
        min_pegawai: Smallest head-count for which percentages are judged.

    Returns:
        Counts, shares and warnings; never raises for an unusual distribution.

    Raises:
        ValueError: If ``min_pegawai`` is less than 1.
    """
    if min_pegawai < 1:
        raise ValueError(f"min_pegawai harus minimal 1, bukan {min_pegawai}")
    hitung = Counter(predikat)
    jumlah = {p: hitung[p] for p in Predikat.ordered()}
    total = sum(jumlah.values())
    persen = {
        p: round2(Decimal(jumlah[p]) * HUNDRED / total) if total else Decimal(0) for p in jumlah
    }
    explanation: list[str] = [
        _("Capaian kinerja organisasi: {c}.").format(
            c=capaian.label if capaian is not None else _("belum ditetapkan")
        )
    ]
    if total == 0:
        explanation.append(
            _("Belum ada pegawai yang dinilai; pola distribusi belum dapat diperiksa.")
        )
        return DistribusiResult(capaian, jumlah, 0, persen, (), tuple(explanation))
    explanation.append(_("Jumlah pegawai yang dinilai: {n}.").format(n=total))
    explanation.extend(
        _("{nama}: {c} pegawai ({p}).").format(
            nama=_nama(p), c=jumlah[p], p=format_percent(persen[p])
        )
        for p in reversed(Predikat.ordered())
    )
    peringatan: list[Peringatan] = []
    if capaian is None:
        peringatan.append(
            Peringatan(
                kode=KODE_CAPAIAN_BELUM_DITETAPKAN,
                tingkat=TINGKAT_INFO,
                pesan=_(
                    "Capaian kinerja organisasi belum ditetapkan, sehingga pola distribusi "
                    "predikat belum dapat diperiksa. Pimpinan dapat menetapkannya lebih dahulu."
                ),
            )
        )
    else:
        explanation.append(
            _("Pola distribusi untuk capaian {c}: {pola}.").format(
                c=capaian.label, pola=_(_POLA[capaian])
            )
        )
        persentase = total >= min_pegawai
        if not persentase:
            peringatan.append(
                Peringatan(
                    kode=KODE_UNIT_KECIL,
                    tingkat=TINGKAT_INFO,
                    pesan=_(
                        "Unit ini hanya memiliki {n} pegawai yang dinilai (kurang dari {m}); pola "
                        "distribusi tidak dapat dinilai dalam persentase. Periksa pola distribusi "
                        "pada tingkat organisasi induk."
                    ).format(n=total, m=min_pegawai),
                )
            )
        peringatan.extend(_ATURAN[capaian](_Data(jumlah, persen, total), persentase))
    if peringatan:
        explanation.append(
            _("Ditemukan {k} catatan pola distribusi; semuanya hanya peringatan.").format(
                k=len(peringatan)
            )
        )
    else:
        explanation.append(_("Distribusi predikat sesuai pola untuk capaian organisasi ini."))
    explanation.append(
        _("Pola distribusi tidak membatasi penetapan; pejabat penilai yang menetapkan predikat.")
    )
    return DistribusiResult(
        capaian=capaian,
        jumlah=jumlah,
        total=total,
        persen=persen,
        peringatan=tuple(peringatan),
        explanation=tuple(explanation),
    )
