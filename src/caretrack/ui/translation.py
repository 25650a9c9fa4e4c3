"""Installing a translation for the user's language when one ships in resources/i18n."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from caretrack.ui.resources import resource_path


def install_translator(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Load caretrack_<lang>.qm for the system locale; None (English as written) if absent."""
    folder = resource_path("i18n")
    if not folder.is_dir():
        return None
    translator = QTranslator(app)
    if translator.load(locale or QLocale.system(), "caretrack", "_", str(folder)):
        app.installTranslator(translator)
        return translator
    return None
