"""``pledge missing`` groups the figures owed by signatory in one pass: the same groups,
in the same order, as asking for each signatory's figures one by one."""

from __future__ import annotations

from pathlib import Path

from conftest import Run

from pledgecli.render.document import Heading
from pledgecli.render.missing import blocks
from pledgecli.round_outcomes import MissingFigure, MissingOutcome


def _figure(province: str, metric: str, signatory: str, year: int = 2025) -> MissingFigure:
    return MissingFigure(year, province, metric, signatory, "c1", ("t1",), True)


def _outcome(missing: list[MissingFigure], signatories: list[str]) -> MissingOutcome:
    names = {"ca-mau": "Cà Mau", "bac-lieu": "Bạc Liêu", "an-giang": "An Giang"}
    return MissingOutcome(2025, missing, signatories, 12, names, {"coops": "Hợp tác xã"})


def test_grouped_figures_are_each_signatorys_in_list_order() -> None:
    missing = [
        _figure("ca-mau", "coops", "ca-mau"),
        _figure("bac-lieu", "members", "bac-lieu"),
        _figure("ca-mau", "members", "ca-mau"),
        # a merged province's baseline figure, owed for the signatory it merged into
        _figure("bac-lieu", "coops", "ca-mau", year=2024),
        _figure("bac-lieu", "coops", "bac-lieu"),
    ]
    outcome = _outcome(missing, ["ca-mau", "an-giang", "bac-lieu"])
    grouped = outcome.by_signatory()
    for signatory in outcome.signatories:
        assert grouped.get(signatory, []) == outcome.of(signatory)
    assert list(grouped) == ["ca-mau", "bac-lieu"]  # an-giang owes nothing: no group
    assert [f.metric for f in grouped["ca-mau"]] == ["coops", "members", "coops"]


def test_nothing_missing_groups_nothing() -> None:
    outcome = _outcome([], ["ca-mau"])
    assert outcome.by_signatory() == {}
    assert len(blocks(outcome)) == 1  # the summary alone


def test_the_view_lists_each_signatory_once_with_its_own_figures() -> None:
    missing = [
        _figure("ca-mau", "coops", "ca-mau"),
        _figure("bac-lieu", "members", "bac-lieu"),
        _figure("ca-mau", "members", "ca-mau"),
    ]
    outcome = _outcome(missing, ["bac-lieu", "an-giang", "ca-mau"])
    headings = [b.text for b in blocks(outcome) if isinstance(b, Heading)]
    assert headings == ["Bạc Liêu (bac-lieu)", "Cà Mau (ca-mau)"]


def test_missing_on_the_bundled_data_in_both_languages(run: Run, bundled_copy: Path) -> None:
    for lang in ("en", "vi"):
        code, out, err = run(["missing", "2021", "--data", str(bundled_copy), "--lang", lang])
        assert code == 1, err  # some figure still missing
        # each signatory that owes a figure: one heading, with its own figures under it
        assert out.count("Cà Mau (ca-mau)") == 1 and out.count("Hậu Giang (hau-giang)") == 1
        ca_mau, hau_giang = out.index("Cà Mau (ca-mau)"), out.index("Hậu Giang (hau-giang)")
        assert ca_mau < out.index("households_rural") < hau_giang < out.index("alliance_members")
