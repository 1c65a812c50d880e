"""A draft as a pledge file (TOML with comments for a person to check) and as a summary."""

from __future__ import annotations

from decimal import Decimal

from pledgecli.draft.engine import Draft, DraftTarget, Note, Reason, Status
from pledgecli.draft.source import SourceLine, Where
from pledgecli.i18n import N_, _
from pledgecli.models import Rule


def _quote(text: str) -> str:
    """A TOML basic string."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, in double quotes."""
    return _quote(text)


def _comment(text: str) -> str:
    return " ".join(text.split())


def where(line: SourceLine) -> str:
    """``line 12``, ``paragraph 4``, ``row 7`` in the reader's language."""
    if line.where is Where.ROW:
        return _("row {row}").format(row=line.number)
    if line.where is Where.PARAGRAPH:
        return _("paragraph {number}").format(number=line.number)
    return _("line {number}").format(number=line.number)


def _number(value: Decimal) -> str:
    from pledgecli.collect.numbers import toml_text

    return toml_text(value)


def _threshold(target: DraftTarget) -> str:
    value = target.value
    if isinstance(value, bool):
        return "true" if value else "false"
    assert isinstance(value, Decimal)
    if target.percent:
        return _quote(f"{_number(value)}%")
    return _number(value)


_NOTES = {
    Note.READ_AS_AT_LEAST: N_('no word for the comparison: read as "at least"'),
    Note.SHARED_RULE: N_("comparison shared with the first part of the line"),
    Note.SHARED_BASE: N_("base shared with another part of the line"),
    Note.BASELINE_NOT_STATED: N_("the text names no baseline: compared with the year before"),
    Note.NEW_METRIC: N_("new metric id made from the text: check it"),
    Note.NEW_PER: N_("new metric id for the base of the ratio: check it"),
    Note.EVERY_MEMBER: N_("yes for every signatory"),
    Note.FROM_COLUMN: N_("threshold and rule columns of the spreadsheet"),
}

_REASONS = {
    Reason.SEVERAL_FIGURES: N_("several figures ({detail}) and no way to tell the threshold"),
    Reason.STRICT_GROWTH: N_(
        "growth of more than {detail}: the format has growth_at_least (from {detail} up)"
    ),
    Reason.CHANGE_BY_COUNT: N_(
        "a change by a count ({detail}): the format judges growth as a percentage"
    ),
    Reason.NOT_A_NUMBER: N_('"{detail}" is not a number (or is ambiguous)'),
    Reason.BASELINE_NOT_BEFORE: N_("baseline year {detail} is not before the pledge's year"),
    Reason.COLUMN_DISAGREES: N_("the text and the threshold column disagree ({detail})"),
    Reason.BAD_COLUMN: N_('the spreadsheet column says "{detail}", which is not a threshold'),
}


def reason_text(target: DraftTarget) -> str:
    assert target.reason is not None
    return _(_REASONS[target.reason]).format(detail=target.detail)


def rule_text(target: DraftTarget) -> str:
    """``at least 20``, ``at least 60% of coops_active``, ``growth at least +10%``..."""
    rule = target.rule
    if rule is Rule.MUST_BE:
        if target.judged_by_cluster:
            return _("yes/no, judged by the cluster")
        return _("yes/no: must be yes")
    assert rule is not None and isinstance(target.value, Decimal)
    figure = _number(target.value) + ("%" if target.percent else "")
    if rule.is_growth:
        signed = figure if figure.startswith("-") else "+" + figure
        if rule is Rule.GROWTH_AT_LEAST:
            text = _("growth at least {figure}").format(figure=signed)
        else:
            text = _("growth at most {figure}").format(figure=signed)
        if target.baseline_year is not None:
            text += " " + _("over {year}").format(year=target.baseline_year)
        return text
    if target.unit:
        figure = f"{figure} {target.unit}"
    words = {
        Rule.AT_LEAST: _("at least {figure}"),
        Rule.AT_MOST: _("at most {figure}"),
        Rule.ABOVE: _("more than {figure}"),
        Rule.BELOW: _("less than {figure}"),
    }
    text = words[rule].format(figure=figure)
    if target.per is not None:
        text += " " + _("of {per}").format(per=target.per)
    return text


def to_toml(result: Draft, source: str = "") -> str:
    """The draft pledge file: every target, comments on what to check, and every target
    not understood as a commented block with its text."""
    out = [
        "# " + _("Draft pledge made by pledge draft from {source}.").format(source=source),
        "# " + _("Check every target against the signed text, then run pledge validate."),
    ]
    if result.year is not None and result.cluster:
        out.append(
            "# "
            + _("Save it as pledges/{year}/{cluster}.toml").format(
                year=result.year, cluster=result.cluster
            )
        )
    out.append("")
    if result.name:
        out.append(f"name = {_quote(result.name)}  # " + _("from the document: check it"))
    else:
        out.append("# name = " + _quote("Cụm thi đua ...") + "  # " + _("required"))
    out.append("# signed_on = YYYY-MM-DD")
    out.append("# leader = " + _quote("...") + "  # " + _("the cụm trưởng, one of provinces"))
    out.append(
        "# provinces = ["
        + _quote("...")
        + "]  # "
        + _("required: the signatories, by id or name (e.g. an-giang or An Giang)")
    )
    for heading in result.headings:
        out.extend(["", "# " + where(heading) + ": " + _comment(heading.text)])
    for target in result.targets:
        out.append("")
        out.extend(_block(target))
    return "\n".join(out) + "\n"


def target_lines(target: DraftTarget) -> list[str]:
    """One target as a block of the pledge file (commented out when not understood)."""
    return _block(target)


def _block(target: DraftTarget) -> list[str]:
    lines = []
    if target.parts > 1 and target.part == 1:
        lines.append(
            "# "
            + _("{where}, split into {count} targets: {text}").format(
                where=where(target.source), count=target.parts, text=_comment(target.source.text)
            )
        )
    elif target.parts == 1:
        lines.append("# " + where(target.source))
    body = [
        "[[targets]]",
        f"id = {_quote(target.id)}",
        f"text = {_quote(_comment(target.text))}",
    ]
    metric = f"metric = {_quote(target.metric)}"
    if target.metric_new:
        metric += "  # " + _(_NOTES[Note.NEW_METRIC])
    body.append(metric)
    if target.status is Status.NOT_UNDERSTOOD:
        lines.append("# " + _("NOT UNDERSTOOD: {reason}.").format(reason=reason_text(target)))
        lines.append(
            "# " + _("Finish this target by hand (its rule and threshold), then uncomment it:")
        )
        body.append("# at_least = ")
        return lines + ["# " + line for line in body]
    if target.per is not None:
        per = f"per = {_quote(target.per)}"
        if target.per_new:
            per += "  # " + _(_NOTES[Note.NEW_PER])
        body.append(per)
    if target.unit:
        body.append(f"unit = {_quote(target.unit)}")
    if target.baseline_year is not None:
        body.append(f"baseline_year = {target.baseline_year}")
    if target.judged_by_cluster:
        body.append(
            'judged_by = "cluster"  # '
            + _("no figure to judge: the cluster records yes or no at the review")
        )
    assert target.rule is not None
    rule = f"{target.rule.value} = {_threshold(target)}"
    remarks = [_(_NOTES[n]) for n in target.notes if n not in {Note.NEW_METRIC, Note.NEW_PER}]
    if remarks:
        rule += "  # " + "; ".join(remarks)
    body.append(rule)
    return lines + body


_STATUS = {
    Status.UNDERSTOOD: N_("understood"),
    Status.SPLIT: N_("understood (part of a split line)"),
    Status.JUDGED: N_("no figure: yes/no judged by the cluster"),
    Status.NOT_UNDERSTOOD: N_("NOT UNDERSTOOD, kept as a comment"),
}


def summary_lines(result: Draft) -> list[str]:
    """What was understood, target by target, in the reader's language."""
    lines = []
    if result.context_lines:
        lines.append(
            _("{count} lines outside the list of targets were read as the text around it").format(
                count=result.context_lines
            )
        )
    if result.year_inferred:
        lines.append(
            _("year {year}: the growth targets compare with {baseline}; give --year to change it")
            .format(year=result.year, baseline=(result.year or 1) - 1)
        )  # fmt: skip
    for target in result.targets:
        head = where(target.source)
        if target.parts > 1:
            head = _("{where}, part {part} of {parts}").format(
                where=head, part=target.part, parts=target.parts
            )
        if target.status is Status.NOT_UNDERSTOOD:
            detail = reason_text(target)
        else:
            detail = rule_text(target)
            if target.metric_new:
                detail += ", " + _("new metric {metric}").format(metric=target.metric)
            else:
                detail += ", " + _("metric {metric}").format(metric=target.metric)
        status = _(_STATUS[target.status])
        line = f"{head}: {target.id}: {detail}: {status}"
        extra = [
            _(_NOTES[n])
            for n in target.notes
            if n not in {Note.NEW_METRIC, Note.EVERY_MEMBER, Note.FROM_COLUMN}
        ]
        if extra:
            line += " (" + "; ".join(extra) + ")"
        lines.append(line)
    counts = {status: sum(t.status is status for t in result.targets) for status in Status}
    lines.append(
        _(
            "{total} targets: {understood} understood, {split} from split lines, "
            "{judged} judged by the cluster, {missed} not understood"
        ).format(
            total=len(result.targets),
            understood=counts[Status.UNDERSTOOD],
            split=counts[Status.SPLIT],
            judged=counts[Status.JUDGED],
            missed=counts[Status.NOT_UNDERSTOOD],
        )
    )
    return lines
