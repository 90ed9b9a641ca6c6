"""How an SES v2 import job reads its object: record formats, per-record rules, the failed
records file. The decisions are listed in ``client.py``'s docstring."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator

import attrs

from ...core.errors import Violation, validation_message
from ...core.records import MalformedData, csv_records, json_records

REASONS = ("BOUNCE", "COMPLAINT")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)
MAX_RECORDS = {"PUT": 100_000, "DELETE": 10_000}  # per object, as documented


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

    records: tuple[Record, ...] = ()
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
