"""Work-arounds for two reference-count bugs of PySide6 6.12.0 that abort the interpreter.

1. ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so every
   discarded return value takes one reference away from the interpreter's ``True``.
2. When C++ calls a Python override that returns ``None`` (``data()`` for a role the model does
   not answer, and every ``void`` override such as ``paintEvent`` or ``fetchMore``), one
   reference is taken away from ``None``.

3. Many ``void`` C++ methods called from Python (``QPainter.setPen``, ``fillRect``...) also take
   one reference from ``None``.

After enough emits, paints and model queries (minutes of scrolling) the count reaches zero and
Python aborts with "bool_dealloc" / "none_dealloc". Every emit in the views goes through
:func:`emit`, and every override that can return ``None`` is wrapped in :func:`keeps_none`;
both give the missing reference back. Since (3) cannot be caught call by call, the singletons
``None``, ``True`` and ``False`` also get a headroom of 2**40 references at start, which is what
Python 3.12 does natively (PEP 683 immortal objects); at a million lost references a second it
would last twelve days. All of this happens only when a probe at import shows that the installed
PySide6 has the bug, so a fixed PySide6 is left alone. (Extra references on these singletons are
harmless: they are never freed.)
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

F = TypeVar("F", bound=Callable[..., Any])

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    fired = Signal()


class _ProbeModel(QAbstractTableModel):
    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return None


def _lost(obj: object, action: Callable[[], object], times: int = 10) -> int:
    """References of ``obj`` lost by ``times`` calls of ``action`` (given back at once)."""
    before = sys.getrefcount(obj)
    for _ in range(times):
        action()
    lost = before - sys.getrefcount(obj)
    for _ in range(max(0, lost)):
        _incref(obj)
    return lost


def _probe() -> tuple[bool, bool]:
    emitter = _Probe()
    model = _ProbeModel()
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    emit_bug = _lost(True, emitter.fired.emit) >= 5
    none_bug = _lost(None, lambda: proxy.data(index, Qt.ItemDataRole.ToolTipRole)) >= 5
    return emit_bug, none_bug


EMIT_LOSES_TRUE, OVERRIDE_LOSES_NONE = _probe()
HEADROOM = 1 << 40


def _give_headroom() -> bool:
    """Make ``None``, ``True`` and ``False`` practically immortal (CPython < 3.12 release)."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # already immortal, or a debug build with another object layout
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    return True


HEADROOM_GIVEN = (EMIT_LOSES_TRUE or OVERRIDE_LOSES_NONE) and _give_headroom()


def emit(signal: Any, *args: Any) -> None:
    """Emit ``signal`` with ``args`` (use instead of ``signal.emit(*args)``)."""
    result = signal.emit(*args)
    if EMIT_LOSES_TRUE and isinstance(result, bool):
        _incref(result)


def keeps_none(method: F) -> F:
    """Wrap a Qt override that may return ``None`` so that ``None`` keeps its references."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        if result is None and OVERRIDE_LOSES_NONE:
            _incref(None)
        return result

    return wrapper  # type: ignore[return-value]
