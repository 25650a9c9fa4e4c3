"""PyInstaller entry point: the bundled `caretrack` behaves exactly like the installed command."""

import sys

from caretrack.cli import main

if __name__ == "__main__":
    sys.exit(main())
