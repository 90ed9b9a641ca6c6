"""Every fake against botocore's model of its service: declarations, layers, responses.

Each service contributes a :class:`Scenario` (``scenarios.py``); the checks here are generic.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from ..helpers import ServedFake, served_client
from .botomodel import (
    PINNED,
    botocore_report,
    comparable,
    declaration_diffs,
    fit,
    mutations,
    newer_members,
    output_problems,
    paginator_config,
    service_model,
    waiter_configs,
)
from .scenarios import SCENARIOS, Scenario

OPERATIONS = [
    pytest.param(sc, method, id=f"{sc.cls.model.name}.{method}")
    for sc in SCENARIOS
    for method in sorted(sc.cls._operations)
]


def _op(sc: Scenario, method: str) -> Any:
    return service_model(sc.cls.model.name).operation_model(sc.cls._operations[method].name)


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_the_fake_implements_the_issue_operations(sc: Scenario) -> None:
    assert set(sc.cls._operations) == sc.operations


@pytest.mark.parametrize(("sc", "method"), OPERATIONS)
def test_declared_input_shape_is_the_model(sc: Scenario, method: str) -> None:
    op = sc.cls._operations[method]
    assert declaration_diffs(op.input, _op(sc, method).input_shape) == []


@pytest.mark.parametrize(("sc", "method"), OPERATIONS)
def test_success_status_is_the_model(sc: Scenario, method: str) -> None:
    assert sc.cls._operations[method].status == _op(sc, method).http.get("responseCode", 200)


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_exceptions_are_exactly_the_models_error_shapes(sc: Scenario) -> None:
    modeled = {shape.name: shape for shape in service_model(sc.cls.model.name).error_shapes}
    ours = sc.cls.exceptions
    if PINNED:
        assert set(ours.specs) == set(modeled)
    else:  # another botocore may not model the newest errors yet
        assert set(ours.specs) >= set(modeled)
    for code, shape in modeled.items():
        assert ours.specs[code].status == shape.metadata.get("error", {}).get("httpStatusCode", 400)
        assert set(ours.specs[code].members) == set(shape.members)
    assert set(dir(ours)) == {*ours.specs, "ClientError"}


@pytest.mark.parametrize(("sc", "method"), OPERATIONS)
def test_paginators_are_the_models(sc: Scenario, method: str) -> None:
    name = sc.cls._operations[method].name
    config = paginator_config(sc.cls.model.name, name)
    assert sc.cls().can_paginate(method) is (config is not None)
    if config is not None:
        assert dict(sc.cls.model.paginators[name]) == config


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_waiters_are_the_models(sc: Scenario) -> None:
    """Every waiter of the model whose operation the fake implements, exactly as modeled."""
    implemented = {op.name for op in sc.cls._operations.values()}
    expected = {
        name: config
        for name, config in waiter_configs(sc.cls.model.name).items()
        if config["operation"] in implemented
    }
    assert {name: dict(config) for name, config in sc.cls.model.waiters.items()} == expected
    assert sc.cls().waiter_names == sorted(
        re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in expected
    )


def _cases() -> list[Any]:
    cases = []
    for sc in SCENARIOS:
        _, requests = sc.build()
        for label, params in requests.items():
            method = label.split(" ")[0]
            shape = _op(sc, method).input_shape
            for description, mutated, layer in mutations(fit(params, shape), shape):
                cases.append(
                    pytest.param(
                        sc,
                        f"{label} :: {description}",  # the method comes first
                        mutated,
                        layer,
                        id=f"{sc.cls.model.name}.{label}: {description}",
                    )
                )
    return cases


def _skip_changed_service_constraint(sc: Scenario, method: str, label: str, layer: str) -> None:
    """With another botocore, a service-side constraint (max, pattern, enum) it documents
    differently from today's is not the fake's to follow: the service is today's."""
    if PINNED or layer != "service":
        return
    path = "input." + label.split(" :: ", 1)[1].rsplit(": ", 1)[0]
    changed = declaration_diffs(
        sc.cls._operations[method].input, _op(sc, method).input_shape, strict=True
    )
    if any(diff.startswith(path + ":") for diff in changed):
        pytest.skip(f"this botocore documents {path} differently from today's service")


@pytest.mark.parametrize(("sc", "label", "params", "layer"), _cases())
def test_each_constraint_is_enforced_in_its_layer(
    sc: Scenario, label: str, params: dict[str, Any], layer: str
) -> None:
    fake, _ = sc.build()
    method = label.split(" ", maxsplit=1)[0]
    _skip_changed_service_constraint(sc, method, label, layer)
    report = botocore_report(params, _op(sc, method))
    before = sc.snapshot(fake)
    if layer == "client":
        assert report, "botocore itself would accept this request"
        with pytest.raises(ParamValidationError) as caught:
            getattr(fake, method)(**params)
        assert comparable(caught.value.kwargs["report"]) == comparable(report)
    else:
        assert report == "", "botocore would reject this before sending"
        with pytest.raises(ClientError) as caught:
            getattr(fake, method)(**params)
        assert caught.value.response["Error"]["Code"] == sc.validation_code
        message = caught.value.response["Error"]["Message"]
        assert re.match(r"^\d+ validation errors? detected: Value ", message), message
    assert sc.snapshot(fake) == before  # a rejected call changes nothing


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_every_response_fits_the_output_shape(sc: Scenario) -> None:
    fake, requests = sc.build()
    responses = sc.exercise(fake, requests)
    assert {method for method, _ in responses} == sc.operations
    for method, response in responses:
        shape = _op(sc, method).output_shape
        assert output_problems(fit(response, shape), shape) == [], method
        expected = sc.cls._operations[method].status
        assert response["ResponseMetadata"]["HTTPStatusCode"] == expected


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_every_operation_through_a_real_client(sc: Scenario) -> None:
    """The same scenario through an attached boto3 client: botocore accepts every answer."""
    fake, requests = sc.build()
    served = ServedFake(served_client(fake), fake)
    responses = sc.exercise(served, requests)
    assert {method for method, _ in responses} == sc.operations
    for method, response in responses:
        assert output_problems(response, _op(sc, method).output_shape) == [], method


@pytest.mark.parametrize(("sc", "label", "params", "layer"), _cases())
def test_each_constraint_through_a_real_client(
    sc: Scenario, label: str, params: dict[str, Any], layer: str
) -> None:
    """Client-side problems stop in botocore; service-side ones come back as its exceptions."""
    fake, _ = sc.build()
    client = served_client(fake)
    method = label.split(" ", maxsplit=1)[0]
    _skip_changed_service_constraint(sc, method, label, layer)
    calls = fake.control.call_count
    if layer == "client":
        with pytest.raises(ParamValidationError):
            getattr(client, method)(**params)
        assert fake.control.call_count == calls  # never sent
    else:
        with pytest.raises(getattr(client.exceptions, sc.validation_code)) as caught:
            getattr(client, method)(**params)
        assert caught.value.operation_name == sc.cls._operations[method].name


@pytest.mark.parametrize(("sc", "method"), OPERATIONS)
def test_operations_explain_themselves(sc: Scenario, method: str) -> None:
    """help() and inspect.signature show boto3's keyword parameters and a one-line summary."""
    import inspect

    shape = _op(sc, method).input_shape
    params = inspect.signature(getattr(sc.cls(), method)).parameters
    if PINNED:
        assert list(params) == list(shape.members)
    else:  # another botocore: the fake takes every member it has (and may take newer ones)
        assert set(shape.members) <= set(params)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    required = {name for name, p in params.items() if p.default is inspect.Parameter.empty}
    assert required == set(shape.required_members)
    doc = getattr(sc.cls, method).__doc__
    assert doc and doc.strip().splitlines()[0].endswith(".")


LISTS = [
    pytest.param(sc, method, id=f"{sc.cls.model.name}.{method}")
    for sc in SCENARIOS
    for method, op in sorted(sc.cls._operations.items())
    if op.listing is not None
]


@pytest.mark.parametrize(("sc", "method"), LISTS)
def test_an_empty_token_is_the_first_page_unless_botocore_refuses_it(
    sc: Scenario, method: str
) -> None:
    """One rule for every list operation: an empty token reads as none (see the README)."""
    fake, requests = sc.build()
    listing = sc.cls._operations[method].listing
    assert listing is not None
    params = {k: v for k, v in requests[method].items() if k != listing.token}
    first = getattr(fake, method)(**params)
    report = botocore_report({**params, listing.token: ""}, _op(sc, method))
    if report:  # CloudTrail: the model's minimum length is 4
        with pytest.raises(ParamValidationError):
            getattr(fake, method)(**params, **{listing.token: ""})
        return
    again = getattr(fake, method)(**params, **{listing.token: ""})
    assert again[listing.items] == first[listing.items]
    assert again.get(listing.token) is not None or first.get(listing.token) is None


@pytest.mark.parametrize(("sc", "method"), OPERATIONS)
def test_members_newer_than_this_botocore_are_named(sc: Scenario, method: str) -> None:
    """Where a botocore of the claimed range lacks members the fakes declare, say so: its
    clients can't send them (botocore refuses an unknown parameter) and don't see them in
    answers (the served client keeps what its model knows)."""
    import warnings

    newer = newer_members(sc.cls._operations[method].input, _op(sc, method).input_shape)
    if PINNED:
        assert newer == []
    elif newer:
        warnings.warn(
            f"{sc.cls.model.name}.{method}: newer than this botocore: {newer}", stacklevel=1
        )
