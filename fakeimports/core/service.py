"""The base every fake stands on: dispatch, responses, errors, paginators, faults, a lock.

A service module declares its operations with :func:`operation` and a :class:`ServiceModel`;
everything a call goes through is here, once:

    client-side validation -> injected fault -> service-side validation -> handler
    -> ``ResponseMetadata`` -> recorded in ``fake.control.calls``
"""

from __future__ import annotations

import functools
import inspect
import os
import random
import re
import threading
import weakref
from collections import deque
from collections.abc import Callable, Generator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    ParamSpec,
    TypedDict,
    TypeVar,
    cast,
    overload,
)

import attrs

from .clock import Clock, Copyable, SystemClock
from .described import described
from .errors import (
    COMMON_ERRORS,
    AwsError,
    ErrorSpec,
    ExceptionNamespace,
    ServiceError,
    Violation,
    param_validation_error,
    validation_message,
)
from .lifecycle import Lifecycle, merge_durations
from .objects import ObjectStore
from .pagination import Listing, Pager, SortedIndex, from_ms, ms
from .resources import ResourceTable, Row, Rows
from .shapes import LEAVES, LazyRegex, Shape, copy_data, to_ms, validate

if TYPE_CHECKING:
    from .records import RecordPlan, Schedule

__all__ = [
    "Call",
    "Control",
    "FakeOptions",
    "FakeService",
    "Operation",
    "ServiceModel",
    "clock_waiter",
    "locked",
    "operation",
    "snake",
]

Response = dict[str, Any]
Handler = Callable[[Any, dict[str, Any]], Response]
M = TypeVar("M", bound=Callable[..., Any])
T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")

_ACCOUNT = LazyRegex(r"\d{12}")
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"  # ASCII order


@described
@attrs.frozen(repr=False, eq=False)
class Operation:
    """An AWS operation: its model name, input shape, documented success status and, for a
    list operation, how it pages."""

    name: str
    input: Shape
    status: int = 200
    listing: Listing | None = None


@described
@attrs.frozen(repr=False, eq=False)
class ServiceModel:
    """What a service declares once: names, protocol, errors, paginators, waiters.

    Service-side validation raises ``validation_code`` in AWS's ``N validation errors
    detected`` wording; ``field_list`` adds MGN's ``reason``/``fieldList`` members. A bad
    pagination token raises ``invalid_token_code`` with ``invalid_token_message``.
    ``durations`` is how long each running status of the main resource lasts by default.
    ``paginators`` and ``waiters`` are botocore's ``paginators-1.json`` and ``waiters-2.json``
    entries, keyed by operation and waiter name.
    """

    name: str
    content_type: str
    errors: tuple[ErrorSpec, ...]
    validation_code: str
    invalid_token_code: str
    invalid_token_message: str
    durations: Mapping[str, timedelta]
    paginators: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    waiters: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    rest: bool = False
    field_list: bool = False

    def _error(self, code: str, message: str, fields: list[tuple[str, str]]) -> AwsError:
        if not self.field_list:
            return AwsError(code, message)
        return AwsError(
            code,
            message,
            reason="fieldValidationFailed",
            fieldList=[{"name": name, "message": text} for name, text in fields],
        )

    def validation(self, violations: Sequence[Violation]) -> AwsError:
        """The service's error for broken ``max``/``pattern``/``enum`` constraints."""
        return self._error(
            self.validation_code,
            validation_message(violations),
            [(v.path, v.constraint) for v in violations],
        )

    def invalid(self, message: str) -> AwsError:
        """The service's validation error for a rule of its own (cross-field rules)."""
        return AwsError(self.validation_code, message)

    def invalid_token(self) -> AwsError:
        message = self.invalid_token_message
        return self._error(self.invalid_token_code, message, [("nextToken", message)])


class FakeOptions(TypedDict, total=False):
    """The options every fake takes (keyword-only), besides its service's own."""

    clock: Clock | None
    region_name: str
    account_id: str
    seed: int | str | None
    durations: Mapping[str, timedelta] | None
    objects: ObjectStore | None
    require_sources: bool


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()
_NO_ROWS: SortedIndex[Any] = SortedIndex()
_PY_TYPES = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "double": "float",
    "float": "float",
    "boolean": "bool",
    "timestamp": "datetime",
    "blob": "bytes",
    "structure": "dict[str, Any]",
    "map": "dict[str, Any]",
}


def _annotation(shape: Shape) -> str:
    if shape.type == "list":
        assert shape.member is not None
        return f"list[{_annotation(shape.member)}]"
    return _PY_TYPES[shape.type]


def _signature(op: Operation) -> inspect.Signature:
    """boto3's keyword parameters of ``op``, from its input shape, for ``help()``."""
    kind = inspect.Parameter.KEYWORD_ONLY
    required = op.input.required
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for name, member in op.input.members.items():
        default = inspect.Parameter.empty if name in required else _UNSET
        params.append(
            inspect.Parameter(name, kind, default=default, annotation=_annotation(member))
        )
    return inspect.Signature(params, return_annotation="dict[str, Any]")


def operation(op: Operation) -> Callable[[Handler], Callable[..., Response]]:
    """Turn ``handler(self, params)`` into a boto3-shaped method taking keyword arguments.

    The method's signature (``help()``, ``inspect.signature``) lists the operation's
    members; its docstring is the handler's.
    """

    def wrap(handler: Handler) -> Callable[..., Response]:
        name = handler.__name__

        # every call of every fake runs this: one frame, from the arguments to the record
        @functools.wraps(handler)
        def method(self: FakeService, *args: Any, **kwargs: Any) -> Response:
            if args:
                raise TypeError(f"{name}() only accepts keyword arguments.")
            with self._lock:
                try:
                    client_errors, violations, params = validate(op.input, kwargs)
                    if client_errors:
                        raise param_validation_error("\n".join(client_errors))
                    if self._faults:
                        queue = self._faults.get(name)
                        if queue:
                            raise queue.popleft()
                    if violations:
                        raise self.model.validation(violations)
                    self._catch_up()
                    body = handler(self, params)
                except AwsError as err:
                    error = self._client_error(op, err)
                    self._record(Call(name, _taken(kwargs), error=error))
                    raise error from None
                except Exception as exc:
                    self._record(Call(name, _taken(kwargs), error=exc))
                    raise
                body["ResponseMetadata"] = self._metadata(op.status)
                self._record(Call(name, _taken(kwargs), body))
                return body

        method._operation = op  # type: ignore[attr-defined]
        method.__signature__ = _signature(op)  # type: ignore[attr-defined]
        del method.__wrapped__  # help() shows the signature above, not the handler's
        return method

    return wrap


def _taken(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The request as a record keeps it: ``kwargs`` itself, a dict Python made for this call
    alone, with its nested values copied (the caller still holds those)."""
    for key, value in kwargs.items():
        if type(value) not in LEAVES:
            kwargs[key] = copy_data(value)
    return kwargs


def locked(method: M) -> M:
    """Run a fake's method under its lock: for the methods its ``control`` calls."""

    @functools.wraps(method)
    def run(self: FakeService, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


@described
class Call:
    """One call the code under test made: boto3 method name, parameters, and what came back.

    ``params`` is a copy taken at call time: changing the request's objects afterwards never
    changes the record. ``response`` is the very dict the caller received (as respx records
    it: a copy would cost as much as building the answer twice), kept while this is the
    latest call and released (``None``) by the next: a page of 1,000 items kept for a hundred
    calls made CPython's full collections run again and again while a paginator walked.
    """

    __slots__ = ("error", "operation", "params", "response")

    def __init__(
        self,
        operation: str,
        params: dict[str, Any],
        response: Response | None = None,
        error: Exception | None = None,
    ) -> None:
        self.operation = operation
        self.params = params
        self.response = response
        self.error = error


S = TypeVar("S", bound="FakeService")
_BEFORE_ALL = datetime.min.replace(tzinfo=timezone.utc)

_DEFAULT_MESSAGES = {
    "ThrottlingException": "Rate exceeded",
    "TooManyRequestsException": "Too Many Requests",
    "InternalServerException": "An internal error occurred. Try again later.",
}


class Control(Generic[S]):
    """Test-only controls of one fake, reached as ``fake.control`` (never an AWS operation).

    The shared levers live here: forcing a status, faults, recorded calls, reset. A service's
    control adds its own levers; each checks the test's request, then calls one named method
    of the fake, which owns its state and every change to it.
    """

    # how many recent calls ``calls`` keeps (with their params and errors; a response only
    # while its call is the latest, see ``Call``): enough to assert on, few enough that what
    # they hold does not burden the garbage collector
    history: ClassVar[int] = 100

    def __init__(self, fake: S) -> None:
        self._fake = fake

    @property
    def calls(self) -> list[Call]:
        """The latest ``history`` calls (100), oldest first."""
        return list(self._fake._calls)

    @property
    def call_count(self) -> int:
        """Every call made since the fake was made or reset (``calls`` keeps the latest)."""
        return self._fake._call_count

    def calls_to(self, operation: str) -> list[Call]:
        """The recorded calls of one operation (boto3 name), oldest first."""
        return [c for c in self._fake._calls if c.operation == operation]

    def fail_next(
        self,
        operation: str,
        code: str,
        *,
        times: int = 1,
        message: str | None = None,
        **members: Any,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` fail with the error ``code``.

        ``code`` is an error of the service's model (raised as ``fake.exceptions.<code>``) or
        one of AWS's common errors (``AccessDeniedException``, ``ServiceUnavailable``,
        ``InternalFailure``, … with their real HTTP statuses), raised, as botocore raises a
        code its model does not declare, as a plain ``ClientError``. The call still passes
        client-side validation first (it "reached" AWS). ``members`` add modeled body members
        (for example MGN's ``quotaCode``).
        """
        fake = self._fake
        if operation not in fake._operations:
            raise ValueError(
                f"{operation!r} is not an operation of {type(fake).__name__}; "
                f"operations: {', '.join(sorted(fake._operations))}"
            )
        if code not in fake.exceptions.specs and code not in COMMON_ERRORS:
            raise ValueError(
                f"{code!r} is not an error of the {fake.model.name} model nor a common AWS "
                f"error; errors: {', '.join(sorted({*fake.exceptions.specs, *COMMON_ERRORS}))}"
            )
        if times < 1:
            raise ValueError("times must be at least 1")
        text = message or _DEFAULT_MESSAGES.get(code, f"{code} (injected by fakeimports)")
        queue = fake._faults.setdefault(operation, deque())
        queue.extend(AwsError(code, text, **members) for _ in range(times))

    def set_status(self, resource_id: str, status: str) -> None:
        """Force a legal status now; it stays until an API call or another control changes it.

        The legal moves are the service's lifecycle (``models.py``); any other raises
        ``ValueError`` naming the legal ones.
        """
        self._fake._force_status(resource_id, status)

    def _script(self, outcome: Any, times: int) -> None:
        """Queue how the next ``times`` resources (imports, jobs, tasks) end."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self._fake._script(outcome, times)

    def reset(self) -> None:
        """Forget everything: resources, scripts, faults and recorded calls."""
        fake = self._fake
        with fake._lock:
            fake._calls.clear()
            fake._call_count = 0
            fake._faults.clear()
            fake._reset()


C_co = TypeVar("C_co", bound=Control[Any], covariant=True)


class Controls(Generic[C_co]):
    """``fake.control``: the fake's test-only levers, a view of the fake made on each access.

    A service declares ``control = Controls(ItsControl)``. The state the levers show and
    steer (recorded calls, queued faults) belongs to the fake, so a control taken once keeps
    working, and ``fake.control`` is cheap to reach again.
    """

    def __init__(self, cls: type[C_co]) -> None:
        self.cls = cls

    @overload
    def __get__(self, fake: None, owner: type[Any]) -> Controls[C_co]: ...

    @overload
    def __get__(self, fake: FakeService, owner: type[Any]) -> C_co: ...

    def __get__(self, fake: FakeService | None, owner: type[Any]) -> Controls[C_co] | C_co:
        return self if fake is None else self.cls(fake)


class FakeService(Copyable):
    """Base of the four fakes. A subclass declares ``model``, ``lifecycle``, its operations,
    and the hooks that build its default outcome and its own state."""

    _new_lock = threading.RLock  # a copy (deepcopy, pickle) is an independent fake
    model: ClassVar[ServiceModel]
    lifecycle: ClassVar[Lifecycle]
    # code and message (``{id}`` filled in) of the main resource's modeled not-found error
    not_found: ClassVar[tuple[str, str] | None] = None
    exceptions: ClassVar[ExceptionNamespace]
    _operations: ClassVar[dict[str, Operation]]
    control: ClassVar[Controls[Control[Any]]]
    _table: ResourceTable[Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__:
            cls.exceptions = ExceptionNamespace(cls.model.name, cls.model.errors)
        cls._operations = {
            name: value._operation
            for klass in reversed(cls.__mro__)
            for name, value in vars(klass).items()
            if hasattr(value, "_operation")
        }

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        region_name: str = "us-east-1",
        account_id: str = "123456789012",
        seed: int | str | None = None,
        durations: Mapping[str, timedelta] | None = None,
        objects: ObjectStore | None = None,
        require_sources: bool = False,
    ) -> None:
        """``durations`` overrides how long the running statuses last (``model.durations``);
        ``objects`` is where imports read their input (a store of the fake's own by default).

        An import whose input object is present takes its outcome from the data. When the
        object is absent, the scripted or default outcome applies, unless ``require_sources``:
        then the import meets a missing object as on AWS (each service says how).
        """
        if not isinstance(account_id, str) or not _ACCOUNT.fullmatch(account_id):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}")
        if not region_name:
            raise ValueError("region_name must not be empty")
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.objects: ObjectStore = objects if objects is not None else ObjectStore()
        self.require_sources = require_sources
        self.region_name = region_name
        self.account_id = account_id
        self._lock = threading.RLock()
        base = seed if seed is not None else os.urandom(16).hex()
        self._ids = random.Random(f"{base}:ids")
        # Retry and waiter jitter of a served client: seeded, so a seeded test repeats exactly.
        self.jitter = random.Random(f"{base}:jitter")
        # Request ids: a random UUID4 prefix per fake and a counter, cheap and seed-repeatable.
        self._request_prefix = _uuid4(random.Random(f"{base}:requests"))[:24]
        self._request_count = 0
        self._secret = random.Random(f"{base}:tokens:{region_name}:{account_id}").randbytes(32)
        self.durations = merge_durations(self.model.durations, durations)
        self._pager = Pager(self._secret, self.model.invalid_token)
        self._outcomes: deque[Any] = deque()
        self._plain_outcome: tuple[Mapping[str, timedelta], Any] | None = None
        self._latest = _BEFORE_ALL  # the latest moment the fake has read
        # what ``control`` shows and steers lives here: a control is a view of its fake, made
        # on each access, so the two form no reference cycle and a fake no longer used (with,
        # say, a million imported contacts) is freed at once, not by the cyclic collector
        self._calls: deque[Call] = deque(maxlen=type(self).control.cls.history)
        self._call_count = 0
        self._faults: dict[str, deque[AwsError]] = {}
        self._reset()

    # --- state ------------------------------------------------------------------------------

    def _reset(self) -> None:
        self._outcomes.clear()
        missing = None if self.not_found is None else functools.partial(_missing, *self.not_found)
        self._table = ResourceTable(self.lifecycle, missing)
        self._schedule: Schedule | None = None  # records of data imports still to take effect
        self._reset_state()

    def _reset_state(self) -> None:
        """Hook: build the service's own empty state (beyond its resource table)."""

    def _script(self, outcome: Any, times: int) -> None:
        with self._lock:
            self._outcomes.extend([outcome] * times)

    def _next_outcome(self, *context: Any) -> Any:
        """The next scripted outcome, else the service's default for ``context``."""
        if self._outcomes:
            return self._outcomes.popleft()
        return self._default_outcome(*context)

    def _catch_up(self) -> None:
        """Let the records whose moment has come take effect (imports that read data), so
        every operation sees them. Runs before each operation, and before a control lever
        that reads the state."""
        if self._schedule:
            self._schedule.run(self._now(), self._apply_records)

    def _schedule_records(self, plan: RecordPlan[Any]) -> None:
        """Records of an import that reads data take effect as the clock passes them; the
        schedule (and the readers' module) is made on the first such import."""
        if self._schedule is None:
            from .records import Schedule

            self._schedule = Schedule()
        self._schedule.add(plan)

    def _apply_records(self, plan: RecordPlan[Any], first: int, stop: int) -> None:
        """Hook: records ``first`` to ``stop`` of ``plan`` take effect (see ``Schedule``)."""
        raise NotImplementedError

    def _default_outcome(self, *context: Any) -> Any:
        """Hook: how a resource ends when no test scripted it."""
        raise NotImplementedError

    def _plain(self, make: Callable[[Mapping[str, timedelta]], T]) -> T:
        """The outcome ``make(durations)`` builds, made once and shared by every import that
        ends the default way (outcomes are frozen): a million plain imports, one outcome."""
        cached = self._plain_outcome
        if cached is None or cached[0] is not self.durations:  # durations replaced: remake
            cached = self._plain_outcome = (self.durations, make(self.durations))
        return cast("T", cached[1])

    @locked
    def _force_status(self, resource_id: str, status: str) -> None:
        resource = self._table.lookup(resource_id)
        now = self._now()
        self._forced(resource, resource_id, now, status)
        self._table.replanned(resource_id)

    def _forced(self, resource: Any, resource_id: str, now: datetime, status: str) -> None:
        """Hook for services whose forced statuses carry more state (rows, indexes)."""
        resource.timeline.force(resource_id, now, status)

    # --- helpers for the services -----------------------------------------------------------

    def _now(self) -> datetime:
        """The clock's time at AWS's millisecond precision, never earlier than seen before.

        Time does not run backwards for a fake: after ``ManualClock.set(earlier)`` (or a
        freezegun jump back) it keeps reading the latest moment it has seen, so a finished
        import stays finished and nothing is "created later" than now. It moves on again
        once the clock passes that moment.
        """
        now = to_ms(self.clock.now())
        if now < self._latest:
            return self._latest
        self._latest = now
        return now

    @property
    def partition(self) -> str:
        """The ARN partition of this fake's Region."""
        if self.region_name.startswith("cn-"):
            return "aws-cn"
        return "aws-us-gov" if self.region_name.startswith("us-gov-") else "aws"

    def _uuid(self) -> str:
        return _uuid4(self._ids)

    def _token(self, alphabet: str, length: int) -> str:
        """``length`` characters of ``alphabet`` from the fake's seeded source: random bytes
        mapped through a table (a tenth of the cost of ``choices``; ids need only look real)."""
        return self._ids.randbytes(length).translate(_byte_table(alphabet)).decode()

    def _list(
        self,
        op: Operation,
        params: Mapping[str, Any],
        index: SortedIndex[T],
        render: Callable[..., Any],
        *,
        filters: Mapping[str, Any] | None = None,
        keep: Callable[[T], bool] | None = None,
        reverse: bool = False,
        as_of: Callable[[datetime, datetime], SortedIndex[T]] | None = None,
        now: datetime | None = None,
    ) -> Response:
        """One page of a list operation, as ``op.listing`` declares it.

        The token is bound to ``filters`` (by default every request member but the token and
        the page size). An empty token reads as no token: the first page. For an order that
        moves with time (Lex's last update), ``as_of(began, now)`` gives the order the walk
        began with; the token carries that moment. ``now`` is the handler's moment, when it
        has read the clock already: ``render`` then takes it with each item (``render(item,
        now)``: a model's own method, called without a Python layer between), else
        ``render(item)``.
        """
        listing = op.listing
        assert listing is not None, f"{op.name} declares no listing"
        size = params.get(listing.limit, listing.default)
        if listing.maximum is not None and not 1 <= size <= listing.maximum:
            bound = (
                "greater than or equal to 1"
                if size < 1
                else (f"less than or equal to {listing.maximum}")
            )
            if listing.size_message is not None:
                raise self.model.invalid(listing.size_message)
            path = listing.limit[:1].lower() + listing.limit[1:]
            raise self.model.validation([Violation(path, size, f"Member must have value {bound}")])
        if filters is None:
            filters = {k: v for k, v in params.items() if k not in (listing.token, listing.limit)}
        token = params.get(listing.token) or None
        cursor = None if token is None else self._decode(op, filters, token)
        prefix: tuple[Any, ...] = ()
        if as_of is not None:  # the walk goes on in the order its first page saw
            now = self._now() if now is None else now  # the handler's moment, when it has one
            began = now if cursor is None else from_ms(cursor[0])
            index = index if cursor is None else as_of(began, now)
            cursor = None if cursor is None else cursor[1:]
            prefix = (ms(began),)
        page = self._pager.walk(
            op.name,
            index,
            filters=filters,
            cursor=cursor,
            limit=size,
            keep=keep,
            reverse=reverse,
            prefix=prefix,
        )
        items = page.items
        rendered = map(render, items) if now is None else map(render, items, repeat(now))
        out: Response = {listing.items: list(rendered)}
        if page.next_token is not None:
            out[listing.token] = page.next_token
        return out

    def _decode(self, op: Operation, filters: Mapping[str, Any], token: str) -> Any:
        """The cursor in ``token``, or the operation's invalid-token error."""
        listing = op.listing
        assert listing is not None
        try:
            return self._pager.decode(op.name, filters, token)
        except AwsError:
            if listing.invalid_token is None and listing.invalid_token_message is None:
                raise
            code = listing.invalid_token or self.model.invalid_token_code
            message = listing.invalid_token_message or self.model.invalid_token_message
            raise AwsError(code, message) from None

    def _list_rows(
        self,
        op: Operation,
        params: Mapping[str, Any],
        resource_id: str,
        render: Callable[[Any, Row[Any], datetime], Any],
    ) -> Response:
        """A page of one resource's failure or error rows, those that have happened by now.

        An unknown id lists none: neither CloudTrail's nor MGN's operation models a not-found.
        """
        resource: Any = self._table.get(resource_id)
        rows: Rows[Any] | None = None if resource is None else resource.rows
        if rows is None:
            return self._list(op, params, _NO_ROWS, dict)
        now = self._now()
        attempt = resource.attempt
        ended = resource.timeline.status(now) in self.lifecycle.terminal
        return self._list(
            op,
            params,
            rows.index,
            lambda row: render(resource, row, now),
            keep=lambda row: Rows.visible(row, attempt, ended),
        )

    # --- boto3 client surface --------------------------------------------------------------

    @property
    def meta(self) -> Any:
        """A small stand-in for ``client.meta`` (service name and region)."""
        return _Meta(self.model.name, self.region_name)

    def can_paginate(self, operation_name: str) -> bool:
        op = self._operations.get(operation_name)
        return op is not None and op.name in self.model.paginators

    def get_paginator(self, operation_name: str) -> Any:
        """botocore's own ``Paginator`` driving this fake's method, as on a real client."""
        from botocore.exceptions import OperationNotPageableError
        from botocore.paginate import Paginator

        if not self.can_paginate(operation_name):
            raise OperationNotPageableError(operation_name=operation_name)
        op = self._operations[operation_name]
        return Paginator(
            getattr(self, operation_name), self.model.paginators[op.name], _OpModel(op)
        )

    @property
    def waiter_names(self) -> list[str]:
        return sorted(snake(name) for name in self.model.waiters)

    def get_waiter(self, waiter_name: str) -> Any:
        """A waiter as boto3's, except that it "sleeps" by advancing this fake's clock."""
        methods = {op.name: name for name, op in self._operations.items()}
        return clock_waiter(
            self.model.waiters,
            waiter_name,
            lambda op_name: getattr(self, methods[op_name]),
            self.clock,
        )

    # --- dispatch --------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        self._call_count += 1
        calls = self._calls
        if calls:
            calls[-1].response = None  # only the latest call keeps its response (see Call)
        calls.append(call)

    def _metadata(self, status: int, extra: Mapping[str, str] | None = None) -> dict[str, Any]:
        self._request_count += 1
        request_id = f"{self._request_prefix}{self._request_count:012x}"
        headers = {"x-amzn-requestid": request_id, "content-type": self.model.content_type}
        if extra:
            headers.update(extra)
        return {
            "RequestId": request_id,
            "HTTPStatusCode": status,
            "HTTPHeaders": headers,
            "RetryAttempts": 0,
        }

    def _client_error(self, op: Operation, err: AwsError) -> ServiceError:
        spec = self.exceptions.specs.get(err.code)
        if spec is None:  # a common error the model does not declare
            spec = ErrorSpec(err.code, COMMON_ERRORS[err.code])
        extra = {"x-amzn-errortype": err.code} if self.model.rest else None
        response: dict[str, Any] = {
            "Error": {"Message": err.message, "Code": err.code},
            "ResponseMetadata": self._metadata(spec.status, extra),
        }
        if "message" in spec.members:
            response["message"] = err.message
        if "code" in spec.members:  # MGN: botocore reads the code from here without the header
            response["code"] = err.code
        response.update(err.members)
        cls: Any = getattr(
            self.exceptions, err.code if err.code in self.exceptions.specs else "ClientError"
        )
        error: ServiceError = cls(response, op.name)
        return error

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.region_name} {self.account_id}>"


class _Weakly:
    """A fake's method held without holding the fake (see ``weakly``)."""

    __slots__ = ("_name", "_owner")

    def __init__(self, method: Any) -> None:
        self._owner = weakref.ref(method.__self__)
        self._name: str = method.__func__.__name__

    def __call__(self, *args: Any) -> Any:
        return getattr(self._owner(), self._name)(*args)

    def __reduce__(self) -> tuple[Any, ...]:
        # a copy of the fake (deepcopy, pickle) gets the same method of the copy
        return (_rebound, (self._owner(), self._name))


def _rebound(owner: Any, name: str) -> _Weakly:
    return _Weakly(getattr(owner, name))


def weakly(method: Callable[P, R]) -> Callable[P, R]:
    """``method`` (bound to a fake), for a part of the fake to call back without forming a
    reference cycle: a fake no longer used is freed at once, not by the cyclic collector."""
    return cast("Callable[P, R]", _Weakly(method))


@functools.cache
def _byte_table(alphabet: str) -> bytes:
    """Each byte value mapped to a character of ``alphabet`` (for ``bytes.translate``)."""
    return bytes(ord(alphabet[value % len(alphabet)]) for value in range(256))


def _missing(code: str, text: str, resource_id: str) -> AwsError:
    return AwsError(code, text.format(id=resource_id))


def _uuid4(source: random.Random) -> str:
    """A random (version 4) UUID string drawn from ``source``, so a seed repeats it."""
    bits = source.getrandbits(128) & ~(0xF000 << 64) | (0x4000 << 64)  # version 4
    bits = bits & ~(0xC000 << 48) | (0x8000 << 48)  # RFC 4122 variant
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def snake(name: str) -> str:
    """botocore's ``xform_name`` for plain CamelCase: BotImportCompleted -> bot_import_completed."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def clock_waiter(
    waiters: Mapping[str, Mapping[str, Any]],
    waiter_name: str,
    method_of: Callable[[str], Callable[..., Any]],
    clock: Clock,
    *,
    awaited: bool = False,
) -> ClockWaiter:
    """The waiter ``waiter_name`` (snake_case) of ``waiters``, calling ``method_of(operation)``.

    Shared by a fake's ``get_waiter`` and by a served client's, which calls the client
    (``awaited``: an aiobotocore client, whose waiter's ``wait`` is a coroutine).
    """
    names = {snake(name): name for name in waiters}
    if waiter_name not in names:
        raise ValueError(f"Waiter does not exist: {waiter_name}")
    from botocore.waiter import SingleWaiterConfig

    name = names[waiter_name]
    config = SingleWaiterConfig(dict(waiters[name]))
    cls = AsyncClockWaiter if awaited else ClockWaiter
    return cls(name, config, method_of(config.operation), clock)


class ClockWaiter:
    """botocore's waiter loop (acceptors, ``WaiterConfig``, ``WaiterError``) on a fake clock.

    Between attempts it calls ``clock.advance(seconds=Delay)`` instead of ``time.sleep``, so a
    35-attempt waiter finishes at once in wall time while the fake's imports move on.
    """

    def __init__(self, name: str, config: Any, method: Callable[..., Any], clock: Clock) -> None:
        self.name = name
        self.config = config
        self._method = method
        self._clock = clock

    def wait(self, **kwargs: Any) -> None:
        """botocore's ``Waiter.wait``, step for step (its quirks included), but sleeping on
        the clock: ``MaxAttempts`` below 1 still calls once; a negative ``Delay`` raises
        ``ValueError`` as ``time.sleep`` does, and never moves the clock back."""
        from botocore.exceptions import ClientError

        steps = self._steps(kwargs)
        request = next(steps)
        while True:
            try:
                response = self._method(**request)
            except ClientError as err:  # the fake's errors, or a served client's
                response = err.response
            try:
                request = steps.send(response)
            except StopIteration:
                return

    def _steps(self, kwargs: dict[str, Any]) -> Generator[dict[str, Any], Any, None]:
        """The loop itself: yields each call's parameters, is sent its response (or error
        response); one loop for the plain and the awaited waiter."""
        from botocore.exceptions import WaiterError

        acceptors = list(self.config.acceptors)
        current_state = "waiting"
        config = kwargs.pop("WaiterConfig", {})
        sleep_amount = config.get("Delay", self.config.delay)
        max_attempts = config.get("MaxAttempts", self.config.max_attempts)
        last_matched_acceptor = None
        num_attempts = 0
        acceptor: Any = None
        while True:
            response = yield kwargs
            num_attempts += 1
            for acceptor in acceptors:
                if acceptor.matcher_func(response):
                    last_matched_acceptor = acceptor
                    current_state = acceptor.state
                    break
            else:
                error = response.get("Error")
                if isinstance(error, dict) and "Code" in error:
                    reason = (
                        f"An error occurred ({error.get('Code', 'Unknown')}): "
                        f"{error.get('Message', 'Unknown')}"
                    )
                    raise WaiterError(name=self.name, reason=reason, last_response=response)
            if current_state == "success":
                return
            if current_state == "failure":
                reason = f"Waiter encountered a terminal failure state: {acceptor.explanation}"
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            if num_attempts >= max_attempts:
                reason = "Max attempts exceeded"
                if last_matched_acceptor is not None:
                    # botocore names the acceptor its loop stopped on, as here
                    reason += f". Previously accepted state: {acceptor.explanation}"
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            sleep(self._clock, sleep_amount)


class AsyncClockWaiter(ClockWaiter):
    """The same loop for an aiobotocore client: ``await waiter.wait(...)``."""

    async def wait(self, **kwargs: Any) -> None:  # type: ignore[override]
        from botocore.exceptions import ClientError

        steps = self._steps(kwargs)
        request = next(steps)
        while True:
            try:
                response = await self._method(**request)
            except ClientError as err:
                response = err.response
            try:
                request = steps.send(response)
            except StopIteration:
                return


def sleep(clock: Clock, seconds: float) -> None:
    """``time.sleep(seconds)`` on a fake clock: the same errors, no wall time."""
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"'{type(seconds).__name__}' object cannot be interpreted as an integer")
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    clock.advance(seconds=seconds)


@described
class _Meta:
    """What code reads from ``client.meta``: the service's name and the Region."""

    __slots__ = ("region_name", "service_name")

    def __init__(self, service_name: str, region_name: str) -> None:
        self.service_name = service_name
        self.region_name = region_name


class _OpModel:
    """The one thing botocore's Paginator reads from an operation model: the limit key's type."""

    def __init__(self, op: Operation) -> None:
        self.input_shape = _InputShape(op.input)


class _InputShape:
    def __init__(self, shape: Shape) -> None:
        self.members = {k: _TypeName(v.type) for k, v in shape.members.items()}


@described
class _TypeName:
    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
