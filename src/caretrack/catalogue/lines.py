"""Line numbers for values in a TOML file, which tomllib does not report.

The catalogue files are plain: `[table]` and `[[array.of.tables]]` headers, `key = value`
lines, and lists of one-line inline tables (`{ therapy = ..., kind = ... }`). Scanning the raw
text for headers and keys in the same order tomllib reads them is enough to point an error at
the right line.
"""

from __future__ import annotations

import re

# A path into the parsed document as the loader walks it: ("symptom", 4) is the fifth
# [[symptom]] block, ("therapy", 0, "schedule") the [therapy.schedule] table of the first.
TomlPath = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(#.*)?$")


class LineFinder:
    """Finds the line (1-based) of a table, a key in it, or the n-th inline table of a list."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._blocks: dict[TomlPath, tuple[int, int]] = {}  # path -> (header line, end line)
        counts: dict[TomlPath, int] = {}
        starts: list[tuple[TomlPath, int]] = [((), 0)]
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if not match:
                continue
            names = tuple(part.strip() for part in match.group(2).split("."))
            path = (*self._concrete(names[:-1], counts), names[-1])
            if match.group(1) == "[[":
                counts[path] = counts.get(path, 0) + 1
                path = (*path, counts[path] - 1)
            starts.append((path, number))
        for i, (path, start) in enumerate(starts):
            end = starts[i + 1][1] - 1 if i + 1 < len(starts) else len(self._lines)
            self._blocks.setdefault(path, (start, end))

    @staticmethod
    def _concrete(names: tuple[str, ...], counts: dict[TomlPath, int]) -> TomlPath:
        """The path of the latest element of each array of tables along `names`."""
        path: TomlPath = ()
        for name in names:
            path = (*path, name)
            if path in counts:
                path = (*path, counts[path] - 1)
        return path

    def line_of(self, path: TomlPath, key: str | None = None, item: int | None = None) -> int:
        """Line of `key` in the table at `path` (or of its `item`-th inline table).

        Falls back to the table's header, then to the parent's key when the table itself was
        written inline, so an error always points somewhere near the problem.
        """
        block = self._blocks.get(path)
        if block is None:
            if not path:
                return 1
            if isinstance(path[-1], int) and len(path) >= 2:
                return self.line_of(path[:-2], str(path[-2]), path[-1])
            return self.line_of(path[:-1], str(path[-1]))
        start, end = block
        if key is None:
            return max(start, 1)
        key_re = re.compile(rf'^\s*("{re.escape(key)}"|{re.escape(key)})\s*=')
        first = start + 1 if path else 1
        for number in range(first, end + 1):
            if key_re.match(self._lines[number - 1]):
                return number if item is None else self._nth_inline(number, end, item)
        return max(start, 1)

    def _nth_inline(self, key_line: int, end: int, item: int) -> int:
        """The line where the item-th `{` after a key opens (0-based item)."""
        seen = 0
        for number in range(key_line, end + 1):
            seen += self._lines[number - 1].count("{")
            if seen > item:
                return number
        return key_line
