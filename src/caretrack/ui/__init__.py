"""The desktop window: the only package (with app.py) that imports PySide6.

Modules imported before the window first shows (main_window, theme, resources, translation,
crash_log, error_dialog, load_failure_page) import PySide6 and the pure domain only; the screens
that need SQLAlchemy-backed services are imported after the first paint.
"""
