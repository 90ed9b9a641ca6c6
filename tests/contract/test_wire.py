"""Served answers equal what botocore's own parser makes of the wire body AWS would send."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from fakeimports.integrations import wire

from ..helpers import ServedFake, served_client
from .botomodel import fit, service_model
from .scenarios import SCENARIOS, Scenario


@pytest.fixture(params=["UTC", "Asia/Kolkata", "America/New_York"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The machine's local zone: botocore returns timestamps in it."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def same(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Differences, type for type (a timestamp: instant, isoformat and zone type)."""
    if type(ours) is not type(theirs):
        return [f"{path}: {type(ours).__name__} != {type(theirs).__name__}"]
    if isinstance(ours, dict):
        if set(ours) != set(theirs):
            return [f"{path}: keys {sorted(ours)} != {sorted(theirs)}"]
        return [d for k in ours for d in same(ours[k], theirs[k], f"{path}.{k}")]
    if isinstance(ours, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items != {len(theirs)}"]
        return [
            d
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            for d in same(a, b, f"{path}[{i}]")
        ]
    if isinstance(ours, datetime):
        if ours != theirs or ours.isoformat() != theirs.isoformat():
            return [f"{path}: {ours!r} != {theirs!r}"]
        if type(ours.tzinfo) is not type(theirs.tzinfo):
            return [f"{path}: zone {ours.tzinfo!r} != {theirs.tzinfo!r}"]
        return []
    return [] if ours == theirs else [f"{path}: {ours!r} != {theirs!r}"]


def _body(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_every_answer_is_what_botocore_parses_from_the_wire(
    sc: Scenario, zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake, requests = sc.build()
    answered: list[dict[str, Any]] = []  # every direct answer (the record keeps the latest)
    record = type(fake)._record

    def keep(self: Any, call: Any) -> None:
        if call.response is not None:
            answered.append(call.response)
        record(self, call)

    monkeypatch.setattr(type(fake), "_record", keep)
    served = ServedFake(served_client(fake), fake)
    responses = sc.exercise(served, requests)
    direct_responses = answered[-len(responses) :]  # the scenario's own calls, after its set-up
    model = service_model(sc.cls.model.name)
    for (method, answer), direct in zip(responses, direct_responses, strict=True):
        operation = model.operation_model(sc.cls._operations[method].name)
        parsed = wire.parse(wire.http_response(direct, operation), operation)
        assert same(_body(answer), _body(parsed)) == [], method
        direct_seen = fit(_body(direct), operation.output_shape)  # as this botocore sees it
        assert same(direct_seen, _body(parsed)) == [], method  # the direct fake too
        assert parsed["ResponseMetadata"]["RequestId"] == answer["ResponseMetadata"]["RequestId"]


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda sc: sc.cls.model.name)
def test_every_error_is_what_botocore_parses_from_the_wire(sc: Scenario) -> None:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError

    from fakeimports import attach

    from ..helpers import KEYS

    fake, requests = sc.build()
    once = Config(retries={"total_max_attempts": 1})  # every error reaches the caller
    client = boto3.client(sc.cls.model.name, region_name=fake.region_name, config=once, **KEYS)
    attach(client, fake)
    method = sorted(requests)[0].split(" ")[0]
    params = requests[sorted(requests)[0]]
    operation = service_model(sc.cls.model.name).operation_model(sc.cls._operations[method].name)
    model = service_model(sc.cls.model.name)
    codes = sorted(code for code in fake.exceptions.specs if model.shape_for_error_code(code))
    for code in codes:  # every error this botocore models (the pinned one: every error)
        members = {}
        error_shape = model.shape_for_error_code(code)
        if "retryAfterSeconds" in error_shape.members:  # a header: integer or string by model
            kind = error_shape.members["retryAfterSeconds"].type_name
            members["retryAfterSeconds"] = 7 if kind in ("integer", "long") else "7"
        fake.control.fail_next(method, code, **members)
        with pytest.raises(ClientError) as caught:
            getattr(client, method)(**params)
        direct = fake.control.calls[-1].error
        assert direct is not None
        parsed = wire.parse(wire.http_response(direct.response, operation), operation)
        assert same(_body(caught.value.response), _body(parsed)) == [], code
        status = parsed["ResponseMetadata"]["HTTPStatusCode"]
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_a_customised_parser_sees_what_it_would_see_from_aws() -> None:
    """The AWS CLI keeps timestamps as sent (epoch numbers): so must a served CLI client."""
    import botocore.session

    from fakeimports import mock_imports

    from ..helpers import SOURCE

    session = botocore.session.get_session()
    session.get_component("response_parser_factory").set_parser_defaults(
        timestamp_parser=lambda value: value
    )
    with mock_imports() as fakes:
        cli = session.create_client("cloudtrail", region_name="us-east-1")
        arn = fakes.cloudtrail().create_event_data_store(Name="lake")["EventDataStoreArn"]
        started = cli.start_import(Destinations=[arn], ImportSource=SOURCE)
        created = started["CreatedTimestamp"]
        assert isinstance(created, float)
        direct = fakes.cloudtrail().get_import(ImportId=started["ImportId"])
        assert created == direct["CreatedTimestamp"].timestamp()


def test_a_client_of_an_older_model_keeps_only_the_members_it_knows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What botocore's parser keeps of an answer holding members newer than its model."""
    from fakeimports import FakeMgn, attach
    from fakeimports.integrations import boto

    from ..helpers import KEYS

    model = service_model("mgn").operation_model("StartImport")
    answer = {
        "importTask": {
            "importID": "import-" + "a" * 17,
            "brandNew": 1,
            "s3BucketSource": {"s3Bucket": "b", "s3Key": "k.csv", "newer": True},
        },
        "newerTopLevel": [1],
    }
    assert wire.known(answer, model.output_shape) == {
        "importTask": {
            "importID": "import-" + "a" * 17,
            "s3BucketSource": {"s3Bucket": "b", "s3Key": "k.csv"},
        }
    }
    assert wire.known([{"a": 1}], None) == [{"a": 1}]  # no shape: as it is

    import boto3

    monkeypatch.setattr(boto, "_other_botocore", lambda: True)
    client = boto3.client("mgn", region_name="us-east-1", **KEYS)
    fake = attach(client, FakeMgn())
    fake.control.add_wave("W")
    waves = client.list_waves()
    assert set(waves) == {"items", "ResponseMetadata"}  # nothing the model lacks; metadata kept
    assert waves["items"][0]["name"] == "W"
