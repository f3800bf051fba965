"""The two kinds of failure Capaian knows about.

``UserError`` is expected: bad input, a locked period, a missing file. Its message is written for
the clerk in front of the screen (Indonesian by default) and says what to do. Everything else is a
bug and is reported with a traceback and the log path. Low-level exceptions (sqlite, zipfile,
PermissionError, cryptography) are translated into ``UserError`` at the service or io boundary,
never by matching error text later.
"""

from __future__ import annotations


class UserError(Exception):
    """An expected failure with a message a clerk can act on.

    Attributes:
        message: the human message, already translated.
        field: the input field (or column) the message is about, when there is one, so a form
            can highlight it and the command line can name it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """A record the user named (by NIP, kode, period) does not exist."""


class ValidationError(UserError):
    """Input that breaks a domain rule; ``field`` names the offending field."""


class ConflictError(UserError):
    """The action clashes with existing data (a duplicate NIP, a second SKP for one period)."""


class LockedError(UserError):
    """The period or record is closed for changes."""


class AksesDitolakError(UserError):
    """The signed-in user's role does not allow the action (or nobody is signed in).

    Raised by the service itself, whatever the GUI shows: hiding a button is not a check.
    """
