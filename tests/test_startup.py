"""Start-up: what a command does not need is never imported or built, and the shortcuts
taken for it answer exactly as the long way (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer

from pledgecli.cli import build
from pledgecli.cli.coercion import PlainCoercion, plain_value, use_plain_coercion
from pledgecli.cli.commands import MODULES
from pledgecli.i18n import set_language

GROUP_MODULES = sorted({f"pledgecli.cli.{module}" for module in MODULES.values()})


def _imported_by(*argv: str, lang: str = "en") -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``pledge ARGV`` in a new process; its result and the modules it imported."""
    script = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_module('pledgecli', run_name='__main__')\n"
        "finally:\n"
        "    sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PLEDGE_DATA", "LANGUAGE"}}
    env["PLEDGE_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, env=env
    )
    said, _, modules = done.stderr.rpartition("\nMODULES ")
    done.stderr = said
    return done, set(modules.split())


def test_version_is_said_before_typer_is_imported() -> None:
    done, modules = _imported_by("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, "pledge 0.1.0\n", "")
    assert "typer" not in modules
    # the long way (Typer's eager option) says the same
    long_way, modules = _imported_by("--version", "--lang", "en")
    assert (long_way.returncode, long_way.stdout, long_way.stderr) == (0, "pledge 0.1.0\n", "")
    assert "typer" in modules


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_help_lists_every_command_without_building_one(lang: str) -> None:
    done, modules = _imported_by("--help", lang=lang)
    assert done.returncode == 0
    for name in MODULES:
        assert f"\n  {name} " in done.stdout
    assert not modules & set(GROUP_MODULES)
    assert "pydantic" not in modules


def test_check_builds_only_its_own_commands(bundled: Path) -> None:
    # a plain command line runs without Typer (pledgecli.cli.fast): no command module built
    done, modules = _imported_by("check", "2021", "--data", str(bundled), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.startswith("{")
    assert not modules & set(GROUP_MODULES)
    assert not {"typer", "rich"} & modules  # JSON needs no terminal
    # one that Typer reads (an option given twice: the last one counts) builds check's only
    data = ("--data", str(bundled))
    done, modules = _imported_by("check", "2021", *data, *data, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.startswith("{")
    assert modules & set(GROUP_MODULES) == {"pledgecli.cli.check"}
    assert "rich" not in modules
    assert "typer._adapters" not in modules  # no pydantic adapter built for an option


@pytest.mark.parametrize("form", ["json", "table"])
def test_check_of_plain_files_never_imports_pydantic(bundled: Path, form: str) -> None:
    # the bundled files are plain: built as domain objects, without pydantic's schema
    done, modules = _imported_by("check", "2021", "--data", str(bundled), "--format", form)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout
    assert not {"pydantic", "annotated_types", "pledgecli.schema"} & modules


def test_a_file_that_is_not_plain_is_worded_by_pydantics_validation(bundled_copy: Path) -> None:
    pledge = bundled_copy / "pledges" / "2021" / "tay-nam-song-hau.toml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("at_least = 20\n", 'at_least = 20\nscope = "clustr"\n', 1))
    done, modules = _imported_by("check", "2021", "--data", str(bundled_copy), "--format", "json")
    assert done.returncode == 2
    assert 'scope must be "province" or "cluster", not "clustr"' in done.stderr
    assert '(did you mean "cluster"?)' in done.stderr
    assert "pydantic" in modules


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("width", [50, 80, 120])
def test_the_listing_of_commands_is_the_commands_own(
    lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pledge --help`` lists the commands from their help texts alone; once every command
    is built, the listing (made from the commands themselves) is the same, line for line."""
    monkeypatch.setenv("COLUMNS", str(width))
    set_language(lang)
    try:
        group = _group()
        with group.make_context("pledge", [], resilient_parsing=True) as ctx:
            listed = group.get_help(ctx)
            for name in list(group.commands):
                group.commands[name]  # built now
            assert set(group.commands) == set(MODULES)
            assert group.get_help(ctx) == listed
    finally:
        set_language("en")


def _group() -> Any:
    """The built command group (typed loosely: Typer's stubs name it a `Command`)."""
    return typer.main.get_command(build())


def _check_params() -> tuple[Any, list[Any]]:
    set_language("en")
    group = _group()
    ctx = group.make_context("pledge", ["check", "2021"], resilient_parsing=True)
    command = group.commands["check"]
    sub = command.make_context("check", ["2021"], parent=ctx, resilient_parsing=True)
    params = [
        p
        for p in command.get_params(sub)
        if isinstance(getattr(p, "get_runtime_param", None), PlainCoercion)
    ]
    return sub, params


VALUES = [
    "2021", "0", "7", "0021", "00", "+2021", "-5", " 2021", "2021 ", "1_000", "2021.0", "1e3",
    "٢٠٢١", "²", "", "abc", "data", "./data", "-", "Hà Nội", "a b", "\udcff", "x" * 40,
    "1" * 18, "1" * 19, 2021, 0, True, None,
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_plain_coercion_answers_as_typer_does(value: object) -> None:
    """Each option of ``check``: the plain coercion's value (or Typer's refusal, word for
    word) is the one Typer's own pydantic coercion gives."""
    ctx, params = _check_params()
    assert {p.name for p in params} >= {"year", "data", "cluster", "output_format", "strict"}
    for param in params:
        plain: PlainCoercion = param.get_runtime_param
        typer_way = plain.typer_runtime()
        assert not isinstance(typer_way, PlainCoercion)
        outcomes: list[tuple[str, type[Any] | None, Any]] = []
        for way in (plain, typer_way):
            try:
                got = way.coerce(value, param=param, ctx=ctx)
                outcomes.append(("value", type(got), got))
            except typer.BadParameter as refused:
                outcomes.append(("refused", None, refused.format_message()))
        assert outcomes[0] == outcomes[1], (param.name, value)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (int, "2021", 2021),
        (int, "0", 0),
        (int, "0021", None),  # Typer decides: leading zeros
        (int, "+1", None),
        (int, "٢", None),  # a digit, not an ASCII one
        (str, "Hà Nội", "Hà Nội"),
        (str, "\udcff", None),  # undecodable bytes of argv: Typer decides
        (Path, "data", Path("data")),
        (Path, "", None),
        (Path, "a\x00b", None),
        (bool, "true", None),  # a flag's value from the environment: Typer decides
        (bool, False, False),
    ],
)
def test_plain_values(kind: type, value: object, expected: object) -> None:
    assert plain_value(kind, value) == expected


def test_an_option_with_checks_keeps_typers_coercion() -> None:
    """A parameter the plain coercion does not know stays as Typer made it."""
    app = typer.Typer()

    @app.command()
    def main(
        count: Annotated[int, typer.Option(min=0)] = 1,
        folder: Annotated[Path, typer.Option(exists=True)] = Path("."),
        names: Annotated[list[str] | None, typer.Option()] = None,
    ) -> None:
        pass

    command = typer.main.get_command(app)
    ctx = command.make_context("main", [], resilient_parsing=True)
    checked = {"count", "folder", "names"}
    params: list[Any] = command.get_params(ctx)  # Typer's, with `get_runtime_param`
    for param in params:
        before = param.get_runtime_param
        use_plain_coercion(param)
        after = param.get_runtime_param
        assert isinstance(after, PlainCoercion) != (param.name in checked)
        if param.name in checked:
            assert after == before


def test_import_of_a_form_never_imports_pydantic(bundled_copy: Path, tmp_path: Path) -> None:
    """``pledge import FORM`` coerces its forms (an argument of many paths) without
    pydantic, as ``check`` coerces its options; the form is imported all the same."""
    form = tmp_path / "form.csv"
    form.write_text("year,province,metric,value\n2021,ca-mau,households_rural,140000\n", "utf-8")
    done, modules = _imported_by("import", str(form), "--data", str(bundled_copy))
    assert done.returncode == 0, done.stderr
    assert "+ households_rural = 140000" in done.stdout
    assert not {"pydantic", "typer._adapters"} & modules


def _many_params(command_name: str, argv: list[str]) -> tuple[Any, list[Any]]:
    """The arguments of many values of a command, made to coerce plainly."""
    set_language("en")
    group = _group()
    ctx = group.make_context("pledge", [command_name, *argv], resilient_parsing=True)
    command = group.commands[command_name]
    sub = command.make_context(command_name, argv, parent=ctx, resilient_parsing=True)
    params = [
        p
        for p in command.get_params(sub)
        if isinstance(getattr(p, "get_runtime_param", None), PlainCoercion)
        and p.get_runtime_param.many
    ]
    return sub, params


MANY_VALUES: list[object] = [
    ("form.xlsx",),
    ("a.csv", "b.xlsx", "forms/"),
    ("./x/../y.csv", "~/form.csv", "Hà Nội.xlsx"),
    ("", "a.csv"),  # "" is Typer's to decide
    ("a\x00b",),
    ("\udcff.csv",),
    ("x=1", "households_rural=140000", "y=1e3"),
    ("2021", "0021", "-5"),
    ("a.csv", "a.csv"),
    (),
    [],
    None,
    "form.csv",  # one text, not the values of an argument: Typer refuses it
]


@pytest.mark.parametrize("value", MANY_VALUES, ids=repr)
@pytest.mark.parametrize(
    ("command_name", "argv"),
    [("import", ["form.csv"]), ("set", ["2021", "ca-mau", "x=1"])],
)
def test_plain_coercion_of_many_values_answers_as_typer_does(
    command_name: str, argv: list[str], value: object
) -> None:
    """The forms of ``import`` and the figures of ``set``: the plain coercion's list (or
    Typer's refusal, word for word) is the one Typer's own pydantic coercion gives."""
    ctx, params = _many_params(command_name, argv)
    assert params, command_name
    for param in params:
        plain: PlainCoercion = param.get_runtime_param
        typer_way = plain.typer_runtime()
        assert not isinstance(typer_way, PlainCoercion)
        outcomes: list[tuple[str, Any, Any]] = []
        for way in (plain, typer_way):
            try:
                got = way.coerce(value, param=param, ctx=ctx)
                outcomes.append(("value", [type(g) for g in got], got))
            except typer.BadParameter as refused:
                outcomes.append(("refused", None, refused.format_message()))
        assert outcomes[0] == outcomes[1], (param.name, value)
        assert type(outcomes[0][2]) is type(outcomes[1][2])


def test_many_values_with_checks_keep_typers_coercion() -> None:
    """An argument of many values that Typer checks (or of another type) stays Typer's."""
    app = typer.Typer()

    @app.command()
    def main(
        files: Annotated[list[Path], typer.Argument(exists=True)],
        counts: Annotated[list[int], typer.Option(min=0)],
        plain: Annotated[list[str], typer.Option()],
    ) -> None:
        pass

    command = typer.main.get_command(app)
    ctx = command.make_context("main", ["x"], resilient_parsing=True)
    params: list[Any] = command.get_params(ctx)
    for param in params:
        if param.name in {"files", "counts", "plain"}:
            before = param.get_runtime_param
            use_plain_coercion(param)  # an option given many times is Typer's too
            assert param.get_runtime_param == before, param.name
