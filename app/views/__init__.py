"""PySide6 screens, table models, task runner and dialogs: the only package that imports Qt."""
