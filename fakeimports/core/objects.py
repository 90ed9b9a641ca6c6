"""Where imports find their input objects, and where services write files back.

:class:`ObjectStore` is an in-memory store keyed by ``s3://bucket/key``. Every fake reads an
import's input from its store (``FakeSESv2(objects=store)``; a fake made without one has its
own; the fakes of one ``mock_imports()`` block share ``fakes.objects``), and, when moto's
``mock_aws`` is active and the store has no such object, from moto's S3 in the fake's account:
what the code under test wrote there with boto3.
"""

from __future__ import annotations

import builtins
import sys
import threading
from collections.abc import Iterator
from typing import Any

from .clock import Copyable

__all__ = ["ObjectStore", "active_moto", "split_url"]


def split_url(url: str) -> tuple[str, str]:
    """``s3://bucket/key`` -> ``("bucket", "key")``; ``ValueError`` for anything else."""
    if not isinstance(url, str) or not url.startswith("s3://"):
        raise ValueError(f"an object URL is s3://bucket/key, not {url!r}")
    bucket, _, key = url[5:].partition("/")
    if not bucket:
        raise ValueError(f"an object URL names a bucket: s3://bucket/key, not {url!r}")
    return bucket, key


class ObjectStore(Copyable):
    """Objects by ``s3://bucket/key``: bytes or text in (text is stored as UTF-8), bytes out.

    >>> store = ObjectStore()
    >>> store.put("s3://imports/contacts.csv", "emailAddress\\nalice@example.com\\n")
    >>> store.get("s3://imports/contacts.csv")[:12]
    b'emailAddress'
    >>> store.list("s3://imports/")
    ['s3://imports/contacts.csv']
    """

    def __init__(self) -> None:
        self._objects: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def put(self, url: str, data: bytes | bytearray | str) -> None:
        """Store ``data`` at ``url`` (replacing what was there)."""
        split_url(url)
        if isinstance(data, str):
            payload = data.encode()
        elif isinstance(data, (bytes, bytearray)):
            payload = bytes(data)
        else:
            raise TypeError(f"an object holds bytes or text, not {type(data).__name__}")
        with self._lock:
            self._objects[url] = payload

    def get(self, url: str) -> bytes:
        """The object's bytes; ``KeyError`` when the store has none at ``url``."""
        with self._lock:
            found = self._objects.get(url)
        if found is None:
            raise KeyError(f"no object at {url}")
        return found

    def list(self, prefix: str = "s3://") -> list[str]:
        """The URLs that start with ``prefix``, in order."""
        with self._lock:
            return sorted(url for url in self._objects if url.startswith(prefix))

    def delete(self, url: str) -> None:
        """Remove the object at ``url`` (nothing happens if there is none)."""
        with self._lock:
            self._objects.pop(url, None)

    def __contains__(self, url: object) -> bool:
        return url in self._objects

    def __iter__(self) -> Iterator[str]:
        return iter(self.list())

    def __len__(self) -> int:
        return len(self._objects)

    def __repr__(self) -> str:
        return f"<ObjectStore: {len(self._objects)} objects>"

    def read(self, url: str, account_id: str) -> bytes | None:
        """The object at ``url``: from this store, else from moto's S3 while ``mock_aws`` is
        active (the bucket of ``account_id``); ``None`` when neither has it."""
        with self._lock:
            found = self._objects.get(url)
        if found is not None:
            return found
        return _from_moto(url, account_id)

    def scan(self, prefix: str, account_id: str) -> builtins.list[str]:
        """The URLs under ``prefix`` (``s3://bucket/...``), in order: this store's, and while
        ``mock_aws`` is active, those of the bucket of ``account_id`` in moto's S3."""
        found = set(self.list(prefix))
        found.update(_moto_urls(prefix, account_id))
        return sorted(found)


def active_moto() -> Any:
    """moto's ``moto.core.models`` while its ``mock_aws`` is active, else ``None``.

    Looked up, never imported: a process that never imported moto has no moto to ask.
    """
    models = sys.modules.get("moto.core.models")
    if models is None or not getattr(models.botocore_stubber, "enabled", False):
        return None
    return models


def _moto_urls(prefix: str, account_id: str) -> list[str]:
    """The objects under ``prefix`` in moto's S3, if moto is on and has the bucket."""
    if active_moto() is None:
        return []
    from moto.s3.exceptions import S3ClientError
    from moto.s3.models import s3_backends

    bucket, key = split_url(prefix)
    try:
        keys = s3_backends[account_id]["aws"].get_bucket(bucket).keys
    except S3ClientError:  # no such bucket
        return []
    return [f"s3://{bucket}/{name}" for name in list(keys.keys()) if name.startswith(key)]


def _from_moto(url: str, account_id: str) -> bytes | None:
    """An object the code under test wrote into moto's S3, if moto is on and has it."""
    if active_moto() is None:
        return None
    from moto.s3.exceptions import S3ClientError
    from moto.s3.models import s3_backends

    bucket, key = split_url(url)
    try:
        found = s3_backends[account_id]["aws"].get_object(bucket, key)
    except S3ClientError:  # MissingBucket: moto has no such object
        return None
    if found is None:
        return None
    value: bytes = found.value
    return value
