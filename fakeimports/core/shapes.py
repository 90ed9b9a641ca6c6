"""Declarative request shapes and the one validator that walks them, in botocore's two layers.

A service declares each operation's input as a tree of :class:`Shape` values, copied from the
botocore model (type, required, min, max, pattern, enum). :func:`validate` then checks a
request the way reality does:

1. what botocore's ``ParamValidator`` checks before sending (missing required, unknown member,
   wrong type, length or value below ``min``) -> a report in botocore's exact wording;
2. what only the service checks (``max``, ``pattern``, ``enum``) -> :class:`Violation` rows
   with AWS's lowerCamel member paths (``importDataSource.s3Url``, ``tags.1.member``).

It also returns a normalised deep copy of the request (timestamps as aware UTC datetimes), so a
fake never keeps a reference to the caller's objects.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

import attrs

from .clock import as_utc
from .errors import Violation

__all__ = [
    "Blob",
    "Boolean",
    "Double",
    "Integer",
    "ListOf",
    "Long",
    "MapOf",
    "Shape",
    "String",
    "Structure",
    "Timestamp",
    "ValidationResult",
    "copy_data",
    "parse_timestamp",
    "validate",
]

_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "double": (float, decimal.Decimal, int),
    "float": (float, decimal.Decimal, int),
    "boolean": (bool,),
}
_CONTAINER_TYPES: dict[str, tuple[type, ...]] = {
    "structure": (dict,),
    "map": (dict,),
    "list": (list, tuple),
}


@attrs.frozen
class Shape:
    """One node of a request shape; build it with the helpers below, not directly."""

    type: str
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    members: Mapping[str, Shape] = attrs.field(factory=dict)
    required: tuple[str, ...] = ()
    member: Shape | None = None
    key: Shape | None = None
    value: Shape | None = None
    union: bool = False
    compiled: re.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False, default=None)

    @property
    def regex(self) -> re.Pattern[str] | None:
        """The pattern, compiled on first use (keeps ``import fakeimports`` fast)."""
        compiled = self.compiled
        if compiled is None and self.pattern is not None:
            compiled = re.compile(self.pattern)
            object.__setattr__(self, "compiled", compiled)
        return compiled

    @property
    def has_constraints(self) -> bool:
        """What botocore asks before skipping a list's members (required, min, union)."""
        return bool(self.required) or self.min is not None or self.union


def String(
    *,
    min: int | None = None,
    max: int | None = None,
    pattern: str | None = None,
    enum: tuple[str, ...] | None = None,
) -> Shape:
    return Shape("string", min=min, max=max, pattern=pattern, enum=enum)


def Integer(*, min: int | None = None, max: int | None = None) -> Shape:
    return Shape("integer", min=min, max=max)


def Long(*, min: int | None = None, max: int | None = None) -> Shape:
    return Shape("long", min=min, max=max)


def Double(*, min: float | None = None, max: float | None = None) -> Shape:
    return Shape("double", min=min, max=max)


def Boolean() -> Shape:
    return Shape("boolean")


def Timestamp() -> Shape:
    return Shape("timestamp")


def Blob() -> Shape:
    return Shape("blob")


def Structure(
    members: Mapping[str, Shape], *, required: tuple[str, ...] = (), union: bool = False
) -> Shape:
    return Shape("structure", members=dict(members), required=required, union=union)


def ListOf(member: Shape, *, min: int | None = None, max: int | None = None) -> Shape:
    return Shape("list", member=member, min=min, max=max)


def MapOf(key: Shape, value: Shape, *, min: int | None = None, max: int | None = None) -> Shape:
    return Shape("map", key=key, value=value, min=min, max=max)


def parse_timestamp(value: Any) -> datetime | None:
    """What botocore accepts for a timestamp, as botocore parses it (``None`` if it would not).

    A datetime (naive means UTC), epoch seconds as a number or numeric string, or a date string
    (dateutil's parser when installed, as botocore uses; ISO-8601 otherwise).
    """
    if isinstance(value, datetime):
        return as_utc(value)
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    if not isinstance(value, str):
        return None
    try:
        from dateutil import parser
    except ImportError:  # pragma: no cover - dateutil comes with botocore
        try:
            return as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            return None
    try:
        return as_utc(parser.parse(value, tzinfos={"GMT": timezone.utc}))
    except (TypeError, ValueError, OverflowError):
        return None


@attrs.frozen
class ValidationResult:
    """The outcome of :func:`validate`: botocore's report lines, AWS's violations, the copy."""

    client_errors: list[str]
    violations: list[Violation]
    params: dict[str, Any]


def validate(shape: Shape, params: Mapping[str, Any]) -> ValidationResult:
    """Check ``params`` against ``shape`` in both layers; see the module docstring."""
    errors: list[str] = []
    copy = _client(params, shape, "", errors)
    violations: list[Violation] = []
    if not errors:
        _service(copy, shape, "", violations)
    return ValidationResult(errors, violations, copy if isinstance(copy, dict) else {})


# --- layer 1: botocore's ParamValidator, to the letter ---------------------------------------


def _name(name: str) -> str:
    return "input" if not name else name.removeprefix(".")


def _type_error(name: str, param: Any, valid: list[str], errors: list[str]) -> None:
    errors.append(
        f"Invalid type for parameter {_name(name)}, value: {param}, "
        f"type: {type(param)}, valid types: {', '.join(valid)}"
    )


def _min_check(name: str, measured: float, shape: Shape, kind: str, errors: list[str]) -> None:
    if shape.min is not None and measured < shape.min:
        what = "length" if kind == "length" else "value"
        errors.append(
            f"Invalid {what} for parameter {_name(name)}, value: {measured}, "
            f"valid min {what}: {_num(shape.min)}"
        )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _client(param: Any, shape: Shape, name: str, errors: list[str]) -> Any:
    kind = shape.type
    if kind == "timestamp":
        parsed = parse_timestamp(param)
        if parsed is None:
            _type_error(name, param, [str(datetime), "timestamp-string"], errors)
        return parsed
    if kind == "blob":
        if isinstance(param, (bytes, bytearray, str)) or hasattr(param, "read"):
            return param
        _type_error(name, param, [str(bytes), str(bytearray), "file-like object"], errors)
        return None
    valid = _CONTAINER_TYPES.get(kind) or _SCALAR_TYPES[kind]
    if not isinstance(param, valid):
        _type_error(name, param, [str(t) for t in valid], errors)
        return None
    value: Any = param  # the type is checked; mypy cannot follow a tuple of types
    if kind == "structure":
        return _client_structure(value, shape, name, errors)
    if kind == "list":
        return _client_list(value, shape, name, errors)
    if kind == "map":
        assert shape.key is not None and shape.value is not None
        return {
            _client(k, shape.key, f"{name} (key: {k})", errors): _client(
                v, shape.value, f"{name}.{k}", errors
            )
            for k, v in value.items()
        }
    if kind == "string":
        _min_check(name, len(value), shape, "length", errors)
    elif kind != "boolean":
        _min_check(name, value, shape, "value", errors)
    return value


def _client_structure(
    param: dict[str, Any], shape: Shape, name: str, errors: list[str]
) -> dict[str, Any]:
    members = shape.members
    if shape.union and len(param) != 1:
        listed = ", ".join(members)
        errors.append(
            f"Must set one of the following keys for tagged unionstructure {_name(name)}: {listed}."
            if not param
            else "Invalid number of parameters set for tagged union structure "
            f"{_name(name)}. Can only set one of the following keys: {listed}."
        )
    for required in shape.required:
        if required not in param:
            errors.append(f'Missing required parameter in {_name(name)}: "{required}"')
    out: dict[str, Any] = {}
    for key in param:
        if key not in members:
            errors.append(
                f'Unknown parameter in {_name(name)}: "{key}", must be one of: {", ".join(members)}'
            )
    for key, value in param.items():
        if key in members:
            out[key] = _client(value, members[key], f"{name}.{key}", errors)
    return out


def _client_list(param: Any, shape: Shape, name: str, errors: list[str]) -> list[Any]:
    member = shape.member
    assert member is not None
    _min_check(name, len(param), shape, "length", errors)
    if member.type in _SCALAR_TYPES and not member.has_constraints:
        valid = _SCALAR_TYPES[member.type]
        for i, item in enumerate(param):
            if not isinstance(item, valid):
                _type_error(f"{name}[{i}]", item, [str(t) for t in valid], errors)
        return list(param)
    return [_client(item, member, f"{name}[{i}]", errors) for i, item in enumerate(param)]


# --- layer 2: what the service checks (max, pattern, enum) -----------------------------------


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _service(value: Any, shape: Shape, path: str, out: list[Violation]) -> None:
    kind = shape.type
    if value is None:
        return
    if kind == "structure":
        for key, member in shape.members.items():
            if key in value:
                _service(value[key], member, f"{path}.{_camel(key)}" if path else _camel(key), out)
        return
    if kind in ("string", "list", "map"):
        if shape.max is not None and len(value) > shape.max:
            out.append(
                Violation(
                    path, value, f"Member must have length less than or equal to {_num(shape.max)}"
                )
            )
        if kind == "list":
            assert shape.member is not None
            for i, item in enumerate(value, start=1):
                _service(item, shape.member, f"{path}.{i}.member", out)
        elif kind == "map":
            assert shape.key is not None and shape.value is not None
            for k, v in value.items():
                _service(k, shape.key, f"{path}.key", out)
                _service(v, shape.value, f"{path}.{k}", out)
        else:
            if shape.regex is not None and not shape.regex.fullmatch(value):
                out.append(
                    Violation(
                        path,
                        value,
                        f"Member must satisfy regular expression pattern: {shape.pattern}",
                    )
                )
            if shape.enum is not None and value not in shape.enum:
                out.append(
                    Violation(
                        path,
                        value,
                        f"Member must satisfy enum value set: [{', '.join(shape.enum)}]",
                    )
                )
        return
    if (
        kind in ("integer", "long", "double", "float")
        and shape.max is not None
        and value > shape.max
    ):
        out.append(
            Violation(
                path, value, f"Member must have value less than or equal to {_num(shape.max)}"
            )
        )


def copy_data(value: Any) -> Any:
    """A deep copy of plain JSON-like data (dicts and lists), much faster than ``copy.deepcopy``.

    Fakes hand out copies so that a caller mutating a response never changes a fake's state.
    """
    if isinstance(value, dict):
        return {k: copy_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_data(v) for v in value]
    return value
