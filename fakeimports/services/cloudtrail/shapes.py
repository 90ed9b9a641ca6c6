"""CloudTrail (2013-11-01) as declared by botocore's model: shapes, errors, paginators.

Declarations only; they read like the API reference and are checked against botocore's model
by ``tests/contract``.
"""

from __future__ import annotations

from ...core.errors import ErrorSpec
from ...core.pagination import Listing
from ...core.service import Operation
from ...core.shapes import (
    Boolean,
    Integer,
    ListOf,
    String,
    Structure,
    Timestamp,
)

IMPORT_STATUSES = ("INITIALIZING", "IN_PROGRESS", "FAILED", "STOPPED", "COMPLETED")
EVENT_DATA_STORE_STATUSES = (
    "CREATED",
    "ENABLED",
    "PENDING_DELETION",
    "STARTING_INGESTION",
    "STOPPING_INGESTION",
    "STOPPED_INGESTION",
)
BILLING_MODES = ("EXTENDABLE_RETENTION_PRICING", "FIXED_RETENTION_PRICING")

UUID = String(min=36, max=36, pattern=r"^[a-f0-9\-]+$")
EVENT_DATA_STORE_ARN = String(min=3, max=256, pattern=r"^[a-zA-Z0-9._/\-:]+$")
PAGINATION_TOKEN = String(min=4, max=1000, pattern=".*")
MAX_RESULTS = Integer(min=1, max=1000)
IMPORT_DESTINATIONS = ListOf(EVENT_DATA_STORE_ARN, min=1, max=1)
IMPORT_SOURCE = Structure(
    {
        "S3": Structure(
            {
                "S3LocationUri": String(),
                "S3BucketRegion": String(),
                "S3BucketAccessRoleArn": String(),
            },
            required=("S3LocationUri", "S3BucketRegion", "S3BucketAccessRoleArn"),
        )
    },
    required=("S3",),
)
_OPERATOR = ListOf(String(min=1, max=2048, pattern=".+"), min=1)
ADVANCED_EVENT_SELECTORS = ListOf(
    Structure(
        {
            "Name": String(min=0, max=1000, pattern=".*"),
            "FieldSelectors": ListOf(
                Structure(
                    {
                        "Field": String(min=1, max=1000, pattern=r"[\w|\d|\.|_]+"),
                        "Equals": _OPERATOR,
                        "StartsWith": _OPERATOR,
                        "EndsWith": _OPERATOR,
                        "NotEquals": _OPERATOR,
                        "NotStartsWith": _OPERATOR,
                        "NotEndsWith": _OPERATOR,
                    },
                    required=("Field",),
                ),
                min=1,
            ),
        },
        required=("FieldSelectors",),
    )
)

START_IMPORT = Operation(
    "StartImport",
    Structure(
        {
            "Destinations": IMPORT_DESTINATIONS,
            "ImportSource": IMPORT_SOURCE,
            "StartEventTime": Timestamp(),
            "EndEventTime": Timestamp(),
            "ImportId": UUID,
        }
    ),
)
GET_IMPORT = Operation("GetImport", Structure({"ImportId": UUID}, required=("ImportId",)))
STOP_IMPORT = Operation("StopImport", Structure({"ImportId": UUID}, required=("ImportId",)))
LIST_IMPORTS = Operation(
    "ListImports",
    Structure(
        {
            "MaxResults": MAX_RESULTS,
            "Destination": EVENT_DATA_STORE_ARN,
            "ImportStatus": String(enum=IMPORT_STATUSES),
            "NextToken": PAGINATION_TOKEN,
        }
    ),
    listing=Listing("NextToken", "MaxResults", "Imports"),
)
LIST_IMPORT_FAILURES = Operation(
    "ListImportFailures",
    Structure(
        {"ImportId": UUID, "MaxResults": MAX_RESULTS, "NextToken": PAGINATION_TOKEN},
        required=("ImportId",),
    ),
    listing=Listing("NextToken", "MaxResults", "Failures"),
)
EVENT_DATA_STORE_NAME = String(min=3, max=128, pattern=r"^[a-zA-Z0-9._\-]+$")
KMS_KEY_ID = String(min=1, max=350, pattern=r"^[a-zA-Z0-9._/\-:]+$")
# the settings a store is made with and may change later, in the model's order
_STORE_SETTINGS = {
    "Name": EVENT_DATA_STORE_NAME,
    "AdvancedEventSelectors": ADVANCED_EVENT_SELECTORS,
    "MultiRegionEnabled": Boolean(),
    "OrganizationEnabled": Boolean(),
    "RetentionPeriod": Integer(min=7, max=3653),
    "TerminationProtectionEnabled": Boolean(),
}
CREATE_EVENT_DATA_STORE = Operation(
    "CreateEventDataStore",
    Structure(
        {
            **_STORE_SETTINGS,
            "TagsList": ListOf(
                Structure(
                    {"Key": String(min=1, max=128), "Value": String(min=1, max=256)},
                    required=("Key",),
                ),
                max=200,
            ),
            "KmsKeyId": KMS_KEY_ID,
            "StartIngestion": Boolean(),
            "BillingMode": String(enum=BILLING_MODES),
        },
        required=("Name",),
    ),
)
_ONE_STORE = Structure({"EventDataStore": EVENT_DATA_STORE_ARN}, required=("EventDataStore",))
GET_EVENT_DATA_STORE = Operation("GetEventDataStore", _ONE_STORE)
LIST_EVENT_DATA_STORES = Operation(
    "ListEventDataStores",
    Structure({"NextToken": PAGINATION_TOKEN, "MaxResults": MAX_RESULTS}),
    listing=Listing("NextToken", "MaxResults", "EventDataStores"),
)
UPDATE_EVENT_DATA_STORE = Operation(
    "UpdateEventDataStore",
    Structure(
        {
            "EventDataStore": EVENT_DATA_STORE_ARN,
            **_STORE_SETTINGS,
            "KmsKeyId": KMS_KEY_ID,
            "BillingMode": String(enum=BILLING_MODES),
        },
        required=("EventDataStore",),
    ),
)
DELETE_EVENT_DATA_STORE = Operation("DeleteEventDataStore", _ONE_STORE)
RESTORE_EVENT_DATA_STORE = Operation("RestoreEventDataStore", _ONE_STORE)

PAGINATORS = {
    "ListImports": {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": "Imports",
    },
    "ListImportFailures": {
        "input_token": "NextToken",
        "output_token": "NextToken",
        "limit_key": "MaxResults",
        "result_key": "Failures",
    },
}

# Every error shape of the model; CloudTrail sends all of them with HTTP 400 and no members.
ERRORS = tuple(
    ErrorSpec(code)
    for code in [
        "AccessDeniedException",
        "AccountHasOngoingImportException",
        "AccountNotFoundException",
        "AccountNotRegisteredException",
        "AccountRegisteredException",
        "CannotDelegateManagementAccountException",
        "ChannelARNInvalidException",
        "ChannelAlreadyExistsException",
        "ChannelExistsForEDSException",
        "ChannelMaxLimitExceededException",
        "ChannelNotFoundException",
        "CloudTrailARNInvalidException",
        "CloudTrailAccessNotEnabledException",
        "CloudTrailInvalidClientTokenIdException",
        "CloudWatchLogsDeliveryUnavailableException",
        "ConcurrentModificationException",
        "ConflictException",
        "DelegatedAdminAccountLimitExceededException",
        "EventDataStoreARNInvalidException",
        "EventDataStoreAlreadyExistsException",
        "EventDataStoreFederationEnabledException",
        "EventDataStoreHasOngoingImportException",
        "EventDataStoreMaxLimitExceededException",
        "EventDataStoreNotFoundException",
        "EventDataStoreTerminationProtectedException",
        "GenerateResponseException",
        "ImportNotFoundException",
        "InactiveEventDataStoreException",
        "InactiveQueryException",
        "InsightNotEnabledException",
        "InsufficientDependencyServiceAccessPermissionException",
        "InsufficientEncryptionPolicyException",
        "InsufficientIAMAccessPermissionException",
        "InsufficientS3BucketPolicyException",
        "InsufficientSnsTopicPolicyException",
        "InvalidCloudWatchLogsLogGroupArnException",
        "InvalidCloudWatchLogsRoleArnException",
        "InvalidDateRangeException",
        "InvalidEventCategoryException",
        "InvalidEventDataStoreCategoryException",
        "InvalidEventDataStoreStatusException",
        "InvalidEventSelectorsException",
        "InvalidHomeRegionException",
        "InvalidImportSourceException",
        "InvalidInsightSelectorsException",
        "InvalidKmsKeyIdException",
        "InvalidLookupAttributesException",
        "InvalidMaxResultsException",
        "InvalidNextTokenException",
        "InvalidParameterCombinationException",
        "InvalidParameterException",
        "InvalidQueryStatementException",
        "InvalidQueryStatusException",
        "InvalidS3BucketNameException",
        "InvalidS3PrefixException",
        "InvalidSnsTopicNameException",
        "InvalidSourceException",
        "InvalidTagParameterException",
        "InvalidTimeRangeException",
        "InvalidTokenException",
        "InvalidTrailNameException",
        "KmsException",
        "KmsKeyDisabledException",
        "KmsKeyNotFoundException",
        "MaxConcurrentQueriesException",
        "MaximumNumberOfTrailsExceededException",
        "NoManagementAccountSLRExistsException",
        "NotOrganizationManagementAccountException",
        "NotOrganizationMasterAccountException",
        "OperationNotPermittedException",
        "OrganizationNotInAllFeaturesModeException",
        "OrganizationsNotInUseException",
        "QueryIdNotFoundException",
        "ResourceARNNotValidException",
        "ResourceNotFoundException",
        "ResourcePolicyNotFoundException",
        "ResourcePolicyNotValidException",
        "ResourceTypeNotSupportedException",
        "S3BucketDoesNotExistException",
        "ServiceQuotaExceededException",
        "TagsLimitExceededException",
        "ThrottlingException",
        "TrailAlreadyExistsException",
        "TrailNotFoundException",
        "TrailNotProvidedException",
        "UnsupportedOperationException",
    ]
)
