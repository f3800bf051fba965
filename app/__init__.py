"""Capaian: penilaian kinerja ASN berbasis capaian (PermenPANRB 6/2022), offline-first.

This module is the single source of the application's name and version: ``pyproject.toml``,
the PyInstaller spec and the sync package manifest all read them from here.
"""

__version__ = "0.1.0"
APP_NAME = "Capaian"
APP_ID = "capaian"
ORG_NAME = "Pemerintah Daerah Sabangau"
