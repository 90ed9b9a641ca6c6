"""A fake's answer as AWS sends it on the wire, and botocore's parser over it.

A served client is normally answered before the wire, with the fake's parsed dict (fast);
this module writes the same answer in the service's protocol (``json`` for CloudTrail,
``rest-json`` for SES v2, MGN and Lex V2) — the HTTP status, headers and JSON body AWS would
send — so that:

* a client whose parser is customised (the AWS CLI keeps timestamps as sent) sees, through
  its own parser, exactly what it would see from AWS;
* the contract suite can prove that the fast answer equals what botocore's real parser makes
  of the wire body, for every operation and error.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

__all__ = ["DECLARED_BOTOCORE", "http_response", "known", "parse", "to_wire"]

# The botocore whose service models the fakes' declarations follow (the test extra pins it).
# A client of another botocore gets what its own parser would keep of AWS's answer: only the
# members its model knows (``known``).
DECLARED_BOTOCORE = "1.44.5"


def known(value: Any, shape: Any) -> Any:
    """``value`` with only the members ``shape`` (a botocore shape) knows, recursively: what
    a client of an older model parses out of an answer holding newer members."""
    if shape is None:
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        members = shape.members
        return {name: known(item, members[name]) for name, item in value.items() if name in members}
    if kind == "list" and isinstance(value, list):
        return [known(item, shape.member) for item in value]
    if kind == "map" and isinstance(value, dict):
        return {key: known(item, shape.value) for key, item in value.items()}
    return value


def to_wire(value: Any, shape: Any) -> Any:
    """``value`` (as a parsed response holds it) as the JSON body carries it, per ``shape``."""
    if value is None or shape is None:
        return value
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, member in shape.members.items():
            if name in value and not member.serialization.get("location"):
                wire_name = member.serialization.get("name", name)
                out[wire_name] = to_wire(value[name], member)
        return out
    if kind == "list":
        return [to_wire(item, shape.member) for item in value]
    if kind == "map":
        return {key: to_wire(item, shape.value) for key, item in value.items()}
    if kind == "timestamp":
        return _timestamp(value, shape.serialization.get("timestampFormat", "unixTimestamp"))
    if kind == "blob":
        data = value.encode() if isinstance(value, str) else bytes(value)
        return base64.b64encode(data).decode()
    return value


def _timestamp(value: datetime, form: str) -> Any:
    if form == "iso8601":
        return value.isoformat()
    if form == "rfc822":
        from email.utils import format_datetime

        return format_datetime(value, usegmt=True)
    return value.timestamp()  # epoch seconds, with the milliseconds as a fraction


def http_response(parsed: dict[str, Any], operation: Any) -> dict[str, Any]:
    """The HTTP response (``status_code``, ``headers``, ``body``) behind a parsed answer."""
    meta = parsed["ResponseMetadata"]
    headers = dict(meta["HTTPHeaders"])
    protocol = operation.service_model.metadata["protocol"]
    if "Error" in parsed:
        error = parsed["Error"]
        shape = _error_shape(operation.service_model, error["Code"])
        body: dict[str, Any] = {}
        if protocol == "json":
            body["__type"] = error["Code"]
        else:
            headers.setdefault("x-amzn-errortype", error["Code"])
        body["message"] = error["Message"]
        members = {k: v for k, v in parsed.items() if k not in ("Error", "ResponseMetadata")}
        if shape is not None:
            for name, member in shape.members.items():
                if name in members and member.serialization.get("location") == "header":
                    headers[member.serialization["name"]] = str(members.pop(name))
            body.update(to_wire(members, shape))
        else:
            body.update(members)
    else:
        body = to_wire(
            {k: v for k, v in parsed.items() if k != "ResponseMetadata"}, operation.output_shape
        )
    return {
        "status_code": meta["HTTPStatusCode"],
        "headers": headers,
        "body": json.dumps(body).encode(),
    }


def _error_shape(service_model: Any, code: str) -> Any:
    for shape in service_model.error_shapes:
        if shape.error_code == code:
            return shape
    return None


def parse(http: dict[str, Any], operation: Any, parser: Any = None) -> dict[str, Any]:
    """What ``parser`` (botocore's default for the protocol unless given) makes of ``http``."""
    if parser is None:
        from botocore.parsers import create_parser

        parser = create_parser(operation.service_model.metadata["protocol"])
    if http["status_code"] < 300:
        parsed: dict[str, Any] = parser.parse(http, operation.output_shape)
        return parsed
    parsed = parser.parse(http, None)
    # as botocore's endpoint does: the error shape's modeled members join the parsed error
    shape = operation.service_model.shape_for_error_code(parsed.get("Error", {}).get("Code"))
    if shape is not None:
        parsed.update(parser.parse(http, shape))
    return parsed
