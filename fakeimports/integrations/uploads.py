"""HTTP uploads to a fake's pre-signed URLs, received in-process while a block is open.

Lex V2 imports are uploaded with a plain HTTP PUT to the ``uploadUrl`` that
``create_upload_url`` returned — usually with ``requests``, which sends through urllib3. While
a ``mock_imports()`` block is open, urllib3's ``HTTPConnectionPool.urlopen`` answers a PUT to
such a URL from the fake that issued it, with S3's answers (200; 403 ``Request has expired``
after five minutes of the fake's clock). Every other request goes on untouched after one
host comparison. ``urllib.request`` (``http.client``) is not intercepted: upload with
``requests`` or urllib3, or hand the bytes to ``control.upload``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

_HOST = re.compile(r"lex-import-([a-z0-9-]+)\.s3\.\1\.amazonaws\.com")
_PATH = re.compile(r"/([0-9]{12})/([0-9A-Za-z]{10})(?:\?.*)?")
_ORIGINAL: dict[str, Any] = {}


def install(find: Callable[[str, str], Any]) -> None:
    """Answer uploads with ``find(region, account)`` (the fake for them, or ``None``)."""
    try:
        from urllib3.connectionpool import HTTPConnectionPool
    except ImportError:  # pragma: no cover - urllib3 comes with botocore
        return
    urlopen = HTTPConnectionPool.urlopen
    _ORIGINAL["urlopen"] = urlopen

    @functools.wraps(urlopen)
    def received(self: Any, method: str, url: str, body: Any = None, *args: Any, **kw: Any) -> Any:
        host = self.host
        if method == "PUT" and host.startswith("lex-import-"):
            answer = _receive(find, host, url, body)
            if answer is not None:
                return answer
        return urlopen(self, method, url, body, *args, **kw)

    HTTPConnectionPool.urlopen = received  # type: ignore[method-assign]


def remove() -> None:
    original = _ORIGINAL.pop("urlopen", None)
    if original is not None:
        from urllib3.connectionpool import HTTPConnectionPool

        HTTPConnectionPool.urlopen = original  # type: ignore[method-assign]


def _receive(find: Callable[[str, str], Any], host: str, url: str, body: Any) -> Any:
    """S3's answer to an upload, or ``None`` when no fake issued this URL."""
    import io

    from urllib3.response import HTTPResponse

    target = url
    if "://" in target:  # an absolute URL: keep its path
        target = "/" + target.split("://", 1)[1].partition("/")[2]
    where, path = _HOST.fullmatch(host), _PATH.fullmatch(target)
    if where is None or path is None:
        return None
    fake = find(where[1], path[1])
    if fake is None:
        return None
    status, code, message = fake._receive_upload(path[2], _bytes(body))
    payload = b""
    headers = {"x-amz-request-id": "FAKEIMPORTS", "Content-Length": "0"}
    if status != 200:
        payload = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
        ).encode()
        headers.update({"Content-Type": "application/xml", "Content-Length": str(len(payload))})
    else:
        headers["ETag"] = '"fakeimports"'

    return HTTPResponse(
        body=io.BytesIO(payload),
        headers=headers,
        status=status,
        reason="OK" if status == 200 else "Forbidden",
        preload_content=False,
        decode_content=False,
        request_method="PUT",
        request_url=url,
    )


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode()
    if hasattr(body, "read"):
        data = body.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    return b"".join(part.encode() if isinstance(part, str) else bytes(part) for part in body)
