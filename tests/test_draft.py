"""``pledge draft``: from the targets as signed to a pledge file.

The two real pledges (seeds 003 and 002) must come out as the bundled data states
them; a table covers every phrasing the drafts read, and the numbers that are not
thresholds; Word and Excel inputs are built here with python-docx and openpyxl.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED, Run

from pledgecli.draft import SourceLine, Status, draft, metric_for, read_source, to_toml
from pledgecli.draft.engine import DraftTarget, Reason
from pledgecli.load import load

SEEDS = BUNDLED.parent.parent.parent / "shared" / "seeds"


def _seed(number: str) -> Path:
    found = sorted(SEEDS.glob(f"{number}_*.txt")) or sorted(
        Path("/work/shared/seeds").glob(f"{number}_*.txt")
    )
    if not found:
        pytest.skip(f"seed {number} is not on this machine")
    return found[0]


def _targets(toml_text: str) -> list[dict[str, Any]]:
    targets: list[dict[str, Any]] = tomllib.loads(toml_text)["targets"]
    return targets


def _rule(target: dict[str, Any]) -> tuple[str, object]:
    rules = [
        k
        for k in (
            "at_least", "at_most", "above", "below", "growth_at_least", "growth_at_most", "must_be"
        )
        if k in target
    ]  # fmt: skip
    assert len(rules) == 1, target
    return rules[0], target[rules[0]]


# -- the real pledges -------------------------------------------------------------


def test_seed_003_gives_the_bundled_2021_pledge(run: Run, tmp_path: Path) -> None:
    code, out, err = run(["draft", str(_seed("003")), "--cluster", "tay-nam-song-hau"])
    assert code == 0, err
    drafted = _targets(out)
    bundled = tomllib.loads((BUNDLED / "pledges/2021/tay-nam-song-hau.toml").read_text())
    signed = [t for t in bundled["targets"] if t.get("scope") != "cluster"]
    assert [_rule(t) for t in drafted] == [_rule(t) for t in signed]
    assert [t.get("per") for t in drafted] == [t.get("per") for t in signed]
    assert [t["metric"] for t in drafted] == [t["metric"] for t in signed]
    assert [t["text"] for t in drafted] == [t["text"] for t in signed]
    # the only target without a figure is judged by the cluster
    assert [t["id"] for t in drafted if t.get("judged_by") == "cluster"] == ["training-plan-done"]
    assert "# Save it as pledges/2021/tay-nam-song-hau.toml" in out
    assert "23 lines outside the list of targets were read as the text around it" in err
    assert "11 targets: 7 understood, 3 from split lines, 1 judged by the cluster, 0 not" in err
    # with its signatories filled in, the draft is a valid pledge of the bundled data
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    provinces = bundled["provinces"]
    filled = out.replace(
        '# provinces = ["..."]', "provinces = [" + ", ".join(f'"{p}"' for p in provinces) + "]"
    )
    (data / "pledges/2021/tay-nam-song-hau.toml").write_text(filled, encoding="utf-8")
    loaded = load(data, 2021)
    assert loaded.ok, [d.render() for d in loaded.diagnostics]


def test_seed_002_gives_the_2022_targets_it_states(tmp_path: Path, run: Run) -> None:
    seed = _seed("002").read_text(encoding="utf-8")
    # the sentence of the review that states the 2022 targets, as published
    stated = re.search(r"phấn đấu nâng tỷ lệ.*?v\.v\.\.", seed)
    assert stated is not None
    source = tmp_path / "2022.txt"
    source.write_text(stated.group(0) + "\n", encoding="utf-8")
    code, out, err = run(["draft", str(source), "--year", "2022"])
    assert code == 0, err
    drafted = _targets(out)
    assert [(_rule(t), t.get("per")) for t in drafted] == [
        (("at_least", "70%"), "coops_active"),
        (("at_least", "80%"), "coops_active"),
        (("at_least", 2), None),
    ]
    assert [t["text"] for t in drafted] == [
        "phấn đấu nâng tỷ lệ hợp tác xã hoạt động có hiệu quả trong lĩnh vực nông nghiệp đạt 70%",
        "trong lĩnh vực phi nông nghiệp đạt 80% trở lên trên tổng số hợp tác xã đang hoạt động",
        "Trong năm, Liên minh Hợp tác xã các tỉnh, thành phố xây dựng mới ít nhất 02 mô hình "
        "Hợp tác xã phát triển sản xuất gắn với chuỗi giá trị có quy mô lớn, có sức lan tỏa "
        "trong ngành, lĩnh vực",
    ]
    # agriculture and the rest are two metrics, neither in the catalogue: marked for review
    agriculture, other = drafted[0]["metric"], drafted[1]["metric"]
    assert agriculture != other
    assert out.count("new metric id made from the text: check it") == 2
    assert drafted[2]["metric"] == "value_chain_models_new"
    assert "3 targets: 0 understood, 3 from split lines, 0 judged by the cluster" in err


# -- every phrasing ---------------------------------------------------------------

# (text, [(rule, threshold as written in the file, extra keys)]); "?" = not understood
PHRASINGS: list[tuple[str, list[tuple[str, object, dict[str, object]]]]] = [
    ("Thành lập mới ít nhất 20 HTX", [("at_least", 20, {})]),
    ("Kết nạp tối thiểu 500 thành viên mới", [("at_least", 500, {})]),
    ("Thành lập mới 15 HTX trở lên", [("at_least", 15, {})]),
    ("Tỷ lệ HTX khá, tốt từ 50% trở lên", [("at_least", "50%", {})]),
    (
        "HTX hoạt động có hiệu quả đạt 60% trở lên trên tổng số HTX đang hoạt động",
        [("at_least", "60%", {"per": "coops_active", "metric": "coops_effective"})],
    ),
    (
        "Có 60% số hộ dân nông thôn tham gia thành viên HTX, THT",
        [("at_least", "60%", {"per": "households_rural", "metric": "households_member"})],
    ),
    ("100% HTX nông nghiệp đều có kế hoạch sản xuất", [("must_be", True, {})]),
    ("Liên minh HTX các tỉnh đều có Quỹ Hỗ trợ phát triển HTX", [("must_be", True, {})]),
    (
        "Số thành viên HTX tăng 10% so năm 2019",
        [("growth_at_least", "10%", {"baseline_year": 2019})],
    ),
    ("Số thành viên HTX tăng 10% so năm 2020", [("growth_at_least", "10%", {})]),
    ("Doanh thu tăng từ 5% trở lên so với năm trước", [("growth_at_least", "5%", {})]),
    ("Lợi nhuận tăng 12% so với cùng kỳ", [("growth_at_least", "12%", {})]),
    ("Số HTX yếu kém giảm 20% so với năm 2020", [("growth_at_most", "-20%", {})]),
    ("Số HTX ngừng hoạt động không quá 10", [("at_most", 10, {})]),
    ("Tỷ lệ nợ quá hạn không quá 0,5%", [("at_most", "0.5%", {})]),
    ("Số HTX giải thể dưới 5", [("below", 5, {})]),
    ("Số HTX yếu kém giảm xuống dưới 10%", [("below", "10%", {})]),
    ("Số HTX có doanh thu trên 1 tỷ đồng", [("above", 1, {"unit": "tỷ đồng"})]),
    ("Thu nhập bình quân hơn 50 nghìn đồng mỗi ngày", [("above", 50, {"unit": "nghìn đồng"})]),
    ("Vốn điều lệ bình quân đạt ít nhất 1,5 tỷ đồng", [("at_least", 1.5, {"unit": "tỷ đồng"})]),
    ("Thành lập mới ít nhất 1.500 THT", [("at_least", 1500, {})]),
    ("Thành lập mới ít nhất một Liên hiệp HTX", [("at_least", 1, {"metric": "unions_new"})]),
    (
        "Thành lập mới ít nhất 20 HTX, 01 Liên hiệp HTX",
        [("at_least", 20, {"metric": "coops_new"}), ("at_least", 1, {"metric": "unions_new"})],
    ),
    (
        "Đạt 70% trong nông nghiệp, 80% trở lên trong phi nông nghiệp trên tổng số HTX đang "
        "hoạt động",
        [
            ("at_least", "70%", {"per": "coops_active"}),
            ("at_least", "80%", {"per": "coops_active"}),
        ],
    ),
    (
        "Ít nhất 02 mô hình HTX, 01 Liên hiệp HTX và 10 THT",
        [("at_least", 2, {}), ("at_least", 1, {}), ("at_least", 10, {})],
    ),
    # no figure: yes/no, judged by the cluster
    (
        "Thực hiện tốt Kế hoạch đào tạo cho cán bộ HTX",
        [("must_be", True, {"judged_by": "cluster"})],
    ),
    # numbers that are not thresholds
    (
        "Tổ chức thành công Đại hội nhiệm kỳ 2020-2025",
        [("must_be", True, {"judged_by": "cluster"})],
    ),
    (
        "Cụm thi đua 6 thực hiện tốt phong trào 5 không, 3 sạch",
        [("must_be", True, {"judged_by": "cluster"})],
    ),
    (
        "Quán triệt Nghị quyết Đại hội lần thứ XII",
        [("must_be", True, {"judged_by": "cluster"})],
    ),
    (
        "Triển khai Nghị định 45/2021/NĐ-CP trong năm 2021",
        [("must_be", True, {"judged_by": "cluster"})],
    ),
    ("Cụm thi đua số 6 thành lập mới ít nhất 02 HTX", [("at_least", 2, {})]),
    # not understood: kept as a comment, never guessed
    ("Số HTX tăng trên 10% so năm 2020", [("?", Reason.STRICT_GROWTH, {})]),
    ("Số HTX tăng thêm 20 HTX", [("?", Reason.CHANGE_BY_COUNT, {})]),
    ("Tăng từ 10% đến 15%", [("?", Reason.SEVERAL_FIGURES, {})]),
    ("Số thành viên đạt 1,500 người", [("?", Reason.NOT_A_NUMBER, {})]),
]


def _as_written(target: DraftTarget) -> object:
    value = target.value
    if isinstance(value, Decimal):
        from pledgecli.collect.numbers import toml_text

        text = toml_text(value)
        if target.percent:
            return f"{text}%"
        return int(text) if text.lstrip("-").isdigit() else float(text)
    return value


@pytest.mark.parametrize(("text", "expected"), PHRASINGS, ids=[p[0][:50] for p in PHRASINGS])
def test_phrasing(text: str, expected: list[tuple[str, object, dict[str, object]]]) -> None:
    result = draft([SourceLine(text, 1)], 2021)
    assert len(result.targets) == len(expected), [t.text for t in result.targets]
    for target, (rule, threshold, extra) in zip(result.targets, expected, strict=True):
        if rule == "?":
            assert target.status is Status.NOT_UNDERSTOOD
            assert target.reason is threshold
            continue
        assert target.status is not Status.NOT_UNDERSTOOD, target.reason
        assert target.rule is not None
        assert (target.rule.value, _as_written(target)) == (rule, threshold)
        for key, value in extra.items():
            shown = {
                "per": target.per,
                "metric": target.metric,
                "unit": target.unit,
                "baseline_year": target.baseline_year,
                "judged_by": "cluster" if target.judged_by_cluster else None,
            }[key]
            assert shown == value, key
        if "judged_by" not in extra:
            assert not target.judged_by_cluster
    # whatever was read, the file is valid TOML and holds every text
    written = to_toml(result, "t.txt")
    parsed = tomllib.loads(written)
    understood = [t for t in result.targets if t.status is not Status.NOT_UNDERSTOOD]
    assert len(parsed.get("targets", [])) == len(understood)
    for target in result.targets:
        assert target.text in written


def test_not_understood_is_kept_as_a_comment_with_its_text(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "targets.md"
    source.write_text(
        "# Chỉ tiêu thi đua năm 2021\n\n"
        "1. Thành lập mới ít nhất 20 HTX\n"
        "2. Số HTX tăng trên 10% so năm 2020\n",
        encoding="utf-8",
    )
    code, out, err = run(["draft", str(source), "--lang", "en"])
    assert code == 0, err
    assert [t["id"] for t in _targets(out)] == ["coops-new"]
    assert '# text = "Số HTX tăng trên 10% so năm 2020"' in out
    assert "# NOT UNDERSTOOD: growth of more than 10" in out
    assert "line 4: htx: growth of more than 10" in err
    assert "2 targets: 1 understood, 0 from split lines, 0 judged by the cluster, 1 not" in err


def test_metric_hook_uses_the_catalogue() -> None:
    assert metric_for("Số thành viên HTX tăng từ 8% trở lên so năm 2020") == "coop_members"
    assert metric_for("Số thành viên Liên minh HTX cấp tỉnh tăng 10%") == "alliance_members"
    assert metric_for("Trồng mới 100 ha rừng") is None


# -- Word and Excel -----------------------------------------------------------------


def test_docx_list_and_table(run: Run, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Cụm thi đua Liên minh HTX 5 tỉnh Tây Nguyên ký kết giao ước năm 2022")
    document.add_paragraph("Thành lập mới ít nhất 20 HTX", style="List Bullet")
    document.add_paragraph("Số thành viên HTX tăng từ 5% trở lên so năm 2021", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "STT", "Nội dung chỉ tiêu"
    table.cell(1, 0).text = "3"
    table.cell(1, 1).text = "Liên minh HTX các tỉnh đều có Quỹ Hỗ trợ phát triển HTX"
    source = tmp_path / "giao-uoc.docx"
    document.save(str(source))
    output = tmp_path / "out" / "tay-nguyen.toml"
    code, out, err = run(["draft", str(source), "-o", str(output), "--cluster", "tay-nguyen"])
    assert (code, out) == (0, ""), err
    drafted = _targets(output.read_text(encoding="utf-8"))
    assert [(_rule(t), t["metric"]) for t in drafted] == [
        (("at_least", 20), "coops_new"),
        (("growth_at_least", "5%"), "coop_members"),
        (("must_be", True), "has_support_fund"),
    ]
    assert 'name = "Cụm thi đua Liên minh HTX 5 tỉnh Tây Nguyên"' in output.read_text()
    assert "paragraph 2: coops-new: at least 20" in err
    # -o never replaces a file without --force, and writes nothing then
    before = output.read_bytes()
    code, _out, err = run(["draft", str(source), "-o", str(output)])
    assert code == 2 and "already exists" in err and "--force" in err
    assert output.read_bytes() == before
    code, _out, err = run(["draft", str(source), "-o", str(output), "--force"])
    assert code == 0, err


def test_xlsx_with_threshold_columns(run: Run, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["STT", "Chỉ tiêu", "Quy tắc", "Ngưỡng", "Đơn vị"])
    sheet.append([1, "Thành lập mới ít nhất 20 HTX", None, None, None])
    sheet.append([2, "Doanh thu bình quân của HTX", "trên", 1.5, "tỷ đồng"])
    sheet.append([3, "HTX hoạt động có hiệu quả trên tổng số HTX đang hoạt động", None, 0.6, None])
    sheet.cell(row=4, column=4).number_format = "0%"
    sheet.append([4, "Kết nạp ít nhất 30 thành viên", None, 40, None])
    source = tmp_path / "chi-tieu.xlsx"
    workbook.save(source)
    lines = read_source(source)
    assert [line.number for line in lines] == [2, 3, 4, 5]
    result = draft(lines, 2022)
    first, amount, ratio, disagree = result.targets
    assert (first.rule and first.rule.value, _as_written(first)) == ("at_least", 20)
    assert (amount.rule and amount.rule.value, _as_written(amount), amount.unit) == (
        "above",
        1.5,
        "tỷ đồng",
    )
    assert (ratio.rule and ratio.rule.value, _as_written(ratio)) == ("at_least", "60%")
    assert disagree.status is Status.NOT_UNDERSTOOD
    assert disagree.reason is Reason.COLUMN_DISAGREES
    code, out, err = run(["draft", str(source), "--lang", "vi"])
    assert code == 0, err
    # the summary and the file's comments are in the reader's language
    assert "dòng 5: ket-nap-thanh-vien: văn bản và cột ngưỡng không khớp nhau (30 / 40)" in err
    assert "# Bản nháp giao ước do pledge draft soạn từ chi-tieu.xlsx." in out
    assert '# text = "Kết nạp ít nhất 30 thành viên"' in out


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("giao-uoc.doc", b"x", "save it as .docx"),
        ("missing.txt", None, "no such file"),
        ("latin.txt", "Thành lập".encode("utf-16"), "not UTF-8"),
        ("empty.txt", b"\n\n", "no target found"),
        ("broken.docx", b"not a zip", "cannot read"),
        ("broken.xlsx", b"not a zip", "cannot read"),
    ],
)
def test_bad_input_exits_2_with_the_file_named(
    run: Run, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(["draft", str(path)])
    assert code == 2
    assert out == ""
    assert name in err and message in err, err
