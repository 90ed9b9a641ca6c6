"""fakeimports benchmarks, measured as users run: prints medians with their spread.

Run by hand (not in CI): ``python benchmarks/run.py [--quick] [--only SECTION]``. Needs the
``bench`` extra (``pip install -e '.[bench]'``) for moto; without moto those rows are skipped.

Every figure is taken with the garbage collector on, on default fakes (``SystemClock``,
default durations, the default call record) unless a row says otherwise, and peers run the
same work in the same process. A figure is ``median [min-max]`` over the runs.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
    attach,
    mock_imports,
)

ONE_MINUTE = timedelta(minutes=1)
SOURCE = {
    "S3": {
        "S3LocationUri": "s3://trail-bucket/AWSLogs/",
        "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/import",
    }
}
BOT = {
    "botImportSpecification": {
        "botName": "Bot",
        "roleArn": "arn:aws:iam::123456789012:role/LexImportRole",
        "dataPrivacy": {"childDirected": False},
    }
}
SUPPRESS = {"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}}
DATA = {"S3Url": "s3://b/k.csv", "DataFormat": "CSV"}
KEYS = {"aws_access_key_id": "k", "aws_secret_access_key": "s", "region_name": "us-east-1"}


class Figure:
    """Runs of one measurement (seconds per call): median and spread."""

    def __init__(self, runs: list[float]) -> None:
        self.runs = runs
        self.median = statistics.median(runs)

    def show(self, scale: float) -> str:
        low, high = min(self.runs) * scale, max(self.runs) * scale
        return f"{self.median * scale:10.1f} [{low:.1f}-{high:.1f}]"


def measure(call: Callable[[], Any], number: int, repeat: int = 7) -> Figure:
    """``repeat`` runs of ``number`` calls each, GC on (unlike ``timeit``'s default)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            call()
        runs.append((time.perf_counter() - start) / number)
    return Figure(runs)


def side_by_side(calls: list[Callable[[], Any]], repeat: int) -> list[Figure]:
    """One run of each call in turn, ``repeat`` rounds: a peer and the fake see the same
    machine (it drifts between runs), so the ratio of their medians is a fair one."""
    runs: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, taken in zip(calls, runs, strict=True):
            start = time.perf_counter()
            call()
            taken.append(time.perf_counter() - start)
    return [Figure(taken) for taken in runs]


def row(name: str, figure: Figure | float, unit: str, goal: str = "") -> None:
    scale = {"us": 1e6, "ms": 1e3, "s": 1.0}.get(unit, 1.0)
    text = figure.show(scale) if isinstance(figure, Figure) else f"{figure:10.1f}"
    print(f"  {name:<56} {text:<26} {unit:<3} {goal}")


# --- the same stored imports in each fake, made the way a test makes them --------------------


def fill(n: int, *, instant: bool = False, only: str | None = None) -> dict[str, Any]:
    """Fakes holding ``n`` imports each.

    Default fakes (``SystemClock``, default durations), the clock moved on after each start
    as a test would (CloudTrail runs one import at a time); or, ``instant``, fakes on a
    ``ManualClock`` that never moves with zero durations (a test on a standing clock).
    """
    if instant:
        clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
        zero = timedelta(0)
        ct = FakeCloudTrail(clock=clock, durations={"INITIALIZING": zero, "IN_PROGRESS": zero})
        ses = FakeSESv2(clock=clock, durations={"CREATED": zero, "PROCESSING": zero})
        mgn = FakeMgn(clock=clock, durations={"PENDING": zero, "STARTED": zero})
        lex = FakeLexModelsV2(clock=clock, durations={"InProgress": zero})
    else:
        ct, ses, mgn, lex = FakeCloudTrail(), FakeSESv2(), FakeMgn(), FakeLexModelsV2()
    store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    last: dict[str, str] = {}
    wanted = {"ct", "ses", "mgn", "lex"} if only is None else {only}
    for i in range(n):
        if "ct" in wanted:
            last["ct"] = ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
        if "ses" in wanted:
            job = ses.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=DATA)
            last["ses"] = job["JobId"]
        if "mgn" in wanted:
            task = mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": f"{i}.csv"})
            last["mgn"] = task["importTask"]["importID"]
        if "lex" in wanted:
            last["lex"] = lex.create_upload_url()["importId"]
            lex.start_import(
                importId=last["lex"], resourceSpecification=BOT, mergeStrategy="Overwrite"
            )
        if not instant:
            ct.clock.advance(minutes=11)  # one import at a time: let it finish
            for fake in (ses, mgn, lex):
                fake.clock.advance(ONE_MINUTE)
    return {"ct": ct, "ses": ses, "mgn": mgn, "lex": lex, "last": last}


def operations(fakes: dict[str, Any]) -> dict[str, tuple[Callable[[], Any], Callable[[], Any]]]:
    """Per service: (get one, list a page of 100)."""
    ct, ses, mgn, lex, last = (fakes[k] for k in ("ct", "ses", "mgn", "lex", "last"))
    return {
        "cloudtrail": (
            lambda: ct.get_import(ImportId=last["ct"]),
            lambda: ct.list_imports(MaxResults=100),
        ),
        "sesv2": (
            lambda: ses.get_import_job(JobId=last["ses"]),
            lambda: ses.list_import_jobs(PageSize=100),
        ),
        "mgn": (
            lambda: mgn.list_imports(filters={"importIDs": [last["mgn"]]}, maxResults=1),
            lambda: mgn.list_imports(maxResults=100),
        ),
        "lexv2-models": (
            lambda: lex.describe_import(importId=last["lex"]),
            lambda: lex.list_imports(maxResults=100),
        ),
    }


def later_page(list_page: Callable[..., Any], token_name: str) -> Callable[[], Any]:
    """The fifth page of the same list (a token from the fourth)."""
    kwargs: dict[str, Any] = {}
    for _ in range(4):
        kwargs[token_name] = list_page(**kwargs)[token_name]
    return lambda: list_page(**kwargs)


# --- 1. direct calls ------------------------------------------------------------------------


def direct_calls(quick: bool) -> None:
    print("\n1. Direct calls: default fakes holding 1,000 imports, GC on")
    fakes = fill(1000)
    tokens = {"cloudtrail": "NextToken", "sesv2": "NextToken", "mgn": "nextToken"}
    tokens["lexv2-models"] = "nextToken"
    for service, (get_one, list_page) in operations(fakes).items():
        row(f"{service}: get one", measure(get_one, 300 if quick else 2000), "us", "(<= 10 us)")
        row(
            f"{service}: first page of 100",
            measure(list_page, 30 if quick else 200),
            "us",
            "(<= 100 us)",
        )
        fake = fakes[{"cloudtrail": "ct", "sesv2": "ses", "mgn": "mgn"}.get(service, "lex")]
        method = fake.list_import_jobs if service == "sesv2" else fake.list_imports
        size = {"sesv2": "PageSize", "cloudtrail": "MaxResults"}.get(service, "maxResults")
        page5 = later_page(lambda m=method, s=size, **kw: m(**{s: 100}, **kw), tokens[service])
        row(
            f"{service}: fifth page of 100",
            measure(page5, 30 if quick else 200),
            "us",
            "(<= 100 us)",
        )


# --- 2. a real boto3 client: the floor, the Stubber, a served fake --------------------------


def attached_clients(quick: bool) -> None:
    import boto3

    number = 300 if quick else 2000
    fake = FakeCloudTrail()
    store = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    for _ in range(100):
        last = fake.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
        fake.clock.advance(minutes=11)
    calls = {
        "get_import": ({"ImportId": last}, fake.get_import(ImportId=last)),
        "list_imports": ({"MaxResults": 100}, fake.list_imports(MaxResults=100)),
    }
    model = boto3.client("cloudtrail", **KEYS).meta.service_model
    for method, (params, answer) in calls.items():
        n = number if method == "get_import" else number // 10
        _client_rows(fake, model, method, params=params, answer=answer, n=n)
    _moto_nearest(quick)


def _client_rows(
    fake: FakeCloudTrail, model: Any, method: str, *, params: dict[str, Any], answer: Any, n: int
) -> None:
    import boto3
    from botocore.awsrequest import AWSResponse
    from botocore.stub import Stubber

    from fakeimports.integrations import wire

    print(f"\n2. A real boto3 client, cloudtrail {method}({', '.join(params)}), GC on")
    operation = model.operation_model("GetImport" if method == "get_import" else "ListImports")
    event = f"cloudtrail.{operation.name}"
    body = {k: v for k, v in answer.items() if k != "ResponseMetadata"}
    http = wire.http_response(answer, operation)

    floor = boto3.client("cloudtrail", **KEYS)
    floor.meta.events.register(
        f"before-call.{event}", lambda **kw: (AWSResponse(None, 200, {}, None), dict(answer))
    )
    wire_floor = boto3.client("cloudtrail", **KEYS)
    wire_floor.meta.events.register(
        f"before-send.{event}",
        lambda **kw: AWSResponse(None, http["status_code"], http["headers"], _Raw(http["body"])),
    )
    stubbed = boto3.client("cloudtrail", **KEYS)
    stubber = Stubber(stubbed)

    def stub_call() -> Any:
        stubber.add_response(method, body)
        return getattr(stubbed, method)(**params)

    attached = boto3.client("cloudtrail", **KEYS)
    attach(attached, fake)
    floor_cost = measure(lambda: getattr(floor, method)(**params), n)
    wire_cost = measure(lambda: getattr(wire_floor, method)(**params), n)
    with stubber:
        stub_cost = measure(stub_call, n)
    attached_cost = measure(lambda: getattr(attached, method)(**params), n)
    direct_cost = measure(lambda: getattr(fake, method)(**params), n)
    row("botocore floor: before-call answers a constant dict", floor_cost, "us")
    row("botocore before-send floor: a constant wire body, parsed", wire_cost, "us")
    row("botocore Stubber (canned response)", stub_cost, "us")
    row("fakeimports attach (stateful fake)", attached_cost, "us")
    row("fakeimports direct (the same fake, no client)", direct_cost, "us")
    added = attached_cost.median - floor_cost.median
    budget = direct_cost.median + 0.15 * floor_cost.median
    row("added by the fake over the floor", added * 1e6, "us")
    row("goal: at most direct + 15 % of the floor", budget * 1e6, "us")


class _Raw:
    """The raw stream an ``AWSResponse`` reads its body from."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body

    def read(self, *_: Any) -> bytes:
        return self._body


def _moto_nearest(quick: bool) -> None:
    try:
        from moto import mock_aws
    except ImportError:
        return
    import boto3

    with mock_aws():
        trail = boto3.client("cloudtrail", **KEYS)
        trail.list_trails()
        row(
            "moto: cloudtrail list_trails (its nearest operation)",
            measure(trail.list_trails, 50 if quick else 300),
            "us",
        )


# --- 3. the same work in moto, and what a pytest test pays ----------------------------------


def same_work(quick: bool) -> None:
    print("\n3. Same work as moto: SES contact lists through a boto3 client, GC on")
    import boto3

    def contact_lists(client: Any) -> None:
        client.create_contact_list(ContactListName="news")
        for _ in range(10):
            client.get_contact_list(ContactListName="news")
        client.delete_contact_list(ContactListName="news")

    runs = 5 if quick else 15
    with mock_imports():
        served = boto3.client("sesv2", **KEYS)
        contact_lists(served)
        ours = measure(lambda: contact_lists(served), 1, runs)
    direct = FakeSESv2()
    row("fakeimports served: create, 10 gets, delete", ours, "ms")
    row(
        "fakeimports direct: the same 12 calls",
        measure(lambda: contact_lists(direct), 1, runs),
        "ms",
    )
    per_test = measure(lambda: _one_test(mock_imports), 1, runs)
    try:
        from moto import mock_aws
    except ImportError:
        print("  moto is not installed: pip install -e '.[bench]' to compare")
        row("a test: mock_imports() + a client + one call", per_test, "ms")
        return
    with mock_aws():
        theirs_client = boto3.client("sesv2", **KEYS)
        contact_lists(theirs_client)
        theirs = measure(lambda: contact_lists(theirs_client), 1, runs)
    row("moto: the same 12 calls", theirs, "ms")
    row("moto / fakeimports served", theirs.median / ours.median, "x")
    moto_test = measure(lambda: _one_test(mock_aws), 1, runs)
    row("a test: mock_imports() + a client + one call", per_test, "ms")
    row("a test: moto's mock_aws() + a client + one call", moto_test, "ms")


def _one_test(mocker: Callable[[], Any]) -> None:
    import boto3

    with mocker():
        boto3.client("sesv2", **KEYS).create_contact_list(ContactListName="news")


# --- 4. scale: doubling n, every operation ---------------------------------------------------


SIZES = (12_500, 25_000, 50_000, 100_000)


def scale(quick: bool) -> None:
    sizes = SIZES[:2] if quick else SIZES
    print(f"\n4. Scale: n = {', '.join(f'{n:,}' for n in sizes)}; growth per doubling (<= 2.4)")
    costs: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        costs.setdefault(name, []).append(seconds)

    for n in sizes:
        gc.collect()
        start = time.perf_counter()
        fakes = fill(n, instant=True)  # the clock stands still: a ManualClock test's case
        record("create n imports in each fake (clock still)", time.perf_counter() - start)
        for service, (get_one, list_page) in operations(fakes).items():
            record(f"{service}: get one (x1000, median of 7)", measure(get_one, 1000).median * 1e3)
            record(
                f"{service}: page of 100 (x100, median of 7)", measure(list_page, 100).median * 1e2
            )
        ct = fakes["ct"]
        del fakes  # what follows runs with its own fake alone, as a test holds one
        gc.collect()
        record(
            "cloudtrail: list all n, 1000 a page (median of 3)",
            measure(lambda c=ct: _list_all(c), 1, 3).median,
        )
        del ct
        store: dict[str, _Plain] = {}
        for _ in range(n):
            _keep(store)
        gc.collect()
        record(
            "peer: plain Python, read n records, 1000 a page (median of 3)",
            measure(lambda s=store: _read_all(s), 1, 3).median,
        )
        del store
        for name, seconds in _one_shots(n).items():
            record(name, seconds)
    header = "".join(f"{n:>10,}" for n in sizes)
    print(f"  {'operation (ms)':<48}{header}   growth per doubling")
    for name, seconds in costs.items():
        ratios = [b / a for a, b in itertools.pairwise(seconds) if a > 0]
        cells = "".join(f"{s * 1e3:10.1f}" for s in seconds)
        worst = max(ratios) if ratios else 0.0
        flag = "" if worst <= 2.4 else "  <- over 2.4"
        print(f"  {name:<48}{cells}   {' '.join(f'{r:.2f}' for r in ratios)}{flag}")


def _one_shots(n: int) -> dict[str, float]:
    """Operations that change n items at once, each the median of 3 runs on fresh fakes.

    One run alone says more about where CPython's full collections fall (each costs time in
    proportion to the whole heap) than about the operation: each run is printed with the
    full collections that ran during it, and the creations once more with the collector
    paused, as a control of the algorithm alone (not a goal figure).
    """
    runs: dict[str, list[tuple[float, int]]] = {}

    def run(name: str, call: Callable[[], Any], number: int) -> None:
        gc.collect()
        before = gc.get_stats()[2]["collections"]
        seconds = _seconds(call, number)
        runs.setdefault(name, []).append((seconds, gc.get_stats()[2]["collections"] - before))

    def creations() -> tuple[FakeSESv2, FakeMgn]:
        ses = FakeSESv2(max_active_import_jobs=n + 1)
        mgn = FakeMgn()
        mgn.control.set_import_quota(n + 1)
        return ses, mgn

    def create_jobs(ses: FakeSESv2) -> None:
        ses.create_import_job(ImportDestination=SUPPRESS, ImportDataSource=DATA)

    def start_tasks(mgn: FakeMgn) -> None:
        mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})

    for _ in range(3):
        lex = FakeLexModelsV2(clock=ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc)))
        for _ in range(n):
            upload = lex.create_upload_url()["importId"]
            lex.start_import(importId=upload, resourceSpecification=BOT, mergeStrategy="Overwrite")
        lex.list_imports(maxResults=1)
        lex.clock.advance(minutes=2)  # every Lex import completes: all n re-key
        run("lexv2-models: first list after n re-key (median of 3)", lex.list_imports, 1)
        lex.clock.advance(days=8)  # and all expire
        run("lexv2-models: first list after n expire (median of 3)", lex.list_imports, 1)
        del lex
        ses, mgn = creations()
        run("sesv2: n jobs, all unfinished (quota n, median of 3)", partial(create_jobs, ses), n)
        del ses  # each creation runs with its own fake alone
        run("mgn: n tasks, all unfinished (quota n, median of 3)", partial(start_tasks, mgn), n)
        del mgn
        store: dict[str, _Plain] = {}
        run("peer: plain Python, n records into a dict (median of 3)", partial(_keep, store), n)
        del store
    for name, measured in runs.items():
        spread = ", ".join(f"{s * 1e3:.1f} ({full} full)" for s, full in sorted(measured))
        print(f"    n = {n:,}: {name}: {spread} ms")
    ses, mgn = creations()
    gc.collect()
    gc.disable()
    paused = (_seconds(partial(create_jobs, ses), n), _seconds(partial(start_tasks, mgn), n))
    gc.enable()
    del ses, mgn
    print(
        f"    n = {n:,}: control, collector paused: sesv2 n jobs {paused[0] * 1e3:.1f} ms, "
        f"mgn n tasks {paused[1] * 1e3:.1f} ms"
    )
    return {name: statistics.median(s for s, _ in measured) for name, measured in runs.items()}


class _Plain:
    """The scale section's peer: a record that leaves, like an SES job, five objects the
    collector tracks (itself, a list, a tuple, one more object and its list); no index."""

    __slots__ = ("name", "other", "plan", "source", "target")

    def __init__(self, name: str) -> None:
        self.name = name
        self.source = {"S3Url": name}
        self.plan = [(1, "CREATED")]
        self.target = ("kind", self.source)
        self.other = _PlainPart()


class _PlainPart:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: list[int] = []


def _keep(store: dict[str, _Plain]) -> None:
    name = f"record-{len(store)}"
    store[name] = _Plain(name)


def _read_all(store: dict[str, _Plain]) -> int:
    """The peer of listing all n: a dict made of each record, a thousand at a time."""
    count, records = 0, list(store.values())
    for start in range(0, len(records), 1000):
        page = [
            {"Name": r.name, "Source": {**r.source}, "Status": r.plan[-1][1], "Kind": r.target[0]}
            for r in records[start : start + 1000]
        ]
        count += len(page)
    return count


def _seconds(call: Callable[[], Any], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        call()
    return time.perf_counter() - start


def _list_all(fake: FakeCloudTrail) -> int:
    count, kwargs = 0, {"MaxResults": 1000}
    while True:
        page = fake.list_imports(**kwargs)
        count += len(page["Imports"])
        if "NextToken" not in page:
            return count
        kwargs["NextToken"] = page["NextToken"]


def memory(quick: bool) -> None:
    print("\n5. Memory per stored import, default fakes (the call record included)")
    n = 2_000 if quick else 10_000
    for name, make in (
        ("cloudtrail", lambda: fill_one("ct", n)),
        ("sesv2", lambda: fill_one("ses", n)),
        ("mgn", lambda: fill_one("mgn", n)),
        ("lexv2-models", lambda: fill_one("lex", n)),
    ):
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        kept = make()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        row(f"{name}: bytes per import ({n:,} stored)", (after - before) / n, "B", "(<= 2048 B)")
        del kept


def fill_one(which: str, n: int) -> Any:
    return fill(n, only=which)[which]


# --- 6. start-up ----------------------------------------------------------------------------

PROBE = """
import sys, time
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("botocore", "boto3"):
            raise ImportError(name)
sys.meta_path.insert(0, Block())
start = time.perf_counter()
{statement}
print(time.perf_counter() - start)
"""


def startup(quick: bool) -> None:
    print("\n6. Start-up in a fresh process, botocore absent, bytecode cached")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "from fakeimports import *"], env=env, check=True)
    statements = {
        "import attrs (the floor: every fake needs it)": "",
        "import fakeimports": "(<= 50 ms)",
    }
    for name in ("FakeCloudTrail", "FakeSESv2", "FakeMgn", "FakeLexModelsV2"):
        statements[f"from fakeimports import {name}"] = "(<= 40 ms)"
    for statement, goal in statements.items():
        runs = []
        for _ in range(5 if quick else 15):
            out = subprocess.run(
                [sys.executable, "-c", PROBE.format(statement=statement.split(" (")[0])],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            runs.append(float(out.stdout))
        row(statement, Figure(runs), "ms", goal)
    for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2):
        row(f"create a {cls.__name__}", measure(cls, 200), "us")


# --- 7. data-driven imports ----------------------------------------------------------------


def data_imports(quick: bool) -> None:
    import csv
    import io
    import json

    n = 20_000 if quick else 100_000
    print(f"\n7. SES contact-list import of {n:,} records, create to the last record visible")
    topics = [
        {"TopicName": "Sports", "DisplayName": "Sports", "DefaultSubscriptionStatus": "OPT_IN"}
    ]
    rows = [
        f'user{i}@example.com,false,"{{""n"": {i}}}",{"OPT_IN" if i % 2 else "OPT_OUT"}'
        for i in range(n)
    ]
    csv_bytes = (
        "emailAddress,unsubscribeAll,attributesData,topicPreferences.Sports\n" + "\n".join(rows)
    ).encode()
    json_bytes = "\n".join(
        json.dumps(
            {
                "emailAddress": f"user{i}@example.com",
                "attributesData": json.dumps({"n": i}),
                "topicPreferences": [{"topicName": "Sports", "subscriptionStatus": "OPT_IN"}],
            }
        )
        for i in range(n)
    ).encode()

    def run(data: bytes, data_format: str) -> None:
        ses = FakeSESv2()  # the default fake and clock, as users run it
        ses.create_contact_list(ContactListName="news", Topics=topics)
        ses.objects.put("s3://lists/contacts", data)
        destination = {
            "ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "PUT"}
        }
        ses.create_import_job(
            ImportDestination=destination,
            ImportDataSource={"S3Url": "s3://lists/contacts", "DataFormat": data_format},
        )
        ses.clock.advance(hours=1)
        assert len(ses.list_contacts(ContactListName="news", PageSize=1)["Contacts"]) == 1

    runs = 3 if quick else 7
    reader_csv, ours_csv = side_by_side(
        [lambda: list(csv.reader(io.StringIO(csv_bytes.decode()))), lambda: run(csv_bytes, "CSV")],
        runs,
    )
    reader_json, ours_json = side_by_side(
        [
            lambda: [json.loads(line) for line in json_bytes.decode().splitlines()],
            lambda: run(json_bytes, "JSON"),
        ],
        runs,
    )
    row("csv.reader over the same bytes", reader_csv, "ms")
    row("fakeimports, CSV: create, clock past the end, list", ours_csv, "ms")
    row("ratio to csv.reader", ours_csv.median / reader_csv.median, "x", "(<= 3 x)")
    row("json.loads of every line", reader_json, "ms")
    row("fakeimports, JSON: create, clock past the end, list", ours_json, "ms")
    row("ratio to json.loads", ours_json.median / reader_json.median, "x", "(<= 3 x)")


def all_data(quick: bool) -> None:
    """Section 7 whole: every import that reads its input."""
    data_imports(quick)
    mgn_template(quick)
    cloudtrail_trail(quick)
    lex_archive(quick)


def mgn_template(quick: bool) -> None:
    """An MGN template import of 10,000 rows, start to SUCCEEDED and the first page after."""
    import csv
    import io

    n = 2_000 if quick else 10_000
    print(f"\n   MGN template import of {n:,} rows: start, clock past the end, first page")
    header = (
        "mgn:wave:name,mgn:wave:description,mgn:app:name,mgn:app:description,mgn:app:tag:owner,"
        "mgn:server:user-provided-id,mgn:server:fqdn-for-action-framework,mgn:server:platform,"
        "mgn:server:tag:Name,mgn:launch:instance-type"
    )
    lines = [header] + [
        f"Wave {i % 10},Wave {i % 10},App {i % 100},Application {i % 100},team{i % 100},"
        f"server-{i},server-{i}.corp,LINUX,server {i},m5.large"
        for i in range(n)
    ]
    data = "\n".join(lines).encode()

    def run() -> None:
        mgn = FakeMgn()
        mgn.objects.put("s3://migrations/inventory.csv", data)
        mgn.start_import(s3BucketSource={"s3Bucket": "migrations", "s3Key": "inventory.csv"})
        mgn.clock.advance(hours=1)
        assert mgn.list_imports()["items"][0]["status"] == "SUCCEEDED"
        assert len(mgn.describe_source_servers(maxResults=100)["items"]) == 100

    def servers_alone() -> None:
        """The floor the rules add to: the template's servers made, with no rule applied."""
        from fakeimports.services.mgn.models import SERVER

        fake = FakeMgn()  # held: its inventory calls back into it
        inventory = fake._inventory
        at = datetime(2026, 1, 1, tzinfo=timezone.utc)
        for i, cells in enumerate(csv.reader(io.StringIO(data.decode()))):
            if i:  # the header is not a server
                fields = [("user-provided-id", cells[5]), ("fqdn-for-action-framework", cells[6])]
                fields += [("platform", cells[7]), ("tag:Name", cells[8])]
                fields += [("launch:instance-type", cells[9])]
                inventory.create(SERVER, fields, at + timedelta(milliseconds=i))

    runs = 3 if quick else 7
    reader, alone, ours = side_by_side(
        [lambda: list(csv.reader(io.StringIO(data.decode()))), servers_alone, run], runs
    )
    row("csv.reader over the same bytes", reader, "ms")
    row("floor: reading it and making its servers, no rule applied", alone, "ms")
    row("fakeimports: start, clock past the end, first page", ours, "ms")
    row("ratio to csv.reader", ours.median / reader.median, "x", "(<= 5 x)")
    row("the floor's ratio to csv.reader", alone.median / reader.median, "x")


def cloudtrail_trail(quick: bool) -> None:
    """A CloudTrail import of 1,000 gzip log files, 100 events each, start to COMPLETED."""
    import gzip

    files = 200 if quick else 1_000
    print(f"\n   CloudTrail import of {files:,} gzip log files, {files * 100:,} events")
    day = datetime(2026, 3, 1, tzinfo=timezone.utc)
    objects: dict[str, bytes] = {}
    for f in range(files):
        when = day + timedelta(minutes=5 * f)
        records = [
            {
                "eventVersion": "1.09",
                "eventTime": (when + timedelta(seconds=e)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "eventSource": "s3.amazonaws.com",
                "eventName": "GetObject",
                "awsRegion": "us-east-1",
                "eventID": f"{f:06d}-{e:03d}",
                "userIdentity": {"type": "IAMUser", "userName": "alice"},
                "requestParameters": {"bucketName": "data", "key": f"k{e}"},
            }
            for e in range(100)
        ]
        key = (
            f"AWSLogs/123456789012/CloudTrail/us-east-1/{when:%Y/%m/%d}/"
            f"123456789012_CloudTrail_us-east-1_{when:%Y%m%dT%H%M}Z_{f:016d}.json.gz"
        )
        objects[f"s3://trail/{key}"] = gzip.compress(json.dumps({"Records": records}).encode())

    def floor() -> None:
        for body in objects.values():
            json.loads(gzip.decompress(body))

    def run() -> None:
        ct = FakeCloudTrail()
        clock = ct.clock
        for url, body in objects.items():
            ct.objects.put(url, body)
        store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
        source = {**SOURCE["S3"], "S3LocationUri": "s3://trail/"}
        imported = ct.start_import(Destinations=[store], ImportSource={"S3": source})
        clock.advance(hours=1)
        done = ct.get_import(ImportId=imported["ImportId"])
        assert done["ImportStatus"] == "COMPLETED"
        assert done["ImportStatistics"]["EventsCompleted"] == files * 100

    runs = 3 if quick else 7
    reader, ours = side_by_side([floor, run], runs)
    row("gzip.decompress + json.loads of every file", reader, "ms")
    row("fakeimports: start, clock past the end, get_import", ours, "ms")
    row("ratio to that floor", ours.median / reader.median, "x", "(<= 2 x)")


def lex_archive(quick: bool) -> None:
    """A Lex bot of 3 locales x 50 intents: archive, PUT with requests, import, describe."""
    import http.server
    import io
    import threading
    import zipfile

    import requests

    print("\n   Lex bot archive, 3 locales x 50 intents: upload with requests, import, describe")

    def build() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            meta = {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "Bot"}
            z.writestr("manifest.json", json.dumps({"metadata": meta}))
            z.writestr("Shop/Bot.json", json.dumps({"name": "Shop", "description": "d"}))
            for locale in ("en_US", "en_GB", "fr_FR"):
                z.writestr(f"Shop/BotLocales/{locale}/BotLocale.json", json.dumps({"name": locale}))
                for i in range(50):
                    intent = {"name": f"I{i}", "sampleUtterances": [{"utterance": f"do {i}"}]}
                    z.writestr(
                        f"Shop/BotLocales/{locale}/Intents/I{i}/Intent.json", json.dumps(intent)
                    )
        return buf.getvalue()

    archive = build()

    def read_zip() -> None:
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            for name in z.namelist():
                json.loads(z.read(name))

    bot = {
        "botName": "Shop",
        "roleArn": "arn:aws:iam::123456789012:role/LexImportRole",
        "dataPrivacy": {"childDirected": False},
    }

    def flow() -> None:
        with mock_imports() as f:
            lex = f.lexv2_models()
            upload = lex.create_upload_url()
            assert requests.put(upload["uploadUrl"], data=build(), timeout=5).status_code == 200
            lex.start_import(
                importId=upload["importId"],
                resourceSpecification={"botImportSpecification": bot},
                mergeStrategy="FailOnConflict",
            )
            f.clock.advance(hours=1)
            bot_id = lex.describe_import(importId=upload["importId"])["importedResourceId"]
            assert lex.describe_bot(botId=bot_id)["botStatus"] == "Available"

    runs = 5 if quick else 15
    row("zipfile: read every member and parse it", measure(read_zip, 1, runs), "ms")
    row("build the archive (zipfile, deflated)", measure(build, 1, runs), "ms")
    row("fakeimports: block, build, PUT, import, describe", measure(flow, 1, runs), "ms")

    # Other HTTP calls while a block is open: a local server, the same request either way.
    class Quiet(http.server.BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/x"
    session = requests.Session()
    number = 100 if quick else 400
    outside = measure(lambda: session.put(url, data=b"x"), number)
    with mock_imports():
        inside = measure(lambda: session.put(url, data=b"x"), number)
    server.shutdown()
    row("a PUT to another server, no block open", outside, "us")
    row("the same PUT with a block open (upload hook installed)", inside, "us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller n")
    sections = {
        "direct": direct_calls,
        "attach": attached_clients,
        "moto": same_work,
        "scale": scale,
        "memory": memory,
        "startup": startup,
        "data": all_data,
    }
    parts = {"ses": data_imports, "mgn": mgn_template, "trail": cloudtrail_trail}
    parts["lex"] = lex_archive  # one part of section 7 alone: --only data --part mgn
    parser.add_argument("--only", choices=sorted(sections))
    parser.add_argument("--part", choices=sorted(parts), help="with --only data: one import")
    args = parser.parse_args()
    if args.part is not None:
        sections["data"] = parts[args.part]
    print(
        f"fakeimports benchmarks — {datetime.now(timezone.utc):%Y-%m-%d}, Python "
        f"{platform.python_version()}, {platform.machine()}; median [min-max], GC on"
    )
    for name, section in sections.items():
        if args.only in (None, name):
            section(args.quick)
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()
