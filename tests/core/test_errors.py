"""Errors in both layers, with and without botocore."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from fakeimports import (
    FakeCloudTrail,
)


def test_exceptions_are_botocore_client_errors(ct: FakeCloudTrail) -> None:
    from botocore.exceptions import ClientError

    assert issubclass(ct.exceptions.ImportNotFoundException, ClientError)
    assert ct.exceptions.ClientError is ClientError
    assert (
        FakeCloudTrail.exceptions.ImportNotFoundException is ct.exceptions.ImportNotFoundException
    )
    with pytest.raises(AttributeError):
        _ = ct.exceptions.NotAnError


NO_BOTOCORE = textwrap.dedent(
    """
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "botocore" or name.startswith("botocore.") or name == "boto3":
                raise ImportError("botocore is not installed")
    sys.meta_path.insert(0, Block())
    import fakeimports
    ct = fakeimports.FakeCloudTrail()
    try:
        ct.get_import(ImportId="a" * 36)
    except ct.exceptions.ImportNotFoundException as e:
        assert e.response["Error"]["Code"] == "ImportNotFoundException", e.response
        assert isinstance(e, ct.exceptions.ClientError)
        assert e.operation_name == "GetImport"
        assert str(e).startswith("An error occurred (ImportNotFoundException) when calling")
    try:
        ct.get_import()
    except Exception as e:
        assert type(e).__name__ == "ParamValidationError"
        assert 'Missing required parameter in input: "ImportId"' in str(e)
    assert "botocore" not in sys.modules
    print("ok")
    """
)


def test_works_without_botocore() -> None:
    out = subprocess.run([sys.executable, "-c", NO_BOTOCORE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_does_not_load_botocore() -> None:
    code = "import sys, fakeimports; print('botocore' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
