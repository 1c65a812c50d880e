"""Golden outputs of the bundled data, one file per command and format.

``tests/golden/<name>.out`` holds the exact bytes of stdout (CSV keeps its CRLF
line ends) and ``<name>.code`` the exit status. After an intended change of
output, regenerate them with ``PLEDGE_REGEN=1 python3 -m pytest tests/test_golden.py``
and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import BUNDLED, TESTS, invoke

GOLDEN = TESTS / "golden"

COMMANDS: dict[str, list[str]] = {
    "check-2021-table": ["check", "2021"],
    "check-2021-json": ["check", "2021", "--format", "json"],
    "check-2021-csv": ["check", "2021", "--format", "csv"],
    "check-2021-markdown": ["check", "2021", "--format", "markdown"],
    "check-2022-table": ["check", "2022"],
    "check-2021-an-giang-table": ["check", "2021", "--province", "an-giang"],
    "rank-2021-table": ["rank", "2021"],
    "rank-2022-json": ["rank", "2022", "--format", "json"],
    "totals-2021-table": ["totals", "2021"],
    "totals-2022-csv": ["totals", "2022", "--format", "csv"],
    "history-an-giang-table": ["history", "--province", "an-giang"],
    "report-2021-markdown": ["report", "2021"],
    "report-2021-html": ["report", "2021", "--format", "html"],
    "check-2021-table-vi": ["check", "2021", "--lang", "vi"],
    "check-2021-hau-giang-vi": ["check", "2021", "--province", "hau-giang", "--lang", "vi"],
    "check-2025-table-vi": ["check", "2025", "--lang", "vi"],
    "report-2021-markdown-vi": ["report", "2021", "--lang", "vi"],
    "rank-2022-table-vi": ["rank", "2022", "--lang", "vi"],
    "validate-broken": ["validate", "--data", "tests/fixtures/broken"],
    "validate-broken-vi": ["validate", "--data", "tests/fixtures/broken", "--lang", "vi"],
    "check-2025-table": ["check", "2025"],
    "check-2025-json": ["check", "2025", "--format", "json"],
    "check-2025-markdown": ["check", "2025", "--format", "markdown"],
    "check-2025-can-tho-table": ["check", "2025", "--province", "can-tho"],
}


@pytest.mark.parametrize(("name", "args"), list(COMMANDS.items()), ids=list(COMMANDS))
def test_golden(name: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BUNDLED.parent)
    result = invoke(args if "--data" in args else [*args, "--data", "data"])
    out_file, code_file = GOLDEN / f"{name}.out", GOLDEN / f"{name}.code"
    err_file = GOLDEN / f"{name}.err"  # only where the command writes to stderr
    if os.environ.get("PLEDGE_REGEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        out_file.write_bytes(result.stdout_bytes)
        code_file.write_text(f"{result.exit_code}\n", encoding="utf-8")
        if result.stderr:
            err_file.write_text(result.stderr, encoding="utf-8")
        else:
            err_file.unlink(missing_ok=True)
    expected_err = err_file.read_text(encoding="utf-8") if err_file.exists() else ""
    assert result.stderr == expected_err
    assert result.stdout_bytes.decode("utf-8") == out_file.read_bytes().decode("utf-8")
    assert result.exit_code == int(code_file.read_text(encoding="utf-8"))


def test_every_golden_file_has_a_command() -> None:
    names = {path.stem for path in Path(GOLDEN).iterdir() if path.suffix in {".out", ".code", ".err"}}
    assert names == set(COMMANDS)
