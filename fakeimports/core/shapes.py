r"""Declarative request shapes and the one validator that walks them, in botocore's two layers.

A service declares each operation's input as a tree of :class:`Shape` values, copied from the
botocore model (type, required, min, max, pattern, enum). :func:`validate` then checks a
request the way reality does:

1. what botocore's ``ParamValidator`` checks before sending (missing required, unknown member,
   wrong type, length or value below ``min``) -> a report in botocore's exact wording;
2. what only the service checks (``max``, ``pattern``, ``enum``) -> :class:`Violation` rows
   with AWS's lowerCamel member paths (``importDataSource.s3Url``, ``tags.1.member``).

It also returns a normalised deep copy of the request (timestamps as aware UTC datetimes), so a
fake never keeps a reference to the caller's objects.

Each shape compiles a third check beside the two layers, ``accept``: one pass that only asks
whether a request passes both, and makes the same copy. Most requests do, and for them the
layers' paths and messages are wasted work; any other request runs the two layers, which
say why. A property test holds the three to agreeing on every operation's shape.

Patterns follow the service's dialect, not Python's (:func:`aws_regex`): the whole value must
match, ``\d``, ``\w`` and ``\s`` are ASCII-only, and ``.`` matches no line terminator. That
is Java's default dialect, which AWS services run: where Java and ECMA 262 (Smithy's
reference) differ — ``\s`` against Unicode spaces such as U+00A0 — the fakes take Java's
side, so ``\s`` matches only ASCII white space.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from .clock import as_utc
from .described import described
from .errors import Violation

__all__ = [
    "Blob",
    "Boolean",
    "Double",
    "Integer",
    "LazyRegex",
    "ListOf",
    "Long",
    "MapOf",
    "Shape",
    "String",
    "Structure",
    "Timestamp",
    "aws_regex",
    "copy_data",
    "parse_timestamp",
    "to_ms",
    "validate",
]

_SCALARS = ("string", "integer", "long", "double", "float", "boolean")


@functools.cache
def _scalar_types() -> dict[str, tuple[type, ...]]:
    """The Python types botocore takes for each scalar (decimal loads on the first check)."""
    import decimal

    return {
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


LINE_TERMINATORS = "\n\r\x85\u2028\u2029"  # what Java's "." does not match


def aws_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled with the rules AWS's services apply (see the module docstring).

    Use it with ``fullmatch``. Python's ``.`` stops only at ``\n``; here it stops at every
    Java line terminator, and ``\\d``/``\\w``/``\\s`` are ASCII (``re.ASCII``).
    """
    out = []
    in_class = False
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars, ""))
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == ".":
            out.append(f"[^{LINE_TERMINATORS}]")
            continue
        out.append(char)
    return re.compile("".join(out), re.ASCII)


class LazyRegex:
    """``aws_regex(pattern)``, compiled on its first use, for module constants: importing a
    fake compiles none of them. After the first call ``fullmatch`` is the compiled pattern's
    own method, so a hot loop pays nothing more."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def fullmatch(self, text: str) -> re.Match[str] | None:
        compiled = aws_regex(self.pattern)
        self.fullmatch = compiled.fullmatch  # type: ignore[method-assign,assignment]
        return compiled.fullmatch(text)


def to_ms(moment: datetime) -> datetime:
    """``moment`` cut to whole milliseconds, the precision AWS keeps timestamps at.

    Every call reads the clock through here. Subtracting a ready-made ``timedelta`` costs a
    sixth of ``moment.replace(microsecond=...)`` on an aware datetime (0.12 against 0.8 µs).
    """
    extra = moment.microsecond % 1000
    if not extra:
        return moment
    return moment - (_UNDER_MS or _under_ms())[extra]


_UNDER_MS: list[timedelta] = []  # timedelta(microseconds=i) for i < 1000, made on first use


def _under_ms() -> list[timedelta]:
    _UNDER_MS.extend(timedelta(microseconds=i) for i in range(1000))
    return _UNDER_MS


@described
@attrs.frozen(repr=False, eq=False)
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
    _checks: tuple[Any, Any, Any] | None = attrs.field(
        init=False, eq=False, repr=False, default=None
    )

    def _compiled_checks(self) -> tuple[Any, Any, Any]:
        checks = self._checks
        if checks is None:
            checks = (_compile_client(self), _compile_service(self), _compile_accept(self))
            object.__setattr__(self, "_checks", checks)
        return checks

    @property
    def client_check(self) -> ClientCheck:
        """botocore's checks of this shape, compiled on first use."""
        check: ClientCheck = self._compiled_checks()[0]
        return check

    @property
    def service_check(self) -> ServiceCheck | None:
        """The service's checks of this shape (``None``: it has none), compiled on first use."""
        check: ServiceCheck | None = self._compiled_checks()[1]
        return check

    @property
    def accept(self) -> Accept:
        """Both layers at once for a request that passes them (see ``_compile_accept``)."""
        check: Accept = self._compiled_checks()[2]
        return check

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

    With botocore installed this is botocore's own ``parse_to_aware_datetime`` (so bytes are
    taken as botocore takes them, and a value it cannot place in time — ``inf``, ``2**63`` —
    raises botocore's ``RuntimeError``). Without it: a datetime (naive means UTC), epoch
    seconds, or an ISO-8601 string.
    """
    if isinstance(value, datetime):
        return as_utc(value)
    parse = _botocore_parser()
    if parse is not None:
        try:
            return as_utc(parse(value))
        except (TypeError, ValueError, AttributeError):
            return None
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


@functools.cache
def _botocore_parser() -> Callable[[Any], datetime] | None:
    try:
        from botocore.utils import parse_to_aware_datetime
    except ImportError:  # pragma: no cover - only where botocore is not installed
        return None
    parse: Callable[[Any], datetime] = parse_to_aware_datetime
    return parse


def validate(
    shape: Shape, params: Mapping[str, Any]
) -> tuple[Sequence[str], Sequence[Violation], dict[str, Any]]:
    """Check ``params`` against ``shape`` in both layers; see the module docstring.

    Returns botocore's report lines, AWS's violations and the checked copy of ``params``.
    """
    client_check, service_check, accept = shape._checks or shape._compiled_checks()
    copy = accept(params)
    if copy is not _MISS:  # the common case: nothing to report, and the copy made
        return _NOTHING, _NOTHING, copy
    errors: list[str] = []
    copy = client_check(params, "", errors)
    violations: list[Violation] = []
    if not errors and service_check is not None:
        service_check(copy, "", violations)
    return errors, violations, copy if isinstance(copy, dict) else {}


# Each shape compiles, on first use, into three closures: one per layer, and the quick accept
# of both (at the end of this module). Everything that does not depend on the request (type
# tuples, names, messages' fixed parts, which members have service-side constraints at all)
# is worked out once, so a call only runs the checks.

ClientCheck = Callable[[Any, str, list[str]], Any]
ServiceCheck = Callable[[Any, str, list[Violation]], None]
Accept = Callable[[Any], Any]


# --- layer 1: botocore's ParamValidator, to the letter ---------------------------------------


def _name(name: str) -> str:
    return "input" if not name else name.removeprefix(".")


def _type_error(name: str, param: Any, valid: str, errors: list[str]) -> None:
    errors.append(
        f"Invalid type for parameter {_name(name)}, value: {param}, "
        f"type: {type(param)}, valid types: {valid}"
    )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _compile_client(shape: Shape) -> ClientCheck:
    kind = shape.type
    low = shape.min
    if kind == "timestamp":
        stamp_types = f"{datetime}, timestamp-string"

        def check_timestamp(param: Any, name: str, errors: list[str]) -> Any:
            parsed = parse_timestamp(param)
            if parsed is None:
                _type_error(name, param, stamp_types, errors)
            return parsed

        return check_timestamp
    if kind == "blob":
        blob_types = f"{bytes}, {bytearray}, file-like object"

        def check_blob(param: Any, name: str, errors: list[str]) -> Any:
            if isinstance(param, (bytes, bytearray, str)) or hasattr(param, "read"):
                return param
            _type_error(name, param, blob_types, errors)
            return None

        return check_blob
    valid = _CONTAINER_TYPES.get(kind) or _scalar_types()[kind]
    valid_names = ", ".join(str(t) for t in valid)

    def wrong_type(param: Any, name: str, errors: list[str]) -> None:
        _type_error(name, param, valid_names, errors)

    def too_small(what: str, measured: float, name: str, errors: list[str]) -> None:
        assert low is not None
        errors.append(
            f"Invalid {what} for parameter {_name(name)}, value: {measured}, "
            f"valid min {what}: {_num(low)}"
        )

    if kind == "structure":
        return _compile_structure(shape, valid, wrong_type)
    if kind == "list":
        return _compile_list(shape, valid, wrong_type, too_small)
    if kind == "map":
        assert shape.key is not None and shape.value is not None
        key_check, value_check = shape.key.client_check, shape.value.client_check

        def check_map(param: Any, name: str, errors: list[str]) -> Any:
            if not isinstance(param, dict):
                wrong_type(param, name, errors)
                return None
            return {
                key_check(k, f"{name} (key: {k})", errors): value_check(v, f"{name}.{k}", errors)
                for k, v in param.items()
            }

        return check_map
    if kind == "string":

        def check_string(param: Any, name: str, errors: list[str]) -> Any:
            if not isinstance(param, str):
                wrong_type(param, name, errors)
                return None
            if low is not None and len(param) < low:
                too_small("length", len(param), name, errors)
            return param

        return check_string

    def check_scalar(param: Any, name: str, errors: list[str]) -> Any:
        if not isinstance(param, valid):
            wrong_type(param, name, errors)
            return None
        number: Any = param  # checked above; mypy cannot follow a tuple of types
        if low is not None and kind != "boolean" and number < low:
            too_small("value", number, name, errors)
        return number

    return check_scalar


def _compile_structure(
    shape: Shape, valid: tuple[type, ...], wrong_type: Callable[[Any, str, list[str]], None]
) -> ClientCheck:
    members = shape.members
    checks = {key: member.client_check for key, member in members.items()}
    required = shape.required
    union = shape.union
    listed = ", ".join(members)

    def check_structure(param: Any, name: str, errors: list[str]) -> Any:
        if not isinstance(param, dict):
            wrong_type(param, name, errors)
            return None
        if union and len(param) != 1:
            errors.append(
                f"Must set one of the following keys for tagged unionstructure {_name(name)}: "
                f"{listed}."
                if not param
                else "Invalid number of parameters set for tagged union structure "
                f"{_name(name)}. Can only set one of the following keys: {listed}."
            )
        for key in required:
            if key not in param:
                errors.append(f'Missing required parameter in {_name(name)}: "{key}"')
        for key in param:
            if key not in members:
                errors.append(
                    f'Unknown parameter in {_name(name)}: "{key}", must be one of: {listed}'
                )
        out: dict[str, Any] = {}
        for key, value in param.items():
            check = checks.get(key)
            if check is not None:
                out[key] = check(value, f"{name}.{key}", errors)
        return out

    return check_structure


def _compile_list(
    shape: Shape,
    valid: tuple[type, ...],
    wrong_type: Callable[[Any, str, list[str]], None],
    too_small: Callable[[str, float, str, list[str]], None],
) -> ClientCheck:
    member = shape.member
    assert member is not None
    low = shape.min
    # botocore only type-checks the items of a list of unconstrained scalars
    scalar_items = member.type in _SCALARS and not member.has_constraints
    item_types = _scalar_types().get(member.type, ())
    item_names = ", ".join(str(t) for t in item_types)
    check = member.client_check

    def check_list(param: Any, name: str, errors: list[str]) -> Any:
        if not isinstance(param, valid):
            wrong_type(param, name, errors)
            return None
        items: Any = param  # a list or tuple; mypy cannot follow a tuple of types
        if low is not None and len(items) < low:
            too_small("length", len(items), name, errors)
        if scalar_items:
            for i, item in enumerate(items):
                if not isinstance(item, item_types):
                    _type_error(f"{name}[{i}]", item, item_names, errors)
            return list(items)
        return [check(item, f"{name}[{i}]", errors) for i, item in enumerate(items)]

    return check_list


# --- layer 2: what the service checks (max, pattern, enum) -----------------------------------


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _compile_service(shape: Shape) -> ServiceCheck | None:  # noqa: PLR0915 - one branch per kind
    """The service-side check of ``shape``, or ``None`` when nothing under it has one."""
    kind = shape.type
    high = shape.max
    if kind == "structure":
        children = [
            (key, _camel(key), member.service_check)
            for key, member in shape.members.items()
            if member.service_check is not None
        ]
        if not children:
            return None

        def check_structure(value: Any, path: str, out: list[Violation]) -> None:
            if value is None:
                return
            for key, camel, check in children:
                if key in value:
                    check(value[key], f"{path}.{camel}" if path else camel, out)

        return check_structure
    if kind in ("integer", "long", "double", "float"):
        if high is None:
            return None
        top = f"Member must have value less than or equal to {_num(high)}"

        def check_number(value: Any, path: str, out: list[Violation]) -> None:
            if value is not None and value > high:
                out.append(Violation(path, value, top))

        return check_number
    if kind not in ("string", "list", "map"):
        return None
    longest = f"Member must have length less than or equal to {_num(high)}" if high else ""
    if kind == "list":
        assert shape.member is not None
        item_check = shape.member.service_check
        if high is None and item_check is None:
            return None

        def check_list(value: Any, path: str, out: list[Violation]) -> None:
            if value is None:
                return
            if high is not None and len(value) > high:
                out.append(Violation(path, value, longest))
            if item_check is not None:
                for i, item in enumerate(value, start=1):
                    item_check(item, f"{path}.{i}.member", out)

        return check_list
    if kind == "map":
        assert shape.key is not None and shape.value is not None
        key_check, value_check = shape.key.service_check, shape.value.service_check
        if high is None and key_check is None and value_check is None:
            return None

        def check_map(value: Any, path: str, out: list[Violation]) -> None:
            if value is None:
                return
            if high is not None and len(value) > high:
                out.append(Violation(path, value, longest))
            for k, v in value.items():
                if key_check is not None:
                    key_check(k, f"{path}.key", out)
                if value_check is not None:
                    value_check(v, f"{path}.{k}", out)

        return check_map
    # compiled here, with the rest of the shape's checks on its first use
    regex = None if shape.pattern is None else aws_regex(shape.pattern)
    enum = shape.enum
    if high is None and regex is None and enum is None:
        return None
    pattern_rule = f"Member must satisfy regular expression pattern: {shape.pattern}"
    enum_rule = f"Member must satisfy enum value set: [{', '.join(enum or ())}]"

    def check_string(value: Any, path: str, out: list[Violation]) -> None:
        if value is None:
            return
        if high is not None and len(value) > high:
            out.append(Violation(path, value, longest))
        if regex is not None and not regex.fullmatch(value):
            out.append(Violation(path, value, pattern_rule))
        if enum is not None and value not in enum:
            out.append(Violation(path, value, enum_rule))

    return check_string


# --- both layers at once, for what passes them ------------------------------------------------

_MISS: Any = object()  # "not plainly valid": the two layers run, and say why
_NOTHING: tuple[Any, ...] = ()  # what a valid request reports, in either layer


def _compile_accept(shape: Shape) -> Accept:
    """``accept(value)``: the checked copy of a value that passes both layers, else ``_MISS``.

    Most requests are valid, and for them the two layers' work on names, paths and messages
    is wasted: this check asks only "does it pass?", on the same rules, and builds the same
    copy. On ``_MISS`` the layers run and say why (a test holds the three to agreeing).
    """
    kind = shape.type
    if kind == "timestamp":

        def accept_timestamp(value: Any) -> Any:
            parsed = parse_timestamp(value)
            return _MISS if parsed is None else parsed

        return accept_timestamp
    if kind == "blob":

        def accept_blob(value: Any) -> Any:
            if isinstance(value, (bytes, bytearray, str)) or hasattr(value, "read"):
                return value
            return _MISS

        return accept_blob
    if kind == "structure":
        return _accept_structure(shape)
    if kind in ("list", "map"):
        return _accept_collection(shape)
    low, high = shape.min, shape.max
    if kind == "string":
        regex = None if shape.pattern is None else aws_regex(shape.pattern).fullmatch
        enum = shape.enum
        if low is None and high is None and regex is None and enum is None:

            def accept_text(value: Any) -> Any:
                return value if isinstance(value, str) else _MISS

            return accept_text

        def accept_string(value: Any) -> Any:
            if not isinstance(value, str):
                return _MISS
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return _MISS
            if (regex is not None and regex(value) is None) or (
                enum is not None and value not in enum
            ):
                return _MISS
            return value

        if regex is None:
            return accept_string
        # a pattern costs a match: a string that passed passes again without one (the ids a
        # test reads over and over); a few hundred are kept, then the record starts afresh
        passed: dict[str, None] = {}

        def accept_patterned(value: Any) -> Any:
            if type(value) is str and value in passed:
                return value
            if accept_string(value) is _MISS:
                return _MISS
            if len(passed) >= _PASSED:
                passed.clear()
            passed[value] = None
            return value

        return accept_patterned
    valid = _scalar_types()[kind]
    floor = None if kind == "boolean" else low

    def accept_scalar(value: Any) -> Any:
        if not isinstance(value, valid):
            return _MISS
        number: Any = value  # checked above; mypy cannot follow a tuple of types
        if (floor is not None and number < floor) or (high is not None and number > high):
            return _MISS
        return number

    return accept_scalar


_PASSED = 256  # strings a patterned shape remembers as passed


def _accept_structure(shape: Shape) -> Accept:
    members = {key: member.accept for key, member in shape.members.items()}
    required, union = shape.required, shape.union

    def accept_structure(value: Any) -> Any:
        if not isinstance(value, dict) or (union and len(value) != 1):
            return _MISS
        for key in required:
            if key not in value:
                return _MISS
        out = {}
        for key, item in value.items():
            check = members.get(key)
            if check is None:  # an unknown member
                return _MISS
            copy = check(item)
            if copy is _MISS:
                return _MISS
            out[key] = copy
        return out

    return accept_structure


def _accept_collection(shape: Shape) -> Accept:
    """A list's or a map's check: its size between ``min`` and ``max``, then each item's."""
    least = -1 if shape.min is None else shape.min
    most = math.inf if shape.max is None else shape.max
    if shape.type == "list":
        assert shape.member is not None
        item_accept = shape.member.accept

        def accept_list(value: Any) -> Any:
            if not isinstance(value, (list, tuple)) or not least <= len(value) <= most:
                return _MISS
            out = list(map(item_accept, value))
            # ``in`` compares by identity first; an item equal to everything only sends the
            # request the long way round, through the two layers
            return _MISS if _MISS in out else out

        return accept_list
    assert shape.key is not None and shape.value is not None
    key_accept, value_accept = shape.key.accept, shape.value.accept

    def accept_map(value: Any) -> Any:
        if not isinstance(value, dict) or not least <= len(value) <= most:
            return _MISS
        out = {}
        for key, item in value.items():
            copy = value_accept(item)
            if copy is _MISS or key_accept(key) is _MISS:
                return _MISS
            out[key] = copy
        return out

    return accept_map


def copy_data(value: Any) -> Any:
    """A deep copy of plain JSON-like data (dicts and lists), much faster than ``copy.deepcopy``.

    Fakes hand out copies so that a caller mutating a response never changes a fake's state.
    """
    if isinstance(value, dict):  # a leaf is kept without a call: most members are leaves
        return {k: v if type(v) in LEAVES else copy_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in LEAVES else copy_data(v) for v in value]
    return value


LEAVES = frozenset({str, int, bool, float, type(None)})  # values copy_data keeps as they are
