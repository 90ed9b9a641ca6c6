"""Serve real boto3/botocore clients from the fakes: ``attach``, ``detach``, ``mock_imports``.

``attach`` uses botocore's own event hooks, as botocore's Stubber does:

* ``before-parameter-build`` keeps hold of the parameters the client will send (read when
  answering, so idempotency tokens filled in by botocore and user handlers are included);
* the client then validates them itself (``ParamValidationError``) and serializes them;
* ``before-call`` answers from the fake instead of the network. Success responses are the
  fake's parsed dicts; errors come back with their HTTP status, so botocore raises the
  client's own ``client.exceptions.<Code>`` through its normal error path.

Retries: botocore does not retry a response answered at ``before-call``, so the binding
retries as the client's retry mode would (botocore's standard retry conditions and backoff,
up to the client's ``total_max_attempts``), sleeping by advancing the fake's clock.
Waiters: ``client.get_waiter`` is replaced on that client instance by one that runs
botocore's acceptors and sleeps on the fake's clock. Nothing reaches the network, and no
credentials or AWS configuration are needed.
"""

from __future__ import annotations

import contextvars
import functools
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.clock import Clock, SystemClock
from ..core.errors import ServiceError
from ..core.service import FakeService, clock_waiter
from ..core.shapes import copy_data
from ..services import BY_BOTO_NAME, SERVICES

if TYPE_CHECKING:
    from ..services.cloudtrail import FakeCloudTrail
    from ..services.lexv2_models import FakeLexModelsV2
    from ..services.mgn import FakeMgn
    from ..services.sesv2 import FakeSESv2

__all__ = ["FakeRegistry", "attach", "detach", "mock_imports"]
_PARAMS = "fakeimports.params"
_LEGACY_MAX_ATTEMPTS = 5
_BINDINGS_LOCK = threading.Lock()

F = TypeVar("F", bound=Callable[..., Any])


class _Binding:
    """The hooks that make one real client talk to one fake."""

    def __init__(self, client: Any, fake: FakeService) -> None:
        self.client = client
        self.fake = fake
        self.event = client.meta.service_model.service_id.hyphenize()
        self.methods = {op.name: name for name, op in fake._operations.items()}
        self.uid = f"fakeimports-{id(self)}"
        retries = client.meta.config.retries or {}
        default = _LEGACY_MAX_ATTEMPTS if retries.get("mode") == "legacy" else 3
        self.max_attempts: int = retries.get("total_max_attempts", default)

    def install(self) -> None:
        events = self.client.meta.events
        events.register(
            f"before-parameter-build.{self.event}", self._capture, unique_id=f"{self.uid}-params"
        )
        events.register(f"before-call.{self.event}", self._answer, unique_id=f"{self.uid}-call")
        self.client.get_waiter = self._get_waiter

    def remove(self) -> None:
        events = self.client.meta.events
        events.unregister(f"before-parameter-build.{self.event}", unique_id=f"{self.uid}-params")
        events.unregister(f"before-call.{self.event}", unique_id=f"{self.uid}-call")
        self.client.__dict__.pop("get_waiter", None)

    def _capture(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        # Keep the dict itself: handlers that run after this one (botocore's idempotency
        # token filler among them) still add to it; it is copied when the call is answered.
        context[_PARAMS] = params

    def _answer(self, model: Any, context: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
        method = self.methods.get(model.name)
        if method is None:
            supported = ", ".join(sorted(self.methods.values()))
            raise NotImplementedError(
                f"{type(self.fake).__name__} does not implement {model.name} "
                f"({self.event}); it serves: {supported}"
            )
        params = context.pop(_PARAMS, {})  # the fake validates and copies it
        call = getattr(self.fake, method)
        attempt = 1
        while True:
            try:
                parsed = call(**params)
            except ServiceError as err:
                parsed = copy_data(err.response)
            meta = parsed["ResponseMetadata"]
            http = _aws_response_class()(None, meta["HTTPStatusCode"], meta["HTTPHeaders"], None)
            if meta["HTTPStatusCode"] < 300:
                break
            from botocore.retries.standard import RetryContext

            conditions, backoff = self._retry_policy
            retry = RetryContext(
                attempt_number=attempt,
                operation_model=model,
                parsed_response=parsed,
                http_response=http,
                request_context=context,
            )
            if not conditions.is_retryable(retry):
                if attempt >= self.max_attempts:
                    meta["MaxAttemptsReached"] = True
                break
            self.fake.clock.advance(seconds=backoff.delay_amount(retry))
            attempt += 1
        meta["RetryAttempts"] = attempt - 1
        return http, parsed

    @functools.cached_property
    def _retry_policy(self) -> tuple[Any, Any]:
        """botocore's standard retry conditions and backoff, built once, on the first error."""
        from botocore.retries.standard import ExponentialBackoff, StandardRetryConditions

        return StandardRetryConditions(max_attempts=self.max_attempts), ExponentialBackoff()

    def _get_waiter(self, waiter_name: str) -> Any:
        """The client's own waiter model, run by a waiter that sleeps on the fake's clock."""
        from botocore import xform_name

        waiters = _waiters(self.client.meta.service_model.service_name)
        return clock_waiter(
            waiters, waiter_name, lambda op: getattr(self.client, xform_name(op)), self.fake.clock
        )


@functools.cache
def _aws_response_class() -> Any:
    from botocore.awsrequest import AWSResponse

    return AWSResponse


@functools.cache
def _waiters(service: str) -> dict[str, Any]:
    """botocore's waiter definitions of ``service`` (``waiters-2.json``); none if it has none."""
    import botocore.session
    from botocore.exceptions import DataNotFoundError

    loader = botocore.session.get_session().get_component("data_loader")
    try:
        waiters: dict[str, Any] = loader.load_service_model(service, "waiters-2")["waiters"]
    except DataNotFoundError:
        return {}
    return waiters


_BINDINGS: weakref.WeakKeyDictionary[Any, _Binding] = weakref.WeakKeyDictionary()


def attach(client: Any, fake: FakeService | None = None) -> Any:
    """Serve ``client`` (a boto3/botocore client) from ``fake``; returns the fake.

    With no ``fake``, one of the right class is made for the client's Region. A fake of the
    wrong service raises ``TypeError``. ``detach(client)`` undoes it.
    """
    service = client.meta.service_model.service_name
    entry = BY_BOTO_NAME.get(service)
    if entry is None:
        raise TypeError(
            f"fakeimports has no fake for {service!r}; it serves {', '.join(sorted(BY_BOTO_NAME))}"
        )
    cls = entry.load()
    if fake is None:
        fake = cls(region_name=client.meta.region_name)
    elif not isinstance(fake, cls):
        raise TypeError(f"a {service} client needs a {cls.__name__}, not a {type(fake).__name__}")
    with _BINDINGS_LOCK:
        previous = _BINDINGS.pop(client, None)
        if previous is not None:
            previous.remove()
        binding = _Binding(client, fake)
        binding.install()
        _BINDINGS[client] = binding
    return fake


def detach(client: Any) -> None:
    """Stop serving ``client`` from a fake; it is as it was before ``attach``."""
    with _BINDINGS_LOCK:
        binding = _BINDINGS.pop(client, None)
    if binding is not None:
        binding.remove()


# --- mock_imports ---------------------------------------------------------------------------


class FakeRegistry:
    """The fakes behind every client made inside one ``mock_imports()``, per account and Region.

    ``fakes.cloudtrail("eu-west-1")`` returns (creating on first use) the fake that serves
    CloudTrail clients of that Region. All fakes share ``clock`` (by default a
    ``SystemClock``, as for a fake made directly; pass a ``ManualClock`` to drive time).
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        account_id: str = "123456789012",
        seed: int | str | None = None,
    ) -> None:
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.account_id = account_id
        self.seed = seed
        self._fakes: dict[tuple[str, str, str], FakeService] = {}
        self._lock = threading.Lock()

    def fake(self, service: str, region_name: str = "us-east-1") -> FakeService:
        """The fake for a boto3 service name (``cloudtrail``, ``lexv2-models``, …)."""
        key = (service, self.account_id, region_name)
        with self._lock:
            if key not in self._fakes:
                seed = None if self.seed is None else f"{self.seed}:{service}:{region_name}"
                self._fakes[key] = BY_BOTO_NAME[service].load()(
                    clock=self.clock, region_name=region_name, account_id=self.account_id, seed=seed
                )
            return self._fakes[key]

    if TYPE_CHECKING:  # the accessors below, made from ``SERVICES``, as type checkers see them

        def cloudtrail(self, region_name: str = "us-east-1") -> FakeCloudTrail: ...
        def sesv2(self, region_name: str = "us-east-1") -> FakeSESv2: ...
        def mgn(self, region_name: str = "us-east-1") -> FakeMgn: ...
        def lexv2_models(self, region_name: str = "us-east-1") -> FakeLexModelsV2: ...


def _accessor(boto_name: str) -> Callable[..., FakeService]:
    def accessor(self: FakeRegistry, region_name: str = "us-east-1") -> FakeService:
        return self.fake(boto_name, region_name)

    accessor.__doc__ = f"The {boto_name} fake of this Region (made on first use)."
    return accessor


for _service in SERVICES:
    setattr(FakeRegistry, _service.name, _accessor(_service.boto_name))


_ACTIVE: contextvars.ContextVar[tuple[FakeRegistry, ...]] = contextvars.ContextVar(
    "fakeimports_active", default=()
)
_PATCH_LOCK = threading.Lock()
_PATCH: dict[str, Any] = {"depth": 0, "original": None}


def _install_creation_hook() -> None:
    """Wrap botocore's ``Session.create_client`` once, while any ``mock_imports`` is open.

    Every way of making a client (``boto3.client``, ``boto3.Session().client``, a botocore
    session) goes through it. For the four services the wrapper passes placeholder keys
    unless the caller gave some, so botocore never searches for credentials (no instance
    metadata probe), then attaches the registry's fake for the client's Region.
    """
    import inspect

    from botocore.session import Session

    with _PATCH_LOCK:
        _PATCH["depth"] += 1
        if _PATCH["depth"] > 1:
            return
        original = Session.create_client
        signature = inspect.signature(original)
        _PATCH["original"] = original

        @functools.wraps(original)
        def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
            active = _ACTIVE.get()
            bound = signature.bind(self, *args, **kwargs)
            service = bound.arguments["service_name"]
            if not active or service not in BY_BOTO_NAME:
                return original(self, *args, **kwargs)
            if bound.arguments.get("aws_access_key_id") is None:
                bound.arguments["aws_access_key_id"] = "FAKEIMPORTS"
                bound.arguments["aws_secret_access_key"] = "FAKEIMPORTS"
            client = original(*bound.args, **bound.kwargs)
            attach(client, active[-1].fake(service, client.meta.region_name))
            return client

        Session.create_client = create_client


def _remove_creation_hook() -> None:
    from botocore.session import Session

    with _PATCH_LOCK:
        _PATCH["depth"] -= 1
        if _PATCH["depth"] == 0:
            Session.create_client = _PATCH["original"]
            _PATCH["original"] = None


class mock_imports:
    """Serve every cloudtrail, sesv2, mgn and lexv2-models client created inside from fakes.

    A context manager yielding a :class:`FakeRegistry`, and a decorator for functions,
    coroutine functions and ``unittest.TestCase`` classes (each test gets fresh fakes).
    Clients made through ``boto3.client``, any ``boto3.Session`` or a botocore session are
    served; other services are untouched. Blocks nest; each thread or task sees its own.
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        account_id: str = "123456789012",
        seed: int | str | None = None,
    ) -> None:
        self._options: dict[str, Any] = {"clock": clock, "account_id": account_id, "seed": seed}
        self._tokens: list[tuple[contextvars.Token[tuple[FakeRegistry, ...]], FakeRegistry]] = []

    def start(self) -> FakeRegistry:
        registry = FakeRegistry(**self._options)
        _install_creation_hook()
        token = _ACTIVE.set((*_ACTIVE.get(), registry))
        self._tokens.append((token, registry))
        return registry

    def stop(self) -> None:
        token, _registry = self._tokens.pop()
        try:
            _ACTIVE.reset(token)
        except ValueError:  # stopped from another context: drop it from this one
            _ACTIVE.set(tuple(r for r in _ACTIVE.get() if r is not _registry))
        _remove_creation_hook()

    def __enter__(self) -> FakeRegistry:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @contextmanager
    def _fresh(self) -> Iterator[FakeRegistry]:
        copy = mock_imports(**self._options)
        with copy as registry:
            yield registry

    def __call__(self, target: F) -> F:
        import unittest

        if isinstance(target, type):
            if not issubclass(target, unittest.TestCase):
                raise TypeError("mock_imports() decorates functions and unittest.TestCase classes")
            original_setup = target.setUp

            def setUp(self_: Any) -> None:
                mocker = mock_imports(**self._options)
                mocker.start()
                self_.addCleanup(mocker.stop)
                original_setup(self_)

            setattr(target, "setUp", setUp)  # noqa: B010 - keeps mypy out of method assignment
            return target
        import inspect

        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self._fresh():
                    return await target(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self._fresh():
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]
