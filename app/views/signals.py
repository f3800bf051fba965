"""``emit()`` that keeps Python's ``True`` alive (a PySide6 6.12 reference-count bug).

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without taking a reference to it;
every discarded return value then takes one reference away from the interpreter's ``True``.
After a few hundred emits (a working day of clicks) ``True`` reaches zero and the interpreter
aborts with "bool_dealloc". Every emit in the views goes through :func:`emit`, which gives the
missing reference back, but only when a probe at import shows that this PySide6 needs it, so a
fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    fired = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):  # give back what the probe itself took
        _incref(True)
    return lost >= 5


COMPENSATE = _emit_steals_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """Emit ``signal`` with ``args`` (use instead of ``signal.emit(*args)``)."""
    result = signal.emit(*args)
    if COMPENSATE and isinstance(result, bool):
        _incref(result)
