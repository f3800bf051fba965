"""File formats (Excel, PDF): Qt-free, database-free; services fill their input dataclasses."""
