"""Golden outputs of the bundled data, generated from the table of renderers.

Every (view, format) of :data:`pledgecli.render.formats.RENDERERS` has a golden file, in
English and, where the view has words, in Vietnamese (``--lang vi``). The cases are the
hand-written ones below (kept byte for byte since before the table existed, some with
other years or a province) plus one generated case per table entry they leave uncovered,
run on the view's subject in :data:`SUBJECTS`.

``tests/golden/<name>.out`` holds the exact bytes of stdout (CSV keeps its CRLF line
ends), ``<name>.code`` the exit status and ``<name>.err`` stderr where there is any.
A format whose bytes are not text (a future docx or xlsx) is compared structurally: add a
function to :data:`NORMALISE` that turns its bytes into text (paragraphs, cells...); its
golden then holds that text. After an intended change of output, regenerate with
``PLEDGE_REGEN=1 python3 -m pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUNDLED, TESTS, invoke

from pledgecli.render.formats import RENDERERS, formats

GOLDEN = TESTS / "golden"

Key = tuple[str, str, str]  # (view, format, language)

SCORING = "tests/fixtures/scoring"

# Cases written before the table of renderers; their goldens stay byte for byte.
WRITTEN: dict[str, list[str]] = {
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
    # Issue 14 on tests/fixtures/scoring: a corrected figure, self-scores, bands, a tie at
    # the flag's only seat, certificates with an alternate, leaders over two years.
    "rank-2021-csv": ["rank", "2021", "--format", "csv"],  # generated before; kept
    "leaders-table": ["leaders"],
    "leaders-scoring-table": ["leaders", "--data", SCORING],
    "leaders-scoring-table-vi": ["leaders", "--data", SCORING, "--lang", "vi"],
    "leaders-scoring-json": ["leaders", "--data", SCORING, "--format", "json"],
    "rank-scoring-table": ["rank", "2025", "--data", SCORING],
    "rank-scoring-table-vi": ["rank", "2025", "--data", SCORING, "--lang", "vi"],
    "rank-scoring-json": ["rank", "2025", "--data", SCORING, "--format", "json"],
    "rank-scoring-csv": ["rank", "2025", "--data", SCORING, "--format", "csv"],
    "check-scoring-table": ["check", "2025", "--data", SCORING],
    "check-scoring-table-vi": ["check", "2025", "--data", SCORING, "--lang", "vi"],
    "check-scoring-json": ["check", "2025", "--data", SCORING, "--format", "json"],
    "check-scoring-csv": ["check", "2025", "--data", SCORING, "--format", "csv"],
    "report-scoring-markdown": ["report", "2025", "--data", SCORING],
    "report-scoring-markdown-vi": ["report", "2025", "--data", SCORING, "--lang", "vi"],
    "report-scoring-html": ["report", "2025", "--data", SCORING, "--format", "html"],
}

# What each view is shown on when a table entry has no written case: (arguments, name part).
SUBJECTS: dict[str, tuple[list[str], str]] = {
    "check": (["check", "2021"], "2021"),
    "validate": (["validate", "--data", "tests/fixtures/broken"], "broken"),
    "rank": (["rank", "2021"], "2021"),
    "totals": (["totals", "2021"], "2021"),
    "history": (["history", "--province", "an-giang"], "an-giang"),
    "report": (["report", "2021"], "2021"),
    "missing": (["missing", "2021"], "2021"),
    "leaders": (["leaders"], "all"),
}


def docx_text(content: bytes) -> str:
    """A Word document as a reader goes through it: paragraphs, and tables row by row
    (the charts are pictures, left out)."""
    import io

    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(content))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(c.text.replace("\n", " / ") for c in row.cells))
        elif block.text.strip():
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def xlsx_cells(content: bytes) -> str:
    """A workbook as openpyxl reads it: each sheet's cells, row by row, as JSON."""
    import io
    import json

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }
    return json.dumps(sheets, ensure_ascii=False, indent=1, default=str) + "\n"


# Formats whose output is not text: bytes -> comparable text (structure, not bytes).
NORMALISE: dict[str, Callable[[bytes], str]] = {"docx": docx_text, "xlsx": xlsx_cells}


def _option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def key_of(args: list[str]) -> Key:
    """The table entry (and language) a case shows: its command is its view."""
    view = args[0]
    fmt = _option(args, "--format") or formats(view)[0]
    return view, fmt, _option(args, "--lang") or "en"


def table_keys() -> set[Key]:
    """Every (view, format) of the table in English, and in Vietnamese where it has words."""
    keys: set[Key] = set()
    for (view, fmt), (_writer, words) in RENDERERS.items():
        keys.add((view, fmt, "en"))
        if words:
            keys.add((view, fmt, "vi"))
    return keys


def generated_cases() -> dict[str, list[str]]:
    covered = {key_of(args) for args in WRITTEN.values()}
    cases: dict[str, list[str]] = {}
    for view, fmt, lang in sorted(table_keys() - covered):
        args, subject = SUBJECTS[view]
        name = f"{view}-{subject}-{fmt}" + ("-vi" if lang == "vi" else "")
        cases[name] = [*args, "--format", fmt] + (["--lang", lang] if lang != "en" else [])
    return cases


CASES: dict[str, list[str]] = {**WRITTEN, **generated_cases()}


@pytest.mark.parametrize(("name", "args"), list(CASES.items()), ids=list(CASES))
def test_golden(name: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BUNDLED.parent)
    result = invoke(args if "--data" in args else [*args, "--data", "data"])
    out_file, code_file = GOLDEN / f"{name}.out", GOLDEN / f"{name}.code"
    err_file = GOLDEN / f"{name}.err"  # only where the command writes to stderr
    normalise = NORMALISE.get(key_of(args)[1])
    stdout = result.stdout_bytes if normalise is None else normalise(result.stdout_bytes).encode()
    if os.environ.get("PLEDGE_REGEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        out_file.write_bytes(stdout)
        code_file.write_text(f"{result.exit_code}\n", encoding="utf-8")
        if result.stderr:
            err_file.write_text(result.stderr, encoding="utf-8")
        else:
            err_file.unlink(missing_ok=True)
    assert out_file.exists(), f"no golden for {name}: run with PLEDGE_REGEN=1 and read it"
    expected_err = err_file.read_text(encoding="utf-8") if err_file.exists() else ""
    assert result.stderr == expected_err
    assert stdout.decode("utf-8") == out_file.read_bytes().decode("utf-8")
    assert result.exit_code == int(code_file.read_text(encoding="utf-8"))


def test_every_golden_file_has_a_command() -> None:
    names = {
        path.stem for path in Path(GOLDEN).iterdir() if path.suffix in {".out", ".code", ".err"}
    }
    assert names == set(CASES)


def test_every_table_entry_has_a_golden_and_every_golden_an_entry() -> None:
    shown = {key_of(args) for args in CASES.values()}
    assert shown == table_keys()
    assert all((GOLDEN / f"{name}.out").exists() for name in CASES)


def test_a_format_added_to_the_table_gets_its_goldens(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator follows the table: a new format is a missing golden, in both languages."""
    table = {**RENDERERS, ("rank", "docx"): ("pledgecli.render.rank:write_docx", True)}
    monkeypatch.setattr(f"{__name__}.RENDERERS", table)
    new = {name: key_of(args) for name, args in generated_cases().items()}
    assert new["rank-2021-docx"] == ("rank", "docx", "en")
    assert new["rank-2021-docx-vi"] == ("rank", "docx", "vi")
    assert not (GOLDEN / "rank-2021-docx.out").exists()
