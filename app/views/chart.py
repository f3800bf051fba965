"""A small bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Bars with their values on top, category labels below (wrapped), an optional line through the bar
tops (the shape of a distribution curve), a title and a caption. It renders the same on screen,
offscreen and into a PNG file.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.errors import UserError
from app.i18n import _
from app.views.refcount import keeps_none


@dataclass(frozen=True)
class Bar:
    """One bar: its category label, height, the text printed on it and its colour."""

    label: str
    value: float
    text: str
    colour: str = "#1565c0"


class BarChart(QWidget):
    """Vertical bars over categories, with an optional curve through their tops."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.caption = ""
        self.bars: list[Bar] = []
        self.maximum = 0.0
        self.curve = False
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 300)

    def set_data(
        self,
        title: str,
        bars: list[Bar],
        *,
        caption: str = "",
        maximum: float | None = None,
        curve: bool = False,
    ) -> None:
        """Show ``bars``; ``maximum`` fixes the scale (e.g. 100 for percentages)."""
        self.title, self.bars, self.caption, self.curve = title, bars, caption, curve
        peak = max((b.value for b in bars), default=0.0)
        self.maximum = maximum if maximum is not None else peak
        self.update()

    @keeps_none
    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self.paint(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        """Draw the whole chart into ``area`` (the widget, or an image for export)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, QColor("white"))
        base = QFont(self.font())
        title_font = QFont(base)
        title_font.setBold(True)
        painter.setFont(title_font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(QColor("#222"))
        top = area.top() + 6
        painter.drawText(
            QRectF(area.left() + 8, top, area.width() - 16, line),
            Qt.AlignmentFlag.AlignLeft,
            self.title,
        )
        top += line + 6
        painter.setFont(base)
        metrics = painter.fontMetrics()
        line = metrics.height()
        caption_h = 0.0
        if self.caption:
            caption_rect = metrics.boundingRect(
                0, 0, int(area.width() - 16), 1000, int(Qt.TextFlag.TextWordWrap), self.caption
            )
            caption_h = caption_rect.height() + 4
        # Category labels wrap onto up to four lines; reserve what the longest one needs.
        slot_w = max(20, int((area.width() - 56) / max(1, len(self.bars))) - 4)
        needed = max(
            (
                metrics.boundingRect(
                    0, 0, slot_w, 1000, int(Qt.TextFlag.TextWordWrap), bar.label
                ).height()
                for bar in self.bars
            ),
            default=line,
        )
        label_h = min(needed, line * 3) + 6
        chart = QRectF(
            area.left() + 40,
            top + line,
            area.width() - 56,
            area.bottom() - top - line - label_h - caption_h - 10,
        )
        if not self.bars or chart.height() < 20:
            painter.drawText(chart, Qt.AlignmentFlag.AlignCenter, _("Belum ada data."))
            return
        maximum = self.maximum or 1.0
        # Axis and grid lines at 0, 50 % and 100 % of the scale.
        painter.setPen(QPen(QColor("#cccccc"), 1))
        for step in (0.0, 0.5, 1.0):
            y = chart.bottom() - chart.height() * step
            painter.drawLine(QPointF(chart.left(), y), QPointF(chart.right(), y))
            painter.setPen(QColor("#666"))
            value = maximum * step
            text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
            painter.drawText(
                QRectF(area.left(), y - line / 2, 36, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            painter.setPen(QPen(QColor("#cccccc"), 1))
        slot = chart.width() / len(self.bars)
        width = min(slot * 0.6, 80)
        tops: list[QPointF] = []
        for number, bar in enumerate(self.bars):
            x = chart.left() + slot * number + (slot - width) / 2
            height = chart.height() * max(0.0, min(bar.value, maximum)) / maximum
            rect = QRectF(x, chart.bottom() - height, width, height)
            painter.fillRect(rect, QColor(bar.colour))
            painter.setPen(QColor("#222"))
            painter.drawText(
                QRectF(x - 20, rect.top() - line - 2, width + 40, line),
                Qt.AlignmentFlag.AlignCenter,
                bar.text,
            )
            painter.drawText(
                QRectF(chart.left() + slot * number + 2, chart.bottom() + 4, slot - 4, label_h),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                _fit(metrics, bar.label, int(slot - 4), int(label_h)),
            )
            tops.append(QPointF(x + width / 2, rect.top()))
        if self.curve and len(tops) > 1:
            path = QPainterPath(tops[0])
            for previous, point in pairwise(tops):
                middle = (previous.x() + point.x()) / 2
                path.cubicTo(QPointF(middle, previous.y()), QPointF(middle, point.y()), point)
            painter.setPen(QPen(QColor("#c62828"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if self.caption:
            painter.setPen(QColor("#444"))
            painter.drawText(
                QRectF(
                    area.left() + 8, area.bottom() - caption_h - 2, area.width() - 16, caption_h
                ),
                Qt.TextFlag.TextWordWrap,
                self.caption,
            )

    def to_image(self, size: QSize | None = None) -> QImage:
        """The chart rendered at ``size`` (default: its current size, at least 640x400)."""
        target = size or QSize(max(self.width(), 640), max(self.height(), 400))
        image = QImage(target, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.paint(painter, QRectF(0, 0, target.width(), target.height()))
        finally:
            painter.end()
        return image

    def export_png(self, path: Path) -> Path:
        """Save the chart as PNG through a temporary name, then rename (never half a file)."""
        temporary = path.with_name(path.name + ".tmp.png")
        if not self.to_image().save(str(temporary), "PNG"):  # type: ignore[call-overload]
            raise UserError(
                _("Gambar tidak dapat disimpan ke {path}; periksa folder dan izinnya.").format(
                    path=path
                )
            )
        temporary.replace(path)
        return path


def _fit(metrics: QFontMetrics, text: str, width: int, height: int) -> str:
    """``text`` shortened word by word (ending in an ellipsis) until it wraps into the box."""
    flags = int(Qt.TextFlag.TextWordWrap)
    words = text.split()
    candidate = text
    while (
        len(words) > 1
        and metrics.boundingRect(0, 0, width, 10_000, flags, candidate).height() > height
    ):
        words = words[:-1]
        candidate = " ".join(words) + "…"
    return candidate
