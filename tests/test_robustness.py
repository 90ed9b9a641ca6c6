"""Robustness: arbitrary input never breaks a fake, rejected calls never change it, pages are
complete while items arrive, tokens cannot be forged or moved, threads lose nothing, and
fakes (and registries) share nothing."""

from __future__ import annotations

import copy
import threading
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from botocore.exceptions import ParamValidationError
from hypothesis import given
from hypothesis import strategies as st

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
    mock_imports,
)
from fakeimports.core.errors import ServiceError

from .contract.scenarios import SCENARIOS, Scenario
from .helpers import SOURCE, T0, hostile_values

garbage = hostile_values
CASES = [
    pytest.param(sc, label, id=f"{sc.cls.model.name}.{label}")
    for sc in SCENARIOS
    for label in sc.build()[1]
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


def _mutate(
    params: dict[str, Any], path: tuple[Any, ...], value: Any, delete: bool
) -> dict[str, Any]:
    out = copy.deepcopy(params)
    target: Any = out
    for step in path[:-1]:
        target = target[step]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


@pytest.mark.parametrize(("sc", "label"), CASES)
@given(data=st.data())
def test_arbitrary_input_only_ever_gives_modeled_outcomes(
    sc: Scenario, label: str, data: st.DataObject
) -> None:
    fake, requests = sc.build()
    params = requests[label]
    paths = _paths(params)
    mutated = params
    for _ in range(data.draw(st.integers(1, 3))):
        choice = data.draw(
            st.sampled_from([*paths, ("NotAMember",)] if paths else [("NotAMember",)])
        )
        delete = data.draw(st.booleans()) and choice != ("NotAMember",)
        try:
            mutated = _mutate(mutated, choice, data.draw(garbage), delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the parent
    before = sc.snapshot(fake)
    method = label.split(" ", maxsplit=1)[0]
    try:
        getattr(fake, method)(**mutated)
    except ParamValidationError:
        pass
    except RuntimeError as err:  # botocore's own for a timestamp it cannot place (inf, 2**63)
        assert "Unable to calculate correct timezone offset" in str(err)
    except ServiceError as err:
        assert err.response["Error"]["Code"] in fake.exceptions.specs
        assert sc.snapshot(fake) == before, "a rejected call changed the fake"
    else:
        return
    assert sc.snapshot(fake) == before, "a rejected call changed the fake"


# --- pagination while items arrive ----------------------------------------------------------


def _list_all(list_page: Any, token: str, items: str, add: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = list_page(**kwargs)
        seen += page[items]
        add()
        if token not in page:
            return seen
        kwargs[token] = page[token]


@given(
    initial=st.integers(0, 12),
    size=st.integers(1, 5),
    arrivals=st.lists(st.booleans(), max_size=20),
)
def test_pages_are_complete_while_imports_arrive(
    initial: int, size: int, arrivals: list[bool]
) -> None:
    clock = ManualClock(T0)
    fakes: dict[str, Any] = {
        "ct": FakeCloudTrail(
            clock=clock, durations={"INITIALIZING": timedelta(0), "IN_PROGRESS": timedelta(0)}
        ),
        "ses": FakeSESv2(clock=clock, max_active_import_jobs=1000),
        "mgn": FakeMgn(clock=clock),
        "lex": FakeLexModelsV2(clock=clock),
    }
    store = fakes["ct"].create_event_data_store(Name="lake")["EventDataStoreArn"]
    made: dict[str, list[str]] = {k: [] for k in fakes}

    def add_one() -> None:
        clock.advance(seconds=1)
        made["ct"].append(
            fakes["ct"].start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
        )
        made["ses"].append(
            fakes["ses"].create_import_job(
                ImportDestination={
                    "SuppressionListDestination": {"SuppressionListImportAction": "PUT"}
                },
                ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
            )["JobId"]
        )
        made["mgn"].append(
            fakes["mgn"].start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})[
                "importTask"
            ]["importID"]
        )
        lex = fakes["lex"]
        upload = lex.create_upload_url()["importId"]
        lex.start_import(
            importId=upload,
            resourceSpecification={
                "botImportSpecification": {
                    "botName": f"B{len(made['lex'])}",
                    "roleArn": "arn:aws:iam::123456789012:role/LexRole",
                    "dataPrivacy": {"childDirected": False},
                }
            },
            mergeStrategy="Overwrite",
        )
        made["lex"].append(upload)

    for _ in range(initial):
        add_one()
    clock.advance(hours=1)  # everything settled: Lex's order (last update) stops moving
    pending = list(arrivals)

    def maybe_add() -> None:
        if pending and pending.pop():
            add_one()

    ascending = {"attribute": "LastUpdatedDateTime", "order": "Ascending"}
    # fake: (list call, token name, items key, id key)
    listings: dict[str, tuple[Any, str, str, str]] = {
        "ct": (
            partial(fakes["ct"].list_imports, MaxResults=size),
            "NextToken",
            "Imports",
            "ImportId",
        ),
        "ses": (
            partial(fakes["ses"].list_import_jobs, PageSize=size),
            "NextToken",
            "ImportJobs",
            "JobId",
        ),
        "mgn": (
            partial(fakes["mgn"].list_imports, maxResults=size),
            "nextToken",
            "items",
            "importID",
        ),
        "lex": (
            partial(fakes["lex"].list_imports, maxResults=size, sortBy=ascending),
            "nextToken",
            "importSummaries",
            "importId",
        ),
    }
    for key, (list_page, token, items, id_key) in listings.items():
        listed = _list_all(list_page, token, items, maybe_add)
        ids = [item[id_key] for item in listed]
        assert len(ids) == len(set(ids)), f"{key}: an item was listed twice"
        assert ids[:initial] == made[key][:initial], (
            f"{key}: items present at the start were missed"
        )
        assert ids == made[key][: len(ids)], f"{key}: out of order or with gaps"


# --- tokens that were tampered with, truncated or moved ---------------------------------------


def test_tokens_cannot_be_tampered_truncated_or_moved() -> None:
    clock = ManualClock(T0)
    east = FakeMgn(clock=clock, seed=1)
    west = FakeMgn(clock=clock, seed=1, region_name="us-west-2")
    other_account = FakeMgn(clock=clock, seed=1, account_id="999999999999")
    for fake in (east, west, other_account):
        for i in range(3):
            fake.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": f"{i}.csv"})
    token = east.list_imports(maxResults=1)["nextToken"]
    task = east.list_imports()["items"][0]["importID"]
    east.control.add_import_errors(task, [{"errorData": {"rowNumber": n}} for n in range(3)])
    bad = [token[:-1], token[:10], token + "A", token.replace(".", ".x"), token[::-1]]
    for forged in bad:
        with pytest.raises(east.exceptions.ValidationException):
            east.list_imports(maxResults=1, nextToken=forged)
    with pytest.raises(east.exceptions.ValidationException):  # another operation
        east.list_import_errors(importID=task, nextToken=token)
    for elsewhere in (west, other_account):  # another Region or account
        with pytest.raises(elsewhere.exceptions.ValidationException):
            elsewhere.list_imports(maxResults=1, nextToken=token)
    assert east.list_imports(maxResults=1, nextToken=token)["items"]


# --- threads --------------------------------------------------------------------------------


def test_threads_lose_nothing_in_any_service() -> None:
    clock = ManualClock(T0)
    ses = FakeSESv2(clock=clock, max_active_import_jobs=10_000)
    mgn = FakeMgn(clock=clock)
    lex = FakeLexModelsV2(clock=clock)
    made: list[str] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                made.append(
                    ses.create_import_job(
                        ImportDestination={
                            "SuppressionListDestination": {"SuppressionListImportAction": "PUT"}
                        },
                        ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
                    )["JobId"]
                )
                made.append(
                    mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})[
                        "importTask"
                    ]["importID"]
                )
                upload = lex.create_upload_url()["importId"]
                lex.start_import(
                    importId=upload,
                    resourceSpecification={
                        "botImportSpecification": {
                            "botName": f"T{n}x{i}",
                            "roleArn": "arn:aws:iam::123456789012:role/LexRole",
                            "dataPrivacy": {"childDirected": False},
                        }
                    },
                    mergeStrategy="Overwrite",
                )
                made.append(upload)
                ses.list_import_jobs(PageSize=5)
                mgn.list_imports(maxResults=5)
                lex.list_imports(maxResults=5)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(made) == len(set(made)) == 6 * 40 * 3
    assert len(ses.list_import_jobs(PageSize=1000)["ImportJobs"]) == 240
    assert len(mgn.list_imports()["items"]) == 240
    assert len(lex.list_imports()["importSummaries"]) == 240


# --- isolation ------------------------------------------------------------------------------


def test_fakes_and_registries_share_nothing() -> None:
    one, two = FakeSESv2(), FakeSESv2()
    one.create_contact_list(ContactListName="a")
    assert two.create_contact_list(ContactListName="b")  # no shared one-list quota
    one.control.fail_next("list_import_jobs", "TooManyRequestsException")
    assert two.list_import_jobs()["ImportJobs"] == []  # faults are per fake
    with mock_imports() as first, mock_imports() as second:
        first.mgn().start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
        assert second.mgn().list_imports()["items"] == []
        assert first.mgn() is not second.mgn()


def test_a_seed_repeats_every_id() -> None:
    def ids(seed: int) -> list[str]:
        clock = ManualClock(T0)
        ct: Any
        ses: Any
        mgn: Any
        lex: Any
        ct, ses, mgn, lex = (
            cls(clock=clock, seed=seed)
            for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2)
        )
        store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
        return [
            store,
            ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"],
            ses.create_import_job(
                ImportDestination={
                    "SuppressionListDestination": {"SuppressionListImportAction": "PUT"}
                },
                ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
            )["JobId"],
            mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})["importTask"][
                "importID"
            ],
            lex.create_upload_url()["importId"],
        ]

    assert ids(11) == ids(11)
    assert not set(ids(11)) & set(ids(12))
