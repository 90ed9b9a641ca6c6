"""SES v2 (2019-09-27) import jobs and contact lists, as declared by botocore's model.

Declarations only; ``tests/contract`` checks them against botocore's model.
"""

from __future__ import annotations

from ...core.errors import ErrorSpec
from ...core.pagination import Listing
from ...core.service import Operation
from ...core.shapes import Boolean, Integer, ListOf, String, Structure, Timestamp

DESTINATION_TYPES = ("SUPPRESSION_LIST", "CONTACT_LIST")
SUPPRESSION_REASONS = ("BOUNCE", "COMPLAINT")
TENANT_NAME = String(min=1)
IMPORT_ACTIONS = ("DELETE", "PUT")

IMPORT_DESTINATION = Structure(
    {
        "SuppressionListDestination": Structure(
            {"SuppressionListImportAction": String(enum=IMPORT_ACTIONS)},
            required=("SuppressionListImportAction",),
        ),
        "ContactListDestination": Structure(
            {"ContactListName": String(), "ContactListImportAction": String(enum=IMPORT_ACTIONS)},
            required=("ContactListName", "ContactListImportAction"),
        ),
    }
)
IMPORT_DATA_SOURCE = Structure(
    {
        "S3Url": String(pattern=r"^s3:\/\/([^\/]+)\/(.*?([^\/]+)\/?)$"),
        "DataFormat": String(enum=("CSV", "JSON")),
    },
    required=("S3Url", "DataFormat"),
)
TOPIC = Structure(
    {
        "TopicName": String(),
        "DisplayName": String(),
        "Description": String(),
        "DefaultSubscriptionStatus": String(enum=("OPT_IN", "OPT_OUT")),
    },
    required=("TopicName", "DisplayName", "DefaultSubscriptionStatus"),
)
CONTACT_LIST_NAME = Structure({"ContactListName": String()}, required=("ContactListName",))

CREATE_IMPORT_JOB = Operation(
    "CreateImportJob",
    Structure(
        {"ImportDestination": IMPORT_DESTINATION, "ImportDataSource": IMPORT_DATA_SOURCE},
        required=("ImportDestination", "ImportDataSource"),
    ),
)
GET_IMPORT_JOB = Operation("GetImportJob", Structure({"JobId": String(min=1)}, required=("JobId",)))
LIST_IMPORT_JOBS = Operation(
    "ListImportJobs",
    Structure(
        {
            "ImportDestinationType": String(enum=DESTINATION_TYPES),
            "NextToken": String(),
            "PageSize": Integer(),
        }
    ),
    listing=Listing("NextToken", "PageSize", "ImportJobs", default=100, maximum=1000),
)
CREATE_CONTACT_LIST = Operation(
    "CreateContactList",
    Structure(
        {
            "ContactListName": String(),
            "Topics": ListOf(TOPIC),
            "Description": String(),
            "Tags": ListOf(
                Structure({"Key": String(), "Value": String()}, required=("Key", "Value"))
            ),
        },
        required=("ContactListName",),
    ),
)
GET_CONTACT_LIST = Operation("GetContactList", CONTACT_LIST_NAME)
DELETE_CONTACT_LIST = Operation("DeleteContactList", CONTACT_LIST_NAME)
UPDATE_CONTACT_LIST = Operation(
    "UpdateContactList",
    Structure(
        {"ContactListName": String(), "Topics": ListOf(TOPIC), "Description": String()},
        required=("ContactListName",),
    ),
)
LIST_CONTACT_LISTS = Operation(
    "ListContactLists",
    Structure({"PageSize": Integer(), "NextToken": String()}),
    listing=Listing("NextToken", "PageSize", "ContactLists", maximum=1000),
)

SUBSCRIPTION_STATUSES = ("OPT_IN", "OPT_OUT")
TOPIC_PREFERENCES = ListOf(
    Structure(
        {"TopicName": String(), "SubscriptionStatus": String(enum=SUBSCRIPTION_STATUSES)},
        required=("TopicName", "SubscriptionStatus"),
    )
)
CONTACT_DATA = {
    "ContactListName": String(),
    "EmailAddress": String(),
    "TopicPreferences": TOPIC_PREFERENCES,
    "UnsubscribeAll": Boolean(),
    "AttributesData": String(),
}
CONTACT_KEY = Structure(
    {"ContactListName": String(), "EmailAddress": String()},
    required=("ContactListName", "EmailAddress"),
)
CREATE_CONTACT = Operation(
    "CreateContact", Structure(CONTACT_DATA, required=("ContactListName", "EmailAddress"))
)
UPDATE_CONTACT = Operation(
    "UpdateContact", Structure(CONTACT_DATA, required=("ContactListName", "EmailAddress"))
)
GET_CONTACT = Operation("GetContact", CONTACT_KEY)
DELETE_CONTACT = Operation("DeleteContact", CONTACT_KEY)
LIST_CONTACTS = Operation(
    "ListContacts",
    Structure(
        {
            "ContactListName": String(),
            "Filter": Structure(
                {
                    "FilteredStatus": String(enum=SUBSCRIPTION_STATUSES),
                    "TopicFilter": Structure(
                        {"TopicName": String(), "UseDefaultIfPreferenceUnavailable": Boolean()}
                    ),
                }
            ),
            "PageSize": Integer(),
            "NextToken": String(),
        },
        required=("ContactListName",),
    ),
    listing=Listing(
        "NextToken",
        "PageSize",
        "Contacts",
        maximum=1000,
        invalid_token_message="Provided NextToken is invalid",
        size_message="The page size must be between 1 and 1000",
    ),
)

PUT_SUPPRESSED_DESTINATION = Operation(
    "PutSuppressedDestination",
    Structure(
        {
            "EmailAddress": String(),
            "Reason": String(enum=SUPPRESSION_REASONS),
            "TenantName": TENANT_NAME,
        },
        required=("EmailAddress", "Reason"),
    ),
)
_ADDRESS = Structure(
    {"EmailAddress": String(), "TenantName": TENANT_NAME}, required=("EmailAddress",)
)
GET_SUPPRESSED_DESTINATION = Operation("GetSuppressedDestination", _ADDRESS)
DELETE_SUPPRESSED_DESTINATION = Operation("DeleteSuppressedDestination", _ADDRESS)
LIST_SUPPRESSED_DESTINATIONS = Operation(
    "ListSuppressedDestinations",
    Structure(
        {
            "TenantName": TENANT_NAME,
            "Reasons": ListOf(String(enum=SUPPRESSION_REASONS)),
            "StartDate": Timestamp(),
            "EndDate": Timestamp(),
            "NextToken": String(),
            "PageSize": Integer(),
        }
    ),
    listing=Listing(
        "NextToken",
        "PageSize",
        "SuppressedDestinationSummaries",
        default=1000,
        maximum=1000,
        invalid_token="InvalidNextTokenException",
    ),
)

# Every error shape of the model, with its HTTP status; none declares body members.
ERRORS = (
    ErrorSpec("AccountSuspendedException"),
    ErrorSpec("AlreadyExistsException"),
    ErrorSpec("BadRequestException"),
    ErrorSpec("ConcurrentModificationException", 500),
    ErrorSpec("ConflictException", 409),
    ErrorSpec("InternalServiceErrorException", 500),
    ErrorSpec("InvalidNextTokenException"),
    ErrorSpec("LimitExceededException"),
    ErrorSpec("MailFromDomainNotVerifiedException"),
    ErrorSpec("MessageRejected"),
    ErrorSpec("NotFoundException", 404),
    ErrorSpec("SendingPausedException"),
    ErrorSpec("TooManyRequestsException", 429),
)
