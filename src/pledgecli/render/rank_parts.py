"""What ``rank`` and the reports add to the ranking: bands, scores on the reported and the
verified figures, self-scores, and the flag and certificate nominations (sentences, cells
and JSON)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from pledgecli.display import number
from pledgecli.i18n import N_, _, ngettext
from pledgecli.ratings import Award, Ineligible, Nomination, band_label
from pledgecli.render.document import Block, Cell, Column, Paragraph, TableBlock
from pledgecli.render.grid import correction_line
from pledgecli.render.json import check_json, correction_json, json_number
from pledgecli.render.review_parts import Names, _name, _points
from pledgecli.review import PledgeReview
from pledgecli.verification import ScoreCheck

NONE = "—"


def _has_corrections(review: PledgeReview) -> bool:
    return any(check.corrections for check in review.checks.values())


def _has_self_scores(review: PledgeReview) -> bool:
    return any(check.self_score is not None for check in review.checks.values())


def extra_columns(review: PledgeReview, every_column: bool) -> tuple[Column, ...]:
    """The columns after the counts: only those the pledge needs, unless ``every_column``
    (CSV: a fixed header)."""
    bands = every_column or bool(review.pledge.scoring.bands)
    columns = [
        (bands, Column("band", _("Band"))),
        (every_column, Column("reported_score", _("Score reported"), numeric=True)),
        (every_column, Column("verified_score", _("Score verified"), numeric=True)),
        (every_column, Column("score_difference", _("Difference"), numeric=True)),
        (every_column, Column("self_score", _("Self-score"), numeric=True)),
        (every_column, Column("self_score_differs", _("Self-score differs"))),
        (every_column, Column("flag", _("Emulation flag"))),
        (every_column, Column("certificate", _("Certificate of merit"))),
    ]
    return tuple(column for wanted, column in columns if wanted)


def nomination_status(nomination: Nomination | None, province: str) -> str | None:
    """``nominee``, ``tied``, ``alternate``, why it is ineligible, or None."""
    if nomination is None:
        return None
    if province in nomination.nominees:
        return "nominee"
    if province in nomination.tied:
        return "tied"
    if province in nomination.alternates:
        return "alternate"
    why = nomination.ineligible.get(province)
    return why.value if why is not None else None


STATUS_WORDS = {
    "nominee": N_("proposed"),
    "tied": N_("tied"),
    "alternate": N_("alternate"),
    Ineligible.NOT_ALL_MET.value: N_("not every target met"),
    Ineligible.BELOW_BAND.value: N_("band too low"),
}


def _status_cell(nomination: Nomination | None, province: str) -> Cell:
    status = nomination_status(nomination, province)
    return Cell(_(STATUS_WORDS[status]) if status else "", status)


EXTRA_KEYS = (
    "band",
    "reported_score",
    "verified_score",
    "score_difference",
    "self_score",
    "self_score_differs",
    "flag",
    "certificate",
)


def extra_cells(
    review: PledgeReview, province: str, wanted: Collection[str] = EXTRA_KEYS
) -> list[tuple[str, Cell]]:
    """The extra cells of ``province``'s row keyed as :func:`extra_columns`: those
    ``wanted`` (every one by default), in that order, each made only when wanted."""
    cells: list[tuple[str, Cell]] = []
    if "band" in wanted:
        band = review.bands.get(province)
        cells.append(("band", Cell(band_label(band) if band else NONE, band)))
    if any(key in wanted for key in _SCORE_KEYS):
        cells += [(key, cell) for key, cell in _score_cells(review, province) if key in wanted]
    if "flag" in wanted:
        cells.append(("flag", _status_cell(review.flag, province)))
    if "certificate" in wanted:
        cells.append(("certificate", _status_cell(review.certificates, province)))
    return cells


_SCORE_KEYS = EXTRA_KEYS[1:6]


def _score_cells(review: PledgeReview, province: str) -> list[tuple[str, Cell]]:
    check = review.checks.get(province)
    if check is None:
        cells = [
            (key, Cell("", None))
            for key in ("reported_score", "verified_score", "score_difference", "self_score")
        ]
        cells.append(("self_score_differs", Cell("", False)))
        return cells
    difference = check.difference
    sign = "+" if difference > 0 else ""
    own = check.self_score
    return [
        ("reported_score", _points(check.reported)),
        ("verified_score", _points(check.verified)),
        ("score_difference", Cell(sign + number(difference), json_number(difference))),
        (
            "self_score",
            Cell(NONE, None)
            if own is None
            else Cell(number(own) + (" ≠" if check.self_differs else ""), json_number(own)),
        ),
        ("self_score_differs", Cell("", check.self_differs)),
    ]


def verification_table(review: PledgeReview, names: Names) -> TableBlock | None:
    """Each province's score on its reported and on the verified figures, the difference
    and its own score, when the pledge has corrections or self-scores (else None)."""
    if not (_has_corrections(review) or _has_self_scores(review)):
        return None
    wanted = ("reported_score", "verified_score", "score_difference", "self_score")
    columns = tuple(c for c in extra_columns(review, True) if c.key in wanted)
    body = tuple(
        (
            Cell(_name(names, entry.score.province), entry.score.province),
            *(cell for _key, cell in extra_cells(review, entry.score.province, wanted)),
        )
        for entry in review.ranking
    )
    return TableBlock(
        (Column("province", _("Province")), *columns),
        body,
        title=_("Scores on the reported and on the verified figures"),
        notes=tuple(verification_notes(review, names, review.checks)),
    )


def verification_notes(
    review: PledgeReview, names: Names, checks: Mapping[str, ScoreCheck]
) -> list[str]:
    """Under the ranking: what the corrections changed, province by province, and every
    self-score that differs from the computed score."""
    notes: list[str] = []
    for entry in review.ranking:
        check = checks.get(entry.score.province)
        if check is None:
            continue
        name = _name(names, check.province)
        if check.corrections:
            notes.append(
                _(
                    "{province}: {reported} points on its reported figures, {verified} on the "
                    "figures verified by the cluster ({difference})."
                ).format(
                    province=name,
                    reported=number(check.reported),
                    verified=number(check.verified),
                    difference=("+" if check.difference > 0 else "") + number(check.difference),
                )
            )
            notes += ["  " + correction_line(name, c) for c in check.corrections]
        if check.self_differs and check.self_score is not None:
            notes.append(
                _(
                    "{province}: its own score (tự chấm) {own} differs from the computed {score}."
                ).format(province=name, own=number(check.self_score), score=number(check.verified))
            )
    return notes


def _listed(review: PledgeReview, names: Names, provinces: Sequence[str]) -> str:
    return ", ".join(
        _("{province} ({score} points)").format(
            province=_name(names, p), score=number(review.scores[p].score)
        )
        for p in provinces
    )


def _flag_lines(review: PledgeReview, names: Names, flag: Nomination) -> list[str]:
    lines: list[str] = []
    if flag.quota == 0:
        return [_("The pledge proposes no one for the emulation flag (flag_quota = 0).")]
    if not flag.proposed:
        reasons = set(flag.ineligible.values())
        if reasons == {Ineligible.NOT_ALL_MET}:
            lines.append(
                _("No province can be proposed for the emulation flag: none met every target.")
            )
        else:
            lines.append(_("No province can be proposed for the emulation flag: none is eligible."))
    if flag.nominees:
        lines.append(
            _("Proposed for the emulation flag (Cờ thi đua): {provinces}.").format(
                provinces=_listed(review, names, flag.nominees)
            )
        )
    if flag.tied:
        if not flag.nominees and flag.seats_left == 1:
            text = _("Tied for the emulation flag (Cờ thi đua): {provinces}; the cluster decides.")
        else:
            text = ngettext(
                "Tied for the {count} seat left of the emulation flag (Cờ thi đua): "
                "{provinces}; the cluster decides.",
                "Tied for the {count} seats left of the emulation flag (Cờ thi đua): "
                "{provinces}; the cluster decides.",
                flag.seats_left,
            )
        lines.append(
            text.format(count=flag.seats_left, provinces=_listed(review, names, flag.tied))
        )
    top = review.ranking[0].score.province if review.ranking else None
    if top is not None and flag.ineligible.get(top) is Ineligible.NOT_ALL_MET:
        lines.append(
            _(
                "{province} scored highest but did not meet every target, which the pledge "
                "requires."
            ).format(province=_name(names, top))
        )
    return lines


def _alternates(review: PledgeReview, names: Names, nomination: Nomination) -> list[str]:
    if not nomination.alternates:
        return []
    if nomination.award is Award.FLAG:
        text = ngettext(
            "Alternate for the emulation flag, in rank order: {provinces}.",
            "Alternates for the emulation flag, in rank order: {provinces}.",
            len(nomination.alternates),
        )
    else:
        text = ngettext(
            "Alternate for a certificate of merit, in rank order: {provinces}.",
            "Alternates for a certificate of merit, in rank order: {provinces}.",
            len(nomination.alternates),
        )
    return [text.format(provinces=_listed(review, names, nomination.alternates))]


def _certificate_lines(review: PledgeReview, names: Names, cert: Nomination) -> list[str]:
    if cert.quota == 0:
        return []
    lines: list[str] = []
    if not cert.proposed:
        lines.append(
            _(
                "No province can be proposed for a certificate of merit (Bằng khen): none is eligible."
            )
        )
    if cert.nominees:
        lines.append(
            ngettext(
                "Proposed for a certificate of merit (Bằng khen), {quota} at most: {provinces}.",
                "Proposed for a certificate of merit (Bằng khen), {quota} at most: {provinces}.",
                cert.quota,
            ).format(quota=cert.quota, provinces=_listed(review, names, cert.nominees))
        )
    if cert.tied:
        lines.append(
            ngettext(
                "Tied for the {count} certificate of merit left: {provinces}; the cluster decides.",
                "Tied for the {count} certificates of merit left: {provinces}; the cluster "
                "decides.",
                cert.seats_left,
            ).format(count=cert.seats_left, provinces=_listed(review, names, cert.tied))
        )
    return lines


def nomination_lines(review: PledgeReview, names: Names) -> list[str]:
    """The flag (proposed, tied, alternates), then certificates of merit."""
    lines: list[str] = []
    if review.flag is not None:
        lines += _flag_lines(review, names, review.flag)
        lines += _alternates(review, names, review.flag)
    if review.certificates is not None:
        lines += _certificate_lines(review, names, review.certificates)
        lines += _alternates(review, names, review.certificates)
    return lines


def nomination_blocks(review: PledgeReview, names: Names) -> list[Block]:
    """The nominations as paragraphs, the first (the flag) in bold."""
    lines = nomination_lines(review, names)
    return [Paragraph(line, strong=index == 0) for index, line in enumerate(lines)]


def nomination_json(nomination: Nomination | None) -> dict[str, object] | None:
    if nomination is None:
        return None
    return {
        "quota": nomination.quota,
        "nominees": list(nomination.nominees),
        "tied": list(nomination.tied),
        "seats_left": nomination.seats_left,
        "alternates": list(nomination.alternates),
        "ineligible": {p: why.value for p, why in nomination.ineligible.items()},
    }


def entry_json(review: PledgeReview, province: str) -> dict[str, object]:
    """The fields a ranking entry gains: band, the two scores, the self-score, corrections."""
    check = review.checks.get(province)
    return {
        "band": review.bands.get(province),
        **check_json(check),
        "corrections": [correction_json(c) for c in check.corrections] if check else [],
        "flag": nomination_status(review.flag, province),
        "certificate": nomination_status(review.certificates, province),
    }


def review_json(review: PledgeReview) -> dict[str, object]:
    """The fields a pledge of ``rank --format json`` gains."""
    pledge = review.pledge
    return {
        "deputy": pledge.deputy,
        "next_deputy": pledge.next_deputy,
        "bands": [
            {"name": name, "at_least": json_number(bound)}
            for name, bound in sorted(pledge.scoring.bands.items(), key=lambda item: -item[1])
        ],
        "nominations": {
            "flag": nomination_json(review.flag),
            "certificate": nomination_json(review.certificates),
        },
    }
