"""The parse floors: read the files a command reads, and nothing else.

``python3 bench/parse_only.py LIST`` parses with rtoml every file named in LIST
(one path a line: the files ``pledge`` opened, as ``bench/run.py`` records
them); ``--bytes`` only reads their bytes. Both are what any program reading
these files must pay at least, rtoml being a TOML parser compiled from Rust
(``pip install -e '.[bench]'``; ``pledge`` itself does not use it).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    only_bytes = "--bytes" in argv
    (listing,) = [arg for arg in argv if arg != "--bytes"]
    paths = [Path(line) for line in Path(listing).read_text("utf-8").splitlines() if line]
    if only_bytes:
        for path in paths:
            path.read_bytes()
        return
    import rtoml

    for path in paths:
        rtoml.loads(path.read_bytes().decode("utf-8-sig"))


if __name__ == "__main__":
    main(sys.argv[1:])
