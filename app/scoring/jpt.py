"""Rating hasil kerja of a JPT or pimpinan unit kerja mandiri (domain.md §3.7).

For a pegawai who leads the organisation, PermenPANRB 6/2022 makes the capaian kinerja
organisasi his or her rating hasil kerja. The capaian has five levels and the kuadran three, so
a mapping is needed; the Permen text available to us does not state it, hence the default below
is configurable and must be confirmed with the BKD.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.i18n import _
from app.scoring.suggest import RatingSuggestion
from app.scoring.types import CapaianOrganisasi, Rating

DEFAULT_PEMETAAN_JPT: Mapping[CapaianOrganisasi, Rating] = {
    CapaianOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    CapaianOrganisasi.BAIK: Rating.SESUAI,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    CapaianOrganisasi.KURANG: Rating.DI_BAWAH,
    CapaianOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}
"""Capaian organisasi → rating hasil kerja: an unverified mapping, configurable; confirm with BKD.

Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan/Kurang/Sangat Kurang → Di Bawah is the most
likely reading (domain.md §3.7 marks it [U]). Do not mutate it; pass another mapping instead.
"""


def rating_hasil_jpt(
    capaian: CapaianOrganisasi,
    pemetaan: Mapping[CapaianOrganisasi, Rating] = DEFAULT_PEMETAAN_JPT,
) -> RatingSuggestion:
    """Rating hasil kerja of a leader, taken from the capaian of the organisation led.

    Args:
        capaian: Capaian kinerja organisasi set by the leader's own superior.
        pemetaan: Mapping of the five capaian levels to the three ratings.

    Returns:
        The rating with an explanation that names the capaian and the mapping used.

    Raises:
        ValueError: If ``pemetaan`` has no entry for ``capaian``.
    """
    try:
        rating = pemetaan[capaian]
    except KeyError:
        raise ValueError(f"pemetaan tidak memuat capaian organisasi {capaian.value}") from None
    default = pemetaan == DEFAULT_PEMETAAN_JPT
    return RatingSuggestion(
        rating=rating,
        explanation=(
            _(
                "Pegawai memimpin organisasi, sehingga rating hasil kerjanya mengikuti capaian "
                "kinerja organisasi: {c}."
            ).format(c=capaian.label),
            _("Capaian {c} dipetakan ke rating hasil kerja {rating}.").format(
                c=capaian.label, rating=rating.label
            ),
            _(
                "Pemetaan ini adalah bawaan aplikasi yang belum diverifikasi; konfirmasikan "
                "dengan BKD."
            )
            if default
            else _("Pemetaan ini ditetapkan dalam pengaturan instansi."),
        ),
    )
