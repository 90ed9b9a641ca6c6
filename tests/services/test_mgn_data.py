"""MGN import tasks that read their template: the row rules, the inventory, the read operations."""

from __future__ import annotations

from typing import Any

import pytest

from fakeimports import FakeMgn, ManualClock, ObjectStore, mock_imports

from ..helpers import MOTO_ORDERS, with_moto

HEADER = (
    "mgn:wave:name,mgn:wave:description,mgn:app:name,mgn:app:description,mgn:app:tag:owner,"
    "mgn:server:user-provided-id,mgn:server:fqdn-for-action-framework,mgn:server:tag:Name,"
    "mgn:server:id"
)
TEMPLATE = (
    f"{HEADER}\n"
    "Wave 1,First wave,Billing,Invoices,finance,web-1,web-1.corp,web,\n"
    "wave 1,,billing,,,db-1,db-1.corp,db,\n"  # the same wave and application, any case
    "Wave 1,Another description,,,,,,,\n"  # conflicts with row 1
    ",,,,,,,,s-00000000000000000\n"  # an id that does not exist
    "Wave 2,,Reports,,,,,,\n"
)
SOURCE = {"s3Bucket": "migration", "s3Key": "inventory.csv"}
URL = "s3://migration/inventory.csv"


@pytest.fixture
def mgn(clock: ManualClock) -> FakeMgn:
    return FakeMgn(clock=clock, seed=5)


def _run(mgn: FakeMgn, clock: ManualClock, body: str, key: str = "inventory.csv") -> dict[str, Any]:
    """Put ``body`` in the store, import it, let the task run its course: the task."""
    mgn.objects.put(f"s3://migration/{key}", body)
    task = mgn.start_import(s3BucketSource={"s3Bucket": "migration", "s3Key": key})["importTask"]
    clock.advance(hours=1)
    return _task(mgn, task["importID"])


def _task(mgn: Any, import_id: str) -> dict[str, Any]:
    task: dict[str, Any] = mgn.list_imports(filters={"importIDs": [import_id]})["items"][0]
    return task


def _errors(mgn: Any, import_id: str) -> dict[int, dict[str, Any]]:
    items = mgn.list_import_errors(importID=import_id)["items"]
    return {e["errorData"]["rowNumber"]: e for e in items}


def _inventory(mgn: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Servers by user-provided id, applications and waves by name."""
    servers = {s["userProvidedID"]: s for s in mgn.describe_source_servers()["items"]}
    apps = {a["name"]: a for a in mgn.list_applications()["items"]}
    waves = {w["name"]: w for w in mgn.list_waves()["items"]}
    return servers, apps, waves


def _check_first_import(mgn: Any, import_id: str) -> None:
    """What TEMPLATE leaves, however it was imported."""
    task = _task(mgn, import_id)
    assert task["status"] == "SUCCEEDED" and task["progressPercentage"] == 100.0
    assert task["summary"] == {
        "waves": {"createdCount": 2, "modifiedCount": 0},
        "applications": {"createdCount": 2, "modifiedCount": 0},
        "servers": {"createdCount": 2, "modifiedCount": 0},
    }
    errors = _errors(mgn, import_id)
    assert set(errors) == {3, 4}
    assert "conflicts with row 1" in errors[3]["errorData"]["rawError"]
    assert errors[4]["errorData"]["sourceServerID"] == "s-00000000000000000"
    assert all(e["errorType"] == "VALIDATION_ERROR" for e in errors.values())
    servers, apps, waves = _inventory(mgn)
    assert set(servers) == {"web-1", "db-1"} and set(apps) == {"Billing", "Reports"}
    billing, wave = apps["Billing"], waves["Wave 1"]
    assert servers["web-1"]["applicationID"] == billing["applicationID"]
    assert servers["db-1"]["applicationID"] == billing["applicationID"]
    assert servers["web-1"]["tags"] == {"Name": "web"}
    assert servers["web-1"]["fqdnForActionFramework"] == "web-1.corp"
    assert servers["web-1"]["lifeCycle"]["state"] == "PENDING_INSTALLATION"
    assert (
        billing["waveID"] == wave["waveID"]
        and apps["Reports"]["waveID"] == waves["Wave 2"]["waveID"]
    )
    assert billing["description"] == "Invoices" and billing["tags"] == {"owner": "finance"}
    assert billing["applicationAggregatedStatus"]["totalSourceServers"] == 2
    assert wave["description"] == "First wave"
    assert wave["waveAggregatedStatus"]["totalApplications"] == 1
    assert servers["web-1"]["arn"].endswith(f":source-server/{servers['web-1']['sourceServerID']}")
    assert billing["arn"].endswith(f":application/{billing['applicationID']}")


CHANGED = (
    f"{HEADER}\n"
    "Wave 1,First wave,Billing,Invoices v2,finance,web-1,web-1.corp,web,\n"  # app modified
    "Wave 1,,Billing,,,db-1,db-1.corp,db,\n"  # unchanged: not counted
    "Wave 3,,Archive,,,files-1,,,\n"  # new wave, application and server
)


def _check_second_import(mgn: Any, import_id: str) -> None:
    task = _task(mgn, import_id)
    assert task["summary"] == {
        "waves": {"createdCount": 1, "modifiedCount": 0},
        "applications": {"createdCount": 1, "modifiedCount": 1},
        "servers": {"createdCount": 1, "modifiedCount": 0},
    }
    _, apps, _ = _inventory(mgn)
    assert apps["Billing"]["description"] == "Invoices v2"
    assert apps["Billing"]["lastModifiedDateTime"] > apps["Billing"]["creationDateTime"]


# --- the scenario, three ways ---------------------------------------------------------


@pytest.mark.parametrize("order", MOTO_ORDERS)
def test_application_code_uploads_to_moto_s3_and_imports_through_a_real_client(order: str) -> None:
    import boto3

    def check(fakes: Any) -> None:
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="migration")
        s3.put_object(Bucket="migration", Key="inventory.csv", Body=TEMPLATE.encode())
        mgn = boto3.client("mgn", region_name="us-east-1")
        first = mgn.start_import(s3BucketSource=SOURCE)["importTask"]["importID"]
        fakes.clock.advance(hours=1)
        _check_first_import(mgn, first)
        s3.put_object(Bucket="migration", Key="inventory.csv", Body=CHANGED.encode())
        second = mgn.start_import(s3BucketSource=SOURCE)["importTask"]["importID"]
        fakes.clock.advance(hours=1)
        _check_second_import(mgn, second)

    with_moto(order, check)


def test_the_same_through_a_blocks_store_and_a_served_client(clock: ManualClock) -> None:
    import boto3

    with mock_imports(clock=clock) as fakes:
        fakes.objects.put(URL, TEMPLATE)
        mgn = boto3.client("mgn", region_name="us-east-1")
        first = mgn.start_import(s3BucketSource=SOURCE)["importTask"]["importID"]
        clock.advance(hours=1)
        _check_first_import(mgn, first)
        fakes.objects.put(URL, CHANGED)
        second = mgn.start_import(s3BucketSource=SOURCE)["importTask"]["importID"]
        clock.advance(hours=1)
        _check_second_import(mgn, second)


def test_the_same_directly_on_a_fake(mgn: FakeMgn, clock: ManualClock) -> None:
    _check_first_import(mgn, _run(mgn, clock, TEMPLATE)["importID"])
    _check_second_import(mgn, _run(mgn, clock, CHANGED)["importID"])


# --- time ----------------------------------------------------------------------------------


def test_rows_take_effect_as_the_clock_passes_them(mgn: FakeMgn, clock: ManualClock) -> None:
    rows = "".join(f"server-{i},\n" for i in range(1, 5))
    mgn.objects.put(URL, f"mgn:server:user-provided-id,mgn:server:platform\n{rows}")
    task = mgn.start_import(s3BucketSource=SOURCE)["importTask"]
    assert task["status"] == "PENDING" and task["summary"]["servers"]["createdCount"] == 0
    clock.advance(minutes=1 + 9 / 2)  # STARTED, half-way: rows 1 and 2
    running = _task(mgn, task["importID"])
    assert running["status"] == "STARTED" and running["progressPercentage"] == 50.0
    assert running["summary"]["servers"]["createdCount"] == 2
    assert len(mgn.describe_source_servers()["items"]) == 2
    clock.advance(minutes=5)
    assert _task(mgn, task["importID"])["summary"]["servers"]["createdCount"] == 4


# --- the rules -----------------------------------------------------------------------------


def _one_row(mgn: FakeMgn, clock: ManualClock, header: str, *rows: str) -> dict[int, str]:
    """Import rows under ``header``: ``{rowNumber: rawError}`` of the rejected ones."""
    task = _run(mgn, clock, "\n".join([header, *rows]) + "\n")
    return {n: e["errorData"]["rawError"] for n, e in _errors(mgn, task["importID"]).items()}


def test_a_property_needs_its_resources_identifier_in_the_row(
    mgn: FakeMgn, clock: ManualClock
) -> None:
    errors = _one_row(
        mgn, clock, "mgn:app:description,mgn:wave:name,mgn:server:tag:Name", "Orphan,W,", ",W,x"
    )
    assert set(errors) == {1, 2}
    assert "no mgn:app:id or mgn:app:name" in errors[1]
    assert "no mgn:server:id or mgn:server:user-provided-id" in errors[2]
    assert mgn.list_waves()["items"] == []  # a rejected row changes nothing


def test_an_id_must_exist_and_one_given_renames(mgn: FakeMgn, clock: ManualClock) -> None:
    app = mgn.control.add_application("Old name")
    other = mgn.control.add_application("Taken")
    errors = _one_row(
        mgn,
        clock,
        "mgn:app:id,mgn:app:name",
        f"{app},New name",
        "app-00000000000000000,X",
        f"{other},new NAME",  # another application's name, in any case
        "app-bad,Y",
    )
    assert errors[2] == "Application app-00000000000000000 was not found."
    assert "already exists" in errors[3] and "not a valid application ID" in errors[4]
    names = {a["applicationID"]: a["name"] for a in mgn.list_applications()["items"]}
    assert names == {app: "New name", other: "Taken"}


def test_names_match_case_insensitively_and_user_provided_ids_exactly(
    mgn: FakeMgn, clock: ManualClock
) -> None:
    mgn.control.add_application("Billing")
    mgn.control.add_source_server("web-1")
    _one_row(mgn, clock, "mgn:app:name,mgn:server:user-provided-id", "BILLING,WEB-1")
    servers, apps, _ = _inventory(mgn)
    assert set(apps) == {"Billing"} and set(servers) == {"web-1", "WEB-1"}


def test_a_servers_user_provided_id_cannot_change(mgn: FakeMgn, clock: ManualClock) -> None:
    server = mgn.control.add_source_server("web-1")
    errors = _one_row(mgn, clock, "mgn:server:id,mgn:server:user-provided-id", f"{server},web-2")
    assert "can't be modified" in errors[1]


def test_rows_about_one_resource_may_leave_values_blank_but_not_differ(
    mgn: FakeMgn, clock: ManualClock
) -> None:
    errors = _one_row(
        mgn,
        clock,
        "mgn:wave:name,mgn:wave:description,mgn:app:name",
        "W,Desc,A",
        "W,,A",  # blank: fine
        "W,Desc,A",  # the same: fine
        "W,Other,",  # conflicts with row 1
        "X,,A",  # ties A to another wave: conflicts with row 1
    )
    assert set(errors) == {4, 5}
    assert errors[4].startswith("Row 4 conflicts with row 1 about wave")
    assert "its association differs" in errors[5]


def test_only_changed_resources_count_as_modified(mgn: FakeMgn, clock: ManualClock) -> None:
    mgn.control.add_wave("W", description="same")
    mgn.control.add_wave("V", description="old")
    task = _run(mgn, clock, "mgn:wave:name,mgn:wave:description\nW,same\nV,new\nV,new\n")
    assert task["summary"]["waves"] == {"createdCount": 0, "modifiedCount": 1}


def test_model_constraints_apply_per_row(mgn: FakeMgn, clock: ManualClock) -> None:
    tags = ",".join(f"mgn:wave:tag:k{i}" for i in range(51))
    errors = _one_row(
        mgn,
        clock,
        f"mgn:wave:name,mgn:wave:description,{tags}",
        " leading space,," + "," * 50,
        "W," + "d" * 601 + "," * 51,
        "W,," + ",".join("v" for _ in range(51)),
        "Fine,," + "," * 50,
    )
    assert set(errors) == {1, 2, 3}
    assert "1 to 256 characters" in errors[1] and "at most 600" in errors[2]
    assert "at most 50 tags" in errors[3]
    assert [w["name"] for w in mgn.list_waves()["items"]] == ["Fine"]


def test_reset_value_clears_and_delete_tag_removes(mgn: FakeMgn, clock: ManualClock) -> None:
    mgn.control.add_wave("W", description="gone soon", tags={"a": "1", "b": "2"})
    errors = _one_row(
        mgn,
        clock,
        "mgn:wave:name,mgn:wave:description,mgn:wave:tag:a",
        "W,[RESET_VALUE],[DELETE_TAG]",
        "[RESET_VALUE],,",
    )
    wave = mgn.list_waves()["items"][0]
    assert "description" not in wave and wave["tags"] == {"b": "2"}
    assert "can't be reset" in errors[2]


def test_rows_for_another_account_or_region_are_rejected(mgn: FakeMgn, clock: ManualClock) -> None:
    errors = _one_row(
        mgn,
        clock,
        "mgn:account-id,mgn:region,mgn:wave:name",
        "123456789012,us-east-1,Ours",
        ",,Also ours",
        "210987654321,,Theirs",
        ",eu-west-1,Elsewhere",
    )
    assert set(errors) == {3, 4}
    assert "not managed by the calling account" in errors[3]
    assert "not the Region" in errors[4]
    assert (
        _errors(mgn, mgn.list_imports()["items"][-1]["importID"])[3]["errorData"]["accountID"]
        == "210987654321"
    )


def test_a_row_with_another_number_of_columns_is_rejected(mgn: FakeMgn, clock: ManualClock) -> None:
    errors = _one_row(mgn, clock, "mgn:wave:name,mgn:wave:description", "W", "V,d")
    assert errors == {1: "Expected 2 columns but found 1."}


def test_ignored_columns_and_launch_settings(mgn: FakeMgn, clock: ManualClock) -> None:
    header = (
        "Notes,mgn:server:user-provided-id,mgn:server:lifecycle-state,mgn:wave:color,"
        "mgn:launch:instance-type,mgn:launch:volume:/dev/sda:type"
    )
    errors = _one_row(mgn, clock, header, "hello,web-1,READY_FOR_TEST,blue,m5.large,gp3")
    assert errors == {}
    (server,) = mgn.describe_source_servers()["items"]
    assert server["lifeCycle"]["state"] == "PENDING_INSTALLATION"  # not set by the file


def test_an_application_holds_at_most_200_servers(mgn: FakeMgn, clock: ManualClock) -> None:
    app = mgn.control.add_application("Big")
    for i in range(200):
        mgn.control.add_source_server(f"s{i}", application_id=app)
    with pytest.raises(ValueError, match="already has 200 source servers"):
        mgn.control.add_source_server("one-too-many", application_id=app)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("", "The import file is empty."),
        ("name,ip\nweb,10.0.0.1\n", "no mgn: parameter columns"),
        ('mgn:wave:name\n"unterminated\n', "Malformed CSV"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_template_that_cannot_be_read_fails_the_task(
    mgn: FakeMgn, clock: ManualClock, body: str | bytes, why: str
) -> None:
    mgn.objects.put(URL, body)
    task = mgn.start_import(s3BucketSource=SOURCE)["importTask"]
    clock.advance(hours=1)
    assert _task(mgn, task["importID"])["status"] == "FAILED"
    (error,) = mgn.list_import_errors(importID=task["importID"])["items"]
    assert error["errorType"] == "PROCESSING_ERROR"
    assert error["errorData"]["rowNumber"] == 0 and why in error["errorData"]["rawError"]


# --- sources -------------------------------------------------------------------------------


def test_a_missing_template_is_data_optional_unless_sources_are_required(
    clock: ManualClock,
) -> None:
    relaxed, strict = FakeMgn(clock=clock), FakeMgn(clock=clock, require_sources=True)
    task = relaxed.start_import(s3BucketSource=SOURCE)["importTask"]
    clock.advance(hours=1)
    assert _task(relaxed, task["importID"])["summary"]["servers"]["createdCount"] == 2  # default
    with pytest.raises(strict.exceptions.ResourceNotFoundException) as caught:
        strict.start_import(s3BucketSource=SOURCE)
    assert caught.value.response["resourceId"] == URL
    assert strict.list_imports()["items"] == []


def test_require_sources_for_a_whole_block() -> None:
    with mock_imports(require_sources=True) as fakes:
        assert fakes.mgn().require_sources and fakes.sesv2().require_sources
        with pytest.raises(fakes.mgn().exceptions.ResourceNotFoundException):
            fakes.mgn().start_import(s3BucketSource=SOURCE)


@pytest.mark.fakeimports(require_sources=True)
def test_require_sources_from_the_marker(fake_mgn: FakeMgn) -> None:
    with pytest.raises(fake_mgn.exceptions.ResourceNotFoundException):
        fake_mgn.start_import(s3BucketSource=SOURCE)


def test_a_script_wins_over_the_template(mgn: FakeMgn, clock: ManualClock) -> None:
    mgn.objects.put(URL, TEMPLATE)
    mgn.control.script_next_import(summary={"servers": {"createdCount": 9}})
    task = mgn.start_import(s3BucketSource=SOURCE)["importTask"]
    clock.advance(hours=1)
    assert _task(mgn, task["importID"])["summary"]["servers"]["createdCount"] == 9
    assert mgn.describe_source_servers()["items"] == []


def test_the_bucket_owner_names_the_account_whose_moto_s3_is_read() -> None:
    moto = pytest.importorskip("moto")
    import boto3

    with moto.mock_aws(), mock_imports() as fakes:
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="migration")
        boto3.client("s3", region_name="us-east-1").put_object(
            Bucket="migration", Key="inventory.csv", Body=b"mgn:wave:name\nW\n"
        )
        task = fakes.mgn().start_import(s3BucketSource={**SOURCE, "s3BucketOwner": "123456789012"})[
            "importTask"
        ]
        fakes.clock.advance(hours=1)
        assert _task(fakes.mgn(), task["importID"])["summary"]["waves"]["createdCount"] == 1


# --- the read operations ---------------------------------------------------------------------


def test_filters_and_pages_of_the_read_operations(mgn: FakeMgn, clock: ManualClock) -> None:
    _run(mgn, clock, TEMPLATE)
    servers, apps, waves = _inventory(mgn)
    billing, reports = apps["Billing"]["applicationID"], apps["Reports"]["applicationID"]
    web = servers["web-1"]["sourceServerID"]

    def ids(items: list[dict[str, Any]], member: str) -> list[str]:
        return [item[member] for item in items]

    by_app = mgn.describe_source_servers(filters={"applicationIDs": [billing]})["items"]
    assert len(by_app) == 2
    assert mgn.describe_source_servers(filters={"applicationIDs": [reports]})["items"] == []
    assert ids(
        mgn.describe_source_servers(filters={"sourceServerIDs": [web]})["items"], "sourceServerID"
    ) == [web]
    assert mgn.describe_source_servers(filters={"isArchived": True})["items"] == []
    assert mgn.describe_source_servers(filters={"lifeCycleStates": ["CUTOVER"]})["items"] == []
    assert len(mgn.describe_source_servers(filters={"applicationIDs": []})["items"]) == 2
    assert mgn.describe_source_servers(accountID="210987654321")["items"] == []
    wave_2 = waves["Wave 2"]["waveID"]
    assert ids(mgn.list_applications(filters={"waveIDs": [wave_2]})["items"], "name") == ["Reports"]
    assert ids(mgn.list_waves(filters={"waveIDs": [wave_2]})["items"], "name") == ["Wave 2"]
    first = mgn.list_waves(maxResults=1)
    rest = mgn.list_waves(maxResults=1, nextToken=first["nextToken"])
    assert ids(first["items"] + rest["items"], "name") == ["Wave 1", "Wave 2"]
    assert "nextToken" not in rest
    with pytest.raises(mgn.exceptions.ValidationException):
        mgn.list_applications(maxResults=1, nextToken=first["nextToken"])  # another operation's


def test_the_read_operations_need_an_initialized_account(clock: ManualClock) -> None:
    mgn = FakeMgn(clock=clock, initialized=False)
    for call in (mgn.describe_source_servers, mgn.list_applications, mgn.list_waves):
        with pytest.raises(mgn.exceptions.UninitializedAccountException):
            call()


def test_control_adds_inventory_by_the_same_rules(mgn: FakeMgn) -> None:
    wave = mgn.control.add_wave("W", description="d", tags={"t": "1"})
    app = mgn.control.add_application("A", wave_id=wave)
    server = mgn.control.add_source_server("s", application_id=app, fqdn_for_action_framework="s.c")
    assert mgn.control.add_application("a") == app  # matched by name, any case
    servers, apps, waves = _inventory(mgn)
    assert servers["s"]["applicationID"] == app and servers["s"]["sourceServerID"] == server
    assert apps["A"]["waveID"] == wave and waves["W"]["tags"] == {"t": "1"}
    with pytest.raises(ValueError, match="1 to 256 characters"):
        mgn.control.add_wave(" bad")
    with pytest.raises(ValueError, match="was not found"):
        mgn.control.add_source_server("t", application_id="app-00000000000000000")


def test_a_store_shared_by_fakes(clock: ManualClock) -> None:
    store = ObjectStore()
    store.put(URL, "mgn:wave:name\nW\n")
    mgn = FakeMgn(clock=clock, objects=store)
    task = _run_without_put(mgn, clock)
    assert task["summary"]["waves"]["createdCount"] == 1


def _run_without_put(mgn: FakeMgn, clock: ManualClock) -> dict[str, Any]:
    task = mgn.start_import(s3BucketSource=SOURCE)["importTask"]
    clock.advance(hours=1)
    return _task(mgn, task["importID"])


@pytest.mark.parametrize(
    ("header", "row", "why"),
    [
        ("mgn:wave:name,mgn:wave:description", "W,[DELETE_TAG]", "applies to tag columns"),
        ("mgn:wave:name,mgn:wave:description", "W,a\x00b", "at most 600 characters"),
        (f"mgn:wave:name,mgn:wave:tag:{'k' * 257}", "W,v", "at most 256 characters"),
        (
            "mgn:server:user-provided-id,mgn:server:fqdn-for-action-framework",
            "s," + "f" * 257,
            "at most 256 characters",
        ),
    ],
)
def test_values_outside_the_model_reject_the_row(
    mgn: FakeMgn, clock: ManualClock, header: str, row: str, why: str
) -> None:
    errors = _one_row(mgn, clock, header, row)
    assert why in errors[1]


def test_a_later_import_moves_a_server_to_another_application(
    mgn: FakeMgn, clock: ManualClock
) -> None:
    first = mgn.control.add_application("First")
    second = mgn.control.add_application("Second")
    mgn.control.add_source_server("web-1", application_id=first)
    task = _run(mgn, clock, "mgn:app:name,mgn:server:user-provided-id,mgn:server:platform\n"
                "Second,web-1,[RESET_VALUE]\n")  # fmt: skip
    assert task["summary"]["servers"] == {"createdCount": 0, "modifiedCount": 1}
    servers, apps, _ = _inventory(mgn)
    assert servers["web-1"]["applicationID"] == second
    totals = {a["applicationID"]: a["applicationAggregatedStatus"]["totalSourceServers"]
              for a in apps.values()}  # fmt: skip
    assert totals == {first: 0, second: 1}
