"""How an SES v2 import job reads its object: record formats, per-record rules, the failed
records file. The decisions are listed in ``client.py``'s docstring."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from itertools import islice, repeat
from typing import Any

import attrs

from ...core.described import described
from ...core.errors import Violation, validation_message
from ...core.records import MalformedData, csv_records, csv_rows, is_blank, json_records
from .models import (
    EMAIL,
    EMAILS,
    POSSESSIVE,
    ContactRecord,
    Topics,
    check_attributes,
    is_json_object,
    json_scanner,
    normalize_email,
)

REASONS = ("BOUNCE", "COMPLAINT")
MAX_RECORDS = {"PUT": 100_000, "DELETE": 10_000}  # per object, as documented
MAX_CONTACTS = 1_000_000  # per import job, as documented
STATUSES = ("OPT_IN", "OPT_OUT")
_TOPIC_COLUMN = "topicPreferences."
_FLAGS = frozenset({"true", "false", ""})  # unsubscribeAll as written by most files


@described
@attrs.frozen(repr=False, eq=False)
class Record:
    """One record that passed its checks: what it does, to which address."""

    number: int
    email: str
    reason: str | None  # PUT: the suppression reason


@described
@attrs.frozen(repr=False, eq=False)
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
    return _csv_text([row], "")


def failed_records_file(failures: tuple[tuple[int, str, str], ...]) -> bytes:
    """The failed-records object: a CSV of ``recordNumber,record,errorMessage`` (decided: AWS
    documents no format)."""
    rows = [["recordNumber", "record", "errorMessage"]]
    rows += [[str(number), raw, message] for number, raw, message in failures]
    return _csv_text(rows, "\n").encode()


def _csv_text(rows: list[list[str]], end: str) -> str:
    """``rows`` as csv's writer writes them, each followed by ``end``. Python 3.10's writer
    refuses a NUL (3.11 writes it like any character): such rows are written by hand, every
    field that needs it quoted the same way."""
    import csv
    import io

    out = io.StringIO()
    try:
        csv.writer(out, lineterminator=end).writerows(rows)
    except csv.Error:  # pragma: no cover - Python 3.10 only
        return "".join(",".join(map(_quoted, row)) + end for row in rows)
    return out.getvalue()


def _quoted(field: str) -> str:  # pragma: no cover - Python 3.10 only
    if field and not any(c in field for c in ',"\r\n'):
        return field
    return '"' + field.replace('"', '""') + '"'


@described
@attrs.frozen(repr=False, eq=False)
class ContactList:
    """What a contact-list import checks its records against."""

    name: str
    topics: Mapping[str, str]  # topic -> default subscription status
    exists: Callable[[str], bool]  # is this address a contact of the list now?


def read_contacts(data: bytes, data_format: str, action: str, target: ContactList) -> Parsed:
    """Contact-list records: a CSV whose header names ``emailAddress``, ``unsubscribeAll``,
    ``attributesData`` and ``topicPreferences.<Topic>`` columns, or one JSON object a line.

    Both formats come down to the same fields, checked by one set of rules (``_contact``).
    """
    read = _read_csv_contacts if data_format == "CSV" else _read_json_contacts
    taken = _Taken(action, target)
    try:
        read(data, taken)
    except MalformedData as err:
        return Parsed(error=str(err))
    parsed = Parsed(tuple(taken.records), tuple(taken.failures))
    if parsed.count > MAX_CONTACTS:
        return Parsed(
            error=f"The object holds {parsed.count} contacts; an import job takes at most "
            f"{MAX_CONTACTS}."
        )
    return parsed


# A record's fields: email, unsubscribeAll, attributesData, [(topic, status), ...]; each
# as the record gives it (a JSON record may give any type), or why the record fails.
Fields = tuple[Any, Any, Any, Any]


def _read_json_contacts(data: bytes, taken: _Taken) -> None:
    for number, line, value in json_records(data):
        if isinstance(value, ValueError):
            taken.take(number, line, str(value))
        elif not isinstance(value, dict):
            taken.take(number, line, "Each line must be a JSON object.")
        else:
            preferences = value.get("topicPreferences", [])
            if isinstance(preferences, list):
                preferences = [
                    (p.get("topicName"), p.get("subscriptionStatus"))
                    if isinstance(p, dict)
                    else None
                    for p in preferences
                ]
            fields = (
                value.get("emailAddress"),
                value.get("unsubscribeAll", False),
                value.get("attributesData"),
                preferences,
            )
            taken.take(number, line, fields)


@described
@attrs.define(repr=False, eq=False)
class _Taken:
    """The records an import read, as they are checked: kept ones and failed ones."""

    action: str
    target: ContactList
    records: list[ContactRecord] = attrs.field(factory=list)
    failures: list[tuple[int, str, str]] = attrs.field(factory=list)

    def take(self, number: int, raw: str | list[str], fields: Fields | str) -> None:
        """Check a record by the rules: kept, or failed with why (``fields`` may say already)."""
        try:
            if isinstance(fields, str):
                raise ValueError(fields)
            self.records.append(_contact(number, fields, self.action, self.target))
        except ValueError as err:
            line = raw if isinstance(raw, str) else _csv_line(raw)
            self.failures.append((number, line, str(err)))


def _columns(first: tuple[int, list[str]] | None) -> _Columns:
    """Where a contact CSV's header puts each field."""
    if first is None or "emailAddress" not in first[1]:
        raise MalformedData("The CSV header line must contain an emailAddress column.")
    header = first[1]
    return _Columns(
        len(header),
        header.index("emailAddress"),
        header.index("unsubscribeAll") if "unsubscribeAll" in header else None,
        header.index("attributesData") if "attributesData" in header else None,
        tuple(
            (i, name[len(_TOPIC_COLUMN) :])
            for i, name in enumerate(header)
            if name.startswith(_TOPIC_COLUMN)
        ),
    )


@described
@attrs.frozen(repr=False, eq=False)
class _Columns:
    width: int
    email: int
    unsubscribe: int | None
    attributes: int | None
    topics: tuple[tuple[int, str], ...]


def _csv_fields(row: list[str], columns: _Columns) -> Fields | str:
    if len(row) != columns.width:
        return f"Expected {columns.width} column(s) but found {len(row)}."
    unsubscribe, attributes = columns.unsubscribe, columns.attributes
    return (
        row[columns.email],
        False if unsubscribe is None else _boolean(row[unsubscribe]),
        None if attributes is None else row[attributes] or None,
        [(topic, row[i]) for i, topic in columns.topics if row[i]],
    )


def _read_csv_contacts(data: bytes, taken: _Taken) -> None:
    """A contact CSV; the header is not a record.

    A 100,000-record import is dominated by this loop, so it takes rows in blocks: a block
    whose every record plainly passes every rule is taken at once (``_ContactRows.block``),
    any other row by row (``_ContactRows.each``), where a record that plainly passes is
    still taken in one step and any other goes through ``_contact``, which holds the rules
    and says why a record fails.
    """
    with csv_rows(data) as rows:
        header = next(filter(_is_record, rows), None)
        reader = _ContactRows(_columns(None if header is None else (1, header)), taken)
        number = 0  # the header is not a record
        for block in iter(lambda: list(islice(rows, _BLOCK)), []):
            if reader.known and reader.block(block, number):
                number += len(block)
            else:
                number = reader.each(block, number)


_BLOCK = 256  # rows: a bad row sends its block row by row, so a few bad rows cost little


def _objects_pattern(possessive: bool) -> re.Pattern[str]:
    """One JSON object a ``\\x00``-separated part, of the plainest kind: string keys; string,
    number, true, false or null values. A control character ends a JSON text, so the parts
    are the objects; anything else (nesting, NaN, spaces around) is judged alone.

    ``possessive`` (Python 3.11 on) makes every run and repeat keep what it took: each is
    followed by what it cannot match (a string's run by a quote or a backslash, a number's
    digits by no digit, spaces by no space, a repeat by what does not begin it), so giving
    back characters never finds a match and the engine is spared trying. The language is the
    same (a test holds the two to it); a block is checked five times faster.
    """
    p = "+" if possessive else ""
    string = rf'"[^"\\\x00-\x1f]*{p}(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{{4}})[^"\\\x00-\x1f]*{p})*{p}"'
    number = rf"-?{p}(?:0|[1-9][0-9]*{p})(?:\.[0-9]+{p})?{p}(?:[eE][+-]?{p}[0-9]+{p})?{p}"
    value = rf"(?:{string}|{number}|true|false|null)"
    space = rf"[ \t\n\r]*{p}"
    member = rf"{string}{space}:{space}{value}{space}"
    one = rf"\{{{space}(?:{member}(?:,{space}{member})*{p})?{p}\}}"
    return re.compile(rf"{one}(?:\x00{one})*{p}")


_OBJECTS = _objects_pattern(POSSESSIVE)


class _ContactRows:
    """How one contact CSV's data rows are taken: its columns, and what its rows share."""

    def __init__(self, columns: _Columns, taken: _Taken) -> None:
        self.columns = columns
        self.taken = taken
        target = taken.target
        # the fast paths: PUT, into a list that has every topic the file names
        self.known = taken.action == "PUT" and all(t in target.topics for _, t in columns.topics)
        self.pick = _picker([i for i, _ in columns.topics])
        # rows with the same preferences share one
        self.preferences: dict[Any, Topics] = {}

    def block(self, rows: list[list[str]], number: int) -> bool:
        """Take ``rows`` (records ``number + 1`` on) at once, if every one plainly passes:
        the right width, an address in lower case, a flag as most files write it, a plain
        JSON object or nothing, known topics with valid statuses. Each check reads a whole
        column at once; ``False`` (nothing taken) if any row needs a closer look."""
        columns, n = self.columns, len(rows)
        if set(map(len, rows)) != {columns.width}:
            return False
        emails = list(map(operator.itemgetter(columns.email), rows))
        lines = "\n".join(emails)
        if lines.count("\n") != n - 1 or not EMAILS.fullmatch(lines) or lines != lines.lower():
            return False  # malformed, or a domain to lower-case, or a line break in one
        flags: Iterator[bool] | repeat[bool] = repeat(False)
        if columns.unsubscribe is not None:
            written = list(map(operator.itemgetter(columns.unsubscribe), rows))
            if not _FLAGS.issuperset(written):
                return False
            flags = map("true".__eq__, written)
        attributes: list[str | None] | repeat[None] = repeat(None)
        if columns.attributes is not None:
            given = list(map(operator.itemgetter(columns.attributes), rows))
            present = list(filter(None, given))
            objects = "\x00".join(present)
            if present and (
                objects.count("\x00") != len(present) - 1 or not _OBJECTS.fullmatch(objects)
            ):
                return False
            attributes = given if len(present) == n else [text or None for text in given]
        chosen, preferences = list(map(self.pick, rows)), self.preferences
        if not preferences.keys() >= set(chosen):  # preferences not seen before in this file
            for row, key in zip(rows, chosen, strict=True):
                if key not in preferences:
                    made = _preferences(row, columns.topics)
                    if made is None:
                        return False
                    preferences[key] = made
        topics = list(map(preferences.__getitem__, chosen))
        numbers = range(number + 1, number + 1 + n)
        records = zip(numbers, emails, topics, flags, attributes, strict=False)  # some repeat
        self.taken.records.extend(records)
        return True

    def each(self, rows: list[list[str]], number: int) -> int:
        """Take ``rows`` one by one (records ``number + 1`` on); the last record's number."""
        columns, taken, preferences = self.columns, self.taken, self.preferences
        width, email, unsubscribe, attributes = (
            columns.width,
            columns.email,
            columns.unsubscribe,
            columns.attributes,
        )
        known, pick, topic_columns = self.known, self.pick, columns.topics
        keep = taken.records.append
        fullmatch = EMAIL.fullmatch
        scan = json_scanner()
        for row in rows:
            if known and len(row) == width:
                number += 1
                match = fullmatch(row[email])
                flag = "false" if unsubscribe is None else row[unsubscribe]
                given = "" if attributes is None else row[attributes]
                if match is not None and flag in _FLAGS:
                    if given:  # _is_json_object's common case, inlined
                        try:
                            value, end = scan(given, 0) if given[0] == "{" else (None, 0)
                        except (StopIteration, ValueError):
                            value, end = None, 0
                        if (end != len(given) or type(value) is not dict) and not (
                            is_json_object(given)  # the full check for what is unusual
                        ):
                            taken.take(number, row, _csv_fields(row, columns))
                            continue
                    chosen = pick(row)
                    topics = preferences.get(chosen)
                    if topics is None:
                        topics = _preferences(row, topic_columns)
                        if topics is not None:
                            preferences[chosen] = topics
                    if topics is not None:
                        address = row[email]
                        if not address.islower():  # else its domain is lower-case already
                            address = match[1] + match[2].lower()
                        keep((number, address, topics, flag == "true", given or None))
                        continue
                taken.take(number, row, _csv_fields(row, columns))
            elif not is_blank(row):
                number += 1
                taken.take(number, row, _csv_fields(row, columns))
        return number


def _picker(positions: list[int]) -> Callable[[list[str]], Any]:
    """The fields at ``positions`` of a row, as one hashable value."""
    if not positions:
        return lambda row: ()
    return operator.itemgetter(*positions)


def _preferences(row: list[str], topic_columns: tuple[tuple[int, str], ...]) -> Topics | None:
    """The row's explicit topic preferences; ``None`` when a status is not one of SES's."""
    topics: dict[str, str] = {}
    for i, topic in topic_columns:
        status = row[i]
        if status:
            if status not in STATUSES:
                return None
            topics[topic] = status
    return tuple(topics.items())


def _is_record(row: list[str]) -> bool:
    return not is_blank(row)


def _boolean(text: str) -> bool | str:
    lowered = text.strip().lower()
    if lowered in ("", "false"):
        return False
    return True if lowered == "true" else text


def _contact(number: int, fields: Fields, action: str, target: ContactList) -> ContactRecord:
    """The checked record; ``ValueError`` with why it fails."""
    email, unsubscribe, attributes, preferences = fields
    if not isinstance(email, str):
        raise ValueError("emailAddress must be a JSON string.")
    address = normalize_email(email)
    if action == "DELETE":
        if not target.exists(address):
            raise ValueError(f"{address} doesn't exist in List.")
        return (number, address, (), False, None)
    if unsubscribe is not False and unsubscribe is not True:
        raise ValueError("unsubscribeAll must be true or false.")
    if attributes is not None:
        if not isinstance(attributes, str):
            raise ValueError("attributesData must be a JSON string.")
        check_attributes(attributes, "attributesData")
    if not isinstance(preferences, list):
        raise ValueError("topicPreferences must be a JSON array.")
    chosen: dict[str, str] = {}
    for i, preference in enumerate(preferences, start=1):
        if preference is None:
            raise ValueError("Each topic preference must be a JSON object.")
        topic, status = preference
        if status not in STATUSES:
            rule = f"Member must satisfy enum value set: [{', '.join(reversed(STATUSES))}]"
            path = f"topicPreferences.{i}.member.subscriptionStatus"
            raise ValueError(validation_message([Violation(path, status, rule)]))
        if not isinstance(topic, str) or topic not in target.topics:
            raise ValueError(f"List: {target.name} doesn't contain Topic: {topic}")
        chosen[topic] = status
    return (number, address, tuple(chosen.items()), unsubscribe, attributes)
