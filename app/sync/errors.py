"""The one exception type of the sync layer, carrying a stable reason code.

Import reports, quarantine records and tests match on ``code`` (sync.md §5), never on message text:
the message is Indonesian for the clerk and may be reworded or translated at any time.
"""

from __future__ import annotations

from app.errors import UserError


class SyncError(UserError):
    """A package or key problem the clerk can act on (resend, update the app, restore a key).

    ``code`` is the stable reason code of sync.md §5, e.g. ``MALFORMED_ZIP``, ``BAD_MEMBER_NAME``,
    ``UNEXPECTED_MEMBER``, ``DUPLICATE_MEMBER``, ``SIZE_LIMIT``, ``UNSUPPORTED_MEMBER``,
    ``MEMBER_HASH_MISMATCH``, ``MEMBER_SET_MISMATCH``, ``MALFORMED_DATA``, ``BAD_SIGNATURE``,
    ``UNSUPPORTED_ALG``, ``MALFORMED_MANIFEST``, ``UNSUPPORTED_FORMAT``, ``UNSUPPORTED_ENCRYPTION``,
    ``UNKNOWN_KEY``, ``KEY_SENDER_MISMATCH``, ``READ_FAILED``, ``WRITE_FAILED``, ``BAD_KEY``,
    ``BAD_KEY_FILE``, ``WRONG_PASSPHRASE``, ``WEAK_PASSPHRASE``.

    Attributes:
        code: the stable reason code.
        member: the package member the problem is about (``data/ops-0001.jsonl``), when there is
            one, so a report can point at it.
    """

    def __init__(self, code: str, message: str, *, member: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.member = member

    def __repr__(self) -> str:
        return f"SyncError({self.code!r}, {self.message!r}, member={self.member!r})"
