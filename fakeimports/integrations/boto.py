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
import importlib.util
import inspect
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.clock import Clock, SystemClock
from ..core.errors import ServiceError
from ..core.objects import ObjectStore, active_moto
from ..core.service import FakeService, clock_waiter, sleep
from ..core.shapes import copy_data
from ..services import BY_BOTO_NAME, BY_NAME, SERVICES
from . import uploads

if TYPE_CHECKING:
    from ..services.cloudtrail import FakeCloudTrail
    from ..services.lexv2_models import FakeLexModelsV2
    from ..services.mgn import FakeMgn
    from ..services.sesv2 import FakeSESv2

__all__ = [
    "FakeRegistry",
    "UnservedOperationError",
    "attach",
    "current_fakes",
    "detach",
    "mock_imports",
]
_PARAMS = "fakeimports.params"
_LEGACY_MAX_ATTEMPTS = 5
_BINDINGS_LOCK = threading.RLock()
_ASYNC_ORIGINALS: dict[str, Any] = {}  # aiobotocore's methods while a block is open


@functools.cache
def _other_botocore() -> bool:
    """Is the installed botocore not the one the fakes' declarations follow? (``wire.known``)"""
    import botocore

    from .wire import DECLARED_BOTOCORE

    return bool(botocore.__version__ != DECLARED_BOTOCORE)


F = TypeVar("F", bound=Callable[..., Any])


class _Binding:
    """The hooks that make one real client talk to one fake.

    ``owner`` is the ``mock_imports`` registry that bound the client (``None`` for
    ``attach``): a registry re-binds or releases only the clients it bound.
    """

    def __init__(self, client: Any, fake: FakeService, owner: FakeRegistry | None) -> None:
        self.client = client
        self.fake = fake
        self.owner = owner
        self.event = client.meta.service_model.service_id.hyphenize()
        self.methods = {op.name: name for name, op in fake._operations.items()}
        self.uid = f"fakeimports-{id(self)}"
        self.retries = dict(client.meta.config.retries or {})
        self.mode = self.retries.get("mode", "standard")
        default = _LEGACY_MAX_ATTEMPTS if self.mode == "legacy" else 3
        self.max_attempts: int = self.retries.get("total_max_attempts", default)
        if self.mode == "legacy" and "max_attempts" in self.retries:
            self.max_attempts = self.retries["max_attempts"] + 1  # legacy counts retries
        self._exceptions_before: Any = None

    def install(self) -> None:
        events = self.client.meta.events
        events.register(
            f"before-parameter-build.{self.event}", self._capture, unique_id=f"{self.uid}-params"
        )
        events.register(f"before-call.{self.event}", self._answer, unique_id=f"{self.uid}-call")
        events.register_last(
            f"before-send.{self.event}", self._refuse, unique_id=f"{self.uid}-send"
        )
        self.client.get_waiter = self._get_waiter
        # errors raised through the client are also the fake's: one class catches both ways
        self._exceptions_before = self.client.exceptions
        self.client._exceptions = _shared_exceptions(self.client, self.fake)

    def remove(self) -> None:
        events = self.client.meta.events
        events.unregister(f"before-parameter-build.{self.event}", unique_id=f"{self.uid}-params")
        events.unregister(f"before-call.{self.event}", unique_id=f"{self.uid}-call")
        events.unregister(f"before-send.{self.event}", unique_id=f"{self.uid}-send")
        self.client.__dict__.pop("get_waiter", None)
        self.client._exceptions = self._exceptions_before

    def _capture(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        # Keep the dict itself: handlers that run after this one (botocore's idempotency
        # token filler among them) still add to it; it is copied when the call is answered.
        context[_PARAMS] = params

    def _answer(
        self, model: Any, context: dict[str, Any], **_: Any
    ) -> tuple[Any, dict[str, Any]] | None:
        method = self.methods.get(model.name)
        if method is None:
            context.pop(_PARAMS, None)
            if _moto_active(self.client):
                return None  # moto answers it at before-send
            raise UnservedOperationError(self._unserved(model.name))
        params = context.pop(_PARAMS, {})  # the fake validates and copies it
        call = getattr(self.fake, method)
        attempt = 1
        while True:
            try:
                parsed = call(**params)
            except (ServiceError, _client_error()) as err:  # modeled, or a common error
                parsed = copy_data(err.response)  # type: ignore[attr-defined]
            meta = parsed["ResponseMetadata"]
            http = _aws_response_class()(None, meta["HTTPStatusCode"], meta["HTTPHeaders"], None)
            if meta["HTTPStatusCode"] < 300:
                break
            delay = self._retry_delay(attempt, model, parsed, http, context)
            if delay is None:
                break
            sleep(self.fake.clock, delay)
            attempt += 1
        meta["RetryAttempts"] = attempt - 1
        if meta["HTTPStatusCode"] < 300 and _other_botocore():
            from . import wire  # a client of another botocore keeps what its model knows

            parsed = {**wire.known(parsed, model.output_shape), "ResponseMetadata": meta}
        if self._custom_parser:  # e.g. the AWS CLI: what its own parser makes of the wire
            from . import wire

            reparsed = wire.parse(wire.http_response(parsed, model), model, self._parser)
            reparsed["ResponseMetadata"] = meta
            parsed = reparsed
        return http, parsed

    @functools.cached_property
    def _parser(self) -> Any:
        """The parser AWS's answer would go through: the endpoint's, made by the session's
        response parser factory (the AWS CLI sets its defaults to keep timestamps as sent)."""
        factory = getattr(getattr(self.client, "_endpoint", None), "_response_parser_factory", None)
        if factory is None:
            return None
        return factory.create_parser(self.client.meta.service_model.metadata["protocol"])

    @functools.cached_property
    def _custom_parser(self) -> bool:
        """Is that parser customised (not botocore's default timestamp and blob parsing)?"""
        factory = getattr(getattr(self.client, "_endpoint", None), "_response_parser_factory", None)
        return bool(getattr(factory, "_defaults", None))

    def _refuse(self, request: Any, **_: Any) -> None:
        """Last before the wire: nothing a fake serves, or moto answered, may go further."""
        if not _moto_active(self.client):
            name = getattr(request, "context", {}).get("operation_name", "this operation")
            raise UnservedOperationError(self._unserved(name))

    def _unserved(self, operation: str) -> str:
        served = ", ".join(sorted(self.methods.values()))
        return (
            f"{type(self.fake).__name__} does not serve {operation} ({self.event}), and no "
            f"other mock (moto's mock_aws) is active to answer it; nothing was sent. "
            f"It serves: {served}"
        )

    def _retry_delay(
        self, attempt: int, model: Any, parsed: dict[str, Any], http: Any, context: Any
    ) -> float | None:
        """How long botocore's retry mode of this client sleeps before the next attempt
        (``None``: no retry), with jitter from the fake's seeded random source."""
        if self.mode == "legacy":
            checker, delay = self._legacy_policy
            if not checker(attempt, (http, parsed), None, retries_context={}):
                return None
            return float(delay(self.fake.jitter.random(), attempt))
        from botocore.retries.standard import ExponentialBackoff, RetryContext

        retry = RetryContext(
            attempt_number=attempt,
            operation_model=model,
            parsed_response=parsed,
            http_response=http,
            request_context=context,
        )
        if not self._standard_conditions.is_retryable(retry):
            if attempt >= self.max_attempts:
                parsed["ResponseMetadata"]["MaxAttemptsReached"] = True
            return None
        return float(ExponentialBackoff(random=self.fake.jitter.random).delay_amount(retry))

    @functools.cached_property
    def _standard_conditions(self) -> Any:
        """botocore's standard (and adaptive) retry conditions, built on the first error."""
        from botocore.retries.standard import StandardRetryConditions

        return StandardRetryConditions(max_attempts=self.max_attempts)

    @functools.cached_property
    def _legacy_policy(self) -> tuple[Callable[..., bool], Callable[[float, int], float]]:
        """botocore's legacy checker for this service and its exponential delay."""
        import botocore.session
        from botocore import retryhandler, translate

        loader = botocore.session.get_session().get_component("data_loader")
        original = loader.load_data("_retry")
        service = self.client.meta.service_model
        retries = {k: v for k, v in self.retries.items() if k != "mode"}
        if "total_max_attempts" in retries:
            retries["max_attempts"] = retries.pop("total_max_attempts") - 1
        config = translate.build_retry_config(
            service.endpoint_prefix,
            original.get("retry", {}),
            original.get("definitions", {}),
            retries or None,
        )
        checker = retryhandler.create_checker_from_retry_config(config, service.endpoint_prefix)
        policy = config["__default__"]["delay"]
        growth = policy["growth_factor"]
        fixed = policy["base"]

        def delay(rand: float, attempt: int) -> float:
            base = rand if fixed == "rand" else fixed
            return float(base * growth ** (attempt - 1))

        return checker, delay

    def _get_waiter(self, waiter_name: str) -> Any:
        """The client's own waiter model, run by a waiter that sleeps on the fake's clock."""
        from botocore import xform_name

        waiters = _waiters(self.client.meta.service_model.service_name)
        return clock_waiter(
            waiters,
            waiter_name,
            lambda op: getattr(self.client, xform_name(op)),
            self.fake.clock,
            awaited=_is_async(self.client),
        )


def _is_async(client: Any) -> bool:
    """An aiobotocore client (its calls are coroutines)?"""
    return inspect.iscoroutinefunction(type(client)._make_api_call)


class UnservedOperationError(NotImplementedError):
    """A served client called an operation no fake serves and no other mock answers."""


def _moto_active(client: Any) -> bool:
    """Is moto's ``mock_aws`` on? Then the client is given moto's handler and moto answers.

    Never for an aiobotocore client: moto's answer is not one it can read, so what no fake
    serves is refused for it, whatever else is active."""
    models = active_moto()
    if models is None or _is_async(client):
        return False
    models.patch_client(client)  # a client made before moto was imported lacks the handler
    return True


_SHARED: dict[tuple[Any, type], Any] = {}


def _shared_exceptions(client: Any, fake: FakeService) -> Any:
    """The client's exceptions, each also the fake's: ``except fake.exceptions.X`` and
    ``except client.exceptions.X`` catch the same error, whichever way it was raised.

    Each class subclasses the client's own (so a class taken from ``client.exceptions``
    before the fake was attached still catches) and the fake's.
    """
    from botocore.errorfactory import BaseClientExceptions

    theirs = client.exceptions
    key = (theirs, type(fake))
    with _BINDINGS_LOCK:
        if key not in _SHARED:
            mapping: dict[str, type] = {}
            for code, cls in theirs._code_to_exception.items():
                mapping[code] = cls
                if code in fake.exceptions.specs:
                    bases = (cls, getattr(fake.exceptions, code))
                    mapping[code] = type(cls.__name__, bases, {"__module__": cls.__module__})
            props = {shared_cls.__name__: shared_cls for shared_cls in mapping.values()}
            shared = type(type(theirs).__name__, (BaseClientExceptions,), props)
            _SHARED[key] = shared(mapping)
        return _SHARED[key]


@functools.cache
def _client_error() -> type[Exception]:
    from botocore.exceptions import ClientError

    error: type[Exception] = ClientError
    return error


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
    return _attach(client, fake, owner=None)


def _attach(client: Any, fake: FakeService | None, owner: FakeRegistry | None) -> FakeService:
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
        binding = _Binding(client, fake, owner)
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
        region_name: str = "us-east-1",
        objects: ObjectStore | None = None,
        require_sources: bool = False,
        **service_options: Mapping[str, Any],
    ) -> None:
        """``objects`` is the store every fake of the registry reads import input from (a new
        one by default); ``require_sources`` makes every fake meet a missing input object as
        AWS does (see ``FakeService``). ``service_options`` give a service's fakes their own
        options, by the service's name here: ``cloudtrail={"durations": ...}``,
        ``mgn={"initialized": False}``, ``lexv2_models={"retention": ...}``,
        ``sesv2={"max_active_import_jobs": 5}``."""
        unknown = set(service_options) - {service.name for service in SERVICES}
        if unknown:
            raise TypeError(
                f"unknown service options {sorted(unknown)}; services: "
                f"{', '.join(service.name for service in SERVICES)}"
            )
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.account_id = account_id
        self.seed = seed
        self.region_name = region_name
        self.objects: ObjectStore = objects if objects is not None else ObjectStore()
        self.require_sources = require_sources
        self._options = {
            BY_NAME[name].boto_name: dict(options) for name, options in service_options.items()
        }
        self._fakes: dict[tuple[str, str, str], FakeService] = {}
        self._lock = threading.Lock()
        self._bound: weakref.WeakSet[Any] = weakref.WeakSet()  # clients this registry serves
        self._open = False

    def fake(self, service: str, region_name: str | None = None) -> FakeService:
        """The fake for a boto3 service name (``cloudtrail``, ``lexv2-models``, …)."""
        region_name = region_name or self.region_name
        key = (service, self.account_id, region_name)
        with self._lock:
            if key not in self._fakes:
                seed = None if self.seed is None else f"{self.seed}:{service}:{region_name}"
                self._fakes[key] = BY_BOTO_NAME[service].load()(
                    clock=self.clock,
                    region_name=region_name,
                    account_id=self.account_id,
                    seed=seed,
                    objects=self.objects,
                    require_sources=self.require_sources,
                    **self._options.get(service, {}),
                )
            return self._fakes[key]

    def _serve(self, client: Any) -> None:
        """Bind ``client`` to this registry's fake for its Region (unless ``attach``ed)."""
        binding = _BINDINGS.get(client)
        if binding is not None and binding.owner is None:
            return  # attached by hand: that fake serves it
        fake = self.fake(client.meta.service_model.service_name, client.meta.region_name)
        if binding is None or binding.fake is not fake:
            _attach(client, fake, owner=self)
            self._bound.add(client)

    def _release(self) -> None:
        """Unbind every client this registry bound: they are as they were."""
        for client in list(self._bound):
            binding = _BINDINGS.get(client)
            if binding is not None and binding.owner is self:
                detach(client)
        self._bound.clear()

    if TYPE_CHECKING:  # the accessors below, made from ``SERVICES``, as type checkers see them

        def cloudtrail(self, region_name: str | None = None) -> FakeCloudTrail: ...
        def sesv2(self, region_name: str | None = None) -> FakeSESv2: ...
        def mgn(self, region_name: str | None = None) -> FakeMgn: ...
        def lexv2_models(self, region_name: str | None = None) -> FakeLexModelsV2: ...


def _accessor(boto_name: str) -> Callable[..., FakeService]:
    def accessor(self: FakeRegistry, region_name: str | None = None) -> FakeService:
        return self.fake(boto_name, region_name)

    accessor.__doc__ = (
        f"The {boto_name} fake of a Region (the registry's own by default; made on first use)."
    )
    return accessor


for _service in SERVICES:
    setattr(FakeRegistry, _service.name, _accessor(_service.boto_name))


_ACTIVE: contextvars.ContextVar[tuple[FakeRegistry, ...]] = contextvars.ContextVar(
    "fakeimports_active", default=()
)
_OPEN: list[FakeRegistry] = []  # every open block in the process, oldest first
_HOOK_LOCK = threading.Lock()
_ORIGINALS: dict[str, Any] = {}


def current_fakes() -> FakeRegistry:
    """The registry of the innermost ``mock_imports()`` block open for this code.

    In a thread or task with no block of its own, the most recently opened block of the
    process. Raises ``LookupError`` when no block is open.
    """
    registry = _registry()
    if registry is None:
        raise LookupError("no mock_imports() block is open")
    return registry


def _registry() -> FakeRegistry | None:
    for registry in reversed(_ACTIVE.get()):
        if registry._open:
            return registry
    return _OPEN[-1] if _OPEN else None


def _open(registry: FakeRegistry) -> None:
    """Count a block open; the first installs the process-wide hooks."""
    with _HOOK_LOCK:
        registry._open = True
        _OPEN.append(registry)
        if len(_OPEN) == 1:
            _install_hooks()


def _close(registry: FakeRegistry) -> None:
    """Close a block: its clients are released; the last one removes every hook."""
    with _HOOK_LOCK:
        registry._open = False
        _OPEN.remove(registry)
        if not _OPEN:
            _remove_hooks()
    registry._release()


def _bind_if_served(client: Any) -> None:
    """Bind a client of the four services to the fake of the registry active here."""
    if client.meta.service_model.service_name in BY_BOTO_NAME:
        registry = _registry()
        if registry is not None:
            registry._serve(client)


def _served_waiter(client: Any, waiter_name: str, get_waiter: Callable[..., Any]) -> Any:
    """A served client's waiter (it sleeps on the fake's clock), else the class's own."""
    registry = _registry()
    if registry is not None and client.meta.service_model.service_name in BY_BOTO_NAME:
        registry._serve(client)
        if "get_waiter" in client.__dict__:
            return client.get_waiter(waiter_name)
    return get_waiter(client, waiter_name)


def _keyed(bound: inspect.BoundArguments) -> inspect.BoundArguments:
    """A client of the four services made inside a block gets placeholder keys, unless it
    was given some, so that botocore never searches for credentials."""
    arguments = bound.arguments
    if (
        arguments["service_name"] in BY_BOTO_NAME
        and _registry() is not None
        and arguments.get("aws_access_key_id") is None
    ):
        arguments["aws_access_key_id"] = "FAKEIMPORTS"
        arguments["aws_secret_access_key"] = "FAKEIMPORTS"
    return bound


def _install_hooks() -> None:
    """While any block is open, every client of the four services in the process is served.

    * ``BaseClient._make_api_call``: before each call, the client is bound to the fake of
      the registry active for the calling code (made before the block, inside it, in any
      thread), then botocore's own call path runs and the fake answers at ``before-call``.
    * ``BaseClient.get_waiter``: the same, so a waiter sleeps on the fake's clock.
    * ``Session.create_client``: a client of the four services made inside a block gets
      placeholder keys unless it was given some, so botocore never searches for credentials.
    * urllib3's ``HTTPConnectionPool.urlopen``: a PUT to an upload URL a Lex fake issued is
      received by that fake (``uploads``); every other request is untouched.

    They are removed when the last block closes: a dormant hook costs nothing.
    """
    from botocore.client import BaseClient
    from botocore.session import Session

    make_call = BaseClient._make_api_call
    get_waiter = BaseClient.get_waiter
    create_client = Session.create_client
    _ORIGINALS.update(make_call=make_call, get_waiter=get_waiter, create_client=create_client)
    signature = inspect.signature(create_client)

    @functools.wraps(make_call)
    def served_call(self: Any, operation_name: str, api_params: Any) -> Any:
        _bind_if_served(self)
        return make_call(self, operation_name, api_params)

    @functools.wraps(get_waiter)
    def served_waiter(self: Any, waiter_name: str) -> Any:
        return _served_waiter(self, waiter_name, get_waiter)

    @functools.wraps(create_client)
    def keyed_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = _keyed(signature.bind(self, *args, **kwargs))
        return create_client(*bound.args, **bound.kwargs)

    BaseClient._make_api_call = served_call
    BaseClient.get_waiter = served_waiter
    Session.create_client = keyed_client
    uploads.install(_uploading_fake)
    if importlib.util.find_spec("aiobotocore") is not None:  # pragma: no cover - the matrix
        _install_async_hooks()


# aiobotocore can't be installed beside the pinned botocore of the main run: CI's matrix
# (.ci/matrix) runs what follows, with tests/integrations/test_async.py.
def _install_async_hooks() -> None:  # pragma: no cover
    """The same for aiobotocore's clients (and so aioboto3's): its client class overrides
    ``_make_api_call`` (a coroutine) and ``get_waiter``, and its session makes clients in
    ``_create_client``."""
    from aiobotocore.client import AioBaseClient  # type: ignore[import-not-found,unused-ignore]
    from aiobotocore.session import AioSession  # type: ignore[import-not-found,unused-ignore]

    make_call = AioBaseClient._make_api_call
    get_waiter = AioBaseClient.get_waiter
    create_client = AioSession._create_client
    _ASYNC_ORIGINALS.update(make_call=make_call, get_waiter=get_waiter, create=create_client)
    signature = inspect.signature(create_client)

    @functools.wraps(make_call)
    async def served_call(self: Any, operation_name: str, api_params: Any) -> Any:
        _bind_if_served(self)
        return await make_call(self, operation_name, api_params)

    @functools.wraps(get_waiter)
    def served_waiter(self: Any, waiter_name: str) -> Any:
        return _served_waiter(self, waiter_name, get_waiter)

    @functools.wraps(create_client)
    async def keyed_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = _keyed(signature.bind(self, *args, **kwargs))
        return await create_client(*bound.args, **bound.kwargs)

    AioBaseClient._make_api_call = served_call
    AioBaseClient.get_waiter = served_waiter
    AioSession._create_client = keyed_client


def _remove_async_hooks() -> None:
    if not _ASYNC_ORIGINALS:
        return
    _restore_async()


def _restore_async() -> None:  # pragma: no cover - the matrix
    from aiobotocore.client import AioBaseClient  # type: ignore[import-not-found,unused-ignore]
    from aiobotocore.session import AioSession  # type: ignore[import-not-found,unused-ignore]

    AioBaseClient._make_api_call = _ASYNC_ORIGINALS.pop("make_call")
    AioBaseClient.get_waiter = _ASYNC_ORIGINALS.pop("get_waiter")
    AioSession._create_client = _ASYNC_ORIGINALS.pop("create")


def _uploading_fake(region_name: str, account_id: str) -> Any:
    """The Lex fake an upload URL of ``account_id`` and ``region_name`` belongs to."""
    registry = _registry()
    if registry is None or registry.account_id != account_id:
        return None
    return registry.fake("lexv2-models", region_name)


def _remove_hooks() -> None:
    from botocore.client import BaseClient
    from botocore.session import Session

    BaseClient._make_api_call = _ORIGINALS.pop("make_call")
    BaseClient.get_waiter = _ORIGINALS.pop("get_waiter")
    Session.create_client = _ORIGINALS.pop("create_client")
    uploads.remove()
    _remove_async_hooks()


class mock_imports:
    """Serve every cloudtrail, sesv2, mgn and lexv2-models client of the process from fakes.

    A context manager yielding a :class:`FakeRegistry`, and a decorator. While a block is open,
    every client of the four services — made before it, inside it, or in any thread — is
    served by the registry active for the calling code (a thread or task with none of its
    own uses the most recently opened block). Operations no fake serves go on to moto's
    ``mock_aws`` when it is active, and otherwise fail at once: nothing reaches the network.
    Other services are untouched. Blocks nest.

    Options: ``clock``, ``account_id``, ``seed``, ``objects`` (the block's ``ObjectStore``,
    shared by its fakes), ``require_sources`` (every fake meets a missing input object as AWS
    does), ``region_name`` (the accessors' default
    Region) and, per service, the fakes' own options (``mgn={"initialized": False}``, …).

    As a decorator, each call gets fresh fakes: a function or coroutine function (a parameter
    named ``fakes`` receives the registry), a generator or async generator (served for its
    whole life), or a ``unittest.TestCase`` class (served from ``setUpClass`` to
    ``tearDownClass``, each test in a block of its own, whatever subclasses override).
    """

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        account_id: str = "123456789012",
        seed: int | str | None = None,
        region_name: str = "us-east-1",
        objects: ObjectStore | None = None,
        require_sources: bool = False,
        **service_options: Mapping[str, Any],
    ) -> None:
        self._options: dict[str, Any] = {
            "clock": clock,
            "account_id": account_id,
            "seed": seed,
            "region_name": region_name,
            "objects": objects,
            "require_sources": require_sources,
            **service_options,
        }
        FakeRegistry(**self._options)  # check the options now, not at the first use
        self._tokens: list[tuple[contextvars.Token[tuple[FakeRegistry, ...]], FakeRegistry]] = []

    def start(self) -> FakeRegistry:
        return self._start_with(FakeRegistry(**self._options))

    def _start_with(self, registry: FakeRegistry) -> FakeRegistry:
        _open(registry)
        token = _ACTIVE.set((*_ACTIVE.get(), registry))
        self._tokens.append((token, registry))
        return registry

    def stop(self) -> None:
        token, registry = self._tokens.pop()
        try:
            _ACTIVE.reset(token)
        except ValueError:  # stopped from another context: drop it from this one
            _ACTIVE.set(tuple(r for r in _ACTIVE.get() if r is not registry))
        _close(registry)

    def __enter__(self) -> FakeRegistry:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _fresh(self) -> mock_imports:
        return mock_imports(**self._options)

    def __call__(self, target: F) -> F:
        import inspect

        if isinstance(target, type):
            return _decorate_test_case(target, self._options)  # type: ignore[return-value]
        wants = "fakes" in inspect.signature(target).parameters

        def call_args(fakes: FakeRegistry, kwargs: dict[str, Any]) -> dict[str, Any]:
            return {"fakes": fakes, **kwargs} if wants and "fakes" not in kwargs else kwargs

        if inspect.isasyncgenfunction(target):

            @functools.wraps(target)
            async def run_async_gen(*args: Any, **kwargs: Any) -> Any:
                with self._fresh() as fakes:
                    async for item in target(*args, **call_args(fakes, kwargs)):
                        yield item

            return run_async_gen  # type: ignore[return-value]
        if inspect.isgeneratorfunction(target):

            @functools.wraps(target)
            def run_gen(*args: Any, **kwargs: Any) -> Any:
                with self._fresh() as fakes:
                    return (yield from target(*args, **call_args(fakes, kwargs)))

            return run_gen  # type: ignore[return-value]
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self._fresh() as fakes:
                    return await target(*args, **call_args(fakes, kwargs))

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self._fresh() as fakes:
                return target(*args, **call_args(fakes, kwargs))

        return run  # type: ignore[return-value]


def _decorate_test_case(case: type, options: dict[str, Any]) -> type:
    """Serve a ``TestCase`` from ``setUpClass`` to ``tearDownClass``, each test in a fresh
    block: the hooks are wrapped on the decorated class and on every subclass that defines
    its own, so an override that skips ``super()`` is served all the same."""
    import unittest

    if not issubclass(case, unittest.TestCase):
        raise TypeError("mock_imports() decorates functions and unittest.TestCase classes")
    hooks = _ClassHooks(options)
    original_run = case.run
    original_init_subclass = case.__dict__.get("__init_subclass__")

    def run(self: Any, result: Any = None) -> Any:
        with mock_imports(**options):
            return original_run(self, result)

    def init_subclass(cls: Any, /, **kwargs: Any) -> None:
        if original_init_subclass is not None:
            original_init_subclass.__func__(cls, **kwargs)
        else:
            super(case, cls).__init_subclass__(**kwargs)
        if "setUpClass" in cls.__dict__ or "tearDownClass" in cls.__dict__:
            hooks.wrap(cls)

    hooks.wrap(case)
    case.run = run  # type: ignore[method-assign]
    case.__init_subclass__ = classmethod(init_subclass)  # type: ignore[assignment]
    return case


class _ClassHooks:
    """``setUpClass``/``tearDownClass`` of a decorated ``TestCase`` family: the outermost
    call (whichever class unittest calls) opens the class's block, its own ends it."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.depth: dict[type, int] = {}
        self.mockers: dict[type, mock_imports] = {}

    def wrap(self, klass: Any) -> None:
        own_up = klass.__dict__.get("setUpClass")
        own_down = klass.__dict__.get("tearDownClass")
        up = own_up.__func__ if own_up is not None else None
        down = own_down.__func__ if own_down is not None else None
        hooks = self

        def set_up_class(cls: Any) -> None:
            first = hooks._enter(cls)
            try:
                if first:
                    hooks.mockers[cls] = mock_imports(**hooks.options)
                    hooks.mockers[cls].start()
                up(cls) if up is not None else super(klass, cls).setUpClass()  # type: ignore[misc]
            except BaseException:
                if first:
                    hooks.mockers.pop(cls).stop()
                raise
            finally:
                hooks.depth[cls] -= 1

        def tear_down_class(cls: Any) -> None:
            hooks._enter(cls)
            try:
                down(cls) if down is not None else super(klass, cls).tearDownClass()  # type: ignore[misc]
            finally:
                hooks.depth[cls] -= 1
                if hooks.depth[cls] == 0 and cls in hooks.mockers:
                    hooks.mockers.pop(cls).stop()

        klass.setUpClass = classmethod(set_up_class)
        klass.tearDownClass = classmethod(tear_down_class)

    def _enter(self, cls: type) -> bool:
        self.depth[cls] = self.depth.get(cls, 0) + 1
        return self.depth[cls] == 1
