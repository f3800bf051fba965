"""Emits, model queries and paints do not drain the interpreter's ``True`` and ``None``.

PySide6 6.12.0 loses a reference per emit (to ``True``) and per ``None`` returned from an
override called by C++; ``app.views.refcount`` gives them back. Without it these loops end in
"Fatal Python error: bool_dealloc / none_dealloc" a few thousand calls later.
"""

import sys

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from app.views import refcount
from app.views.chart import Bar, BarChart
from app.views.refcount import emit
from app.views.table_models import StaffTableModel
from tests.gui.test_table_models import staff


class Source(QObject):
    fired = Signal(object)


def test_many_emits_do_not_drain_true(qapp: object) -> None:
    source = Source()
    received: list[object] = []
    source.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(2000):
        emit(source.fired, number)
    assert received == list(range(2000))
    assert abs(sys.getrefcount(True) - before) < 50


def test_model_queries_answering_none_do_not_drain_none(qapp: object) -> None:
    model = StaffTableModel()
    model.set_rows(staff(600))
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(3000):
        assert proxy.data(index, Qt.ItemDataRole.DecorationRole) is None
        proxy.fetchMore(QModelIndex())
    assert sys.getrefcount(None) - before > -50


def test_singletons_have_headroom_for_void_calls(qtbot: QtBot) -> None:
    """Void C++ calls (QPainter.setPen...) lose references call by call; headroom covers them."""
    if not refcount.HEADROOM_GIVEN:
        assert sys.version_info >= (3, 12) or not refcount.OVERRIDE_LOSES_NONE
        return
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_data("Uji", [Bar("A", 1.0, "1"), Bar("B", 2.0, "2")])
    chart.show()
    qtbot.waitExposed(chart)
    for _ in range(200):
        chart.repaint()
    for singleton in (None, True, False):
        assert sys.getrefcount(singleton) > refcount.HEADROOM // 2
