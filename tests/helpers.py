"""Test data and Hypothesis strategies shared by the suite (import it; never ``conftest``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import strategies as st

from fakeimports import ManualClock, mock_imports
from fakeimports.core.lifecycle import Lifecycle

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)

# A valid ImportSource for CloudTrail's start_import.
SOURCE: dict[str, Any] = {
    "S3": {
        "S3LocationUri": "s3://trail-bucket/AWSLogs/",
        "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/import",
    }
}
SES_SOURCE = {"S3Url": "s3://bucket/contacts.csv", "DataFormat": "CSV"}
MGN_SOURCE = {"s3Bucket": "migration-bucket", "s3Key": "inventory/servers.csv"}
# A small status machine for the core's own tests: A -> B -> C (success) or D (failure) -> A.
LIFE = Lifecycle(
    "job",
    {"A": frozenset({"B"}), "B": frozenset({"C", "D"}), "C": frozenset(), "D": frozenset({"A"})},
    frozenset({"C", "D"}),
    running="B",
    success="C",
    failure="D",
)
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

# Values botocore's own validator can be compared against (it reports them the same way).
plain_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5000)
    | st.floats(-1e9, 1e9)
    | st.text(max_size=40)
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

# Anything at all, at the edges: huge numbers, NaN, bytes, very long strings.
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats()
    | st.text(max_size=300)
    | st.binary(max_size=20)
    | st.datetimes()
    | st.just("x" * 70_000)
)
hostile_values = st.one_of(
    _scalars,
    _scalars,
    _scalars,
    st.recursive(
        _scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=10,
    ),
)


@functools.cache
def _client(service: str, region_name: str) -> Any:
    import boto3

    return boto3.client(service, region_name=region_name, **KEYS)


def served_client(fake: Any) -> Any:
    """A real boto3 client of the fake's service, attached to ``fake``.

    Clients are made once per service and Region and re-attached: making a botocore client
    costs tens of milliseconds, and ``attach`` replaces the previous fake.
    """
    from fakeimports import attach

    client = _client(fake.model.name, fake.region_name)
    attach(client, fake)
    return client


class ServedFake:
    """A fake whose operations go through a real, served client (the rest is the fake's)."""

    def __init__(self, client: Any, fake: Any) -> None:
        self._client = client
        self._fake = fake

    def __getattr__(self, name: str) -> Any:
        if name in self._fake._operations:
            method = getattr(self._client, name)
            model = self._client.meta.service_model
            shape = model.operation_model(self._fake._operations[name].name).input_shape

            def call(**params: Any) -> Any:  # what a client of this botocore can send
                from fakeimports.integrations.boto import _other_botocore
                from fakeimports.integrations.wire import known

                return method(**(known(params, shape) if _other_botocore() else params))

            return call
        return getattr(self._fake, name)


MOTO_ORDERS = ["moto outside", "moto inside"]


def with_moto(order: str, check: Callable[[Any], None]) -> None:
    """Run ``check(fakes)`` inside moto's ``mock_aws`` and ``mock_imports``, in ``order``."""
    moto = pytest.importorskip("moto")
    clock = ManualClock(T0)
    if order == "moto outside":
        with moto.mock_aws(), mock_imports(clock=clock) as fakes:
            check(fakes)
    else:
        with mock_imports(clock=clock) as fakes, moto.mock_aws():
            check(fakes)


def bot_archive(
    name: str = "OrderFlowers",
    locales: dict[str, int] | None = None,
    *,
    manifest: dict[str, Any] | None = None,
    extra: dict[str, bytes | str] | None = None,
    vocabulary: dict[str, list[dict[str, Any]]] | None = None,
    resource_type: str = "Bot",
) -> bytes:
    """A Lex V2 export archive, as application code builds one: ``locales`` maps each locale
    to its number of intents (each locale also gets one slot type)."""
    import io
    import json
    import zipfile

    locale_names = {"en_US": "English (US)", "fr_FR": "French (France)", "en_GB": "English (GB)"}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        meta = {"schemaVersion": "1", "fileFormat": "LexJson", "resourceType": resource_type}
        archive.writestr("manifest.json", json.dumps(manifest or {"metadata": meta}))
        bot = {
            "name": name,
            "description": f"The {name} bot",
            "dataPrivacy": {"childDirected": False},
            "idleSessionTTLInSeconds": 600,
        }
        archive.writestr(f"{name}/Bot.json", json.dumps(bot))
        for locale, intents in (locales if locales is not None else {"en_US": 2}).items():
            folder = f"{name}/BotLocales/{locale}"
            settings = {
                "name": locale_names.get(locale, locale),
                "identifier": locale,
                "voiceSettings": {"voiceId": "Joanna", "engine": "neural"},
                "nluConfidenceThreshold": 0.5,
            }
            archive.writestr(f"{folder}/BotLocale.json", json.dumps(settings))
            for i in range(intents):
                archive.writestr(
                    f"{folder}/Intents/Intent{i}/Intent.json", json.dumps({"name": f"Intent{i}"})
                )
                archive.writestr(
                    f"{folder}/Intents/Intent{i}/Slots/Size/Slot.json", json.dumps({"name": "S"})
                )
            archive.writestr(f"{folder}/SlotTypes/Sizes/SlotType.json", json.dumps({"name": "T"}))
            items = (vocabulary or {}).get(locale)
            if items is not None:
                archive.writestr(
                    f"{folder}/CustomVocabulary/CustomVocabulary.json",
                    json.dumps({"customVocabularyItems": items}),
                )
        for path, body in (extra or {}).items():
            archive.writestr(path, body)
    return buf.getvalue()


def _crc_table() -> list[int]:
    table = []
    for i in range(256):
        crc = i
        for _ in range(8):
            crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC = _crc_table()


def encrypted_zip(files: dict[str, bytes], password: bytes) -> bytes:
    """A .zip of stored entries encrypted with traditional PKWARE encryption (what "standard
    .zip" password protection writes; the standard library reads it but cannot write it)."""
    import struct
    import zlib

    def crc_byte(crc: int, byte: int) -> int:
        return (crc >> 8) ^ _CRC[(crc ^ byte) & 0xFF]

    out = bytearray()
    central = bytearray()
    for name, data in files.items():
        keys = [0x12345678, 0x23456789, 0x34567890]

        def update(byte: int, keys: list[int] = keys) -> None:
            keys[0] = crc_byte(keys[0], byte)
            keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
            keys[2] = crc_byte(keys[2], keys[1] >> 24)

        for byte in password:
            update(byte)
        crc = zlib.crc32(data)
        plain = bytes(range(11)) + bytes([crc >> 24]) + data
        cipher = bytearray()
        for byte in plain:
            temp = (keys[2] | 2) & 0xFFFF
            cipher.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            update(byte)
        encoded = name.encode()
        offset = len(out)
        fields = (1, 0, 0, 0x21, crc, len(cipher), len(data), len(encoded))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, *fields, 0) + encoded + cipher
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, *fields, 0, 0, 0, 0, 0, offset
        )
        central += encoded
    start = len(out)
    out += central
    count = len(files)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)
