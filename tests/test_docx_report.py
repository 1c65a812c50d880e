"""``report --format docx`` engine: the review in the Decree 30 layout, checked as a Word
file (python-docx reads it back), as text (a golden file) and as LibreOffice prints it."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from office import need, run, soffice_convert

from pledgecli.diagnostics import UserError
from pledgecli.i18n import set_language
from pledgecli.render.docx_report import SUMMARY_ABOVE, Header, docx_bytes, place_and_date
from pledgecli.service import CheckRequest, run_review

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def build(root: Path, year: int, lang: str = "vi", *, charts: bool = True) -> bytes:
    set_language(lang)
    outcome = run_review(CheckRequest(year, root))
    return docx_bytes(outcome.report, outcome.reviews, outcome.names, charts=charts)


def text_of(content: bytes) -> str:
    """The document as a reader goes through it: paragraphs, and tables row by row."""
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


def test_the_document_reads_as_the_golden_text(bundled: Path) -> None:
    """Structure and wording of the 2021 review in Vietnamese (charts are pictures)."""
    text = text_of(build(bundled, 2021, "vi", charts=False))
    golden = GOLDEN / "report-2021-vi.docx.txt"
    assert text == golden.read_text(encoding="utf-8")


def test_administrative_layout(bundled: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT

    document = docx.Document(io.BytesIO(build(bundled, 2021)))
    first = document.sections[0]

    def mm(length: Any) -> float:
        return float(round(length.mm, 1))

    assert (mm(first.page_width), mm(first.page_height)) == (210, 297)  # A4
    assert mm(first.top_margin) == 20 and mm(first.bottom_margin) == 20
    assert mm(first.left_margin) == 30 and mm(first.right_margin) == 15
    assert first.different_first_page_header_footer  # no page number on page 1
    header = first.header._element.xml
    assert "PAGE" in header and '<w:jc w:val="center"/>' in header
    # the scorecard of 12 targets is on a landscape page, the rest portrait
    orientations = [s.orientation for s in document.sections]
    assert WD_ORIENT.LANDSCAPE in orientations and orientations[0] == WD_ORIENT.PORTRAIT
    assert not any(s.different_first_page_header_footer for s in document.sections[1:])
    assert document.styles["Normal"].font.name == "Times New Roman"
    header_table = document.tables[0]
    left, right = header_table.rows[0].cells
    assert left.text.startswith("LIÊN MINH HỢP TÁC XÃ VIỆT NAM\nCỤM THI ĐUA LIÊN MINH HTX")
    motto = right.paragraphs[1].runs[0]
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.bold and motto.underline
    assert right.paragraphs[0].runs[0].bold
    place = header_table.rows[1].cells[1].paragraphs[0].runs[0]
    assert place.italic and place.text == "An Giang, ngày …… tháng …… năm ……"


def test_document_keys_fill_the_header(bundled_copy: Path) -> None:
    pledge = bundled_copy / "pledges" / "2021" / "tay-nam-song-hau.toml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8")
        + '\n[document]\nissuer = "Liên minh HTX Việt Nam"\nnumber = "15/BC-CTĐ"\n'
        'place = "Cần Thơ"\ndate = 2025-12-20\n',
        encoding="utf-8",
    )
    text = text_of(build(bundled_copy, 2021, charts=False))
    assert "LIÊN MINH HTX VIỆT NAM" in text
    assert "Số: 15/BC-CTĐ | Cần Thơ, ngày 20 tháng 12 năm 2025" in text


def test_an_unknown_document_key_is_refused(bundled_copy: Path, run: object) -> None:
    pledge = bundled_copy / "pledges" / "2021" / "tay-nam-song-hau.toml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8") + '\n[document]\nplcae = "Cần Thơ"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserError) as refused:
        run_review(CheckRequest(2021, bundled_copy))
    problem = next(d for d in refused.value.diagnostics if 'unknown key "plcae"' in d.message)
    assert problem.hint is not None and "place" in problem.hint


def test_place_and_date_as_decree_30_writes_them() -> None:
    set_language("vi")
    header = Header("X", "Y", "1/BC", "Cần Thơ", date(2026, 1, 5))
    assert place_and_date(header) == "Cần Thơ, ngày 05 tháng 01 năm 2026"
    header = Header("X", "Y", "1/BC", "Cần Thơ", date(2025, 12, 20))
    assert place_and_date(header) == "Cần Thơ, ngày 20 tháng 12 năm 2025"
    set_language("en")
    assert place_and_date(header) == "Cần Thơ, 20/12/2025"


def test_english_document(bundled: Path) -> None:
    text = text_of(build(bundled, 2025, "en", charts=False))
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text
    assert "Independence - Freedom - Happiness" in text
    # the merger footnote and the tie for the flag
    assert "† Baseline 2024 assembled from former provinces:" in text
    assert "Cần Thơ = Cần Thơ + Sóc Trăng + Hậu Giang" in text
    assert "Tied for the emulation flag (Cờ thi đua): An Giang (100 points)" in text
    assert "Cà Mau | Thành lập mới ít nhất 30 HTX | ≥ 30 | 27 | -3 | ✗ missed" in text


def test_what_is_missing_is_named(bundled: Path) -> None:
    text = text_of(build(bundled, 2021, "en", charts=False))
    assert "Cà Mau, T6: missing Rural households that are co-operative members (2021)" in text
    assert "Hậu Giang, T8: missing Members of the provincial co-operative alliance (2020)" in text


def test_hostile_text_stays_text(bundled_copy: Path) -> None:
    provinces = bundled_copy / "provinces.toml"
    content = provinces.read_text(encoding="utf-8")
    content = content.replace('name = "Cà Mau"', 'name = "Cà Mau <w:p>\\u001b[31m &amp;"', 1)
    provinces.write_text(content, encoding="utf-8")
    text = text_of(build(bundled_copy, 2021, "en", charts=False))
    assert "Cà Mau <w:p>\\x1b[31m &amp;" in text


def test_many_signatories_are_summarised(tmp_path: Path) -> None:
    root = tmp_path / "national"
    generate = Path(__file__).parents[1] / "bench" / "generate.py"
    subprocess.run(
        [
            sys.executable,
            str(generate),
            str(root),
            "--units",
            str(SUMMARY_ABOVE + 5),
            "--targets",
            "12",
        ],
        check=True,
        capture_output=True,
    )
    text = text_of(build(root, 2026, "en", charts=False))
    assert f"{SUMMARY_ABOVE + 5} provinces sign this pledge: as in the terminal" in text
    assert "The 10 provinces that met the fewest targets" in text
    assert f"The 10 highest scores, of {SUMMARY_ABOVE + 5}" in text
    assert "xa-00045 |" not in text.split("The 10 provinces")[0]  # no row per signatory


def test_many_targets_are_summarised_within_words_63_columns(tmp_path: Path) -> None:
    """A pledge of more targets than a page (and Word, at 63 columns) can show side by side
    gets the summary, not a scorecard of one column per target; its few provinces are still
    named and ranked in full."""
    import docx

    root = tmp_path / "many"
    generate = Path(__file__).parents[1] / "bench" / "generate.py"
    targets = SUMMARY_ABOVE + 30
    subprocess.run(
        [sys.executable, str(generate), str(root), "--units", "12", "--targets", str(targets)],
        check=True,
        capture_output=True,
    )
    content = build(root, 2026, "en", charts=False)
    text = text_of(content)
    assert f"This pledge has {targets} targets, more than a page shows side by side" in text
    assert "Signatories (12):" in text  # a dozen provinces are still named
    assert "The 10 provinces that met the fewest targets" in text
    assert "highest scores, of" not in text  # and all twelve ranked
    widest = max(len(t.columns) for t in docx.Document(io.BytesIO(content)).tables)
    assert widest <= 63


def test_libreoffice_prints_an_a4_document_to_sign(bundled: Path, tmp_path: Path) -> None:
    need("soffice", "pdftotext", "pdfinfo", "pdffonts")
    source = tmp_path / "review-2025.docx"
    source.write_bytes(build(bundled, 2025, "vi"))
    (pdf,) = soffice_convert(source, "pdf", tmp_path / "pdf")
    text = run("pdftotext", "-layout", str(pdf), "-")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text
    flat = " ".join(text.split())
    assert "Đồng điểm khi xét đề nghị tặng Cờ thi đua: An Giang (100 điểm)" in flat
    assert "TM. CỤM THI ĐUA" in text and "CỤM TRƯỞNG" in text
    info = run("pdfinfo", str(pdf))
    assert "(A4)" in info
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    first_page = run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    second_page = run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-")
    assert pages >= 3
    assert second_page.lstrip().startswith("2")  # page numbers from page 2, at the top
    assert not first_page.lstrip().startswith("1")
    fonts = run("pdffonts", str(pdf))
    # Times New Roman, or where it is not installed (Debian without the Microsoft fonts)
    # its metric-compatible stand-in, Liberation Serif: the pages break the same way.
    assert "TimesNewRoman" in fonts.replace(" ", "") or "LiberationSerif" in fonts
