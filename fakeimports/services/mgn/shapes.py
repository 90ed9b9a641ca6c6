"""Application Migration Service (mgn 2020-02-26) imports, as declared by botocore's model.

Declarations only; ``tests/contract`` checks them against botocore's model.
"""

from __future__ import annotations

from ...core.errors import ErrorSpec
from ...core.pagination import Listing
from ...core.service import Operation
from ...core.shapes import Boolean, Integer, ListOf, MapOf, Shape, String, Structure

ERROR_TYPES = ("VALIDATION_ERROR", "PROCESSING_ERROR")

IMPORT_ID = String(min=24, max=24, pattern="import-[0-9a-zA-Z]{17}")
MAX_RESULTS = Integer(min=1, max=1000)
PAGINATION_TOKEN = String(min=0, max=2048)
ACCOUNT_ID = String(min=12, max=12, pattern=".*[0-9]{12,}.*")
S3_BUCKET_SOURCE = Structure(
    {
        "s3Bucket": String(pattern=r"[a-zA-Z0-9.\-_]{1,255}"),
        "s3Key": String(pattern=r"[^\x00]{1,1020}\.csv"),
        "s3BucketOwner": ACCOUNT_ID,
    },
    required=("s3Bucket", "s3Key"),
)
TAGS = MapOf(String(min=0, max=256), String(min=0, max=256), min=0, max=50)

INITIALIZE_SERVICE = Operation("InitializeService", Structure({}), status=204)
START_IMPORT = Operation(
    "StartImport",
    Structure(
        {
            "clientToken": String(min=0, max=64),
            "s3BucketSource": S3_BUCKET_SOURCE,
            "tags": TAGS,
        },
        required=("s3BucketSource",),
    ),
    status=202,
)
LIST_IMPORTS = Operation(
    "ListImports",
    Structure(
        {
            "filters": Structure({"importIDs": ListOf(IMPORT_ID, min=0, max=10)}),
            "maxResults": MAX_RESULTS,
            "nextToken": PAGINATION_TOKEN,
        }
    ),
    listing=Listing("nextToken", "maxResults", "items"),
)
LIST_IMPORT_ERRORS = Operation(
    "ListImportErrors",
    Structure(
        {"importID": IMPORT_ID, "maxResults": MAX_RESULTS, "nextToken": PAGINATION_TOKEN},
        required=("importID",),
    ),
    listing=Listing("nextToken", "maxResults", "items"),
)

SOURCE_SERVER_ID = String(min=19, max=19, pattern="s-[0-9a-zA-Z]{17}")
APPLICATION_ID = String(min=21, max=21, pattern="app-[0-9a-zA-Z]{17}")
WAVE_ID = String(min=22, max=22, pattern="wave-[0-9a-zA-Z]{17}")
REPLICATION_TYPES = ("AGENT_BASED", "SNAPSHOT_SHIPPING")
LIFE_CYCLE_STATES = (
    "STOPPED",
    "NOT_READY",
    "READY_FOR_TEST",
    "TESTING",
    "READY_FOR_CUTOVER",
    "CUTTING_OVER",
    "CUTOVER",
    "DISCONNECTED",
    "DISCOVERED",
    "PENDING_INSTALLATION",
)


def _inventory_list(name: str, filters: dict[str, Shape]) -> Operation:
    """The shape every inventory list shares: filters, page size, token, account."""
    return Operation(
        name,
        Structure(
            {
                "filters": Structure(filters),
                "maxResults": MAX_RESULTS,
                "nextToken": PAGINATION_TOKEN,
                "accountID": ACCOUNT_ID,
            }
        ),
        listing=Listing("nextToken", "maxResults", "items"),
    )


DESCRIBE_SOURCE_SERVERS = _inventory_list(
    "DescribeSourceServers",
    {
        "sourceServerIDs": ListOf(SOURCE_SERVER_ID, min=0, max=200),
        "isArchived": Boolean(),
        "replicationTypes": ListOf(String(enum=REPLICATION_TYPES), min=0, max=2),
        "lifeCycleStates": ListOf(String(enum=LIFE_CYCLE_STATES), min=0, max=10),
        "applicationIDs": ListOf(APPLICATION_ID, min=0, max=200),
    },
)
LIST_APPLICATIONS = _inventory_list(
    "ListApplications",
    {
        "applicationIDs": ListOf(APPLICATION_ID, min=0, max=200),
        "isArchived": Boolean(),
        "waveIDs": ListOf(WAVE_ID, min=0, max=200),
    },
)
LIST_WAVES = _inventory_list(
    "ListWaves", {"waveIDs": ListOf(WAVE_ID, min=0, max=200), "isArchived": Boolean()}
)

_PAGED = {
    "input_token": "nextToken",
    "output_token": "nextToken",
    "limit_key": "maxResults",
    "result_key": "items",
}
PAGINATORS = dict.fromkeys(
    ("DescribeSourceServers", "ListApplications", "ListImportErrors", "ListImports", "ListWaves"),
    _PAGED,
)

ERRORS = (
    ErrorSpec("AccessDeniedException", 403, ("message", "code")),
    ErrorSpec(
        "ConflictException", 409, ("message", "code", "resourceId", "resourceType", "errors")
    ),
    ErrorSpec("InternalServerException", 500, ("message", "retryAfterSeconds")),
    ErrorSpec("ResourceNotFoundException", 404, ("message", "code", "resourceId", "resourceType")),
    ErrorSpec(
        "ServiceQuotaExceededException",
        402,
        ("message", "code", "resourceId", "resourceType", "serviceCode", "quotaCode", "quotaValue"),
    ),
    ErrorSpec(
        "ThrottlingException", 429, ("message", "serviceCode", "quotaCode", "retryAfterSeconds")
    ),
    ErrorSpec("UninitializedAccountException", 400, ("message", "code")),
    ErrorSpec("ValidationException", 400, ("message", "code", "reason", "fieldList")),
)
