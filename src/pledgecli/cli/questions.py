"""The questions of ``pledge new YEAR --interactive``: the cluster, the signatories by
name, the leader among them, each target's text; the draft engine proposes each target's
rule and threshold and the person confirms or corrects. Asked only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from pledgecli.cli.options import ExitStatus, attempt, fail, finish
from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.collect.interactive import Answers
    from pledgecli.dataset import DataSet
    from pledgecli.draft.engine import DraftTarget

T = TypeVar("T")


def refuse_without_terminal() -> None:
    """No question is ever asked when standard input is not a terminal."""
    from pledgecli.diagnostics import UserError

    if not sys.stdin.isatty():
        fail(
            UserError(
                _("--interactive asks questions, and standard input is not a terminal"),
                _(
                    "run it in a terminal, or write the pledge with pledge draft FILE "
                    "or pledge new YEAR --from YEAR0"
                ),
            )
        )


def ask_new_pledge(year: int, data_dir: Path | None, *, force: bool) -> None:
    from pledgecli.collect.interactive import Answers, registry, write_pledge
    from pledgecli.diagnostics import UserError, display_path

    refuse_without_terminal()
    data = attempt(lambda: registry(data_dir, year))
    answers = Answers(year, data.root)
    try:
        _ask_cluster(answers, force=force)
        _ask_signatories(answers, data)
        _ask_targets(answers)
    except typer.Abort:
        typer.echo("", err=True)
        fail(UserError(_("stopped: nothing was written")))
    path = attempt(lambda: write_pledge(answers, force=force))
    typer.echo(_("wrote {path}").format(path=display_path(path)))
    typer.echo(_("check it, fill in signed_on, then run pledge validate"))
    finish(ExitStatus.MET)


def _until_valid(question: str, read: Callable[[str], T], default: str | None = None) -> T:
    """Ask ``question`` until ``read`` accepts the answer; say why when it does not."""
    from pledgecli.diagnostics import UserError

    while True:
        answer: str = typer.prompt(question, default=default, show_default=bool(default))
        try:
            return read(answer)
        except UserError as error:
            for line in error.lines():
                typer.echo("  " + line, err=True)


def _ask_cluster(answers: Answers, *, force: bool) -> None:
    from pledgecli.collect.interactive import cluster_id
    from pledgecli.diagnostics import UserError, display_path

    def read(answer: str) -> tuple[str, str | None]:
        cluster, name = cluster_id(answer)
        if not cluster:
            raise UserError(_("write the cluster's id or name"))
        path = answers.root / "pledges" / str(answers.year) / f"{cluster}.toml"
        if path.exists() and not force:
            raise UserError(
                _("{path} already exists").format(path=display_path(path)),
                _("give another cluster, or run again with --force to replace it"),
            )
        return cluster, name

    answers.cluster, name = _until_valid(
        _("Cluster (its id, e.g. tay-nam-song-hau, or its name)"), read
    )
    typer.echo(_("  id: {cluster}").format(cluster=answers.cluster))
    answers.name = typer.prompt(
        _("The cluster's name, as signed"), default=name or None, show_default=name is not None
    ).strip()


def _ask_signatories(answers: Answers, data: DataSet) -> None:
    from pledgecli.collect.interactive import leader_of, signatories

    answers.provinces = _until_valid(
        _("Signatories, by name or id, separated by commas"),
        lambda answer: signatories(answer, data, answers.year),
    )
    for number, province in enumerate(answers.provinces, 1):
        typer.echo(f"  {number}. {data.province_name(province)} ({province})")
    answers.leader = _until_valid(
        _("Leader (cụm trưởng) of {year}: its number, name or id (empty: none)").format(
            year=answers.year
        ),
        lambda answer: leader_of(answer, answers.provinces, data),
        default="",
    )


def _ask_targets(answers: Answers) -> None:
    from pledgecli.collect.interactive import propose

    typer.echo(_("Each target's text as signed, one at a time; an empty answer ends the list."))
    number = 1
    while True:
        text = typer.prompt(
            _("Target {number}").format(number=number), default="", show_default=False
        ).strip()
        if not text:
            if answers.targets:
                return
            typer.echo("  " + _("a pledge has at least one target"), err=True)
            continue
        for target in propose(text, answers.year, number):
            answers.targets.append(_confirm(target))
        number += 1


def _confirm(target: DraftTarget) -> DraftTarget:
    """The engine's proposal, kept or corrected."""
    from pledgecli.draft.engine import Status
    from pledgecli.draft.output import reason_text, rule_text

    if target.status is Status.NOT_UNDERSTOOD:
        typer.echo("  " + _("not understood: {reason}").format(reason=reason_text(target)))
        return _correct(target)
    shown = target.text if target.parts > 1 else ""
    typer.echo(
        "  "
        + (f"{shown}: " if shown else "")
        + _("proposed: {rule}, metric {metric}").format(
            rule=rule_text(target), metric=target.metric
        )
    )
    if typer.confirm("  " + _("Right?"), default=True):
        return target
    return _correct(target)


def _correct(target: DraftTarget) -> DraftTarget:
    from pledgecli.collect.interactive import (
        COMMENT,
        JUDGED,
        RULE_CHOICES,
        corrected,
        threshold_text,
    )
    from pledgecli.draft.engine import Status

    if target.status is Status.NOT_UNDERSTOOD:
        proposed = COMMENT
    elif target.judged_by_cluster:
        proposed = JUDGED
    else:
        proposed = target.rule.value if target.rule is not None else COMMENT
    typer.echo(
        "  "
        + _(
            "rules: {rules} ({judged}: yes/no judged by the cluster; {comment}: kept as a "
            "comment to finish by hand)"
        ).format(rules=", ".join(RULE_CHOICES), judged=JUDGED, comment=COMMENT)
    )
    rule = _until_valid("  " + _("Rule"), _rule_choice, default=proposed)
    threshold = ""
    needs_threshold = rule not in {JUDGED, COMMENT, "must_be"}
    metric: str = typer.prompt("  " + _("Metric"), default=target.metric)

    def read(answer: str) -> DraftTarget:
        return corrected(target, rule, answer, metric)

    if needs_threshold:
        return _until_valid(
            "  " + _("Threshold (e.g. 20, 60%, 1.5)"),
            read,
            default=threshold_text(target) or None,
        )
    return corrected(target, rule, threshold, metric)


def _rule_choice(answer: str) -> str:
    from pledgecli.collect.interactive import RULE_CHOICES
    from pledgecli.diagnostics import UserError

    choice = answer.strip().lower().replace("-", "_").replace(" ", "_")
    if choice not in RULE_CHOICES:
        raise UserError(
            _('"{answer}" is not a rule').format(answer=answer),
            _("choose one of: {choices}").format(choices=", ".join(RULE_CHOICES)),
        )
    return choice
