"""Per-service material for the generic contract suite: a populated fake and valid requests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from fakeimports import FakeCloudTrail, FakeLexModelsV2, FakeMgn, FakeSESv2, ManualClock
from fakeimports.core.service import FakeService

from ..helpers import bot_archive

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
Responses = list[tuple[str, dict[str, Any]]]


@attrs.frozen
class Scenario:
    cls: type[FakeService]
    operations: set[str]
    validation_code: str
    build: Callable[[], tuple[Any, dict[str, dict[str, Any]]]]
    snapshot: Callable[[Any], Any]  # the state a rejected call must leave alone
    exercise: Callable[[Any, dict[str, dict[str, Any]]], Responses]


# --- CloudTrail -----------------------------------------------------------------------------

CT_SOURCE = {
    "S3": {
        "S3LocationUri": "s3://trail-bucket/AWSLogs/",
        "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/import",
    }
}


def cloudtrail() -> tuple[FakeCloudTrail, dict[str, dict[str, Any]]]:
    """Finished, failed and running imports, and a valid request per operation."""
    clock = ManualClock(T0)
    fake = FakeCloudTrail(clock=clock, seed=7)
    arn = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    fake.control.script_next_import(
        failures=[{"Location": "s3://trail-bucket/a", "ErrorMessage": "bad", "ErrorType": "X"}] * 3
    )
    failed = fake.start_import(Destinations=[arn], ImportSource=CT_SOURCE)["ImportId"]
    clock.advance(hours=1)
    done = fake.start_import(Destinations=[arn], ImportSource=CT_SOURCE)["ImportId"]
    clock.advance(hours=1)
    running = fake.start_import(
        Destinations=[arn], ImportSource=CT_SOURCE, StartEventTime=T0, EndEventTime=T0
    )["ImportId"]
    failures_token = fake.list_import_failures(ImportId=failed, MaxResults=1)["NextToken"]
    token = fake.list_imports(MaxResults=1, Destination=arn)["NextToken"]
    unprotected = {"TerminationProtectionEnabled": False}
    spare = fake.create_event_data_store(Name="spare", **unprotected)["EventDataStoreArn"]
    doomed = fake.create_event_data_store(Name="doomed", **unprotected)["EventDataStoreArn"]
    trash = fake.create_event_data_store(Name="trash", **unprotected)["EventDataStoreArn"]
    fake.delete_event_data_store(EventDataStore=trash)
    stores_token = fake.list_event_data_stores(MaxResults=1)["NextToken"]
    requests = {
        "start_import": {
            "Destinations": [arn],
            "ImportSource": CT_SOURCE,
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
        "list_event_data_stores": {"MaxResults": 2, "NextToken": stores_token},
        "update_event_data_store": {
            "EventDataStore": spare,
            "Name": "renamed",
            "AdvancedEventSelectors": [
                {
                    "Name": "data",
                    "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}],
                }
            ],
            "MultiRegionEnabled": True,
            "OrganizationEnabled": False,
            "RetentionPeriod": 90,
            "TerminationProtectionEnabled": False,
            "KmsKeyId": "alias/lake",
            "BillingMode": "EXTENDABLE_RETENTION_PRICING",
        },
        "delete_event_data_store": {"EventDataStore": doomed},
        "restore_event_data_store": {"EventDataStore": trash},
    }
    return fake, requests


def cloudtrail_exercise(fake: FakeCloudTrail, requests: dict[str, dict[str, Any]]) -> Responses:
    responses: Responses = []
    order = ["stop_import", *(k for k in requests if k not in ("stop_import", "start_import"))]
    for label in order:  # stop the running import first, so the retry may start
        method = label.split(" ")[0]
        responses.append((method, getattr(fake, method)(**requests[label])))
    fake.clock.advance(hours=2)
    retried = requests["start_import (retry)"]["ImportId"]
    responses.append(("start_import", fake.start_import(**requests["start_import"])))
    responses.append(("get_import", fake.get_import(ImportId=retried)))
    responses.append(("list_imports", fake.list_imports()))
    responses.append(("list_import_failures", fake.list_import_failures(ImportId=retried)))
    return responses


CLOUDTRAIL = Scenario(
    cls=FakeCloudTrail,
    operations={
        "start_import",
        "get_import",
        "list_imports",
        "list_import_failures",
        "stop_import",
        "create_event_data_store",
        "get_event_data_store",
        "list_event_data_stores",
        "update_event_data_store",
        "delete_event_data_store",
        "restore_event_data_store",
    },
    validation_code="InvalidParameterException",
    build=cloudtrail,
    snapshot=lambda fake: (
        fake.list_imports()["Imports"],
        fake.list_event_data_stores()["EventDataStores"],
    ),
    exercise=cloudtrail_exercise,
)


# --- SES v2 ---------------------------------------------------------------------------------

SES_SOURCE = {"S3Url": "s3://bucket/contacts/list.csv", "DataFormat": "CSV"}
WEEKLY = {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"}
OPT_OUT = [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
TO_LIST = {"ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "PUT"}}
TO_SUPPRESSION = {"SuppressionListDestination": {"SuppressionListImportAction": "DELETE"}}


def sesv2() -> tuple[FakeSESv2, dict[str, dict[str, Any]]]:
    clock = ManualClock(T0)
    fake = FakeSESv2(clock=clock, seed=7)
    fake.create_contact_list(ContactListName="news", Topics=[WEEKLY])
    for address in ("one@example.com", "two@example.com", "three@example.com"):
        fake.create_contact(ContactListName="news", EmailAddress=address)
    contacts_token = fake.list_contacts(ContactListName="news", PageSize=1)["NextToken"]
    fake.control.script_next_import_job(status="FAILED", processed=10, failed=3)
    failed = fake.create_import_job(ImportDestination=TO_LIST, ImportDataSource=SES_SOURCE)
    clock.advance(hours=1)
    for _ in range(2):
        fake.create_import_job(ImportDestination=TO_SUPPRESSION, ImportDataSource=SES_SOURCE)
    token = fake.list_import_jobs(PageSize=1, ImportDestinationType="SUPPRESSION_LIST")["NextToken"]
    for address in ("b@example.com", "c@example.com", "d@example.com"):
        fake.put_suppressed_destination(EmailAddress=address, Reason="BOUNCE")
    window = {"Reasons": ["BOUNCE"], "StartDate": T0, "EndDate": T0 + timedelta(days=1)}
    suppressed_token = fake.list_suppressed_destinations(PageSize=1, **window)["NextToken"]
    requests = {
        "create_import_job": {"ImportDestination": TO_LIST, "ImportDataSource": SES_SOURCE},
        "create_import_job (suppression)": {
            "ImportDestination": TO_SUPPRESSION,
            "ImportDataSource": {"S3Url": "s3://bucket/x.json", "DataFormat": "JSON"},
        },
        "get_import_job": {"JobId": failed["JobId"]},
        "list_import_jobs": {
            "ImportDestinationType": "SUPPRESSION_LIST",
            "NextToken": token,
            "PageSize": 5,
        },
        "create_contact_list": {
            "ContactListName": "other",
            "Topics": [
                {
                    "TopicName": "weekly",
                    "DisplayName": "Weekly",
                    "Description": "d",
                    "DefaultSubscriptionStatus": "OPT_IN",
                }
            ],
            "Description": "d",
            "Tags": [{"Key": "k", "Value": "v"}],
        },
        "get_contact_list": {"ContactListName": "news"},
        "delete_contact_list": {"ContactListName": "news"},
        "put_suppressed_destination": {"EmailAddress": "a@example.com", "Reason": "COMPLAINT"},
        "get_suppressed_destination": {"EmailAddress": "b@example.com"},
        "delete_suppressed_destination": {"EmailAddress": "c@example.com"},
        "list_suppressed_destinations": {**window, "NextToken": suppressed_token, "PageSize": 5},
        "create_contact": {
            "ContactListName": "news",
            "EmailAddress": "new@example.com",
            "TopicPreferences": OPT_OUT,
            "UnsubscribeAll": False,
            "AttributesData": '{"name": "New"}',
        },
        "get_contact": {"ContactListName": "news", "EmailAddress": "one@example.com"},
        "update_contact": {
            "ContactListName": "news",
            "EmailAddress": "one@example.com",
            "TopicPreferences": OPT_OUT,
            "UnsubscribeAll": True,
            "AttributesData": "{}",
        },
        "delete_contact": {"ContactListName": "news", "EmailAddress": "two@example.com"},
        "list_contacts": {
            "ContactListName": "news",
            "Filter": {
                "FilteredStatus": "OPT_IN",
                "TopicFilter": {"TopicName": "weekly", "UseDefaultIfPreferenceUnavailable": True},
            },
            "PageSize": 5,
            "NextToken": contacts_token,
        },
        "list_contact_lists": {"PageSize": 5},
        "update_contact_list": {"ContactListName": "news", "Topics": [WEEKLY], "Description": "d"},
    }
    return fake, requests


def sesv2_exercise(fake: FakeSESv2, requests: dict[str, dict[str, Any]]) -> Responses:
    responses: Responses = []
    for label in ("create_import_job", "create_import_job (suppression)", "get_import_job"):
        responses.append(
            (label.split(" ")[0], getattr(fake, label.split(" ")[0])(**requests[label]))
        )
    responses.append(("list_import_jobs", fake.list_import_jobs(**requests["list_import_jobs"])))
    responses.append(("list_import_jobs", fake.list_import_jobs()))
    responses.append(("get_contact_list", fake.get_contact_list(ContactListName="news")))
    for method in (
        "create_contact",
        "get_contact",
        "update_contact",
        "get_contact",
        "delete_contact",
        "list_contacts",
        "list_contact_lists",
        "update_contact_list",
    ):
        responses.append((method, getattr(fake, method)(**requests[method])))
    responses.append(("list_contacts", fake.list_contacts(ContactListName="news")))
    running = responses[0][1]["JobId"]
    fake.clock.advance(minutes=3)
    responses.append(("get_import_job", fake.get_import_job(JobId=running)))
    responses.append(("delete_contact_list", fake.delete_contact_list(ContactListName="news")))
    responses.append(("get_import_job", fake.get_import_job(JobId=running)))
    responses.append(
        ("create_contact_list", fake.create_contact_list(**requests["create_contact_list"]))
    )
    fake.clock.advance(hours=1)
    responses.append(("list_import_jobs", fake.list_import_jobs()))
    for method in (
        "put_suppressed_destination",
        "get_suppressed_destination",
        "delete_suppressed_destination",
        "list_suppressed_destinations",
    ):
        responses.append((method, getattr(fake, method)(**requests[method])))
    responses.append(("list_suppressed_destinations", fake.list_suppressed_destinations()))
    return responses


SESV2 = Scenario(
    cls=FakeSESv2,
    operations={
        "create_import_job",
        "get_import_job",
        "list_import_jobs",
        "create_contact_list",
        "get_contact_list",
        "delete_contact_list",
        "put_suppressed_destination",
        "get_suppressed_destination",
        "delete_suppressed_destination",
        "list_suppressed_destinations",
        "create_contact",
        "get_contact",
        "update_contact",
        "delete_contact",
        "list_contacts",
        "list_contact_lists",
        "update_contact_list",
    },
    validation_code="BadRequestException",
    build=sesv2,
    snapshot=lambda fake: (
        fake.list_import_jobs()["ImportJobs"],
        sorted(fake._lists),
        fake.list_suppressed_destinations()["SuppressedDestinationSummaries"],
        fake.list_contact_lists()["ContactLists"],
        [fake.list_contacts(ContactListName=n)["Contacts"] for n in sorted(fake._lists)],
    ),
    exercise=sesv2_exercise,
)

# --- MGN ------------------------------------------------------------------------------------

MGN_SOURCE = {"s3Bucket": "migration-bucket", "s3Key": "inventory/servers.csv"}
MGN_TEMPLATE_KEY = "inventory/template.csv"
MGN_TEMPLATE = (
    "mgn:wave:name,mgn:wave:description,mgn:wave:tag:phase,mgn:app:name,mgn:app:description,"
    "mgn:app:tag:owner,mgn:server:user-provided-id,mgn:server:fqdn-for-action-framework,"
    "mgn:server:tag:Name\n"
    "Wave 1,First wave,one,Billing,Invoices,finance,web-1,web-1.corp,web\n"
    "Wave 1,,,Billing,,,db-1,db-1.corp,db\n"
    "Wave 2,,,Reports,,,,,\n"
)


def mgn() -> tuple[FakeMgn, dict[str, dict[str, Any]]]:
    clock = ManualClock(T0)
    fake = FakeMgn(clock=clock, seed=7)
    fake.control.script_next_import(
        errors=[
            {
                "errorType": "VALIDATION_ERROR",
                "errorData": {
                    "rowNumber": i,
                    "rawError": "bad row",
                    "sourceServerID": "s-" + "a" * 17,
                    "applicationID": "app-" + "b" * 17,
                    "waveID": "wave-" + "c" * 17,
                    "ec2LaunchTemplateID": "lt-0123",
                    "accountID": "123456789012",
                },
            }
            for i in range(1, 4)
        ]
    )
    failed = fake.start_import(s3BucketSource=MGN_SOURCE)["importTask"]["importID"]
    clock.advance(hours=1)
    fake.start_import(s3BucketSource=MGN_SOURCE, tags={"team": "migrations"})
    fake.objects.put(f"s3://migration-bucket/{MGN_TEMPLATE_KEY}", MGN_TEMPLATE)
    fake.start_import(s3BucketSource={"s3Bucket": "migration-bucket", "s3Key": MGN_TEMPLATE_KEY})
    clock.advance(hours=1)
    token = fake.list_imports(maxResults=1)["nextToken"]
    errors_token = fake.list_import_errors(importID=failed, maxResults=1)["nextToken"]
    servers = fake.describe_source_servers(maxResults=1)
    apps = fake.list_applications(maxResults=1)
    waves = fake.list_waves(maxResults=1)
    server = servers["items"][0]
    app_id, wave_id = server["applicationID"], apps["items"][0]["waveID"]
    requests: dict[str, dict[str, Any]] = {
        "initialize_service": {},
        "start_import": {
            "clientToken": "token-1",
            "s3BucketSource": {**MGN_SOURCE, "s3BucketOwner": "123456789012"},
            "tags": {"team": "migrations"},
        },
        "list_imports": {"filters": {"importIDs": [failed]}, "maxResults": 5},
        "list_imports (token)": {"maxResults": 5, "nextToken": token},
        "list_import_errors": {"importID": failed, "maxResults": 1, "nextToken": errors_token},
        "describe_source_servers": {
            "filters": {
                "sourceServerIDs": [server["sourceServerID"]],
                "isArchived": False,
                "replicationTypes": ["AGENT_BASED"],
                "lifeCycleStates": ["PENDING_INSTALLATION"],
                "applicationIDs": [app_id],
            },
            "maxResults": 5,
            "accountID": "123456789012",
        },
        "describe_source_servers (token)": {"maxResults": 1, "nextToken": servers["nextToken"]},
        "list_applications": {
            "filters": {"applicationIDs": [app_id], "isArchived": False, "waveIDs": [wave_id]},
            "maxResults": 5,
            "accountID": "123456789012",
        },
        "list_applications (token)": {"maxResults": 1, "nextToken": apps["nextToken"]},
        "list_waves": {
            "filters": {"waveIDs": [wave_id], "isArchived": False},
            "maxResults": 5,
            "accountID": "123456789012",
        },
        "list_waves (token)": {"maxResults": 1, "nextToken": waves["nextToken"]},
    }
    return fake, requests


def mgn_exercise(fake: FakeMgn, requests: dict[str, dict[str, Any]]) -> Responses:
    responses: Responses = []
    for label, params in requests.items():
        method = label.split(" ")[0]
        responses.append((method, getattr(fake, method)(**params)))
    running = responses[1][1]["importTask"]["importID"]
    fake.clock.advance(minutes=5)
    responses.append(("list_imports", fake.list_imports(filters={"importIDs": [running]})))
    fake.clock.advance(hours=1)
    responses.append(("list_imports", fake.list_imports()))
    responses.append(("start_import", fake.start_import(**requests["start_import"])))
    return responses


MGN = Scenario(
    cls=FakeMgn,
    operations={
        "initialize_service",
        "start_import",
        "list_imports",
        "list_import_errors",
        "describe_source_servers",
        "list_applications",
        "list_waves",
    },
    validation_code="ValidationException",
    build=mgn,
    snapshot=lambda fake: (
        fake.list_imports()["items"],
        fake.describe_source_servers()["items"],
        fake.list_applications()["items"],
        fake.list_waves()["items"],
    ),
    exercise=mgn_exercise,
)

# --- Lex V2 ---------------------------------------------------------------------------------

ROLE = "arn:aws:iam::123456789012:role/LexImportRole"
BOT_SPEC = {
    "botName": "OrderFlowers",
    "roleArn": ROLE,
    "dataPrivacy": {"childDirected": False},
    "errorLogSettings": {"enabled": True},
    "idleSessionTTLInSeconds": 300,
    "botTags": {"team": "bots"},
    "testBotAliasTags": {"team": "bots"},
}


def lex() -> tuple[FakeLexModelsV2, dict[str, dict[str, Any]]]:
    clock = ManualClock(T0)
    fake = FakeLexModelsV2(clock=clock, seed=7)
    bot_id = fake.control.add_bot("Existing")
    done = fake.create_upload_url()["importId"]
    fake.control.upload(done, bot_archive(str(BOT_SPEC["botName"]), {"en_US": 2, "fr_FR": 1}))
    fake.start_import(
        importId=done,
        resourceSpecification={"botImportSpecification": BOT_SPEC},
        mergeStrategy="Overwrite",
    )
    clock.advance(hours=1)
    fresh = [fake.create_upload_url()["importId"] for _ in range(3)]
    fake.control.script_next_import(status="Failed", failure_reasons=["bad zip"])
    failed = fake.create_upload_url()["importId"]
    fake.start_import(
        importId=failed,
        resourceSpecification={
            "customVocabularyImportSpecification": {
                "botId": bot_id,
                "botVersion": "DRAFT",
                "localeId": "en_GB",
            }
        },
        mergeStrategy="Overwrite",
    )
    clock.advance(hours=1)
    token = fake.list_imports(maxResults=1)["nextToken"]
    imported = fake.describe_import(importId=done)["importedResourceId"]
    bots_token = fake.list_bots(maxResults=1)["nextToken"]
    locales_token = fake.list_bot_locales(botId=imported, botVersion="DRAFT", maxResults=1)[
        "nextToken"
    ]
    locale_spec = {
        "botId": bot_id,
        "botVersion": "DRAFT",
        "localeId": "en_US",
        "nluIntentConfidenceThreshold": 0.4,
        "voiceSettings": {"engine": "neural", "voiceId": "Joanna"},
        "speechRecognitionSettings": {
            "speechModelPreference": "Deepgram",
            "speechModelConfig": {
                "deepgramConfig": {
                    "apiTokenSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:"
                    "secret:deepgram-AbCdEf",
                    "modelId": "nova-2",
                }
            },
        },
        "speechDetectionSensitivity": "Default",
        "unifiedSpeechSettings": {
            "speechFoundationModel": {
                "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-sonic-v1:0",
                "voiceId": "Joanna",
            }
        },
        "audioFillerSettings": {
            "enabled": True,
            "audioType": "TYPING_QUIET_QWERTY",
            "startDelayInMilliseconds": 100,
            "minimumPlayDurationInMilliseconds": 100,
            "responseDeliveryDelayInMilliseconds": 100,
        },
    }
    requests = {
        "create_upload_url": {},
        "start_import": {
            "importId": fresh[0],
            "resourceSpecification": {"botLocaleImportSpecification": locale_spec},
            "mergeStrategy": "Append",
            "filePassword": "secret",
        },
        "start_import (bot)": {
            "importId": fresh[1],
            "resourceSpecification": {"botImportSpecification": {**BOT_SPEC, "botName": "Other"}},
            "mergeStrategy": "FailOnConflict",
        },
        "start_import (test set)": {
            "importId": fresh[2],
            "resourceSpecification": {
                "testSetImportResourceSpecification": {
                    "testSetName": "Regression",
                    "description": "d",
                    "roleArn": ROLE,
                    "storageLocation": {
                        "s3BucketName": "test-sets",
                        "s3Path": "sets/regression",
                        "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/abc-123",
                    },
                    "importInputLocation": {"s3BucketName": "test-sets", "s3Path": "in/x.csv"},
                    "modality": "Text",
                    "testSetTags": {"k": "v"},
                }
            },
            "mergeStrategy": "Overwrite",
        },
        "describe_import": {"importId": done},
        "delete_import": {"importId": failed},
        "list_imports": {
            "botId": bot_id,
            "botVersion": "DRAFT",
            "localeId": "en_GB",
            "sortBy": {"attribute": "LastUpdatedDateTime", "order": "Ascending"},
            "filters": [{"name": "ImportResourceType", "values": ["Custom"], "operator": "CO"}],
            "maxResults": 5,
        },
        "list_imports (token)": {"maxResults": 5, "nextToken": token},
        "describe_bot": {"botId": imported},
        "list_bots": {
            "sortBy": {"attribute": "BotName", "order": "Descending"},
            "filters": [{"name": "BotName", "values": ["Order"], "operator": "CO"}],
            "maxResults": 5,
        },
        "list_bots (token)": {"maxResults": 1, "nextToken": bots_token},
        "describe_bot_locale": {"botId": imported, "botVersion": "DRAFT", "localeId": "en_US"},
        "list_bot_locales": {
            "botId": imported,
            "botVersion": "DRAFT",
            "sortBy": {"attribute": "BotLocaleName", "order": "Ascending"},
            "filters": [{"name": "BotLocaleName", "values": ["English"], "operator": "CO"}],
            "maxResults": 5,
        },
        "list_bot_locales (token)": {
            "botId": imported,
            "botVersion": "DRAFT",
            "maxResults": 1,
            "nextToken": locales_token,
        },
    }
    return fake, requests


def lex_exercise(fake: FakeLexModelsV2, requests: dict[str, dict[str, Any]]) -> Responses:
    responses: Responses = []
    for label, params in requests.items():
        method = label.split(" ")[0]
        responses.append((method, getattr(fake, method)(**params)))
    fake.clock.advance(hours=1)
    listed = fake.list_imports()
    responses.append(("list_imports", listed))
    for summary in listed["importSummaries"]:
        responses.append(("describe_import", fake.describe_import(importId=summary["importId"])))
    return responses


LEX = Scenario(
    cls=FakeLexModelsV2,
    operations={
        "create_upload_url",
        "start_import",
        "describe_import",
        "list_imports",
        "delete_import",
        "describe_bot",
        "list_bots",
        "describe_bot_locale",
        "list_bot_locales",
    },
    validation_code="ValidationException",
    build=lex,
    snapshot=lambda fake: (
        fake.list_imports()["importSummaries"],
        fake.list_bots()["botSummaries"],
    ),
    exercise=lex_exercise,
)

SCENARIOS = [CLOUDTRAIL, SESV2, MGN, LEX]
