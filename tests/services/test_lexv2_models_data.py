"""Lex V2 imports that read the uploaded archive, the upload itself, and the bots they make."""

from __future__ import annotations

import json
import socket
from datetime import datetime, timezone
from typing import Any

import pytest

from fakeimports import FakeLexModelsV2, ManualClock, mock_imports

from ..helpers import bot_archive, encrypted_zip

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
ROLE = "arn:aws:iam::123456789012:role/LexImportRole"
BOT = {"botName": "OrderFlowers", "roleArn": ROLE, "dataPrivacy": {"childDirected": False}}


@pytest.fixture
def lex() -> FakeLexModelsV2:
    return FakeLexModelsV2(clock=ManualClock(T0), seed=2)


def _import(
    lex: Any,
    archive: bytes | None,
    spec: dict[str, Any] | None = None,
    merge: str = "FailOnConflict",
    **extra: Any,
) -> dict[str, Any]:
    """Upload (directly) and import ``archive`` and let the import run: ``describe_import``."""
    import_id = lex.create_upload_url()["importId"]
    if archive is not None:
        lex.control.upload(import_id, archive)
    lex.start_import(
        importId=import_id,
        resourceSpecification=spec or {"botImportSpecification": BOT},
        mergeStrategy=merge,
        **extra,
    )
    lex.clock.advance(hours=1)
    result: dict[str, Any] = lex.describe_import(importId=import_id)
    return result


def _reasons(lex: Any, archive: bytes, **kwargs: Any) -> list[str]:
    done = _import(lex, archive, **kwargs)
    assert done["importStatus"] == "Failed"
    return list(done["failureReasons"])


# --- the scenario ----------------------------------------------------------------------


def test_the_whole_flow_through_real_clients_and_requests() -> None:
    import boto3
    import requests

    archive = bot_archive("OrderFlowers", {"en_US": 3, "fr_FR": 1})  # application code
    with mock_imports(clock=ManualClock(T0)) as fakes:
        lex = boto3.client("lexv2-models", region_name="us-east-1")
        upload = lex.create_upload_url()
        put = requests.put(upload["uploadUrl"], data=archive, timeout=5)
        assert put.status_code == 200
        started = lex.start_import(
            importId=upload["importId"],
            resourceSpecification={"botImportSpecification": BOT},
            mergeStrategy="FailOnConflict",
        )
        assert started["importStatus"] == "InProgress"
        lex.get_waiter("bot_import_completed").wait(importId=upload["importId"])
        done = lex.describe_import(importId=upload["importId"])
        assert done["importStatus"] == "Completed"
        bot = lex.describe_bot(botId=done["importedResourceId"])
        assert (bot["botName"], bot["botStatus"]) == ("OrderFlowers", "Available")
        assert bot["description"] == "The OrderFlowers bot"
        assert bot["idleSessionTTLInSeconds"] == 600  # from Bot.json: the request gave none
        locales = lex.list_bot_locales(botId=bot["botId"], botVersion="DRAFT")
        assert [(x["localeId"], x["botLocaleStatus"]) for x in locales["botLocaleSummaries"]] == [
            ("en_US", "NotBuilt"),
            ("fr_FR", "NotBuilt"),
        ]
        en = lex.describe_bot_locale(botId=bot["botId"], botVersion="DRAFT", localeId="en_US")
        assert (en["intentsCount"], en["slotTypesCount"]) == (3, 1)
        assert en["voiceSettings"] == {"voiceId": "Joanna", "engine": "neural"}

        broken = lex.create_upload_url()
        requests.put(broken["uploadUrl"], data=b"not a zip", timeout=5)
        lex.start_import(
            importId=broken["importId"],
            resourceSpecification={"botImportSpecification": {**BOT, "botName": "Broken"}},
            mergeStrategy="FailOnConflict",
        )
        with pytest.raises(Exception, match="Waiter BotImportCompleted failed"):
            lex.get_waiter("bot_import_completed").wait(importId=broken["importId"])
        failed = lex.describe_import(importId=broken["importId"])
        assert failed["failureReasons"] == ["The import file is not a valid .zip archive."]

        late = lex.create_upload_url()
        fakes.clock.advance(minutes=5)
        refused = requests.put(late["uploadUrl"], data=archive, timeout=5)
        assert refused.status_code == 403 and "Request has expired" in refused.text


def test_the_same_directly_through_control(lex: FakeLexModelsV2) -> None:
    done = _import(lex, bot_archive("OrderFlowers", {"en_US": 3, "fr_FR": 1}))
    assert done["importStatus"] == "Completed"
    bot_id = done["importedResourceId"]
    assert lex.describe_bot(botId=bot_id)["botStatus"] == "Available"
    locale = lex.describe_bot_locale(botId=bot_id, botVersion="DRAFT", localeId="fr_FR")
    assert (locale["localeName"], locale["intentsCount"]) == ("French (France)", 1)
    late = lex.create_upload_url()["importId"]
    lex.clock.advance(minutes=5)
    with pytest.raises(ValueError, match="403 AccessDenied: Request has expired"):
        lex.control.upload(late, b"")
    with pytest.raises(ValueError, match="SignatureDoesNotMatch"):
        lex.control.upload("NEVERISSUE", b"")


# --- the upload -------------------------------------------------------------------------------


def test_only_puts_to_a_fakes_upload_url_are_received() -> None:
    import requests

    with mock_imports(clock=ManualClock(T0)) as fakes:
        url = fakes.lexv2_models().create_upload_url()["uploadUrl"]
        other_account = url.replace("/123456789012/", "/210987654321/")
        for target in (other_account, "https://example.com/upload"):
            with pytest.raises(requests.ConnectionError):  # went on to the (refused) network
                requests.put(target, data=b"zip", timeout=5)
    with pytest.raises(requests.ConnectionError):  # no block open: nothing is received
        requests.put(url, data=b"zip", timeout=5)


def test_the_upload_takes_files_and_generators(lex: FakeLexModelsV2) -> None:
    import io

    import requests

    archive = bot_archive()
    with mock_imports(clock=ManualClock(T0)) as fakes:
        lex = fakes.lexv2_models()
        for body in (io.BytesIO(archive), iter([archive[:10], archive[10:]])):
            upload = lex.create_upload_url()
            assert requests.put(upload["uploadUrl"], data=body, timeout=5).status_code == 200
            assert lex._archives[upload["importId"]] == archive


@pytest.fixture(autouse=True)
def _sockets_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("the network is not for tests")

    monkeypatch.setattr(socket.socket, "connect", refused)


# --- the archive rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "manifest",
    [
        {"metadata": {"schemaVersion": "1.0", "fileFormat": "LexJson", "resourceType": "Bot"}},
        {"metaData": {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": "BOT"}},
    ],
)
def test_both_manifest_spellings(lex: FakeLexModelsV2, manifest: dict[str, Any]) -> None:
    assert _import(lex, bot_archive(manifest=manifest))["importStatus"] == "Completed"


def test_a_manifest_named_with_a_capital(lex: FakeLexModelsV2) -> None:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(bot_archive()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as copy:
        for name in source.namelist():
            copy.writestr("Manifest.json" if name == "manifest.json" else name, source.read(name))
    assert _import(lex, buf.getvalue())["importStatus"] == "Completed"


def test_what_makes_an_archive_fail(lex: FakeLexModelsV2) -> None:
    wrong_type = {"metadata": {"fileFormat": "LexJson", "resourceType": "BotLocale"}}
    reasons = _reasons(lex, bot_archive(manifest=wrong_type))
    assert reasons == [
        "manifest.json: the resourceType BotLocale does not match the import's resource "
        "specification (Bot)."
    ]
    reasons = _reasons(
        lex,
        bot_archive(
            locales={"xx_YY": 1},
            extra={"OrderFlowers/BotLocales/en_US/Intents/A/Intent.json": "{not json"},
        ),
    )
    assert any("xx_YY is not supported" in r for r in reasons)
    assert any(
        r.startswith("OrderFlowers/BotLocales/en_US/Intents/A/Intent.json: the file is not valid")
        for r in reasons
    )
    no_manifest = encrypted_zip({"OrderFlowers/Bot.json": b"{}"}, b"x")
    assert _reasons(lex, no_manifest) == ["manifest.json is missing from the root of the archive."]
    assert _reasons(lex, bot_archive(manifest={"other": 1})) == [
        "manifest.json: the manifest holds no metadata object."
    ]


def test_a_password_protected_archive(lex: FakeLexModelsV2) -> None:
    meta = {"metadata": {"fileFormat": "LexJson", "resourceType": "Bot"}}
    files = {
        "manifest.json": json.dumps(meta).encode(),
        "OrderFlowers/Bot.json": json.dumps({"description": "secret bot"}).encode(),
    }
    archive = encrypted_zip(files, b"s3cret")
    assert "password protected" in _reasons(lex, archive)[0]  # no filePassword
    assert "password protected" in _reasons(lex, archive, filePassword="wrong")[0]
    spec = {"botImportSpecification": {**BOT, "botName": "Secret"}}
    done = _import(lex, archive, spec=spec, filePassword="s3cret")
    assert done["importStatus"] == "Completed"
    assert lex.describe_bot(botId=done["importedResourceId"])["description"] == "secret bot"


def test_merge_strategies_act_on_the_archive(lex: FakeLexModelsV2) -> None:
    first = _import(lex, bot_archive(locales={"en_US": 2, "fr_FR": 1}))
    bot_id = first["importedResourceId"]
    conflict = _import(lex, bot_archive(locales={"en_GB": 1}))
    assert (
        conflict["importStatus"] == "Failed" and "FailOnConflict" in conflict["failureReasons"][0]
    )
    _import(lex, bot_archive(locales={"en_GB": 4}), merge="Overwrite")
    listed = lex.list_bot_locales(botId=bot_id, botVersion="DRAFT")["botLocaleSummaries"]
    assert [x["localeId"] for x in listed] == ["en_GB"]  # the archive's locales replace them

    locale = {"botId": bot_id, "botVersion": "DRAFT", "localeId": "en_GB"}
    more = bot_archive(locales={"de_DE": 3}, resource_type="BotLocale")  # imported as en_GB
    _import(lex, more, spec={"botLocaleImportSpecification": locale}, merge="Append")
    described = lex.describe_bot_locale(**locale)
    assert described["intentsCount"] == 4  # Intent0..Intent3: the same names merge
    _import(lex, more, spec={"botLocaleImportSpecification": locale}, merge="Overwrite")
    assert lex.describe_bot_locale(**locale)["intentsCount"] == 3


def test_a_custom_vocabulary_archive(lex: FakeLexModelsV2) -> None:
    bot_id = _import(lex, bot_archive(locales={"en_GB": 1}))["importedResourceId"]
    spec = {
        "customVocabularyImportSpecification": {
            "botId": bot_id,
            "botVersion": "DRAFT",
            "localeId": "en_GB",
        }
    }
    good = bot_archive(
        locales={"en_GB": 0},
        vocabulary={"en_GB": [{"phrase": "Alexa", "weight": 3}, {"phrase": "Lex"}]},
        resource_type="CustomVocabulary",
    )
    assert _import(lex, good, spec=spec, merge="Overwrite")["importStatus"] == "Completed"
    bad = bot_archive(
        locales={"en_GB": 0},
        vocabulary={"en_GB": [{"phrase": "x" * 101}]},
        resource_type="CustomVocabulary",
    )
    (reason,) = _reasons(lex, bad, spec=spec, merge="Overwrite")
    assert "item 1 needs a phrase of 1 to 100 characters" in reason
    none = bot_archive(locales={"en_GB": 0}, resource_type="CustomVocabulary")
    assert _reasons(lex, none, spec=spec, merge="Overwrite") == [
        "The archive holds no CustomVocabulary/CustomVocabulary.json."
    ]


def test_no_upload_is_data_optional_unless_sources_are_required() -> None:
    relaxed = FakeLexModelsV2(clock=ManualClock(T0))
    assert _import(relaxed, None)["importStatus"] == "Completed"
    strict = FakeLexModelsV2(clock=ManualClock(T0), require_sources=True)
    done = _import(strict, None)
    assert done["importStatus"] == "Failed" and "No .zip archive" in done["failureReasons"][0]
    test_set = {
        "testSetImportResourceSpecification": {
            "testSetName": "Regression",
            "roleArn": ROLE,
            "storageLocation": {"s3BucketName": "sets", "s3Path": "out/"},
            "importInputLocation": {"s3BucketName": "sets", "s3Path": "in/set.csv"},
            "modality": "Text",
        }
    }
    missing = _import(strict, None, spec=test_set, merge="Overwrite")
    assert missing["failureReasons"] == ["The test set file s3://sets/in/set.csv was not found."]
    strict.objects.put("s3://sets/in/set.csv", 'Line #,Source,Input\n1,User,"unterminated\n')
    malformed = _import(strict, None, spec=test_set, merge="Overwrite")
    assert "can't be read" in malformed["failureReasons"][0]
    strict.objects.put("s3://sets/in/set.csv", "Line #,Conversation #,Source,Input\n1,,User,hi\n")
    assert _import(strict, None, spec=test_set, merge="Overwrite")["importStatus"] == "Completed"


def test_a_script_wins_over_the_archive(lex: FakeLexModelsV2) -> None:
    lex.control.script_next_import(status="Completed")
    assert _import(lex, b"not a zip")["importStatus"] == "Completed"


# --- the bots ---------------------------------------------------------------------------------


def test_a_bot_reads_importing_while_its_import_runs(lex: FakeLexModelsV2) -> None:
    import_id = lex.create_upload_url()["importId"]
    lex.control.upload(import_id, bot_archive())
    lex.start_import(
        importId=import_id,
        resourceSpecification={"botImportSpecification": {**BOT, "idleSessionTTLInSeconds": 90}},
        mergeStrategy="FailOnConflict",
    )
    (summary,) = lex.list_bots()["botSummaries"]
    assert summary["botStatus"] == "Importing"
    bot_id = summary["botId"]
    assert lex.describe_bot(botId=bot_id)["idleSessionTTLInSeconds"] == 90  # request first
    locale = {"botId": bot_id, "botVersion": "DRAFT", "localeId": "en_US"}
    assert lex.describe_bot_locale(**locale)["botLocaleStatus"] == "Importing"
    lex.get_waiter("bot_available").wait(botId=bot_id)
    assert lex.describe_bot_locale(**locale)["botLocaleStatus"] == "NotBuilt"
    with pytest.raises(Exception, match="Waiter BotLocaleBuilt failed"):
        lex.get_waiter("bot_locale_built").wait(**locale)  # ready to build, not built


def test_bot_lists_sort_and_filter(lex: FakeLexModelsV2) -> None:
    for name in ("Beta", "Alpha", "Gamma"):
        _import(lex, bot_archive(name), spec={"botImportSpecification": {**BOT, "botName": name}})
    lex.control.add_bot("Delta", locales=["en_US", "de_DE"])

    def names(**params: Any) -> list[str]:
        return [b["botName"] for b in lex.list_bots(**params)["botSummaries"]]

    assert names() == ["Alpha", "Beta", "Delta", "Gamma"]
    assert names(sortBy={"attribute": "BotName", "order": "Descending"})[0] == "Gamma"
    equal = [{"name": "BotName", "values": ["Beta"], "operator": "EQ"}]
    assert names(filters=equal) == ["Beta"]
    not_equal = [{"name": "BotName", "values": ["Beta"], "operator": "NE"}]
    assert names(filters=not_equal) == ["Alpha", "Delta", "Gamma"]
    assert names(filters=[{"name": "BotType", "values": ["BotNetwork"], "operator": "EQ"}]) == []
    page = lex.list_bots(maxResults=3)
    assert names(maxResults=3, nextToken=page["nextToken"]) == ["Gamma"]
    delta = lex.control.add_bot("Delta")
    locales = lex.list_bot_locales(
        botId=delta,
        botVersion="DRAFT",
        filters=[{"name": "BotLocaleName", "values": ["de"], "operator": "CO"}],
    )
    assert [x["localeId"] for x in locales["botLocaleSummaries"]] == ["de_DE"]
    assert lex.list_bot_locales(botId="UNKNOWNBOT", botVersion="DRAFT")["botLocaleSummaries"] == []
    with pytest.raises(lex.exceptions.ResourceNotFoundException):
        lex.describe_bot(botId="UNKNOWNBOT")
    with pytest.raises(lex.exceptions.ResourceNotFoundException):
        lex.describe_bot_locale(botId=delta, botVersion="1", localeId="en_US")


def test_archive_edges(lex: FakeLexModelsV2) -> None:
    import io
    import zipfile

    def zipped(files: dict[str, str]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, body in files.items():
                z.writestr(name, body)
        return buf.getvalue()

    meta = json.dumps({"metadata": {"fileFormat": "Other", "resourceType": "Robot"}})
    reasons = _reasons(lex, zipped({"manifest.json": meta}))
    assert "the fileFormat must be LexJson." in reasons[0]
    assert "'Robot' is not Bot, BotLocale or CustomVocabulary" in reasons[1]
    assert "Bot.json is missing" in reasons[2]
    good = json.dumps({"metadata": {"fileFormat": "LexJson", "resourceType": "Bot"}})
    not_object = zipped({"manifest.json": good, "B/Bot.json": "[1]"})
    assert _reasons(lex, not_object) == ["B/Bot.json: the file must hold a JSON object."]
    locale_type = json.dumps({"metadata": {"fileFormat": "LexJson", "resourceType": "BOT_LOCALE"}})
    bot_id = _import(lex, bot_archive())["importedResourceId"]
    spec = {
        "botLocaleImportSpecification": {
            "botId": bot_id,
            "botVersion": "DRAFT",
            "localeId": "en_US",
        }
    }
    empty = zipped({"manifest.json": locale_type})
    assert _reasons(lex, empty, spec=spec, merge="Overwrite") == [
        "The archive holds no BotLocales/<locale>/BotLocale.json."
    ]
    vocabulary = {
        "manifest.json": json.dumps(
            {"metadata": {"fileFormat": "LexJson", "resourceType": "CustomVocabulary"}}
        ),
        "B/BotLocales/en_US/CustomVocabulary/CustomVocabulary.json": json.dumps(
            {"customVocabularyItems": [{"phrase": "ok", "weight": 9}]}
        ),
    }
    vocab_spec = {
        "customVocabularyImportSpecification": {
            "botId": bot_id,
            "botVersion": "DRAFT",
            "localeId": "en_US",
        }
    }
    (reason,) = _reasons(lex, zipped(vocabulary), spec=vocab_spec, merge="Overwrite")
    assert "item 1 has a weight outside 0 to 3" in reason
    vocabulary["B/BotLocales/en_US/CustomVocabulary/CustomVocabulary.json"] = "[]"
    (reason,) = _reasons(lex, zipped(vocabulary), spec=vocab_spec, merge="Overwrite")
    assert "holds no customVocabularyItems array" in reason
