"""Readers shared by the imports that read data: RFC 4180 CSV and newline-delimited JSON.

Both take the object's bytes and yield records with the record's 1-based number
among the non-blank records (what a failed-records file points at). A UTF-8 byte order mark
is skipped; blank lines are not records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

__all__ = ["MalformedData", "csv_records", "json_records"]


class MalformedData(ValueError):
    """The object as a whole cannot be read (an import that reads it fails as a job)."""


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise MalformedData(
            f"The file is not UTF-8 text: {err.reason} at byte {err.start}."
        ) from err


def csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """RFC 4180 rows: quoted fields may hold commas, quotes (``""``) and line breaks."""
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
    number = 0
    try:
        for row in reader:
            if not row or row == [""]:
                continue
            number += 1
            yield number, row
    except csv.Error as err:
        raise MalformedData(f"Malformed CSV: {err} (line {reader.line_num}).") from err


def json_records(data: bytes) -> Iterator[tuple[int, str, Any]]:
    """``(number, line, value)``: one JSON value a line; a line that is not JSON has a
    ``ValueError`` for its value."""
    number = 0
    for line in _text(data).splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            yield number, line, json.loads(line)
        except ValueError as err:
            yield number, line, ValueError(f"Malformed JSON: {err}.")
