"""The table of ``pledge``'s commands: each name, the module of ``pledgecli.cli`` that
defines it, and its help text.

``pledge --help`` lists the commands from this table alone, and ``pledge check ...``
imports and builds only the module of ``check`` (see :class:`framework.PledgeGroup`): the
other command modules, their options and what they import are never loaded. Each command
module registers its commands with the help text given here, so the listing and the
command's own help are one text. This module imports nothing but :mod:`pledgecli.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable

from pledgecli.i18n import _

# Each command, in the order ``pledge --help`` lists them -> the module defining it.
MODULES: dict[str, str] = {
    "check": "check",
    "validate": "check",
    "rank": "review",
    "totals": "review",
    "history": "review",
    "report": "review",
    "init": "collect",
    "template": "collect",
    "import": "collect",
    "set": "collect",
    "new": "collect",
    "draft": "draft",
    "missing": "rounds",
    "leaders": "leaders",
}


def examples(*lines: str) -> str:
    """The end of a command's help: one or two commands to copy (kept as typed)."""
    # "\b" keeps click from joining the lines into one paragraph.
    return "\n\n" + _("Examples:") + "\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def command_help(name: str) -> str:
    """The help text of command ``name``, in the current language."""
    return _HELPS[name]()


_HELPS: dict[str, Callable[[], str]] = {
    "check": lambda: (
        _(
            "Judge every target of YEAR's pledges for every province.\n\n"
            "Exit status: 0 all met, 1 something not met, 2 invalid input."
        )
        + examples("pledge check 2021", "pledge check 2025 --province can-tho --format json")
    ),
    "validate": lambda: (
        _(
            "Check every file of the data directory and list every problem as path:line: message."
            "\n\nExit status: 0 no errors (warnings allowed), 2 errors found."
        )
        + examples("pledge validate", "pledge validate --data data --format json")
    ),
    "rank": lambda: (
        _(
            "Rank the signatories of YEAR's pledges by score and name the flag nominee.\n\n"
            "Equal scores share a rank. Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge rank 2021", "pledge rank 2022 --format json")
    ),
    "totals": lambda: (
        _(
            "Cluster totals of YEAR: every metric summed over the signatories, and how many "
            "met each target. Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge totals 2021", "pledge totals 2022 --format csv")
    ),
    "history": lambda: (
        _(
            "A target's actual, threshold and status year by year for a province, following "
            "the same target id across pledges and a merged province through its predecessors."
        )
        + examples("pledge history --province an-giang", "pledge history --target new-coops")
    ),
    "report": lambda: (
        _(
            "Write the year-end review document of YEAR: pledge, results, totals, ranking, "
            "nominee and every missed target with its gap."
        )
        + examples("pledge report 2021", "pledge report 2021 --format html -o review-2021.html")
    ),
    "init": lambda: (
        _(
            "Create a data directory: provinces.toml with the 34 province-level units and "
            "the 29 former ones merged into them (the 63 of before 2025), an example pledge, "
            "and an empty actuals folder."
        )
        + examples("pledge init data")
    ),
    "template": lambda: (
        _(
            "Write YEAR's reporting form, in the reader's language: one row per province and "
            "metric the year's pledges need, with columns year, province, metric, value "
            "(pre-filled where a figure is recorded) and read-only help. Fill in value and "
            "read it back with pledge import."
        )
        + examples(
            "pledge template 2021 --format xlsx --split forms",
            "pledge template 2024 --for 2025 --format xlsx",
        )
    ),
    "import": lambda: (
        _(
            "Record the figures of filled forms (CSV or XLSX, or a folder of them) in "
            "actuals/<year>/<province>.toml, all or nothing. Shows what it adds or changes per "
            "province; refuses to replace a different recorded figure without --force. Empty "
            "values mean not reported."
        )
        + examples("pledge import form-2021.xlsx --dry-run", "pledge import returned/")
    ),
    "set": lambda: (
        _(
            "Record figures of one province from the command line, e.g. "
            "pledge set 2021 an-giang coops_new=25 has_support_fund=true. "
            "Validated like pledge import."
        )
        + examples("pledge set 2021 an-giang coops_new=25 --dry-run")
    ),
    "new": lambda: (
        _(
            "Draft YEAR's pledge from another year's, ready to edit: the same targets, baseline "
            "years moved on, per-province overrides dropped (or kept with --keep-overrides), "
            "signed_on left to fill in; or, with --interactive, from questions. Never replaces "
            "an existing pledge without --force."
        )
        + examples("pledge new 2026 --from 2025 --dry-run", "pledge new 2026 --interactive")
    ),
    "draft": lambda: (
        _(
            "Draft a pledge file from the targets as signed: a .txt, .md or .docx of the "
            "signed text, or an .xlsx list of targets. Each target gets its rule, threshold "
            "and metric; what is not understood is kept as a comment. The file goes to "
            "standard output (or -o), the summary to standard error."
        )
        + examples(
            "pledge draft data/signed/tay-nam-song-hau-2021.md --year 2021",
            "pledge draft targets.docx -o pledges/2026/my-cluster.toml",
        )
    ),
    "missing": lambda: (
        _(
            "List, per province, the figures YEAR's pledges need that are not recorded yet "
            "(and the baseline-year figures its growth targets need). Exit status 1 while "
            "anything is missing, 0 when the round is complete."
        )
        + examples("pledge missing 2025", "pledge missing 2025 --province can-tho --format json")
    ),
    "leaders": lambda: (
        _(
            "Each cluster's leader (cụm trưởng) and deputy (cụm phó) year by year, and the "
            "pair proposed for the year after its last pledge, with the basis of the "
            "proposal (the [rotation] rule of the pledge). A proposal: the cluster decides. "
            "Exit status: 0, or 2 for invalid input."
        )
        + examples("pledge leaders", "pledge leaders --cluster tay-nguyen --format json")
    ),
}
