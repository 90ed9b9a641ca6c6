"""Readers shared by the imports that read data: RFC 4180 CSV and newline-delimited JSON.

Both take the object's bytes and yield records with the record's 1-based number
among the non-blank records (what a failed-records file points at). A UTF-8 byte order mark
is skipped; blank lines are not records.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import json
from collections.abc import Iterator
from typing import Any

__all__ = ["MalformedData", "bulk", "csv_records", "json_records"]


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import reads or applies many records.

    Reading 100,000 records makes some 500,000 objects, none in a reference cycle; with the
    collector on, it scans the growing heap again and again and the read costs about twice as
    much. The collector is restored as it was (left off if the caller had turned it off);
    the objects made meanwhile are collected as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class MalformedData(ValueError):
    """The object as a whole cannot be read (an import that reads it fails as a job)."""


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise MalformedData(
            f"The file is not UTF-8 text: {err.reason} at byte {err.start}."
        ) from err


_BLANK: tuple[list[str], ...] = (
    [],
    [""],
)  # a blank line, or one holding an empty field alone: not a record


def csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """RFC 4180 rows: quoted fields may hold commas, quotes (``""``) and line breaks."""
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
    try:
        yield from enumerate(itertools.filterfalse(_BLANK.__contains__, reader), 1)
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
