"""Predikat kinerja pegawai from the 3×3 kuadran of PermenPANRB 6/2022 (domain.md §3.4).

The predikat is not computed from numbers: the pejabat penilai chooses a rating hasil kerja and a
rating perilaku, and the kuadran fixes the predikat. Keeping the table literal (rather than a
formula) lets anyone compare it cell by cell with the Permen's lampiran.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _
from app.scoring.types import Predikat, Rating

PREDIKAT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    # (rating hasil kerja, rating perilaku) -> predikat
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
}
"""The kuadran kinerja pegawai, keyed ``(rating_hasil_kerja, rating_perilaku)``.

Rows are the rating hasil kerja, columns the rating perilaku, exactly as printed in the Permen.
"""


@dataclass(frozen=True, slots=True)
class PredikatResult:
    """The predikat read from the kuadran, with the row and column that produced it.

    Attributes:
        predikat: The cell of the kuadran.
        rating_hasil: The row (rating hasil kerja) chosen by the pejabat penilai.
        rating_perilaku: The column (rating perilaku kerja) chosen by the pejabat penilai.
        explanation: Indonesian sentences naming the row, the column and the cell.
    """

    predikat: Predikat
    rating_hasil: Rating
    rating_perilaku: Rating
    explanation: tuple[str, ...]


def tentukan_predikat(rating_hasil: Rating, rating_perilaku: Rating) -> PredikatResult:
    """Read the predikat kinerja from the kuadran for the two ratings.

    The regulation gives no weighting or arithmetic here, so the function only looks the cell up
    and says which row and column it used; the pegawai can find the same cell on the form.

    Args:
        rating_hasil: Rating hasil kerja (row of the kuadran).
        rating_perilaku: Rating perilaku kerja (column of the kuadran).

    Returns:
        The predikat with an explanation of the lookup.
    """
    predikat = PREDIKAT_MATRIX[(rating_hasil, rating_perilaku)]
    explanation = (
        _("Baris kuadran kinerja: rating hasil kerja {rating}.").format(rating=rating_hasil.label),
        _("Kolom kuadran kinerja: rating perilaku kerja {rating}.").format(
            rating=rating_perilaku.label
        ),
        _(
            "Sel pada baris {baris} dan kolom {kolom} menurut kuadran kinerja PermenPANRB "
            "6/2022 adalah predikat {predikat}."
        ).format(baris=rating_hasil.label, kolom=rating_perilaku.label, predikat=predikat.label),
    )
    return PredikatResult(
        predikat=predikat,
        rating_hasil=rating_hasil,
        rating_perilaku=rating_perilaku,
        explanation=explanation,
    )
