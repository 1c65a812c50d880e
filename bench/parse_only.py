"""The floor for national data: only parse every TOML file of a data directory with tomllib.

``python3 bench/parse_only.py DIR`` reads each ``*.toml`` below DIR and parses
it, nothing else: what any tool reading these files must pay at least.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def main() -> None:
    for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
        with path.open("rb") as file:
            tomllib.load(file)


if __name__ == "__main__":
    main()
