"""Storage-test markers."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs child processes for several seconds (still in the normal suite)"
    )
