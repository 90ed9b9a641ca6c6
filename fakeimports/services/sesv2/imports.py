"""How an SES v2 import job reads its object: record formats, per-record rules, the failed
records file. The decisions are listed in ``client.py``'s docstring."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ...core.errors import Violation, validation_message
from ...core.records import MalformedData, csv_records, json_records

REASONS = ("BOUNCE", "COMPLAINT")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)
MAX_RECORDS = {"PUT": 100_000, "DELETE": 10_000}  # per object, as documented
MAX_CONTACTS = 1_000_000  # per import job, as documented
STATUSES = ("OPT_IN", "OPT_OUT")
_TOPIC_COLUMN = "topicPreferences."


def check_attributes(text: str, member: str) -> None:
    """A contact's attributes must be a JSON object, as for ``CreateContact``."""
    try:
        valid = isinstance(json.loads(text), dict)
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(f"{member} must be a valid JSON object.")


def normalize_email(text: str) -> str:
    """The address as SES keys it: trimmed, domain lower-cased (the local part keeps its case).

    Raises ``ValueError`` with SES's message for a blank or malformed address.
    """
    address = text.strip()
    if not address:
        raise ValueError("EmailAddress can't be blank.")
    if not _EMAIL.fullmatch(address):
        raise ValueError(f"EmailAddress {address} is invalid")
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


@attrs.frozen
class Record:
    """One record that passed its checks: what it does, to which address."""

    number: int
    email: str
    reason: str | None  # PUT: the suppression reason


@attrs.frozen
class Parsed:
    """What an import read: the records to apply, the failed ones, or why the job fails."""

    records: tuple[Any, ...] = ()  # Record or ContactRecord
    failures: tuple[tuple[int, str, str], ...] = ()  # (record number, the record, why)
    error: str | None = None

    @property
    def count(self) -> int:
        return len(self.records) + len(self.failures)


def read_suppression(
    data: bytes, data_format: str, action: str, present: Callable[[str], bool]
) -> Parsed:
    """Suppression-list records: ``email,reason`` (PUT) or ``email`` (DELETE) CSV rows with no
    header, or one JSON object a line (``emailAddress``, ``reason``)."""
    records: list[Record] = []
    failures: list[tuple[int, str, str]] = []
    try:
        for number, raw, fields in _suppression_fields(data, data_format, action):
            if isinstance(fields, str):
                failures.append((number, raw, fields))
                continue
            email, reason = fields
            try:
                address = normalize_email(email)
                if action == "PUT" and reason not in REASONS:
                    rule = f"Member must satisfy enum value set: [{', '.join(REASONS)}]"
                    raise ValueError(validation_message([Violation("reason", reason, rule)]))
                if action == "DELETE" and not present(address):
                    raise ValueError(
                        f"Email address {address} does not exist on your suppression list."
                    )
            except ValueError as err:
                failures.append((number, raw, str(err)))
                continue
            records.append(Record(number, address, reason if action == "PUT" else None))
    except MalformedData as err:
        return Parsed(error=str(err))
    parsed = Parsed(tuple(records), tuple(failures))
    limit = MAX_RECORDS[action]
    if parsed.count > limit:
        return Parsed(
            error=f"The object holds {parsed.count} records; a suppression list {action} import "
            f"takes at most {limit}."
        )
    return parsed


def _suppression_fields(
    data: bytes, data_format: str, action: str
) -> Iterator[tuple[int, str, tuple[str, str | None] | str]]:
    """``(number, raw record, (email, reason) or why it failed)`` for each record."""
    columns = 2 if action == "PUT" else 1
    if data_format == "CSV":
        for number, row in csv_records(data):
            raw = _csv_line(row)
            if len(row) != columns:
                yield number, raw, f"Expected {columns} column(s) but found {len(row)}."
            else:
                yield number, raw, (row[0], row[1] if columns == 2 else None)
        return
    for number, text, value in json_records(data):
        if isinstance(value, ValueError):
            yield number, text, str(value)
        elif not isinstance(value, dict):
            yield number, text, "Each line must be a JSON object."
        elif not isinstance(value.get("emailAddress"), str):
            yield number, text, "emailAddress must be a JSON string."
        elif action == "PUT" and not isinstance(value.get("reason"), str):
            yield number, text, "reason must be a JSON string."
        else:
            yield number, text, (value["emailAddress"], value.get("reason"))


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def failed_records_file(failures: tuple[tuple[int, str, str], ...]) -> bytes:
    """The failed-records object: a CSV of ``recordNumber,record,errorMessage`` (decided: AWS
    documents no format)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["recordNumber", "record", "errorMessage"])
    for number, raw, message in failures:
        writer.writerow([number, raw, message])
    return out.getvalue().encode()


@attrs.frozen
class ContactRecord:
    """One contact a contact-list import writes (PUT) or removes (DELETE)."""

    number: int
    email: str
    topics: tuple[tuple[str, str], ...] = ()  # explicit preferences: (topic, status)
    unsubscribe_all: bool = False
    attributes: str | None = None


@attrs.frozen
class ContactList:
    """What a contact-list import checks its records against."""

    name: str
    topics: Mapping[str, str]  # topic -> default subscription status
    exists: Callable[[str], bool]  # is this address a contact of the list now?


def read_contacts(data: bytes, data_format: str, action: str, target: ContactList) -> Parsed:
    """Contact-list records: a CSV whose header names ``emailAddress``, ``unsubscribeAll``,
    ``attributesData`` and ``topicPreferences.<Topic>`` columns, or one JSON object a line."""
    records: list[ContactRecord] = []
    failures: list[tuple[int, str, str]] = []
    try:
        rows = _contact_fields(data, data_format)
        for number, raw, fields in rows:
            try:
                if isinstance(fields, str):
                    raise ValueError(fields)
                records.append(_contact(number, fields, action, target))
            except ValueError as err:
                failures.append((number, raw if isinstance(raw, str) else _csv_line(raw), str(err)))
    except MalformedData as err:
        return Parsed(error=str(err))
    parsed = Parsed(tuple(records), tuple(failures))
    if parsed.count > MAX_CONTACTS:
        return Parsed(
            error=f"The object holds {parsed.count} contacts; an import job takes at most "
            f"{MAX_CONTACTS}."
        )
    return parsed


def _contact_fields(
    data: bytes, data_format: str
) -> Iterator[tuple[int, str | list[str], dict[str, Any] | str]]:
    """``(number, raw record, its fields or why it failed)``; the CSV header is not a record.

    A CSV record's raw form is its row, written back as a CSV line only if it fails.
    """
    if data_format == "JSON":
        for number, line, value in json_records(data):
            if isinstance(value, ValueError):
                yield number, line, str(value)
            elif not isinstance(value, dict):
                yield number, line, "Each line must be a JSON object."
            else:
                yield number, line, value
        return
    rows = csv_records(data)
    first = next(rows, None)
    if first is None or "emailAddress" not in first[1]:
        raise MalformedData("The CSV header line must contain an emailAddress column.")
    header = first[1]
    width = len(header)
    email = header.index("emailAddress")
    unsubscribe = header.index("unsubscribeAll") if "unsubscribeAll" in header else None
    attributes = header.index("attributesData") if "attributesData" in header else None
    topics = [
        (i, name[len(_TOPIC_COLUMN) :])
        for i, name in enumerate(header)
        if name.startswith(_TOPIC_COLUMN)
    ]
    for number, row in rows:
        if len(row) != width:
            yield number - 1, row, f"Expected {width} column(s) but found {len(row)}."
            continue
        fields: dict[str, Any] = {
            "emailAddress": row[email],
            "topicPreferences": [
                {"topicName": topic, "subscriptionStatus": row[i]} for i, topic in topics if row[i]
            ],
        }
        if unsubscribe is not None:
            fields["unsubscribeAll"] = _boolean(row[unsubscribe])
        if attributes is not None and row[attributes]:
            fields["attributesData"] = row[attributes]
        yield number - 1, row, fields


def _boolean(text: str) -> bool | str:
    lowered = text.strip().lower()
    if lowered in ("", "false"):
        return False
    return True if lowered == "true" else text


def _contact(
    number: int, fields: Mapping[str, Any], action: str, target: ContactList
) -> ContactRecord:
    """The checked record; ``ValueError`` with why it fails."""
    email = fields.get("emailAddress")
    if not isinstance(email, str):
        raise ValueError("emailAddress must be a JSON string.")
    address = normalize_email(email)
    if action == "DELETE":
        if not target.exists(address):
            raise ValueError(f"{address} doesn't exist in List.")
        return ContactRecord(number, address)
    unsubscribe = fields.get("unsubscribeAll", False)
    if not isinstance(unsubscribe, bool):
        raise ValueError("unsubscribeAll must be true or false.")
    attributes = fields.get("attributesData")
    if attributes is not None:
        if not isinstance(attributes, str):
            raise ValueError("attributesData must be a JSON string.")
        check_attributes(attributes, "attributesData")
    preferences = fields.get("topicPreferences", [])
    if not isinstance(preferences, list):
        raise ValueError("topicPreferences must be a JSON array.")
    chosen: dict[str, str] = {}
    for i, preference in enumerate(preferences, start=1):
        if not isinstance(preference, dict):
            raise ValueError("Each topic preference must be a JSON object.")
        topic, status = preference.get("topicName"), preference.get("subscriptionStatus")
        if status not in STATUSES:
            rule = f"Member must satisfy enum value set: [{', '.join(reversed(STATUSES))}]"
            path = f"topicPreferences.{i}.member.subscriptionStatus"
            raise ValueError(validation_message([Violation(path, status, rule)]))
        if not isinstance(topic, str) or topic not in target.topics:
            raise ValueError(f"List: {target.name} doesn't contain Topic: {topic}")
        chosen[topic] = status
    return ContactRecord(number, address, tuple(chosen.items()), unsubscribe, attributes)
