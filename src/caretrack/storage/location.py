"""Where the family's data lives: platformdirs by default, overridable for tests and moves."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "CareTrack"
ENV_VAR = "CARETRACK_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then CARETRACK_DATA_DIR, then the per-user data folder."""
    if override:
        return Path(override).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)
