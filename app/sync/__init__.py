"""Signed sync packages: format, Ed25519 keys, change records (sync.md); no database access."""
