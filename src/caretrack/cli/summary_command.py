"""`caretrack summary --child NAME --from DATE --to DATE --out FILE.pdf`: the clinic printout."""

from __future__ import annotations

import argparse

from caretrack.cli.commands import _date, _open, _out_file
from caretrack.cli.errors import BadInput


def summary(args: argparse.Namespace) -> int:
    """Writes the PDF atomically and prints the path; dates are the family's local days."""
    from caretrack.reports import Period, PeriodBasis

    out = _out_file(args.out)
    start = _date(args.start, "--from") if args.start else None
    end = _date(args.end, "--to") if args.end else None
    if start and end and end < start:
        raise BadInput(f"--to {end} is before --from {start}")
    services = _open(args)
    try:
        child = services.household.find_child(args.child)
        if child is None:
            raise BadInput(f"no child called {args.child!r}; see `caretrack child list`")
        default = services.summaries.default_period(child.id)
        if start is None and end is None:
            period = default
        else:
            end = end or services.clock.now().date()
            start = start or min(default.start, end)
            if end < start:
                raise BadInput(f"--to {end} is before --from {start}")
            period = Period(start, end, PeriodBasis.CHOSEN)
        report = services.summaries.build(child.id, period)
    finally:
        services.close()

    from caretrack.app import write_summary_pdf

    problem = write_summary_pdf(report, services.catalogue, out, args.paper)
    if problem is not None:
        raise BadInput(problem)
    print(out)
    return 0
