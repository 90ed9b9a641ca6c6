"""FakeLexModelsV2 behaviour: upload ids, imports over time, conflicts, retention, deletion,
listing rules and the bot_import_completed waiter on the fake clock."""

from __future__ import annotations

import contextlib
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError, WaiterError
from hypothesis import given
from hypothesis import strategies as st

from fakeimports import FakeLexModelsV2, ManualClock

from ..helpers import T0

ROLE = "arn:aws:iam::123456789012:role/LexImportRole"


def bot_spec(name: str = "OrderFlowers") -> dict[str, Any]:
    return {
        "botImportSpecification": {
            "botName": name,
            "roleArn": ROLE,
            "dataPrivacy": {"childDirected": False},
        }
    }


def locale_spec(bot_id: str, locale: str = "en_US") -> dict[str, Any]:
    return {
        "botLocaleImportSpecification": {"botId": bot_id, "botVersion": "DRAFT", "localeId": locale}
    }


@pytest.fixture
def lex(clock: ManualClock) -> FakeLexModelsV2:
    return FakeLexModelsV2(clock=clock, seed=9)


def start(lex: FakeLexModelsV2, spec: dict[str, Any], merge: str = "FailOnConflict") -> str:
    import_id: str = lex.create_upload_url()["importId"]
    lex.start_import(importId=import_id, resourceSpecification=spec, mergeStrategy=merge)
    return import_id


def test_upload_url(lex: FakeLexModelsV2) -> None:
    response = lex.create_upload_url()
    assert len(response["importId"]) == 10 and response["importId"].isalnum()
    assert response["uploadUrl"].startswith("https://")
    assert "X-Amz-Expires=300" in response["uploadUrl"]
    assert lex.create_upload_url()["importId"] != response["importId"]


def test_start_and_complete(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    import_id = lex.create_upload_url()["importId"]
    started = lex.start_import(
        importId=import_id, resourceSpecification=bot_spec(), mergeStrategy="FailOnConflict"
    )
    assert started["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert started["importStatus"] == "InProgress"
    assert started["creationDateTime"] == T0
    assert started["resourceSpecification"] == bot_spec()
    running = lex.describe_import(importId=import_id)
    assert "importedResourceId" not in running
    clock.advance(minutes=1)
    done = lex.describe_import(importId=import_id)
    assert done["importStatus"] == "Completed"
    assert done["importedResourceName"] == "OrderFlowers"
    assert len(done["importedResourceId"]) == 10
    assert done["lastUpdatedDateTime"] == T0 + timedelta(minutes=1)


def test_start_needs_an_upload_once(lex: FakeLexModelsV2) -> None:
    with pytest.raises(lex.exceptions.ResourceNotFoundException):
        lex.start_import(
            importId="ABCDEFGHIJ", resourceSpecification=bot_spec(), mergeStrategy="Overwrite"
        )
    import_id = start(lex, bot_spec())
    with pytest.raises(lex.exceptions.ConflictException) as err:
        lex.start_import(
            importId=import_id, resourceSpecification=bot_spec(), mergeStrategy="Overwrite"
        )
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_exactly_one_specification(lex: FakeLexModelsV2) -> None:
    import_id = lex.create_upload_url()["importId"]
    bot_id = lex.control.add_bot("Existing")
    for spec in ({}, {**bot_spec(), **locale_spec(bot_id)}):
        with pytest.raises(lex.exceptions.ValidationException, match="exactly one"):
            lex.start_import(
                importId=import_id, resourceSpecification=spec, mergeStrategy="Overwrite"
            )
    with pytest.raises(lex.exceptions.ValidationException, match="Append"):
        lex.start_import(
            importId=import_id, resourceSpecification=bot_spec(), mergeStrategy="Append"
        )
    assert lex.list_imports()["importSummaries"] == []


def test_bot_version_message_is_aws_wording(lex: FakeLexModelsV2) -> None:
    with pytest.raises(lex.exceptions.ValidationException) as err:
        lex.list_imports(botId="ABCDEFGHIJ", botVersion="12345")
    assert err.value.response["Error"]["Message"] == (
        "1 validation error detected: Value '12345' at 'botVersion' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^DRAFT$"
    )
    assert err.value.response["message"] == err.value.response["Error"]["Message"]


def test_locale_import_needs_a_known_bot(lex: FakeLexModelsV2) -> None:
    with pytest.raises(lex.exceptions.ResourceNotFoundException):
        start(lex, locale_spec("ABCDEFGHIJ"))


def test_fail_on_conflict_and_overwrite(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    first = start(lex, bot_spec())
    clock.advance(minutes=1)
    bot_id = lex.describe_import(importId=first)["importedResourceId"]
    conflict = start(lex, bot_spec(), merge="FailOnConflict")
    clock.advance(minutes=1)
    failed = lex.describe_import(importId=conflict)
    assert failed["importStatus"] == "Failed"
    assert "already exists" in failed["failureReasons"][0]
    overwrite = start(lex, bot_spec(), merge="Overwrite")
    clock.advance(minutes=1)
    assert lex.describe_import(importId=overwrite)["importedResourceId"] == bot_id
    locale = start(lex, locale_spec(bot_id), merge="FailOnConflict")
    append = start(lex, locale_spec(bot_id), merge="Append")
    again = start(lex, locale_spec(bot_id), merge="FailOnConflict")
    clock.advance(minutes=1)
    statuses = [lex.describe_import(importId=i)["importStatus"] for i in (locale, append, again)]
    assert statuses == ["Completed", "Completed", "Failed"]


def test_waiter_finishes_instantly_on_the_fake_clock(
    lex: FakeLexModelsV2, clock: ManualClock
) -> None:
    import_id = start(lex, bot_spec())
    wall = time.monotonic()
    lex.get_waiter("bot_import_completed").wait(importId=import_id)
    assert time.monotonic() - wall < 1
    assert clock.now() == T0 + timedelta(seconds=60)  # six polls, 10 s apart
    assert lex.waiter_names == [
        "bot_available",
        "bot_import_completed",
        "bot_locale_built",
        "bot_locale_created",
        "bot_locale_express_testing_available",
    ]


def test_waiter_failure_and_timeout(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    lex.control.script_next_import(status="Failed", failure_reasons=["corrupt zip"])
    failed = start(lex, bot_spec("Broken"))
    with pytest.raises(WaiterError, match="terminal failure state"):
        lex.get_waiter("bot_import_completed").wait(importId=failed)
    lex.control.script_next_import(durations={"InProgress": timedelta(hours=1)})
    slow = start(lex, bot_spec("Slow"))
    before = clock.now()
    with pytest.raises(WaiterError, match="Max attempts exceeded"):
        lex.get_waiter("bot_import_completed").wait(
            importId=slow, WaiterConfig={"Delay": 5, "MaxAttempts": 4}
        )
    assert clock.now() - before == timedelta(seconds=15)
    with pytest.raises(WaiterError, match="ResourceNotFoundException"):
        lex.get_waiter("bot_import_completed").wait(importId="ZZZZZZZZZZ")
    with pytest.raises(ValueError, match="Waiter does not exist"):
        lex.get_waiter("bot_alias_available")  # DescribeBotAlias is not served


def test_retention_follows_last_update(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    import_id = start(lex, bot_spec())
    clock.advance(minutes=1)  # completed: the last update
    clock.set(T0 + timedelta(minutes=1, days=7) - timedelta(milliseconds=1))
    assert lex.describe_import(importId=import_id)["importStatus"] == "Completed"
    clock.advance(timedelta(milliseconds=1))
    assert lex.list_imports()["importSummaries"] == []
    with pytest.raises(lex.exceptions.ResourceNotFoundException) as err:
        lex.describe_import(importId=import_id)
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    with pytest.raises(lex.exceptions.PreconditionFailedException):
        lex.delete_import(importId=import_id)


def test_retention_is_configurable(clock: ManualClock) -> None:
    lex = FakeLexModelsV2(clock=clock, retention=timedelta(hours=1))
    import_id = start(lex, bot_spec())
    clock.advance(minutes=60)  # completed at 1 min, kept until 61 min
    assert lex.describe_import(importId=import_id)
    clock.advance(minutes=1)
    assert lex.list_imports()["importSummaries"] == []


def test_retention_under_freezegun() -> None:
    freezegun = pytest.importorskip("freezegun")
    with freezegun.freeze_time("2026-05-01") as frozen:
        lex = FakeLexModelsV2()
        import_id = start(lex, bot_spec())
        frozen.tick(timedelta(days=7))
        assert lex.describe_import(importId=import_id)["importStatus"] == "Completed"
        frozen.tick(timedelta(minutes=2))
        with pytest.raises(lex.exceptions.ResourceNotFoundException):
            lex.describe_import(importId=import_id)


def test_delete(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    import_id = start(lex, bot_spec())
    with pytest.raises(lex.exceptions.PreconditionFailedException) as err:
        lex.delete_import(importId=import_id)
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    clock.advance(minutes=1)
    deleted = lex.delete_import(importId=import_id)
    assert deleted["importStatus"] == "Deleting"
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert lex.describe_import(importId=import_id)["importStatus"] == "Deleting"
    with pytest.raises(lex.exceptions.PreconditionFailedException, match="does not exist"):
        lex.delete_import(importId=import_id)
    clock.advance(seconds=5)
    assert lex.list_imports()["importSummaries"] == []
    with pytest.raises(lex.exceptions.ResourceNotFoundException):
        lex.describe_import(importId=import_id)
    with pytest.raises(lex.exceptions.PreconditionFailedException) as err:
        lex.delete_import(importId="QQQQQQQQQQ")
    assert err.value.response["Error"]["Message"] == (
        "Failed to retrieve resource since it does not exist"
    )


def test_list_rules(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    bot = start(lex, bot_spec())
    clock.advance(minutes=1)
    bot_id = lex.describe_import(importId=bot)["importedResourceId"]
    other_bot = lex.control.add_bot("Other")
    clock.advance(seconds=1)
    us = start(lex, locale_spec(bot_id, "en_US"))
    clock.advance(seconds=1)
    gb = start(lex, locale_spec(bot_id, "en_GB"))
    clock.advance(seconds=1)
    vocab = start(
        lex,
        {
            "customVocabularyImportSpecification": {
                "botId": bot_id,
                "botVersion": "DRAFT",
                "localeId": "en_GB",
            }
        },
    )
    clock.advance(seconds=1)
    other = start(lex, locale_spec(other_bot))

    def ids(**kwargs: Any) -> list[str]:
        return [s["importId"] for s in lex.list_imports(**kwargs)["importSummaries"]]

    assert ids() == [other, vocab, gb, us, bot]  # lastUpdatedDateTime, newest first
    ascending = {"attribute": "LastUpdatedDateTime", "order": "Ascending"}
    assert ids(sortBy=ascending) == [bot, us, gb, vocab, other]
    assert ids(botId=bot_id, botVersion="DRAFT") == [vocab, gb, us, bot]
    assert ids(botId=bot_id, botVersion="DRAFT", localeId="en_GB") == [vocab, gb]

    def typed(operator: str, value: str) -> list[str]:
        return ids(
            filters=[{"name": "ImportResourceType", "values": [value], "operator": operator}]
        )

    assert typed("EQ", "Bot") == [bot]
    assert typed("CO", "Bot") == [other, gb, us, bot]
    assert typed("CO", "Vocab") == [vocab]
    echoed = lex.list_imports(botId=bot_id, botVersion="DRAFT", localeId="en_US")
    assert (echoed["botId"], echoed["botVersion"], echoed["localeId"]) == (bot_id, "DRAFT", "en_US")
    assert echoed["importSummaries"][0]["importedResourceType"] == "BotLocale"
    with pytest.raises(lex.exceptions.ValidationException, match="together"):
        lex.list_imports(botId=bot_id)
    with pytest.raises(lex.exceptions.ValidationException, match="together"):
        lex.list_imports(botVersion="DRAFT")
    with pytest.raises(lex.exceptions.ValidationException, match="localeId"):
        lex.list_imports(localeId="en_US")


def test_list_pages_and_tokens(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    made = []
    for i in range(5):
        made.append(start(lex, bot_spec(f"Bot{i}")))
        clock.advance(seconds=1)
    seen, token = [], None
    while True:
        page = lex.list_imports(maxResults=2, **({"nextToken": token} if token else {}))
        seen += [s["importId"] for s in page["importSummaries"]]
        token = page.get("nextToken")
        if token is None:
            break
    assert seen == made[::-1]
    token = lex.list_imports(maxResults=2)["nextToken"]
    ascending = {"attribute": "LastUpdatedDateTime", "order": "Ascending"}
    with pytest.raises(lex.exceptions.ValidationException):
        lex.list_imports(maxResults=2, sortBy=ascending, nextToken=token)
    with pytest.raises(lex.exceptions.ValidationException):
        lex.list_imports(nextToken="nope")
    assert lex.can_paginate("list_imports") is False


@pytest.mark.parametrize(
    ("code", "status"), [("ThrottlingException", 429), ("ServiceQuotaExceededException", 402)]
)
def test_faults(lex: FakeLexModelsV2, code: str, status: int) -> None:
    lex.control.fail_next("start_import", code)
    with pytest.raises(ClientError) as err:
        start(lex, bot_spec())
    assert err.value.response["Error"]["Code"] == code
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert start(lex, bot_spec())


def test_control_set_status(lex: FakeLexModelsV2) -> None:
    import_id = start(lex, bot_spec())
    with pytest.raises(ValueError, match="legal from InProgress: Completed, Failed"):
        lex.control.set_status(import_id, "Deleting")
    lex.control.set_status(import_id, "Failed")
    assert lex.describe_import(importId=import_id)["importStatus"] == "Failed"


def test_times_are_aware_utc(lex: FakeLexModelsV2) -> None:
    import_id = start(lex, bot_spec())
    created = lex.describe_import(importId=import_id)["creationDateTime"]
    assert created.tzinfo is not None and created == datetime(2026, 1, 1, tzinfo=timezone.utc)


def _listed(lex: FakeLexModelsV2, **kwargs: Any) -> dict[str, str]:
    return {s["importId"]: s["importStatus"] for s in lex.list_imports(**kwargs)["importSummaries"]}


def _described(lex: FakeLexModelsV2, ids: list[str]) -> dict[str, str]:
    found = {}
    for import_id in ids:
        with contextlib.suppress(lex.exceptions.ResourceNotFoundException):
            found[import_id] = lex.describe_import(importId=import_id)["importStatus"]
    return found


@given(
    durations=st.lists(st.integers(0, 12 * 24 * 60), min_size=1, max_size=5),
    moves=st.lists(st.integers(0, 4 * 24 * 60), min_size=1, max_size=8),
)
def test_list_and_describe_agree_at_every_instant(durations: list[int], moves: list[int]) -> None:
    """Even an import that stays InProgress past the retention period (gone at 7 days, back
    when it completes, as describe_import says)."""
    clock = ManualClock(T0)
    lex = FakeLexModelsV2(clock=clock, seed=3)
    ids = []
    for n, minutes in enumerate(durations):
        lex.control.script_next_import(durations={"InProgress": timedelta(minutes=minutes)})
        ids.append(start(lex, bot_spec(f"Bot{n}")))
    for minutes in moves:
        clock.advance(minutes=minutes)
        assert _listed(lex) == _described(lex, ids)


def test_a_long_import_comes_back_when_it_completes(
    lex: FakeLexModelsV2, clock: ManualClock
) -> None:
    lex.control.script_next_import(durations={"InProgress": timedelta(days=8)})
    import_id = start(lex, bot_spec())
    clock.advance(days=7, minutes=1)
    assert _listed(lex) == {} == _described(lex, [import_id])
    clock.advance(days=1)
    assert _listed(lex) == {import_id: "Completed"} == _described(lex, [import_id])


@given(
    size=st.integers(1, 4),
    moves=st.lists(st.integers(0, 3), min_size=1, max_size=6),
    order=st.sampled_from(["Ascending", "Descending"]),
)
def test_a_walk_returns_every_import_once_while_the_clock_moves(
    size: int, moves: list[int], order: str
) -> None:
    """Decided: a walk pages through the order its first page saw. Every import listed then
    and still kept is returned exactly once, however statuses move between pages."""
    clock = ManualClock(T0)
    lex = FakeLexModelsV2(clock=clock, seed=5)
    made = []
    for n in range(6):
        lex.control.script_next_import(durations={"InProgress": timedelta(minutes=n + 1)})
        made.append(start(lex, bot_spec(f"Bot{n}")))
    sort = {"attribute": "LastUpdatedDateTime", "order": order}
    seen: list[str] = []
    kwargs: dict[str, Any] = {"maxResults": size, "sortBy": sort}
    steps = iter(moves)
    while True:
        page = lex.list_imports(**kwargs)
        seen += [s["importId"] for s in page["importSummaries"]]
        if "nextToken" not in page:
            break
        kwargs["nextToken"] = page["nextToken"]
        clock.advance(minutes=next(steps, 0))
    assert sorted(seen) == sorted(made)


def test_the_four_import_example_of_the_report(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    made = [start(lex, bot_spec(f"Bot{n}")) for n in range(4)]
    first = lex.list_imports(maxResults=2)
    clock.advance(minutes=5)  # all four complete: their last update moves
    second = lex.list_imports(maxResults=2, nextToken=first["nextToken"])
    ids = [s["importId"] for s in first["importSummaries"] + second["importSummaries"]]
    assert sorted(ids) == sorted(made) and "nextToken" not in second
    assert {s["importStatus"] for s in second["importSummaries"]} == {"Completed"}


def test_ids_are_upper_case_letters_and_digits(lex: FakeLexModelsV2) -> None:
    import re

    ids = [lex.create_upload_url()["importId"] for _ in range(50)]
    assert all(re.fullmatch(r"[0-9A-Z]{10}", i) for i in ids)
    assert re.fullmatch(r"[0-9A-Z]{10}", lex.control.add_bot("Console"))


def test_locales_and_filter_values_are_lexs_own(lex: FakeLexModelsV2) -> None:
    bot_id = lex.control.add_bot("B")
    with pytest.raises(lex.exceptions.ValidationException, match="xx_YY is not a locale"):
        start(lex, locale_spec(bot_id, "xx_YY"))
    with pytest.raises(lex.exceptions.ValidationException, match="xx_YY is not a locale"):
        lex.list_imports(botId=bot_id, botVersion="DRAFT", localeId="xx_YY")
    start(lex, locale_spec(bot_id, "es_419"))
    robot = [{"name": "ImportResourceType", "values": ["Robot"], "operator": "CO"}]
    with pytest.raises(lex.exceptions.ValidationException, match="Robot is not a valid"):
        lex.list_imports(filters=robot)
    partial = [{"name": "ImportResourceType", "values": ["Locale"], "operator": "EQ"}]
    with pytest.raises(lex.exceptions.ValidationException, match="Locale is not a valid"):
        lex.list_imports(filters=partial)
    partial[0]["operator"] = "CO"
    assert len(lex.list_imports(filters=partial)["importSummaries"]) == 1


def test_a_vocabulary_needs_its_locale(lex: FakeLexModelsV2, clock: ManualClock) -> None:
    bot_id = lex.control.add_bot("Helpdesk", locales=["en_US"])

    def vocabulary(locale: str) -> str:
        spec = {
            "customVocabularyImportSpecification": {
                "botId": bot_id,
                "botVersion": "DRAFT",
                "localeId": locale,
            }
        }
        return start(lex, spec, merge="Overwrite")

    missing, present = vocabulary("en_GB"), vocabulary("en_US")
    clock.advance(minutes=2)
    failed = lex.describe_import(importId=missing)
    assert failed["importStatus"] == "Failed"
    assert failed["failureReasons"] == [
        f"The bot {bot_id} has no locale en_GB: import or create the locale before its custom "
        "vocabulary."
    ]
    assert lex.describe_import(importId=present)["importStatus"] == "Completed"
    start(lex, locale_spec(bot_id, "en_GB"))  # once the locale is imported, it may have one
    clock.advance(minutes=2)
    assert lex.describe_import(importId=vocabulary("en_GB"))["importStatus"] == "InProgress"
    clock.advance(minutes=2)
    assert lex.list_imports(maxResults=1)["importSummaries"][0]["importStatus"] == "Completed"
    with pytest.raises(ValueError, match="xx_YY"):
        lex.control.add_bot("Other", locales=["xx_YY"])
