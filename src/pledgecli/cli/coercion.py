"""The plain values of a command line, turned into Python values without pydantic.

Typer 0.29 turns each value of the command line into its parameter's type through a
pydantic ``TypeAdapter`` it builds on first use, one per parameter, through the public
``get_runtime_param`` of its options and arguments: pydantic imported and a dozen adapters
built before any command starts, even for the options not given. For the plain values
people type (a whole number written in digits, a text, a path with no checks asked of it,
an option not given, a flag; each of the values of an argument taking many, such as the
forms of ``pledge import``, which alone made it import pydantic), the result is obvious
and given here. Every other value (a sign, spaces,
leading zeros, a list, a path that exists but cannot be read, ...) and every other kind of
parameter is left to Typer's own coercion, so that what it accepts, what it returns and
what it says when it refuses stay Typer's, word for word.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any

_LONGEST_PLAIN_INT = 18  # digits: far below any limit of int() or pydantic


class PlainCoercion:
    """What ``param.get_runtime_param()`` returns instead of Typer's pydantic coercion
    (it is that method too: calling it returns itself)."""

    def __init__(self, kind: type, typer_runtime: Any, *, many: bool = False) -> None:
        self.kind = kind
        self.typer_runtime = typer_runtime  # Typer's own get_runtime_param, bound
        self.many = many  # an argument of many values (``list[kind]``, nargs -1)

    def __call__(self) -> PlainCoercion:
        return self

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.many:
            # Typer gives a list of each value coerced: when each is plain, that list
            if param.nargs == -1 and not param.multiple and type(value) is tuple and value:
                items = [plain_value(self.kind, item) for item in value]
                if None not in items:
                    return items
        elif not (param.multiple or param.nargs == -1):
            if value is None:
                return None
            plain = plain_value(self.kind, value)
            if plain is not None:
                return plain
        return self.typer_runtime().coerce(value, param=param, ctx=ctx)


def plain_value(kind: type, value: object) -> object | None:
    """``value`` as Typer would return it for a parameter of type ``kind``, or None when
    that is not obvious (then Typer decides)."""
    if type(value) is not str:
        return value if type(value) is kind and kind is not Path else None
    if not _encodable(value):
        return None
    if kind is str:
        return value
    if kind is int:
        digits = value.isascii() and value.isdigit() and len(value) <= _LONGEST_PLAIN_INT
        return int(value) if digits and (value == "0" or value[0] != "0") else None
    if kind is Path and value and "\x00" not in value and _absent_or_readable(value):
        return Path(value)
    return None


def plain_kind(param: Any) -> type | None:
    """The type of ``param`` (a Typer option or argument) when :func:`plain_value` knows
    it: int without bounds, str, bool, or Path with none of the checks Typer can make."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return None
    return _plain_kind(descriptor, descriptor.annotation)


def plain_item_kind(param: Any) -> type | None:
    """The type of each value of ``param`` when it is an argument taking many values
    (``list[X]``, nargs -1, not an option given many times) of a type :func:`plain_value`
    knows, with none of the checks Typer can make."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "nargs", None) != -1 or getattr(param, "multiple", True):
        return None
    annotation = descriptor.annotation
    if typing.get_origin(annotation) is not list:
        return None
    item = typing.get_args(annotation)
    if len(item) != 1 or item[0] is bool:
        return None
    return _plain_kind(descriptor, item[0])


def _plain_kind(descriptor: Any, annotation: Any) -> type | None:
    info = descriptor.parameter_info
    if getattr(info, "parser", None) is not None or descriptor.file_annotation is not None:
        return None
    if annotation is int and info.min is None and info.max is None and not info.clamp:
        return int
    if annotation is str:
        return str
    if annotation is bool:
        return bool
    path_checks = (
        info.exists or info.writable or info.resolve_path or not info.file_okay or not info.dir_okay
    )
    if annotation is Path and info.path_type is None and not path_checks:
        return Path
    return None


def use_plain_coercion(param: Any) -> None:
    """Have ``param`` coerce its plain values here (once; harmless when it cannot)."""
    typer_runtime = getattr(param, "get_runtime_param", None)
    if typer_runtime is None or isinstance(typer_runtime, PlainCoercion):
        return
    kind = plain_kind(param)
    if kind is not None:
        param.get_runtime_param = PlainCoercion(kind, typer_runtime)
        return
    item = plain_item_kind(param)
    if item is not None:
        param.get_runtime_param = PlainCoercion(item, typer_runtime, many=True)


def _encodable(text: str) -> bool:
    """False for the lone surrogates of undecodable bytes in ``sys.argv``."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _absent_or_readable(path: str) -> bool:
    """Typer's only check of a path by default: one that exists must be readable."""
    try:
        os.stat(path)
    except OSError:
        return True
    return os.access(path, os.R_OK)
