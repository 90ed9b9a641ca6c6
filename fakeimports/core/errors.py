"""Errors in the two layers a real boto3 client shows.

* Client side: ``ParamValidationError`` with botocore's own report text.
* Service side: one ``ClientError`` subclass per error shape of the service's model, reached as
  ``fake.exceptions.<Code>``, with ``response`` and ``operation_name`` as botocore builds them.

botocore is never imported by ``import fakeimports``: the exception classes are built on first
use, on top of botocore's classes when botocore is installed (so ``except ClientError`` written
against botocore catches them) and on look-alike classes when it is not.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .described import described

__all__ = [
    "COMMON_ERRORS",
    "AwsError",
    "ClientError",
    "ErrorSpec",
    "ExceptionNamespace",
    "ParamValidationError",
    "ServiceError",
    "Violation",
    "client_error_class",
    "param_validation_error",
    "render_value",
    "validation_message",
]


class ServiceError(Exception):
    """Typing base shared by every modeled error a fake raises (botocore's ClientError or not)."""

    response: dict[str, Any]
    operation_name: str


class ClientError(ServiceError):
    """Look-alike of ``botocore.exceptions.ClientError``, used only when botocore is absent."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} "
        "operation: {error_message}"
    )

    def __init__(self, error_response: dict[str, Any], operation_name: str) -> None:
        error = error_response.get("Error", {})
        super().__init__(
            self.MSG_TEMPLATE.format(
                error_code=error.get("Code", "Unknown"),
                error_message=error.get("Message", "Unknown"),
                operation_name=operation_name,
            )
        )
        self.response = error_response
        self.operation_name = operation_name


class ParamValidationError(Exception):
    """Look-alike of ``botocore.exceptions.ParamValidationError``, used only without botocore."""

    fmt = "Parameter validation failed:\n{report}"

    def __init__(self, *, report: str) -> None:
        super().__init__(self.fmt.format(report=report))
        self.kwargs = {"report": report}


def _botocore_exceptions() -> Any:  # the module, or None without botocore
    try:
        import botocore.exceptions
    except ImportError:  # pragma: no cover - only where botocore is not installed
        return None
    return botocore.exceptions


def client_error_class() -> type[Exception]:
    """botocore's ``ClientError`` when installed, else the look-alike."""
    mod = _botocore_exceptions()
    base: type[Exception] = ClientError if mod is None else mod.ClientError
    return base


def param_validation_error(report: str) -> Exception:
    """A ``ParamValidationError`` carrying botocore's report text."""
    mod = _botocore_exceptions()
    cls: Any = ParamValidationError if mod is None else mod.ParamValidationError
    error: Exception = cls(report=report)
    return error


# Errors every AWS API may return, with their HTTP statuses ("Common Errors" of the API
# references). A fake raises them as the plain ``ClientError`` that botocore raises for a code
# its model does not declare; a service's own declaration of the same code wins.
COMMON_ERRORS: Mapping[str, int] = {
    "AccessDeniedException": 403,
    "ExpiredTokenException": 403,
    "IncompleteSignature": 403,
    "InternalFailure": 500,
    "MalformedHttpRequestException": 400,
    "NotAuthorized": 401,
    "OptInRequired": 403,
    "RequestAbortedException": 400,
    "RequestEntityTooLargeException": 413,
    "RequestExpired": 400,
    "RequestTimeoutException": 408,
    "ServiceUnavailable": 503,
    "ServiceUnavailableException": 503,
    "ThrottlingException": 400,
    "UnrecognizedClientException": 403,
    "UnknownOperationException": 404,
    "ValidationError": 400,
}


@described
@attrs.frozen(repr=False, eq=False)
class ErrorSpec:
    """One error shape of a service model: its code, HTTP status and modeled body members."""

    code: str
    status: int = 400
    members: tuple[str, ...] = ()


class AwsError(Exception):
    """Raised inside a fake's handlers; the dispatcher turns it into ``fake.exceptions.<code>``.

    ``members`` are the modeled body members (MGN's ``reason``/``fieldList``, …) that botocore
    would parse into the top level of ``ClientError.response``.
    """

    def __init__(self, code: str, message: str, **members: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.members = members

    def __reduce__(self) -> tuple[Any, ...]:
        # copies (a fake with a queued fault, deep-copied or pickled) are made as it was made
        return (_aws_error, (self.code, self.message, self.members))


def _aws_error(code: str, message: str, members: dict[str, Any]) -> AwsError:
    return AwsError(code, message, **members)


class ExceptionNamespace:
    """``fake.exceptions``: exactly the error names of the service's model, plus ``ClientError``.

    Classes are built once per service on first access and shared by every fake of that service.
    """

    def __init__(self, service: str, specs: Iterable[ErrorSpec]) -> None:
        self._service = service
        self._specs = {spec.code: spec for spec in specs}
        self._classes: dict[str, type[Exception]] | None = None
        self._lock = threading.Lock()

    @property
    def specs(self) -> Mapping[str, ErrorSpec]:
        return self._specs

    def _build(self) -> dict[str, type[Exception]]:
        with self._lock:
            if self._classes is None:
                base = client_error_class()
                bases: tuple[type, ...] = (
                    (base,) if issubclass(base, ServiceError) else (base, ServiceError)
                )
                classes = {
                    code: type(code, bases, {"__module__": f"fakeimports.{self._service}"})
                    for code in self._specs
                }
                classes["ClientError"] = base
                self._classes = classes
            return self._classes

    def __getattr__(self, name: str) -> type[ServiceError]:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._build()[name]  # type: ignore[return-value]
        except KeyError:
            raise AttributeError(f"{self._service} has no modeled exception {name!r}") from None

    def __dir__(self) -> list[str]:
        return sorted([*self._specs, "ClientError"])

    def __repr__(self) -> str:
        return f"<{self._service} exceptions: {len(self._specs)} modeled>"


# --- AWS's service-side validation message ------------------------------------------------


@described
@attrs.frozen(repr=False, eq=False)
class Violation:
    """One broken constraint, in AWS's words: ``Value 'x' at 'path' failed to satisfy …``."""

    path: str
    value: Any
    constraint: str
    show_value: bool = True

    def clause(self) -> str:
        shown = f"Value '{render_value(self.value)}' " if self.show_value else "Value "
        return f"{shown}at '{self.path}' failed to satisfy constraint: {self.constraint}"


def render_value(value: Any) -> str:
    """Render a value the way AWS's (Java) services print it in validation messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}={render_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def validation_message(violations: Iterable[Violation]) -> str:
    """``1 validation error detected: <clause>`` / ``N validation errors detected: a; b``."""
    clauses = [v.clause() for v in violations]
    noun = "error" if len(clauses) == 1 else "errors"
    return f"{len(clauses)} validation {noun} detected: " + "; ".join(clauses)
