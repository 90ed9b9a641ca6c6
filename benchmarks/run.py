"""fakeimports benchmarks: prints medians, side by side with the alternatives.

Run by hand (not in CI): ``python benchmarks/run.py [--quick]``. Needs the ``bench`` extra
(``pip install -e '.[bench]'``) for moto; without moto that section is skipped.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
    attach,
)

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
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
KEYS = {"aws_access_key_id": "k", "aws_secret_access_key": "s", "region_name": "us-east-1"}
INSTANT = timedelta(0)


def median_us(call: Callable[[], Any], number: int, repeat: int = 7) -> float:
    """Median cost of one call in microseconds over ``repeat`` runs of ``number`` calls."""
    runs = timeit.repeat(call, number=number, repeat=repeat)
    return statistics.median(runs) / number * 1e6


def row(name: str, value: float, unit: str, goal: str = "") -> None:
    print(f"  {name:<58} {value:>12.1f} {unit:<4} {goal}")


# --- 1. direct calls ------------------------------------------------------------------------


def populated(n: int) -> dict[str, tuple[Any, Callable[[], Any], Callable[[], Any]]]:
    """Each fake holding ``n`` finished imports, with its 'get one' and 'list 100' calls."""
    clock = ManualClock(T0)
    ct = FakeCloudTrail(clock=clock, durations={"INITIALIZING": INSTANT, "IN_PROGRESS": INSTANT})
    store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    ses = FakeSESv2(
        clock=clock, durations={"CREATED": INSTANT, "PROCESSING": INSTANT}, max_active_import_jobs=n
    )
    mgn = FakeMgn(clock=clock, durations={"PENDING": INSTANT, "STARTED": INSTANT})
    lex = FakeLexModelsV2(clock=clock, durations={"InProgress": INSTANT})
    ids: dict[str, str] = {}
    for i in range(n):
        ids["ct"] = ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
        ids["ses"] = ses.create_import_job(
            ImportDestination={
                "SuppressionListDestination": {"SuppressionListImportAction": "PUT"}
            },
            ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
        )["JobId"]
        ids["mgn"] = mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": f"{i}.csv"})[
            "importTask"
        ]["importID"]
        upload = lex.create_upload_url()["importId"]
        lex.start_import(importId=upload, resourceSpecification=BOT, mergeStrategy="Overwrite")
        ids["lex"] = upload
        clock.advance(seconds=1)
    return {
        "cloudtrail": (
            ct,
            lambda: ct.get_import(ImportId=ids["ct"]),
            lambda: ct.list_imports(MaxResults=100),
        ),
        "sesv2": (
            ses,
            lambda: ses.get_import_job(JobId=ids["ses"]),
            lambda: ses.list_import_jobs(PageSize=100),
        ),
        "mgn": (
            mgn,
            lambda: mgn.list_imports(filters={"importIDs": [ids["mgn"]]}, maxResults=1),
            lambda: mgn.list_imports(maxResults=100),
        ),
        "lexv2-models": (
            lex,
            lambda: lex.describe_import(importId=ids["lex"]),
            lambda: lex.list_imports(maxResults=100),
        ),
    }


def direct_calls(quick: bool) -> None:
    print("\n1. Direct calls (default fakes holding 1,000 imports)")
    for service, (_fake, get_one, list_page) in populated(1000).items():
        get_cost = median_us(get_one, 500 if quick else 3000)
        list_cost = median_us(list_page, 50 if quick else 300)
        row(f"{service}: get one import", get_cost, "us", "(goal <= 10 us)")
        row(f"{service}: one page of 100 from list", list_cost, "us", "(goal <= 100 us)")


# --- 2. attached real clients against botocore's floor and the Stubber ------------------------


def attached_clients(quick: bool) -> None:
    import boto3
    from botocore.stub import Stubber

    print("\n2. A real boto3 client: cloudtrail get_import")
    number = 300 if quick else 2000
    fake = FakeCloudTrail(clock=ManualClock(T0))
    store = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    import_id = fake.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
    answer = fake.get_import(ImportId=import_id)

    floor = boto3.client("cloudtrail", **KEYS)
    floor.meta.events.register(
        "before-call.cloudtrail.GetImport",
        lambda **kw: (_http(200), dict(answer)),
    )
    floor_cost = median_us(lambda: floor.get_import(ImportId=import_id), number)

    stubbed = boto3.client("cloudtrail", **KEYS)
    stubber = Stubber(stubbed)
    body = {k: v for k, v in answer.items() if k != "ResponseMetadata"}

    def stub_call() -> Any:
        stubber.add_response("get_import", body)
        return stubbed.get_import(ImportId=import_id)

    with stubber:
        stub_cost = median_us(stub_call, number)

    served = boto3.client("cloudtrail", **KEYS)
    attach(served, fake)

    def served_call() -> Any:
        return served.get_import(ImportId=import_id)

    served_cost = median_us(served_call, number)
    row("botocore floor (before-call returns a constant)", floor_cost, "us")
    row("botocore Stubber (canned response)", stub_cost, "us")
    row("fakeimports attach (stateful fake)", served_cost, "us")
    row("fakeimports over the floor", (served_cost / floor_cost - 1) * 100, "%", "(goal < 15 %)")


def _http(status: int) -> Any:
    from botocore.awsrequest import AWSResponse

    return AWSResponse(None, status, {}, None)


# --- 3. a whole scenario against moto's nearest operations --------------------------------


def scenario_calls(quick: bool) -> None:
    print("\n3. Scenario: start an import, poll it to completion, list all pages (10 imports)")
    import boto3

    clock = ManualClock(T0)

    def with_fakes(ct: Any) -> int:
        calls = 0
        store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
        for _ in range(10):
            import_id = ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
            calls += 2
            while ct.get_import(ImportId=import_id)["ImportStatus"] != "COMPLETED":
                clock.advance(minutes=1)
                calls += 1
        for _page in ct.get_paginator("list_imports").paginate(PaginationConfig={"PageSize": 3}):
            calls += 1
        return calls

    runs = 3 if quick else 7
    direct = [_timed(lambda: with_fakes(FakeCloudTrail(clock=clock))) for _ in range(runs)]

    def served() -> int:
        client = boto3.client("cloudtrail", **KEYS)
        attach(client, FakeCloudTrail(clock=clock))
        return with_fakes(client)

    attached = [_timed(served) for _ in range(runs)]
    calls = with_fakes(FakeCloudTrail(clock=clock))
    direct_ms = statistics.median(t for t, _ in direct) * 1e3
    attached_ms = statistics.median(t for t, _ in attached) * 1e3
    row(f"fakeimports direct ({calls} calls)", direct_ms, "ms")
    row(f"fakeimports through an attached boto3 client ({calls} calls)", attached_ms, "ms")
    try:
        from moto import mock_aws
    except ImportError:
        print("  moto is not installed: pip install -e '.[bench]' to compare")
        return
    with mock_aws():
        trail = boto3.client("cloudtrail", **KEYS)
        ses = boto3.client("sesv2", **KEYS)
        trail.list_trails()
        ses.list_contact_lists()
        number = 50 if quick else 300
        moto_trail = median_us(trail.list_trails, number)
        moto_ses = median_us(ses.list_contact_lists, number)
    row("moto: one cloudtrail.list_trails call", moto_trail, "us")
    row("moto: one sesv2.list_contact_lists call", moto_ses, "us")
    moto_ms = calls * moto_trail / 1e3
    row(f"moto: the same {calls} calls at list_trails cost (estimate)", moto_ms, "ms")
    row("moto estimate / fakeimports attached", moto_ms / attached_ms, "x")
    row("moto estimate / fakeimports direct", moto_ms / direct_ms, "x")


def _timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


# --- 4. scale -------------------------------------------------------------------------------


def scale(quick: bool) -> None:
    print("\n4. Scale: list every stored cloudtrail import, 1000 a page; memory per import")
    sizes = (10_000, 100_000)
    totals: dict[tuple[int, bool], float] = {}
    for n in sizes:
        fake = big_cloudtrail(n)
        gc.collect()

        def list_all(fake: FakeCloudTrail = fake) -> int:
            count, kwargs = 0, {"MaxResults": 1000}
            while True:
                page = fake.list_imports(**kwargs)
                count += len(page["Imports"])
                if "NextToken" not in page:
                    return count
                kwargs["NextToken"] = page["NextToken"]

        assert list_all() == n
        for paused in (False, True):
            gc.collect()
            if paused:
                gc.disable()
            runs = [_timed(list_all)[0] for _ in range(3 if quick else 5)]
            gc.enable()
            totals[n, paused] = statistics.median(runs) * 1e3
            row(f"list all {n:,} imports ({_gc_label(paused)})", totals[n, paused], "ms")
        del fake, list_all
        gc.collect()
    for paused in (False, True):
        growth = totals[100_000, paused] / totals[10_000, paused]
        row(f"growth for 10x the imports ({_gc_label(paused)})", growth, "x", "(goal <= 12x)")
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    fake = big_cloudtrail(10_000)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    row("memory per stored import", (after - before) / 10_000, "B", "(goal <= 2048 B)")
    del fake


def _gc_label(paused: bool) -> str:
    return "cyclic GC paused" if paused else "GC on, as a test run sees it"


def big_cloudtrail(n: int) -> FakeCloudTrail:
    clock = ManualClock(T0)
    fake = FakeCloudTrail(clock=clock, durations={"INITIALIZING": INSTANT, "IN_PROGRESS": INSTANT})
    store = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    for _ in range(n):
        fake.start_import(Destinations=[store], ImportSource=SOURCE)
        clock.advance(seconds=1)
    return fake


# --- 5. import and set-up -------------------------------------------------------------------

IMPORT_PROBE = """
import sys, time
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("botocore", "boto3"):
            raise ImportError(name)
sys.meta_path.insert(0, Block())
start = time.perf_counter()
import fakeimports
print(time.perf_counter() - start)
"""


def startup(quick: bool) -> None:
    print("\n5. Start-up")
    times = []
    for _ in range(5 if quick else 15):
        out = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout) * 1e3)
    row(
        "import fakeimports, botocore absent (fresh process)",
        statistics.median(times),
        "ms",
        "(goal <= 50 ms)",
    )
    clock = ManualClock(T0)
    for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2):
        row(
            f"create a {cls.__name__} (fixture set-up)",
            median_us(lambda c=cls: c(clock=clock), 200),
            "us",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", choices=["direct", "attach", "scenario", "scale", "startup"])
    args = parser.parse_args()
    print(
        f"fakeimports benchmarks — {datetime.now(timezone.utc):%Y-%m-%d}, Python "
        f"{platform.python_version()}, {platform.machine()}, {platform.processor() or '?'}; "
        f"medians"
    )
    sections = {
        "direct": direct_calls,
        "attach": attached_clients,
        "scenario": scenario_calls,
        "scale": scale,
        "startup": startup,
    }
    for name, section in sections.items():
        if args.only in (None, name):
            section(args.quick)
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()
