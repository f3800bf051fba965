"""The emit helper keeps the interpreter's ``True`` alive through many emits."""

import sys

from PySide6.QtCore import QObject, Signal

from app.views.signals import emit


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
