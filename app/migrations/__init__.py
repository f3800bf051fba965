"""Alembic migrations. Offices run old versions for months: every schema change is a revision."""
