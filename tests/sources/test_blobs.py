"""The blob store: content-addressed, atomic, and closed to path tricks."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest

from workbench.sources.blobs import BlobStore


def files_under(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_put_stores_under_the_hash_and_reads_back(tmp_path):
    store = BlobStore(tmp_path)
    data = b"<html>evidence</html>"
    sha, path = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert path == tmp_path / sha[:2] / sha[2:4] / sha == store.path(sha)
    assert store.open(sha) == data
    assert files_under(tmp_path) == [path]


def test_same_bytes_twice_is_one_file_not_rewritten(tmp_path, monkeypatch):
    store = BlobStore(tmp_path)
    first = store.put(b"same bytes")
    calls = []
    monkeypatch.setattr(os, "replace", lambda *a: calls.append(a))
    assert store.put(b"same bytes") == first
    assert calls == []
    assert files_under(tmp_path) == [first[1]]


def test_a_damaged_blob_is_replaced(tmp_path):
    store = BlobStore(tmp_path)
    sha, path = store.put(b"original bytes")
    path.write_bytes(b"original byteZ")
    assert store.put(b"original bytes") == (sha, path)
    assert store.open(sha) == b"original bytes"


def test_concurrent_puts_of_the_same_bytes_leave_one_correct_file(tmp_path):
    store = BlobStore(tmp_path)
    data = os.urandom(256 * 1024)
    barrier = threading.Barrier(8)
    results, errors = [], []

    def put():
        barrier.wait()
        try:
            results.append(store.put(data))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=put) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    sha, path = results[0]
    assert files_under(tmp_path) == [path]
    assert store.open(sha) == data


def test_a_crash_before_the_rename_leaves_no_file(tmp_path, monkeypatch):
    store = BlobStore(tmp_path)

    def crash(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        store.put(b"half written")
    assert files_under(tmp_path) == []


def test_a_crash_while_writing_leaves_no_file(tmp_path, monkeypatch):
    store = BlobStore(tmp_path)

    def crash(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        store.put(b"half written")
    assert files_under(tmp_path) == []


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "../" * 21 + "etc/passwd",
        "A" * 64,
        "a" * 63,
        "a" * 65,
        "g" * 64,
        "a" * 62 + "/x",
        "a" * 64 + "\n",
        None,
        b"a" * 64,
    ],
)
def test_anything_but_64_lowercase_hex_is_refused(tmp_path, bad):
    store = BlobStore(tmp_path)
    with pytest.raises(ValueError):
        store.path(bad)
    with pytest.raises(ValueError):
        store.open(bad)


def test_missing_blob_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        BlobStore(tmp_path).open("0" * 64)
