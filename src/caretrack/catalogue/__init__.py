"""The therapy and symptom catalogue: data/*.toml, checked and turned into domain objects.

`load_catalogue()` is called once at start-up by the composition root; anything wrong in the
files raises `CatalogueError` naming the file, line and field, so a nurse can fix it.
"""

from caretrack.catalogue.errors import CatalogueError
from caretrack.catalogue.loader import ENV_VAR, find_data_dir, load_catalogue

__all__ = ["ENV_VAR", "CatalogueError", "find_data_dir", "load_catalogue"]
