"""`caretrack`: the window with no arguments, headless subcommands otherwise (contracts/cli.md).

Heavy imports (Qt, SQLAlchemy) happen inside the command that needs them, so `--version`
and argument errors answer at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from caretrack.cli.errors import BadInput
from caretrack.cli.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.smoke_test or args.command is None:
            from caretrack.app import run_window

            return run_window(args.data_dir, smoke_test=args.smoke_test)
        handler = args.handler
        return int(handler(args))
    except BadInput as exc:
        print(f"caretrack: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: a plain sentence, never a traceback
        from caretrack.cli.errors import describe_failure

        print(f"caretrack: {describe_failure(exc)}", file=sys.stderr)
        return 1
