"""The object store imports read their input from, and moto's S3 behind it."""

from __future__ import annotations

import copy
import pickle

import pytest

from fakeimports import FakeCloudTrail, FakeRegistry, FakeSESv2, ObjectStore, mock_imports


def test_put_get_list_delete() -> None:
    store = ObjectStore()
    store.put("s3://b/a/1.csv", "text in")
    store.put("s3://b/a/2.csv", b"bytes in")
    store.put("s3://other/x", bytearray(b"z"))
    assert store.get("s3://b/a/1.csv") == b"text in"  # bytes out
    assert store.list("s3://b/a/") == ["s3://b/a/1.csv", "s3://b/a/2.csv"]
    assert len(store) == 3 and "s3://other/x" in store and next(iter(store)) == "s3://b/a/1.csv"
    store.delete("s3://b/a/1.csv")
    store.delete("s3://b/nothing")  # absent: nothing happens
    with pytest.raises(KeyError, match=r"no object at s3://b/a/1\.csv"):
        store.get("s3://b/a/1.csv")
    with pytest.raises(ValueError, match="s3://bucket/key"):
        store.put("https://b/k", "x")
    with pytest.raises(ValueError, match="names a bucket"):
        store.put("s3:///k", "x")
    with pytest.raises(TypeError, match="bytes or text"):
        store.put("s3://b/k", 3)  # type: ignore[arg-type]
    twin = copy.deepcopy(store)
    twin.put("s3://b/new", "x")
    assert "s3://b/new" not in store and pickle.loads(pickle.dumps(store)).list() == store.list()


def test_fakes_read_from_their_store_or_their_blocks() -> None:
    mine = ObjectStore()
    assert FakeSESv2(objects=mine).objects is mine
    assert isinstance(FakeCloudTrail().objects, ObjectStore)  # a store of its own
    registry = FakeRegistry()
    assert registry.sesv2().objects is registry.objects is registry.cloudtrail("eu-west-1").objects
    with mock_imports(objects=mine) as fakes:
        assert fakes.objects is mine and fakes.mgn().objects is mine


def test_moto_s3_stands_behind_the_store() -> None:
    moto = pytest.importorskip("moto")
    import boto3

    store = ObjectStore()
    store.put("s3://both/k", "from the store")
    assert store.read("s3://imports/k", "123456789012") is None  # moto is off
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="imports")
        s3.put_object(Bucket="imports", Key="k", Body=b"from moto")
        s3.create_bucket(Bucket="both")
        s3.put_object(Bucket="both", Key="k", Body=b"from moto too")
        assert store.read("s3://imports/k", "123456789012") == b"from moto"
        assert store.read("s3://both/k", "123456789012") == b"from the store"  # store first
        assert store.read("s3://imports/missing", "123456789012") is None
        assert store.read("s3://no-bucket/k", "123456789012") is None
