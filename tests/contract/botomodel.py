"""Generic checks of a fake against botocore's service model (shared by every service).

* :func:`declaration_diffs`: a declared request shape equals the model's (types, required,
  min, max, pattern, enum, members), recursively.
* :func:`mutations`: from a valid request, break one constraint at a time and say which layer
  must reject it (client: botocore's ParamValidator; service: the fake's validation error).
* :func:`output_problems`: a response fits the operation's output shape (no unknown keys,
  right types, enums and patterns honoured).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import botocore
import botocore.session
from botocore.model import OperationModel, ServiceModel, Shape

from fakeimports.core.shapes import Shape as Declared
from fakeimports.integrations.wire import DECLARED_BOTOCORE, known

_SESSION = botocore.session.get_session()


def service_model(name: str) -> ServiceModel:
    return _SESSION.get_service_model(name)


def paginator_config(name: str, operation: str) -> dict[str, Any] | None:
    config = _SESSION.get_paginator_model(name)._paginator_config
    return config.get(operation)


def waiter_configs(name: str) -> dict[str, Any]:
    try:
        return dict(_SESSION.get_waiter_model(name)._waiter_config)
    except Exception:  # no waiters-2.json for this service
        return {}


# The suite runs against the pinned botocore (the fakes' declarations are its models, exactly)
# and, in CI's matrix, against the others the extras claim: their models may lack members the
# fakes declare (newer ones), order members differently, or anchor patterns with ^...$; what
# they do have must agree.
PINNED = botocore.__version__ == DECLARED_BOTOCORE


def declaration_diffs(
    ours: Declared, theirs: Shape, path: str = "input", *, strict: bool = PINNED
) -> list[str]:
    """Where a declaration and botocore's model differ; with ``strict`` off (another
    botocore), only in what its client checks, and the fake may declare newer members."""
    diffs: list[str] = []
    if ours.type != theirs.type_name:
        return [f"{path}: type {ours.type} != {theirs.type_name}"]
    meta = theirs.metadata
    # With another botocore only its client-side checks must agree (type, required, min):
    # max, pattern and enum are the service's, and the service is today's.
    for key in ("min", "max", "pattern") if strict else ("min",):
        if getattr(ours, key) != meta.get(key):
            diffs.append(f"{path}: {key} {getattr(ours, key)!r} != {meta.get(key)!r}")
    enum = tuple(getattr(theirs, "enum", []) or []) or None
    if strict and ours.enum != enum:
        diffs.append(f"{path}: enum {ours.enum} != {enum}")
    if ours.type == "structure":
        required = tuple(meta.get("required", []))
        if tuple(ours.required) != required and (strict or set(ours.required) != set(required)):
            diffs.append(f"{path}: required {ours.required} != {meta.get('required')}")
        if ours.union != bool(getattr(theirs, "is_tagged_union", False)):
            diffs.append(f"{path}: union {ours.union}")
        if strict and list(ours.members) != list(theirs.members):
            diffs.append(f"{path}: members {list(ours.members)} != {list(theirs.members)}")
        missing = set(theirs.members) - set(ours.members)
        if not strict and missing:
            diffs.append(f"{path}: members botocore has and the fake lacks: {sorted(missing)}")
        for name in set(ours.members) & set(theirs.members):
            diffs += declaration_diffs(
                ours.members[name], theirs.members[name], f"{path}.{name}", strict=strict
            )
    elif ours.type == "list":
        assert ours.member is not None
        diffs += declaration_diffs(ours.member, theirs.member, f"{path}[]", strict=strict)
    elif ours.type == "map":
        assert ours.key is not None and ours.value is not None
        diffs += declaration_diffs(ours.key, theirs.key, f"{path}<key>", strict=strict)
        diffs += declaration_diffs(ours.value, theirs.value, f"{path}<value>", strict=strict)
    return diffs


# --- one-constraint-at-a-time mutations ---------------------------------------------------

_WRONG = {
    "string": 12345,
    "integer": "12",
    "long": "12",
    "double": "0.5",
    "float": "0.5",
    "boolean": "yes",
    "timestamp": "not a time",
    "structure": "not a structure",
    "list": "not a list",
    "map": ["not", "a", "map"],
}


def _breaking_string(shape: Shape) -> str | None:
    """A string of allowed length that fails the shape's pattern, if one is easy to find."""
    pattern = shape.metadata.get("pattern")
    if pattern is None:
        return None
    low = max(shape.metadata.get("min", 1), 1)
    high = shape.metadata.get("max", low + 10)
    for char in ("!", " ", "\n", "Z", "-", "é", "a", "0"):
        for size in (low, high):
            text = char * size
            if not re.fullmatch(pattern, text):
                return text
    return None


def _set(params: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(params)
    target: Any = out
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


_DELETE = object()


def mutations(
    params: dict[str, Any], shape: Shape, path: tuple[Any, ...] = ()
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield ``(description, mutated_params, "client" | "service")`` for ``params``."""
    value: Any = params
    for step in path:
        value = value[step]
    where = ".".join(str(p) for p in path) or "input"
    kind = shape.type_name
    meta = shape.metadata
    if path:
        yield f"{where}: wrong type", _set(params, path, _WRONG[kind]), "client"
    if kind == "structure":
        for name in meta.get("required", []):
            if name in value:
                yield f"{where}.{name}: missing", _set(params, (*path, name), _DELETE), "client"
        yield f"{where}: unknown member", _set(params, (*path, "NoSuchMember"), 1), "client"
        for name, member in shape.members.items():
            if name in value:
                yield from mutations(params, member, (*path, name))
    elif kind == "list":
        if meta.get("min", 0) > 0:
            yield f"{where}: too short", _set(params, path, value[: meta["min"] - 1]), "client"
        if "max" in meta and value:
            longer = list(value) + [value[0]] * (meta["max"] + 1 - len(value))
            yield f"{where}: too long", _set(params, path, longer), "service"
        for i in range(len(value)):
            yield from mutations(params, shape.member, (*path, i))
    elif kind == "string":
        if meta.get("min", 0) > 0:
            yield f"{where}: too short", _set(params, path, "a" * (meta["min"] - 1)), "client"
        if "max" in meta:
            yield f"{where}: too long", _set(params, path, "a" * (meta["max"] + 1)), "service"
        broken = _breaking_string(shape)
        if broken is not None:
            yield f"{where}: breaks pattern", _set(params, path, broken), "service"
        if getattr(shape, "enum", None):
            yield f"{where}: not in enum", _set(params, path, "NOT_A_VALUE"), "service"
    elif kind in ("integer", "long", "double", "float"):
        if "min" in meta:
            yield f"{where}: below min", _set(params, path, meta["min"] - 1), "client"
        if "max" in meta:
            yield f"{where}: above max", _set(params, path, meta["max"] + 1), "service"


def botocore_report(params: dict[str, Any], operation: OperationModel) -> str:
    """What botocore's own ParamValidator says about ``params`` ('' when it accepts them)."""
    from botocore.validate import ParamValidator

    return ParamValidator().validate(params, operation.input_shape).generate_report()


# --- responses ----------------------------------------------------------------------------

_PY: dict[str, Any] = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "double": (float, int),
    "float": (float, int),
    "structure": dict,
    "list": list,
    "map": dict,
}


def output_problems(value: Any, shape: Shape, path: str = "output") -> list[str]:
    kind = shape.type_name
    if kind == "timestamp":
        if not isinstance(value, datetime) or value.tzinfo is None:
            return [f"{path}: {value!r} is not an aware datetime"]
        return []
    if not isinstance(value, _PY[kind]) or (
        kind in ("integer", "long") and isinstance(value, bool)
    ):
        return [f"{path}: {value!r} is not a {kind}"]
    problems: list[str] = []
    if kind == "structure":
        for key, item in value.items():
            if key == "ResponseMetadata" and path == "output":
                continue
            if key not in shape.members:
                problems.append(f"{path}: unknown key {key}")
            else:
                problems += output_problems(item, shape.members[key], f"{path}.{key}")
    elif kind == "list":
        for i, item in enumerate(value):
            problems += output_problems(item, shape.member, f"{path}[{i}]")
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            problems.append(f"{path}: longer than {shape.metadata['max']}")
    elif kind == "map":
        for key, item in value.items():
            problems += output_problems(item, shape.value, f"{path}.{key}")
    elif kind == "string":
        enum = getattr(shape, "enum", None)
        if enum and value not in enum:
            problems.append(f"{path}: {value!r} not in {enum}")
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            problems.append(f"{path}: {value!r} breaks {pattern}")
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 10**9)
        if not low <= len(value) <= high:
            problems.append(f"{path}: length {len(value)} outside {low}..{high}")
    elif kind in ("integer", "long", "double", "float"):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(f"{path}: {value} outside {low}..{high}")
    return problems


def newer_members(ours: Declared, theirs: Shape, path: str = "") -> list[str]:
    """The members the fake declares that this botocore's model lacks (newer than it)."""
    found: list[str] = []
    if ours.type == "structure" and theirs.type_name == "structure":
        for name, member in ours.members.items():
            if name not in theirs.members:
                found.append(f"{path}{name}")
            else:
                found += newer_members(member, theirs.members[name], f"{path}{name}.")
    elif ours.type == "list" and theirs.type_name == "list" and ours.member is not None:
        found += newer_members(ours.member, theirs.member, f"{path}[].")
    return found


def fit(params: Any, shape: Shape) -> Any:
    """A request (or response) as a client of this botocore can send (or parse) it."""
    return params if PINNED else known(params, shape)


def comparable(report: str) -> str:
    """A ``ParamValidationError`` report as compared across botocores: an unknown parameter's
    list of valid ones names the members of the model at hand, newer ones included."""
    return report if PINNED else re.sub(r", must be one of: [^\n]*", "", report)
