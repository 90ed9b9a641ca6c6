"""FakeCloudTrail against botocore's cloudtrail model: declarations, layers, responses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from fakeimports import FakeCloudTrail, ManualClock

from .botomodel import (
    botocore_report,
    declaration_diffs,
    mutations,
    output_problems,
    paginator_config,
    service_model,
)

MODEL = service_model("cloudtrail")
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
SOURCE = {
    "S3": {
        "S3LocationUri": "s3://trail-bucket/AWSLogs/",
        "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/import",
    }
}


def scenario() -> tuple[FakeCloudTrail, dict[str, dict[str, Any]]]:
    """A fake holding finished, failed and running imports, and a valid request per operation."""
    clock = ManualClock(T0)
    fake = FakeCloudTrail(clock=clock, seed=7)
    arn = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    fake.control.script_next_import(
        failures=[{"Location": "s3://trail-bucket/a", "ErrorMessage": "bad", "ErrorType": "X"}] * 3
    )
    failed = fake.start_import(Destinations=[arn], ImportSource=SOURCE)["ImportId"]
    clock.advance(hours=1)
    done = fake.start_import(Destinations=[arn], ImportSource=SOURCE)["ImportId"]
    clock.advance(hours=1)
    running = fake.start_import(
        Destinations=[arn], ImportSource=SOURCE, StartEventTime=T0, EndEventTime=T0
    )["ImportId"]
    page_token = fake.list_imports(MaxResults=1, Destination=arn, ImportStatus="COMPLETED")
    failures_token = fake.list_import_failures(ImportId=failed, MaxResults=1)["NextToken"]
    assert "NextToken" not in page_token  # a single COMPLETED import: one page
    token = fake.list_imports(MaxResults=1, Destination=arn)["NextToken"]
    requests = {
        "start_import": {
            "Destinations": [arn],
            "ImportSource": SOURCE,
            "StartEventTime": T0,
            "EndEventTime": T0 + timedelta(days=1),
        },
        "start_import (retry)": {"ImportId": failed},
        "get_import": {"ImportId": done},
        "stop_import": {"ImportId": running},
        "list_imports": {"MaxResults": 5, "Destination": arn, "NextToken": token},
        "list_imports (status)": {"ImportStatus": "COMPLETED", "MaxResults": 5},
        "list_import_failures": {"ImportId": failed, "MaxResults": 1, "NextToken": failures_token},
        "create_event_data_store": {
            "Name": "second-lake",
            "AdvancedEventSelectors": [
                {
                    "Name": "mgmt",
                    "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}],
                }
            ],
            "MultiRegionEnabled": False,
            "OrganizationEnabled": False,
            "RetentionPeriod": 30,
            "TerminationProtectionEnabled": False,
            "TagsList": [{"Key": "team", "Value": "data"}],
            "KmsKeyId": "alias/lake",
            "StartIngestion": True,
            "BillingMode": "EXTENDABLE_RETENTION_PRICING",
        },
        "get_event_data_store": {"EventDataStore": arn},
    }
    return fake, requests


def _op(method: str) -> Any:
    fake = FakeCloudTrail()
    return MODEL.operation_model(fake._operations[method].name)


OPERATIONS = sorted(FakeCloudTrail._operations)


def test_the_fake_implements_the_issue_operations() -> None:
    assert set(OPERATIONS) == {
        "start_import",
        "get_import",
        "list_imports",
        "list_import_failures",
        "stop_import",
        "create_event_data_store",
        "get_event_data_store",
    }


@pytest.mark.parametrize("method", OPERATIONS)
def test_declared_input_shape_is_the_model(method: str) -> None:
    op = FakeCloudTrail._operations[method]
    assert declaration_diffs(op.input, MODEL.operation_model(op.name).input_shape) == []


@pytest.mark.parametrize("method", OPERATIONS)
def test_success_status_is_the_model(method: str) -> None:
    op = FakeCloudTrail._operations[method]
    assert op.status == MODEL.operation_model(op.name).http.get("responseCode", 200)


def test_exceptions_are_exactly_the_models_error_shapes() -> None:
    modeled = {shape.name: shape for shape in MODEL.error_shapes}
    ours = FakeCloudTrail.exceptions
    assert set(ours.specs) == set(modeled)
    for code, shape in modeled.items():
        assert ours.specs[code].status == shape.metadata.get("error", {}).get("httpStatusCode", 400)
    assert set(dir(ours)) == {*modeled, "ClientError"}


@pytest.mark.parametrize("method", OPERATIONS)
def test_paginators_are_the_models(method: str) -> None:
    name = FakeCloudTrail._operations[method].name
    fake = FakeCloudTrail()
    config = paginator_config("cloudtrail", name)
    assert fake.can_paginate(method) is (config is not None)
    if config is not None:
        assert dict(FakeCloudTrail.model.paginators[name]) == config


def _cases() -> list[Any]:
    _, requests = scenario()
    cases = []
    for label, params in requests.items():
        method = label.split(" ")[0]
        shape = _op(method).input_shape
        for description, mutated, layer in mutations(params, shape):
            cases.append(pytest.param(label, mutated, layer, id=f"{label}: {description}"))
    return cases


@pytest.mark.parametrize(("label", "params", "layer"), _cases())
def test_each_constraint_is_enforced_in_its_layer(
    label: str, params: dict[str, Any], layer: str
) -> None:
    fake, _ = scenario()
    method = label.split(" ", maxsplit=1)[0]
    report = botocore_report(params, _op(method))
    before = fake.list_imports()["Imports"]
    if layer == "client":
        assert report, "botocore itself would accept this request"
        with pytest.raises(ParamValidationError) as caught:
            getattr(fake, method)(**params)
        assert caught.value.kwargs["report"] == report
    else:
        assert report == "", "botocore would reject this before sending"
        with pytest.raises(ClientError) as caught:
            getattr(fake, method)(**params)
        assert caught.value.response["Error"]["Code"] == "InvalidParameterException"
        assert caught.value.response["Error"]["Message"].startswith("1 validation error detected:")
    assert fake.list_imports()["Imports"] == before  # a rejected call changes nothing


def test_every_response_fits_the_output_shape() -> None:
    fake, requests = scenario()
    clock = fake.clock
    responses: list[tuple[str, dict[str, Any]]] = []
    order = ["stop_import", *(k for k in requests if k not in ("stop_import", "start_import"))]
    for label in order:  # stop the running import first, so the retry may start
        method = label.split(" ")[0]
        responses.append((method, getattr(fake, method)(**requests[label])))
    clock.advance(hours=2)
    for label in ("start_import", "get_import", "list_imports", "list_import_failures"):
        params = requests[label] if label != "list_imports" else {}
        if label == "list_import_failures":
            params = {"ImportId": requests["start_import (retry)"]["ImportId"]}
        responses.append((label, getattr(fake, label)(**params)))
    for method, response in responses:
        shape = _op(method).output_shape
        assert output_problems(response, shape) == [], method
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
