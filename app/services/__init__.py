"""Use cases: one function per user action, one transaction each, DTOs out.

Every function takes a :class:`~app.services.context.ServiceContext` first. Writes go through
``ctx.write(action)``, which attaches who and when for the audit chain and the sync outbox;
invalid input raises a ``UserError`` naming the field, and the transaction rolls back, so the
database is exactly as it was.
"""
