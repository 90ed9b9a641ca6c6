"""How an MGN import reads its template and applies each row to the inventory.

The template is an RFC 4180 CSV whose header names ``mgn:`` parameters. Each data row may
speak of a wave, an application and a source server at once; the rules that decide what a row
does are MGN's seven (``apply``). The decisions AWS leaves open are listed in ``client.py``'s
docstring. The fake loads this module with the first row it applies (a template read, or a
control adding a resource), like the other services' readers.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

import attrs

from ...core.described import described
from ...core.shapes import LazyRegex
from .models import ACCOUNT, ID_PATTERNS, KINDS, SERVER, Inventory, Kind, Resource

RESET = "[RESET_VALUE]"  # a cell that clears a property
DELETE_TAG = "[DELETE_TAG]"  # a tag cell that removes the tag
MAX_TAGS = 50


# Columns an export writes that an import does not take (read-only state): ignored.
READ_ONLY = frozenset(
    {"mgn:server:lifecycle-state", "mgn:server:replication-type", "mgn:server:replication-state"}
)

_NAME = LazyRegex(r"[^\s\x00]( *[^\s\x00])*")  # names and user-provided ids
_DESCRIPTION = LazyRegex(r"[^\x00]*")


class TemplateError(ValueError):
    """The template as a whole cannot be read: the task fails."""


@described
@attrs.define(slots=True, repr=False, eq=False)
class TemplateRow:
    """One data row: its 1-based number (the header is not counted) and its cells."""

    number: int
    cells: list[str]


@described
@attrs.frozen(repr=False, eq=False)
class Header:
    """Where each parameter sits: ``(column, kind or None, field)`` for every taken column.

    ``field`` is ``id``, a property, ``tag:<key>``, or ``account-id``/``region`` (kind None).
    ``groups`` holds the same by kind, in the order rows are applied (what each row reads).
    """

    width: int
    columns: tuple[tuple[int, str | None, str], ...]
    groups: tuple[tuple[Kind, int | None, tuple[tuple[int, str], ...]], ...] = attrs.field(
        init=False
    )
    scope: tuple[tuple[int, str], ...] = attrs.field(init=False)
    # per group, the row's cells about that kind, as one hashable value (``Tally.seen``)
    pickers: tuple[Callable[[list[str]], Any], ...] = attrs.field(init=False)

    @groups.default
    def _groups(self) -> tuple[tuple[Kind, int | None, tuple[tuple[int, str], ...]], ...]:
        grouped = []
        for kind in KINDS.values():
            mine = [(column, field) for column, name, field in self.columns if name == kind.name]
            id_column = next((column for column, field in mine if field == "id"), None)
            fields = tuple((column, field) for column, field in mine if field != "id")
            if mine:
                grouped.append((kind, id_column, fields))
        return tuple(grouped)

    @pickers.default
    def _pickers(self) -> tuple[Callable[[list[str]], Any], ...]:
        def picker(id_column: int | None, fields: tuple[tuple[int, str], ...]) -> Any:
            columns = [c for c, _ in fields] + ([] if id_column is None else [id_column])
            return operator.itemgetter(*columns, *columns[:1])  # always a tuple (2+ items)

        return tuple(picker(id_column, fields) for _, id_column, fields in self.groups)

    @scope.default
    def _scope(self) -> tuple[tuple[int, str], ...]:
        return tuple((column, field) for column, name, field in self.columns if name is None)


def read_template(data: bytes) -> tuple[Header, list[TemplateRow]]:
    """The header and the data rows; ``TemplateError`` if the file can't be taken."""
    from ...core.records import MalformedData, csv_records  # with the first template read

    try:
        rows = csv_records(data)
        first = next(rows, None)
        if first is None:
            raise TemplateError("The import file is empty.")
        header = parse_header(first[1])
        return header, [TemplateRow(number - 1, cells) for number, cells in rows]
    except MalformedData as err:
        raise TemplateError(str(err)) from err


def parse_header(names: list[str]) -> Header:
    """The columns a header names; ``TemplateError`` if it names no MGN parameter."""
    columns: list[tuple[int, str | None, str]] = []
    for i, raw in enumerate(names):
        name = raw.strip()
        if name in ("mgn:account-id", "mgn:region"):
            columns.append((i, None, name[4:]))
            continue
        if name in READ_ONLY:
            continue
        if name.startswith("mgn:launch:") and len(name) > len("mgn:launch:"):
            columns.append((i, "server", name[4:]))  # launch settings belong to the server
            continue
        namespace, _, field = name[4:].partition(":") if name.startswith("mgn:") else ("", "", "")
        kind = KINDS.get(namespace)
        if kind is None:
            continue  # not an MGN parameter (the documented list is not exhaustive)
        if field == "id" or field in kind.properties or field.startswith("tag:"):
            columns.append((i, kind.name, field))
    if not any(kind is not None for _, kind, _ in columns):
        raise TemplateError(
            "The import file has no mgn: parameter columns (mgn:server:user-provided-id, "
            "mgn:app:name, mgn:wave:name, ...) in its header row."
        )
    return Header(len(names), tuple(columns))


# --- what a row says, and the rules -------------------------------------------------------


@described
@attrs.define(repr=False, eq=False)
class Mention:
    """What one row says about one resource: its id, its other fields, and where it is."""

    kind: Kind
    given_id: str | None = None
    fields: dict[str, str] = attrs.field(factory=dict)  # property or tag:<key> -> cell
    resource: Any = None  # the resource it resolves to (None: one to create)
    repeated: bool = False  # said before, cell for cell, by a row this import took
    raw: tuple[Any, ...] = ()  # its cells as the row gives them (``Tally.seen``'s key)

    @property
    def alt(self) -> str | None:
        return self.fields.get(self.kind.alt)


Ids = Mapping[str, str]  # the ids a row concerns, for its error's errorData


class RowError(ValueError):
    """A row the rules reject: MGN's ``VALIDATION_ERROR``, with the ids it concerns."""

    def __init__(self, message: str, **ids: str) -> None:
        super().__init__(message)
        self.ids = ids


def mentions(
    header: Header, row: TemplateRow, tally: Tally
) -> tuple[dict[str, Mention], dict[str, str]]:
    """The row's resources by kind, and its row-level parameters (account, Region). A cell
    is taken as written; one that is empty or all whitespace is blank.

    A kind's cells exactly as an earlier row of this import gave them, about a resource
    unchanged since, make a repeated mention at once (``Tally.seen``): templates repeat a
    wave or an application on many rows.
    """
    cells = row.cells
    if len(cells) != header.width:
        raise RowError(f"Expected {header.width} columns but found {len(cells)}.")
    scope = {field: v for column, field in header.scope if (v := cells[column]) and not v.isspace()}
    found: dict[str, Mention] = {}
    for (kind, id_column, fields), picker in zip(header.groups, header.pickers, strict=True):
        raw = (kind.name, picker(cells))
        seen = tally.seen.get(raw)
        if seen is not None and seen[0].version == seen[1]:
            found[kind.name] = Mention(kind, resource=seen[0], repeated=True)
            continue
        given_id = None if id_column is None else cells[id_column]
        if given_id is not None and (not given_id or given_id.isspace()):
            given_id = None
        values = {field: v for column, field in fields if (v := cells[column]) and not v.isspace()}
        if given_id is not None or values:
            found[kind.name] = Mention(kind, given_id, values, raw=raw)
    return found, scope


def check_mention(mention: Mention) -> None:
    """The model's constraints and rule 2, for what the row gives (not yet resolved)."""
    kind = mention.kind
    if mention.given_id is not None and not ID_PATTERNS[kind.id_member].fullmatch(mention.given_id):
        raise RowError(
            f"mgn:{kind.name}:id {mention.given_id} is not a valid {kind.noun} ID "
            f"({kind.prefix} and 17 letters or digits)."
        )
    if mention.given_id is None and mention.alt is None:
        given = next(iter(mention.fields))
        raise RowError(
            f"The row gives mgn:{_column(kind, given)} but no mgn:{kind.name}:id or "
            f"mgn:{kind.name}:{kind.alt} to identify the {kind.noun}."
        )
    for field, value in mention.fields.items():
        if field == kind.alt and value == RESET:
            raise RowError(f"mgn:{kind.name}:{kind.alt} can't be reset.")
        if value in (RESET, DELETE_TAG):
            if value == DELETE_TAG and not field.startswith("tag:"):
                raise RowError(
                    f"{DELETE_TAG} applies to tag columns, not mgn:{_column(kind, field)}."
                )
            continue
        _check_value(kind, field, value)


def _check_value(kind: Kind, field: str, value: str) -> None:
    if field in ("name", "user-provided-id"):
        if len(value) > 256 or not _NAME.fullmatch(value):
            raise RowError(
                f"mgn:{_column(kind, field)} {value!r} must be 1 to 256 characters, without "
                "leading, trailing or repeated whitespace other than single spaces."
            )
    elif field == "description":
        if len(value) > 600 or not _DESCRIPTION.fullmatch(value):
            raise RowError(f"mgn:{_column(kind, field)} must be at most 600 characters.")
    elif len(value) > 256 or (field[:4] == "tag:" and len(field) > 260):
        # tags (keys too), fqdn-for-action-framework, platform, launch settings
        raise RowError(
            f"mgn:{_column(kind, field)}: values and tag keys are at most 256 characters."
        )


def _column(kind: Kind, field: str) -> str:
    return field if field.startswith("launch:") else f"{kind.name}:{field}"


def check_scope(scope: Mapping[str, str], account_id: str, region: str) -> None:
    """``mgn:account-id`` must be the caller's (no managed accounts are modeled) and
    ``mgn:region`` the fake's Region; blank means those."""
    account = scope.get("account-id")
    if account is not None and account != account_id:
        ids = {"accountID": account} if ACCOUNT.fullmatch(account) else {}
        raise RowError(
            f"Account {account} is not managed by the calling account {account_id}.", **ids
        )
    given = scope.get("region")
    if given is not None and given != region:
        raise RowError(f"mgn:region {given} is not the Region of this import ({region}).")


def changes(
    mention: Mention, current: Mapping[str, str], tags: Mapping[str, str]
) -> Iterator[tuple[str, str | None]]:
    """``(field, new value or None to remove)`` for what the row would change."""
    for field, value in mention.fields.items():
        if field.startswith("tag:"):
            key = field[4:]
            if value == DELETE_TAG:
                if key in tags:
                    yield field, None
            elif tags.get(key) != value:
                yield field, value
        elif value == RESET:
            if field in current:
                yield field, None
        elif current.get(field) != value:
            yield field, value


def tag_count(tags: Mapping[str, str], updates: list[tuple[str, str | None]]) -> int:
    merged: dict[str, Any] = dict(tags)
    for field, value in updates:
        if field.startswith("tag:"):
            if value is None:
                merged.pop(field[4:], None)
            else:
                merged[field[4:]] = value
    return len(merged)


def row_error(err: RowError, number: int, extra: Mapping[str, str]) -> dict[str, Any]:
    """The ``ImportTaskError`` of a rejected row."""
    data: dict[str, Any] = {**extra, **err.ids, "rowNumber": number, "rawError": str(err)}
    return {"errorType": "VALIDATION_ERROR", "errorData": data}


def _no_sets() -> dict[str, set[str]]:
    return {name: set() for name in KINDS}


@described
@attrs.define(repr=False, eq=False)
class Tally:
    """What one import did so far: resources it created or modified, and what each row set
    (rule 7: a later row may not say otherwise)."""

    created: dict[str, set[str]] = attrs.field(factory=_no_sets)
    modified: dict[str, set[str]] = attrs.field(factory=_no_sets)
    claims: dict[tuple[str, str], tuple[str, int]] = attrs.field(factory=dict)
    # Mentions a taken row made, by their cells: (the resource, its version after that row).
    # The same cells again, the resource unchanged since, pass every rule and change
    # nothing, so they skip them: templates repeat a wave or application on many rows.
    seen: dict[tuple[Any, ...], tuple[Resource, int]] = attrs.field(factory=dict)

    def check(self, resource: Resource, field: str, value: str, row: int, ids: Ids) -> None:
        """Rule 7: rows about one resource may differ, but must not conflict."""
        claim = self.claims.get((resource.resource_id, field))
        if claim is not None and claim[0] != value:
            kind = resource.kind
            column = "its association" if field == "parent" else f"mgn:{_column(kind, field)}"
            raise RowError(
                f"Row {row} conflicts with row {claim[1]} about {kind.noun} "
                f"{resource.resource_id}: {column} differs.",
                **ids,
            )

    def summary(self) -> dict[str, dict[str, int]]:
        """``ImportTaskSummary``: each resource counted once, as created or as modified."""
        return {
            plural: {
                "createdCount": len(self.created[name]),
                "modifiedCount": len(self.modified[name] - self.created[name]),
            }
            for plural, name in (("waves", "wave"), ("applications", "app"), ("servers", "server"))
        }


MAX_SERVERS_PER_APPLICATION = 200  # documented


def apply(
    inventory: Inventory,
    header: Header,
    row: TemplateRow,
    tally: Tally,
    *,
    at: datetime,
    scope: tuple[str, str],
) -> dict[str, Resource]:
    """Apply one row to ``inventory``, or raise ``RowError`` and change nothing."""
    found, given = mentions(header, row, tally)
    check_scope(given, *scope)
    ids: dict[str, str] = {}
    for mention in found.values():
        if mention.repeated:  # the same cells as an earlier row: see ``mentions``
            ids[mention.kind.id_member] = mention.resource.resource_id
            continue
        check_mention(mention)
        _resolve(inventory, mention, ids)
    updates = {name: _updates(m, row.number, tally, ids) for name, m in found.items()}
    ties = _ties(inventory, found, row.number, tally, ids)
    with_updates = [(mention, updates[name]) for name, mention in found.items()]
    return _commit(inventory, with_updates, ties, tally, number=row.number, at=at)


def _resolve(inventory: Inventory, mention: Mention, ids: dict[str, str]) -> None:
    kind = mention.kind
    alt = mention.alt
    if mention.given_id is None:
        assert alt is not None
        mention.resource = inventory.lookup(kind, alt)
        if mention.resource is not None:
            ids[kind.id_member] = mention.resource.resource_id
        return
    ids[kind.id_member] = mention.given_id
    resource = inventory.by_id.get(mention.given_id)
    if resource is None or resource.kind is not kind:
        raise RowError(f"{kind.noun.capitalize()} {mention.given_id} was not found.", **ids)
    mention.resource = resource
    if alt is None or resource.properties.get(kind.alt) == alt:
        return
    if not kind.fold and kind.alt in resource.properties:
        raise RowError(
            f"mgn:{kind.name}:{kind.alt} of {resource.resource_id} can't be modified once set.",
            **ids,
        )
    other = inventory.lookup(kind, alt)
    if other is not None and other is not resource:
        raise RowError(
            f"A {kind.noun} with mgn:{kind.name}:{kind.alt} {alt} already exists "
            f"({other.resource_id}).",
            **ids,
        )


def _updates(
    mention: Mention, number: int, tally: Tally, ids: Mapping[str, str]
) -> list[tuple[str, str | None]]:
    resource = mention.resource
    if mention.repeated:
        return []
    if resource is None:
        updates = [(f, None if v in (RESET, DELETE_TAG) else v) for f, v in mention.fields.items()]
        tags: Mapping[str, str] = {}
    else:
        if mention.given_id is None:  # found by it: the identifier is no change
            del mention.fields[mention.kind.alt]
        for field, value in mention.fields.items():
            tally.check(resource, field, value, number, ids)
        updates = list(changes(mention, resource.properties, resource.tags))
        tags = resource.tags
    # each update adds at most one tag: count them only when the bound may be passed
    if len(tags) + len(updates) > MAX_TAGS and tag_count(tags, updates) > MAX_TAGS:
        raise RowError(f"A {mention.kind.noun} has at most {MAX_TAGS} tags.", **ids)
    return updates


def _ties(
    inventory: Inventory,
    found: Mapping[str, Mention],
    number: int,
    tally: Tally,
    ids: Mapping[str, str],
) -> list[tuple[Mention, Mention]]:
    """Rule: one row ties a server to its application and an application to its wave."""
    ties = []
    for child in found.values():
        parent = None if child.kind.parent is None else found.get(child.kind.parent)
        if parent is None:
            continue
        target = "new" if parent.resource is None else parent.resource.resource_id
        if child.resource is not None:
            tally.check(child.resource, "parent", target, number, ids)
        if (
            child.kind is SERVER
            and parent.resource is not None
            and (child.resource is None or child.resource.parent != target)
            and inventory.children.get(target, 0) >= MAX_SERVERS_PER_APPLICATION
        ):
            raise RowError(
                f"Application {target} already has {MAX_SERVERS_PER_APPLICATION} source "
                "servers, the most an application can have.",
                **ids,
            )
        ties.append((child, parent))
    return ties


def _commit(
    inventory: Inventory,
    found: list[tuple[Mention, list[tuple[str, str | None]]]],
    ties: list[tuple[Mention, Mention]],
    tally: Tally,
    *,
    number: int,
    at: datetime,
) -> dict[str, Resource]:
    """Make the row's changes (checked: nothing here can fail)."""
    done: dict[str, Resource] = {}
    for mention, updates in found:
        name = mention.kind.name
        resource = mention.resource
        if mention.repeated:
            done[name] = resource
            continue
        if resource is None:
            resource = inventory.create(mention.kind, updates, at)
            tally.created[name].add(resource.resource_id)
        elif updates:
            inventory.update(resource, updates, at)
            tally.modified[name].add(resource.resource_id)
        mention.resource = done[name] = resource
        for field, value in mention.fields.items():  # the first row to say it is named
            tally.claims.setdefault((resource.resource_id, field), (value, number))
        tally.seen[mention.raw] = (resource, resource.version)
    for child, parent in ties:
        resource, target = child.resource, parent.resource.resource_id
        tally.claims.setdefault((resource.resource_id, "parent"), (target, number))
        if resource.parent != target:
            inventory.tie(resource, target)
            if resource.resource_id not in tally.created[resource.kind.name]:
                resource.modified = at
                tally.modified[resource.kind.name].add(resource.resource_id)
    return done
