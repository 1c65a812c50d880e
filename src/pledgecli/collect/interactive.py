"""``pledge new YEAR --interactive``, the values behind the questions: who signs, what the
draft engine proposes for a target's text, a correction, and the pledge file written
atomically once it validates. The questions themselves are in ``cli/questions.py``."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from pledgecli.collect.writer import write_atomic
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Problem, UserError, display_path
from pledgecli.draft.engine import DraftTarget, Status, draft
from pledgecli.draft.metrics import derived_id
from pledgecli.draft.output import target_lines, toml_string
from pledgecli.draft.source import SourceLine
from pledgecli.i18n import _
from pledgecli.lookup import province_labels, province_suggestion, resolve_province
from pledgecli.merger import former_signatory
from pledgecli.models import Pledge, Rule
from pledgecli.names import fold, is_slug

JUDGED = "judged"
"""The choice of a yes/no target the cluster judges at the review (``judged_by``)."""
COMMENT = "comment"
"""The choice of keeping a target as a commented block, to finish by hand."""
RULE_CHOICES = (*(rule.value for rule in Rule), JUDGED, COMMENT)


@dataclass
class Answers:
    """What the person said so far."""

    year: int
    root: Path
    cluster: str = ""
    name: str = ""
    provinces: list[str] = field(default_factory=list)
    leader: str | None = None
    targets: list[DraftTarget] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.root / "pledges" / str(self.year) / f"{self.cluster}.toml"


def cluster_id(answer: str) -> tuple[str, str | None]:
    """The cluster's id from what was typed (an id, or a name made into one) and the
    name when a name was typed."""
    text = answer.strip()
    if is_slug(text):
        return text, None
    return fold(text).strip("-"), text


def signatories(answer: str, data: DataSet, year: int) -> list[str]:
    """Province ids from names, ids or aliases separated by commas or semicolons;
    :class:`UserError` naming each one not found or merged away by ``year``."""
    labels = province_labels(data.provinces)
    found: list[str] = []
    problems: list[str] = []
    for written in (part.strip() for part in answer.replace(";", ",").split(",")):
        if not written:
            continue
        province = resolve_province(written, data.provinces, labels)
        if province is None:
            hint = province_suggestion(written, data.provinces)
            problems.append(
                _('"{name}" is not a province of provinces.toml').format(name=written)
                + (f" ({hint})" if hint else "")
            )
        elif former_signatory(data.provinces, province, year, None):
            successor = data.provinces[province].merged_into or ""
            problems.append(
                _("{name} merged into {successor} before {year}").format(
                    name=data.province_name(province),
                    successor=data.province_name(successor),
                    year=year,
                )
            )
        elif province not in found:
            found.append(province)
    if problems:
        raise UserError("; ".join(problems))
    if not found:
        raise UserError(_("name at least one signatory"))
    return found


def leader_of(answer: str, provinces: Sequence[str], data: DataSet) -> str | None:
    """The leader among the signatories: its number in the list, id, name or alias;
    ``None`` for no answer; :class:`UserError` for another province."""
    text = answer.strip()
    if not text:
        return None
    if text.isdigit() and 0 < int(text) <= len(provinces):
        return provinces[int(text) - 1]
    province = resolve_province(text, data.provinces)
    if province is None or province not in provinces:
        raise UserError(
            _('"{name}" does not sign this pledge').format(name=text),
            _("answer with a number of the list, or leave it empty"),
        )
    return province


def propose(text: str, year: int, number: int) -> list[DraftTarget]:
    """What the draft engine reads in one target's text (a line may hold several)."""
    result = draft([SourceLine(text.strip(), number, is_item=True)], year)
    return result.targets


def corrected(target: DraftTarget, rule: str, threshold: str, metric: str) -> DraftTarget:
    """``target`` with the rule, threshold and metric the person gave; :class:`UserError`
    when the threshold is not one."""
    metric = metric.strip() or target.metric or derived_id(target.text)
    base = replace(
        target, metric=metric, metric_new=False, notes=[], reason=None, detail="", per=None,
        per_new=False, unit=None, judged_by_cluster=False, baseline_year=None,
    )  # fmt: skip
    if rule == COMMENT:
        return replace(base, status=Status.NOT_UNDERSTOOD, reason=target.reason,
                       detail=target.detail, rule=None, value=None)  # fmt: skip
    if rule == JUDGED:
        return replace(base, status=Status.JUDGED, rule=Rule.MUST_BE, value=True,
                       judged_by_cluster=True, percent=False)  # fmt: skip
    chosen = Rule(rule)
    if chosen is Rule.MUST_BE:
        return replace(base, status=Status.UNDERSTOOD, rule=chosen, value=True, percent=False)
    written = threshold.strip()
    percent = written.endswith("%")
    try:
        from pledgecli.collect.numbers import parse_number

        value = parse_number(written.rstrip("%").strip())
    except Problem as problem:
        raise UserError(problem.message, problem.hint) from None
    if chosen.is_growth and not percent:
        raise UserError(
            _("a growth is a percentage: write for example 10%"),
        )
    result = replace(base, status=Status.UNDERSTOOD, rule=chosen, value=value, percent=percent)
    if percent and not chosen.is_growth:
        result.per = target.per or derived_id("tong so " + target.text)
        result.per_new = target.per is None
    return result


def threshold_text(target: DraftTarget) -> str:
    """The threshold as the person would type it: ``20``, ``60%``."""
    if not isinstance(target.value, Decimal):
        return ""
    from pledgecli.collect.numbers import toml_text

    return toml_text(target.value) + ("%" if target.percent else "")


def pledge_text(answers: Answers) -> str:
    """The pledge file the answers make, with a comment on each target to check."""
    _unique_ids(answers.targets)
    lines = [
        "# "
        + _("Giao ước thi đua năm {year}: made by pledge new --interactive.").format(
            year=answers.year
        ),
        "# " + _("Check every target against the signed text, then run pledge validate."),
        "",
        f"name = {toml_string(answers.name)}",
        "# signed_on = " + _("{year}-01-31    # the day the pledge is signed").format(
            year=answers.year
        ),
    ]
    if answers.leader is not None:
        lines.append(f"leader = {toml_string(answers.leader)}")
    lines.append("provinces = [" + ", ".join(toml_string(p) for p in answers.provinces) + "]")
    for target in answers.targets:
        lines.append("")
        lines.extend(target_lines(target))
    return "\n".join(lines) + "\n"


def _unique_ids(targets: Sequence[DraftTarget]) -> None:
    """Ids unique across the targets (each text was drafted on its own)."""
    seen: set[str] = set()
    for target in targets:
        base = target.metric.replace("_", "-")[:40].strip("-") or "target"
        candidate, number = base, 2
        while candidate in seen:
            candidate, number = f"{base}-{number}", number + 1
        seen.add(candidate)
        target.id = candidate


def write_pledge(answers: Answers, *, force: bool) -> Path:
    """Check that the file validates, then write it atomically; its path."""
    text = pledge_text(answers)
    raw = tomllib.loads(text, parse_float=Decimal)
    if not any(True for _target in raw.get("targets", [])):
        raise UserError(
            _("no target to write: every target was kept as a comment; nothing was written")
        )
    from pydantic import ValidationError

    from pledgecli.schema import validate

    try:
        validate(
            Pledge,
            {**raw, "year": answers.year, "cluster": answers.cluster, "path": answers.path},
        )
    except ValidationError as error:
        reason = "; ".join(str(e["msg"]) for e in error.errors())
        raise UserError(
            _("{path} would not validate: {reason}; nothing was written").format(
                path=display_path(answers.path), reason=reason
            )
        ) from None
    write_atomic(answers.path, text, force=force)
    return answers.path


def registry(data_dir: Path | None, year: int) -> DataSet:
    """The data directory's provinces, read before the first question."""
    from pledgecli.collect.needs import check_year
    from pledgecli.diagnostics import has_errors, sort_key, with_lines
    from pledgecli.load import find_data_dir
    from pledgecli.load_registry import load_provinces

    check_year(year)
    data = DataSet(find_data_dir(data_dir))
    load_provinces(data)
    if has_errors(data.diagnostics) or not data.provinces:
        problems = sorted(with_lines(data.diagnostics), key=sort_key)
        if problems:
            raise UserError(problems)
        raise UserError(
            _("{path} names no province").format(path=display_path(data.root / "provinces.toml"))
        )
    return data
