"""Marks user-visible strings in Qt-free code so Qt's lupdate collects them.

The window translates them with QCoreApplication.translate(context, text) at display time; the
command line prints the English text as is.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    del context
    return text
