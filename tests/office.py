"""Real clients for the tests of the Word and Excel outputs: LibreOffice (headless) and
poppler's pdftotext / pdfinfo / pdffonts.

Tests that need them skip when they are missing, unless ``PLEDGE_REQUIRE_OFFICE`` is set
(``.ci/run`` sets it after installing them), where a missing client fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TIMEOUT = 240


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    message = "not installed: " + ", ".join(missing)
    if os.environ.get("PLEDGE_REQUIRE_OFFICE"):
        pytest.fail(message + " (PLEDGE_REQUIRE_OFFICE is set)")
    pytest.skip(message)


def soffice_convert(source: Path, target: str, out_dir: Path) -> list[Path]:
    """``soffice --headless --convert-to TARGET``, with a profile of its own (two LibreOffice
    runs sharing one profile wait for each other or fail)."""
    need("soffice")
    profile = out_dir / ".lo-profile"
    out_dir.mkdir(parents=True, exist_ok=True)
    before = set(out_dir.iterdir())
    completed = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    made = sorted(p for p in set(out_dir.iterdir()) - before if p != profile)
    assert made, f"LibreOffice made nothing: {completed.stdout} {completed.stderr}"
    return made


def run(*args: str) -> str:
    need(args[0])
    return subprocess.run(
        list(args), capture_output=True, text=True, check=True, timeout=TIMEOUT
    ).stdout
