"""A process killed with SIGKILL while it writes a blob: no blob under its name, and the
bytes it left are cleaned up by a later write, never a live writer's. (A worker killed
mid-fetch, job and snapshot rows included, is tests/test_worker.py's killed-worker test.)"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.sources.blobs import BlobStore

pytestmark = pytest.mark.fault

# The writer stops where a kill hurts most: every byte written, nothing renamed yet.
WRITER = """
import os, sys, time
from workbench.sources import blobs

def stopped(fd):
    print("written", flush=True)
    time.sleep(60)

blobs.os.fsync = stopped
blobs.BlobStore(sys.argv[1]).put(b"page bytes " * 100_000)
"""
DATA = b"page bytes " * 100_000


def _killed_mid_write(root: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "written"
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(10)
        writer.stdout.close()


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_writer_killed_mid_write_leaves_no_blob_and_its_leftover_is_removed_later(tmp_path):
    store = BlobStore(tmp_path)
    _killed_mid_write(tmp_path)
    [leftover] = _files(tmp_path)
    assert leftover.parent == tmp_path / ".tmp", "never under a blob's name"

    sha256, blob = store.put(DATA)  # the fetch runs again
    assert store.open(sha256) == DATA
    assert _files(tmp_path) == sorted([leftover, blob]), "a minute's grace for slow writers"

    _age(leftover, 120)
    _, other = store.put(b"the next page")
    assert _files(tmp_path) == sorted([blob, other])


def test_a_live_writers_file_is_never_removed_however_old(tmp_path):
    store = BlobStore(tmp_path)
    (tmp_path / ".tmp").mkdir()
    writing = tmp_path / ".tmp" / "slow-writer"
    with writing.open("wb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.write(b"half a page")
        handle.flush()
        _age(writing, 3600)
        store.put(b"another page")
        assert writing.exists()
