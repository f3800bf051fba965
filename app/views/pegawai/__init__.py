"""Per-employee tabs: SKP, realisasi, umpan balik, evaluasi."""
