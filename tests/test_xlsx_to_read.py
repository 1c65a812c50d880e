"""openpyxl, imported to read a returned form, comes without numpy and Pillow (which
reading never uses), and leaves both importable afterwards (matplotlib needs Pillow)."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import importlib.util, sys
from pledgecli.collect.xlsx import openpyxl_to_read
openpyxl_to_read()
print("numpy" in sys.modules, "PIL" in sys.modules)
if importlib.util.find_spec("PIL") is not None:
    import PIL.Image  # still importable: no entry left blocking it
    print("pillow", PIL.Image.__name__)
"""


def test_openpyxl_to_read_imports_neither_numpy_nor_pillow_and_leaves_them_importable() -> None:
    pytest.importorskip("openpyxl")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "False False"
    assert lines[1:] in ([], ["pillow PIL.Image"])
