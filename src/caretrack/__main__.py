"""`python -m caretrack` behaves exactly like the `caretrack` command."""

import sys

from caretrack.cli import main

sys.exit(main())
