"""Names welcome in pledge files: provinces, leader, next_leader, deputy and next_deputy
take a province's id, name or alias, with or without diacritics, as --province does."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run, WriteData

PLEDGE = """
    name = "Cụm thử"
    leader = "{leader}"
    next_leader = "dak lak"
    deputy = "TP CẦN THƠ"
    provinces = [{provinces}]

    [[targets]]
    id = "new-coops"
    text = "Thành lập mới ít nhất 2 HTX"
    metric = "coops_new"
    at_least = 2
"""
ACTUALS = {
    "actuals/2021/an-giang.toml": "[metrics]\ncoops_new = 3\n",
    "actuals/2021/can-tho.toml": "[metrics]\ncoops_new = 1\n",
    "actuals/2021/dak-lak.toml": "[metrics]\ncoops_new = 2\n",
}


def _data(
    tmp_path: Path,
    write_data: WriteData,
    provinces_toml: str,
    provinces: str = '"An Giang", "Can Tho", "Daklak"',
    leader: str = "an giang",
) -> Path:
    return write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": PLEDGE.format(leader=leader, provinces=provinces),
            **ACTUALS,
        },
    )


def test_names_are_read_as_ids_and_judged(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = _data(tmp_path, write_data, provinces_toml)
    code, out, err = run(["validate", "--data", str(root)])
    assert (code, err) == (0, "")
    assert "errors: 0, warnings: 0" in out
    code, out, _ = run(["check", "2021", "--data", str(root), "--format", "json"])
    assert code == 1  # Cần Thơ formed 1 of 2: judged under its id
    payload = json.loads(out)
    pledge = payload["pledges"][0]
    assert pledge["leader"] == "an-giang"
    shown = {r["province"]: r["status"] for r in pledge["results"]}
    assert shown == {"an-giang": "met", "can-tho": "missed", "dak-lak": "met"}


def test_validate_verbose_shows_what_each_name_was_read_as(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = _data(tmp_path, write_data, provinces_toml)
    code, out, _ = run(["validate", "--data", str(root), "--verbose"])
    assert code == 0
    notes = [
        line.replace(str(tmp_path) + "/", "") for line in out.splitlines() if ": note: " in line
    ]
    assert notes == [
        'pledges/2021/cum.toml:2: note: "an giang" is An Giang (an-giang)',
        'pledges/2021/cum.toml:3: note: "dak lak" is Đắk Lắk (dak-lak)',
        'pledges/2021/cum.toml:4: note: "TP CẦN THƠ" is Cần Thơ (can-tho)',
        'pledges/2021/cum.toml:5: note: "An Giang" is An Giang (an-giang)',
        'pledges/2021/cum.toml:5: note: "Can Tho" is Cần Thơ (can-tho)',
        'pledges/2021/cum.toml:5: note: "Daklak" is Đắk Lắk (dak-lak)',
    ]
    code, out, _ = run(["validate", "--data", str(root), "-v", "--lang", "vi"])
    assert '"an giang" là An Giang (an-giang)' in out
    code, out, _ = run(["validate", "--data", str(root), "--verbose", "--format", "json"])
    resolved = json.loads(out)["resolved"]
    assert [(r["line"], r["severity"]) for r in resolved][:2] == [(2, "note"), (3, "note")]
    code, out, _ = run(["validate", "--data", str(root), "--format", "json"])
    assert "resolved" not in json.loads(out)  # without --verbose, the output is as before


def test_an_unknown_name_is_still_an_error_on_its_line_with_a_suggestion(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = _data(tmp_path, write_data, provinces_toml, provinces='"An Giang",\n "Can Thoo"')
    code, err, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'cum.toml:6: error: province "Can Thoo" is not in provinces.toml' in err
    assert "did you mean" in err


def test_a_leader_named_but_not_signing_is_refused_by_its_line(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = _data(
        tmp_path, write_data, provinces_toml, provinces='"Can Tho", "Daklak"', leader="An Giang"
    )
    code, err, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'cum.toml:2: error: leader "an-giang" does not sign this pledge' in err


def test_a_province_named_twice_by_name_and_id_is_listed_twice(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = _data(
        tmp_path,
        write_data,
        provinces_toml,
        provinces='"An Giang", "Cần Thơ", "can-tho", "dak-lak"',
    )
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'cum.toml:5: error: "can-tho" is listed twice' in out
