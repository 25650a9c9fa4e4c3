"""The argument grammar, kept apart from what the commands do."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from caretrack import __version__
from caretrack.cli import commands, data_commands
from caretrack.cli.errors import OneLineParser


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="caretrack", description="CareTrack: a home symptom log.")
    p.add_argument("--version", action="version", version=f"caretrack {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="use DIR instead of the per-user data folder")
    p.add_argument(
        "--smoke-test", action="store_true", help="open and close the main window offscreen"
    )
    sub = p.add_subparsers(dest="command", parser_class=OneLineParser)

    demo = sub.add_parser("demo", help="fill an empty data folder with a demo household")
    demo.set_defaults(handler=commands.demo)

    child = sub.add_parser("child", help="add or list children")
    child_sub = child.add_subparsers(
        dest="child_command", required=True, parser_class=OneLineParser
    )
    add = child_sub.add_parser("add", help="add a child with a therapy course")
    add.add_argument("--name", required=True)
    add.add_argument("--birth-date", required=True, metavar="DATE")
    add.add_argument("--therapy", required=True, metavar="ID")
    add.add_argument("--start", required=True, metavar="DATE")
    add.add_argument("--weight-kg", metavar="KG")
    add.add_argument("--cycle", type=int, metavar="N", help="blinatumomab cycle number")
    add.set_defaults(handler=commands.child_add)
    lst = child_sub.add_parser("list", help="list children as JSON")
    lst.set_defaults(handler=commands.child_list)

    entry = sub.add_parser("entry", help="log a check-in")
    entry_sub = entry.add_subparsers(
        dest="entry_command", required=True, parser_class=OneLineParser
    )
    eadd = entry_sub.add_parser("add", help="save one entry through the window's service")
    eadd.add_argument("--child", required=True, metavar="NAME")
    eadd.add_argument("--at", metavar="ISO8601")
    eadd.add_argument("--temp", metavar="VALUE")
    eadd.add_argument("--unit", choices=["C", "F"])
    eadd.add_argument("--route", choices=["oral", "axillary", "ear", "forehead"])
    eadd.add_argument("--symptom", action="append", default=[], metavar="NAME[:SEVERITY]")
    eadd.add_argument("--note", default="")
    eadd.add_argument("--by", default="")
    eadd.set_defaults(handler=commands.entry_add)
    ev = sub.add_parser("evaluate", help="evaluate a scenario file without touching any data")
    ev.add_argument("scenario", metavar="SCENARIO.json")
    ev.set_defaults(handler=commands.evaluate)
    bk = sub.add_parser("backup", help="write a verified backup into the data folder")
    bk.set_defaults(handler=data_commands.backup)
    chk = sub.add_parser("check", help="check the data file's integrity; print a JSON report")
    chk.set_defaults(handler=data_commands.check)
    rs = sub.add_parser("restore", help="restore a verified backup (the current file is kept)")
    rs.add_argument("file", metavar="FILE")
    rs.set_defaults(handler=_later("data_commands", "restore"))
    ex = sub.add_parser("export", help="export everything (json) or one row per entry (csv)")
    ex.add_argument("--format", required=True, choices=["json", "csv"])
    ex.add_argument("--out", required=True, metavar="FILE")
    ex.set_defaults(handler=_later("transfer_commands", "export_data"))
    im = sub.add_parser("import", help="restore a JSON export into an empty data folder")
    im.add_argument("file", metavar="FILE.json")
    im.set_defaults(handler=_later("transfer_commands", "import_data"))
    sm = sub.add_parser("summary", help="write the clinic-visit summary as a PDF")
    sm.add_argument("--child", required=True, metavar="NAME")
    sm.add_argument("--from", dest="start", metavar="DATE", help="first day (default: last visit)")
    sm.add_argument("--to", dest="end", metavar="DATE", help="last day (default: today)")
    sm.add_argument("--out", required=True, metavar="FILE.pdf")
    sm.add_argument("--paper", choices=["a4", "letter"], help="default: from the locale")
    sm.set_defaults(handler=_later("summary_command", "summary"))
    return p


def _later(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A handler looked up when its command runs, so the parser imports nothing heavy."""

    def run(args: argparse.Namespace) -> int:
        handler = getattr(importlib.import_module(f"caretrack.cli.{module}"), name)
        return int(handler(args))

    return run
