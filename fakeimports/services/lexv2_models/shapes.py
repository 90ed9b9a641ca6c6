"""Lex V2 model building (lexv2-models 2020-08-07) imports, as declared by botocore's model.

Declarations only; ``tests/contract`` checks them against botocore's model.
"""

from __future__ import annotations

from typing import Any

from ...core.errors import ErrorSpec
from ...core.pagination import Listing
from ...core.service import Operation
from ...core.shapes import Boolean, Double, Integer, ListOf, MapOf, Shape, String, Structure

MERGE_STRATEGIES = ("Overwrite", "FailOnConflict", "Append")

ID = String(min=10, max=10, pattern="^[0-9a-zA-Z]+$")
DRAFT = String(min=5, max=5, pattern="^DRAFT$")
NAME = String(min=1, max=100, pattern="^([0-9a-zA-Z][_-]?){1,100}$")
ROLE_ARN = String(min=32, max=2048, pattern="^arn:aws:iam::[0-9]{12}:role/.*$")
TAGS = MapOf(String(min=1, max=128), String(min=0, max=256), min=0, max=200)
S3_BUCKET = String(min=3, max=63, pattern=r"^[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9]$")
S3_PATH = String(
    min=1, max=1024, pattern=r"[\.\-\!\*\_\'\(\)a-zA-Z0-9][\.\-\!\*\_\'\(\)\/a-zA-Z0-9]*$"
)
_AUDIO_FILLERS = (
    "MELODY_CHIPPER_CHIME",
    "MELODY_CURIOUS_CRAWL",
    "MELODY_RISING_RIPPLE",
    "MELODY_PATIENT_PING",
    "MELODY_PONDERING_PONG",
    "TYPING_KINETIC_KEYS",
    "TYPING_QUIET_QWERTY",
)

BOT_SPEC = Structure(
    {
        "botName": NAME,
        "roleArn": ROLE_ARN,
        "dataPrivacy": Structure({"childDirected": Boolean()}, required=("childDirected",)),
        "errorLogSettings": Structure({"enabled": Boolean()}, required=("enabled",)),
        "idleSessionTTLInSeconds": Integer(min=60, max=86400),
        "botTags": TAGS,
        "testBotAliasTags": TAGS,
    },
    required=("botName", "roleArn", "dataPrivacy"),
)
BOT_LOCALE_SPEC = Structure(
    {
        "botId": ID,
        "botVersion": DRAFT,
        "localeId": String(),
        "nluIntentConfidenceThreshold": Double(min=0, max=1),
        "voiceSettings": Structure(
            {
                "engine": String(enum=("standard", "neural", "long-form", "generative")),
                "voiceId": String(),
            },
            required=("voiceId",),
        ),
        "speechRecognitionSettings": Structure(
            {
                "speechModelPreference": String(
                    enum=("Standard", "Neural", "Deepgram", "Advanced")
                ),
                "speechModelConfig": Structure(
                    {
                        "deepgramConfig": Structure(
                            {
                                "apiTokenSecretArn": String(
                                    min=20,
                                    max=2048,
                                    pattern="^arn:aws[A-Za-z-]*:secretsmanager:[a-z0-9-]{1,20}:"
                                    "[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}-[A-Za-z0-9]{6}$",
                                ),
                                "modelId": String(min=1, max=32, pattern="[A-Za-z0-9-_]+"),
                            },
                            required=("apiTokenSecretArn",),
                        )
                    }
                ),
            }
        ),
        "speechDetectionSensitivity": String(
            enum=("Default", "HighNoiseTolerance", "MaximumNoiseTolerance")
        ),
        "unifiedSpeechSettings": Structure(
            {
                "speechFoundationModel": Structure(
                    {
                        "modelArn": String(
                            pattern=r"^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model"
                            r"\/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}"
                            r"([:][a-z0-9-]{1,63}){0,2}$"
                        ),
                        "voiceId": String(),
                    },
                    required=("modelArn",),
                )
            },
            required=("speechFoundationModel",),
        ),
        "audioFillerSettings": Structure(
            {
                "enabled": Boolean(),
                "audioType": String(min=1, max=64, enum=_AUDIO_FILLERS),
                "startDelayInMilliseconds": Integer(),
                "minimumPlayDurationInMilliseconds": Integer(),
                "responseDeliveryDelayInMilliseconds": Integer(),
            }
        ),
        "speakerDiarizationSettings": Structure({"enabled": Boolean()}, required=("enabled",)),
    },
    required=("botId", "botVersion", "localeId"),
)
CUSTOM_VOCABULARY_SPEC = Structure(
    {"botId": ID, "botVersion": DRAFT, "localeId": String()},
    required=("botId", "botVersion", "localeId"),
)
_S3_LOCATION = {"s3BucketName": S3_BUCKET, "s3Path": S3_PATH}
TEST_SET_SPEC = Structure(
    {
        "testSetName": NAME,
        "description": String(min=0, max=2000),
        "roleArn": ROLE_ARN,
        "storageLocation": Structure(
            {
                **_S3_LOCATION,
                "kmsKeyArn": String(
                    min=20,
                    max=2048,
                    pattern=r"^arn:[\w\-]+:kms:[\w\-]+:[\d]{12}:(?:key\/[\w\-]+|"
                    r"alias\/[a-zA-Z0-9:\/_\-]{1,256})$",
                ),
            },
            required=("s3BucketName", "s3Path"),
        ),
        "importInputLocation": Structure(_S3_LOCATION, required=("s3BucketName", "s3Path")),
        "modality": String(enum=("Text", "Audio")),
        "testSetTags": TAGS,
    },
    required=("testSetName", "roleArn", "storageLocation", "importInputLocation", "modality"),
)
# The four kinds of import, by their member name in ImportResourceSpecification.
SPEC_TYPES = {
    "botImportSpecification": "Bot",
    "botLocaleImportSpecification": "BotLocale",
    "customVocabularyImportSpecification": "CustomVocabulary",
    "testSetImportResourceSpecification": "TestSet",
}
RESOURCE_SPECIFICATION = Structure(
    {
        "botImportSpecification": BOT_SPEC,
        "botLocaleImportSpecification": BOT_LOCALE_SPEC,
        "customVocabularyImportSpecification": CUSTOM_VOCABULARY_SPEC,
        "testSetImportResourceSpecification": TEST_SET_SPEC,
    }
)

CREATE_UPLOAD_URL = Operation("CreateUploadUrl", Structure({}))
START_IMPORT = Operation(
    "StartImport",
    Structure(
        {
            "importId": ID,
            "resourceSpecification": RESOURCE_SPECIFICATION,
            "mergeStrategy": String(enum=MERGE_STRATEGIES),
            "filePassword": String(min=1, max=1024),
        },
        required=("importId", "resourceSpecification", "mergeStrategy"),
    ),
    status=202,
)
DESCRIBE_IMPORT = Operation("DescribeImport", Structure({"importId": ID}, required=("importId",)))
DELETE_IMPORT = Operation(
    "DeleteImport", Structure({"importId": ID}, required=("importId",)), status=202
)
LIST_IMPORTS = Operation(
    "ListImports",
    Structure(
        {
            "botId": ID,
            "botVersion": DRAFT,
            "sortBy": Structure(
                {
                    "attribute": String(enum=("LastUpdatedDateTime",)),
                    "order": String(enum=("Ascending", "Descending")),
                },
                required=("attribute", "order"),
            ),
            "filters": ListOf(
                Structure(
                    {
                        "name": String(enum=("ImportResourceType",)),
                        "values": ListOf(
                            String(min=1, max=100, pattern=r"^[0-9a-zA-Z_()\s-]+$"), min=1, max=1
                        ),
                        "operator": String(enum=("CO", "EQ")),
                    },
                    required=("name", "values", "operator"),
                ),
                min=1,
                max=1,
            ),
            "maxResults": Integer(min=1, max=1000),
            "nextToken": String(),
            "localeId": String(),
        }
    ),
    listing=Listing("nextToken", "maxResults", "importSummaries"),
)

BOT_VERSION = String(min=1, max=5, pattern="^(DRAFT|[0-9]+)$")
SORT_ORDER = String(enum=("Ascending", "Descending"))
FILTER_VALUES = ListOf(String(min=1, max=100, pattern=r"^[0-9a-zA-Z_()\s-]+$"), min=1, max=1)


def _filters(names: tuple[str, ...], operators: tuple[str, ...], most: int) -> Shape:
    return ListOf(
        Structure(
            {
                "name": String(enum=names),
                "values": FILTER_VALUES,
                "operator": String(enum=operators),
            },
            required=("name", "values", "operator"),
        ),
        min=1,
        max=most,
    )


DESCRIBE_BOT = Operation("DescribeBot", Structure({"botId": ID}, required=("botId",)))
LIST_BOTS = Operation(
    "ListBots",
    Structure(
        {
            "sortBy": Structure(
                {"attribute": String(enum=("BotName",)), "order": SORT_ORDER},
                required=("attribute", "order"),
            ),
            "filters": _filters(("BotName", "BotType"), ("CO", "EQ", "NE"), 2),
            "maxResults": Integer(min=1, max=1000),
            "nextToken": String(),
        }
    ),
    listing=Listing("nextToken", "maxResults", "botSummaries"),
)
DESCRIBE_BOT_LOCALE = Operation(
    "DescribeBotLocale",
    Structure(
        {"botId": ID, "botVersion": BOT_VERSION, "localeId": String()},
        required=("botId", "botVersion", "localeId"),
    ),
)
LIST_BOT_LOCALES = Operation(
    "ListBotLocales",
    Structure(
        {
            "botId": ID,
            "botVersion": BOT_VERSION,
            "sortBy": Structure(
                {"attribute": String(enum=("BotLocaleName",)), "order": SORT_ORDER},
                required=("attribute", "order"),
            ),
            "filters": _filters(("BotLocaleName",), ("CO", "EQ"), 1),
            "maxResults": Integer(min=1, max=1000),
            "nextToken": String(),
        },
        required=("botId", "botVersion"),
    ),
    listing=Listing("nextToken", "maxResults", "botLocaleSummaries"),
)


def _waiter(
    operation: str,
    description: str,
    member: str,
    success: tuple[str, ...],
    failure: tuple[str, ...],
) -> dict[str, Any]:
    """A waiter as botocore's model declares it: a path acceptor per expected status."""
    acceptors = [
        {"expected": value, "matcher": "path", "state": state, "argument": member}
        for state, values in (("success", success), ("failure", failure))
        for value in values
    ]
    return {
        "delay": 10,
        "operation": operation,
        "maxAttempts": 35,
        "description": description,
        "acceptors": acceptors,
    }


WAITERS = {
    "BotImportCompleted": _waiter(
        "DescribeImport",
        "Wait until a bot has been imported",
        "importStatus",
        ("Completed",),
        ("Deleting", "Failed"),
    ),
    "BotAvailable": _waiter(
        "DescribeBot",
        "Wait until a bot is available",
        "botStatus",
        ("Available",),
        ("Deleting", "Failed", "Inactive"),
    ),
    "BotLocaleBuilt": _waiter(
        "DescribeBotLocale",
        "Wait until a bot locale is built",
        "botLocaleStatus",
        ("Built",),
        ("Deleting", "Failed", "NotBuilt"),
    ),
    "BotLocaleExpressTestingAvailable": _waiter(
        "DescribeBotLocale",
        "Wait until a bot locale build is ready for express testing",
        "botLocaleStatus",
        ("Built", "ReadyExpressTesting"),
        ("Deleting", "Failed", "NotBuilt"),
    ),
    "BotLocaleCreated": _waiter(
        "DescribeBotLocale",
        "Wait unit a bot locale is created",  # sic, as in botocore's model
        "botLocaleStatus",
        ("Built", "ReadyExpressTesting", "NotBuilt"),
        ("Deleting", "Failed"),
    ),
}

ERRORS = (
    ErrorSpec("ConflictException", 409, ("message",)),
    ErrorSpec("InternalServerException", 500, ("message",)),
    ErrorSpec("PreconditionFailedException", 412, ("message",)),
    ErrorSpec("ResourceNotFoundException", 404, ("message",)),
    ErrorSpec("ServiceQuotaExceededException", 402, ("message",)),
    ErrorSpec("ThrottlingException", 429, ("retryAfterSeconds", "message")),
    ErrorSpec("ValidationException", 400, ("message",)),
)
