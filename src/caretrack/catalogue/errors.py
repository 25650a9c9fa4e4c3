"""The one error the catalogue loader raises, worded so a nurse can find and fix the line."""

from __future__ import annotations


class CatalogueError(Exception):
    """A catalogue file is missing, is not valid TOML, or breaks a rule of the format.

    str() gives `symptoms.toml, line 214, field "group": unknown group "nerves" (symptom
    "confusion")`; the parts are also attributes so the window can show them separately.
    """

    def __init__(
        self, file: str, message: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.file = file
        self.message = message
        self.line = line
        self.field = field
        super().__init__(self._text())

    def _text(self) -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f'field "{self.field}"')
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self._text()
