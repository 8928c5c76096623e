"""A full disk under the snapshot store: a real, small tmpfs filled to the last byte.
A fetch records a failed snapshot that says why and is stored once space is freed; an
upload says so and saves nothing. No half-written file is left, and no snapshot row
names a blob that is not there."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.errors import StorageFull
from workbench.models import Snapshot, Source
from workbench.services import fetch_queue, snapshots
from workbench.services.dialect import insert_for
from workbench.sources.blobs import BlobStore

pytestmark = pytest.mark.fault

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Hilfen</title></head>
<body><article><h1>Soforthilfe nach dem Hochwasser</h1>
<p>Das Innenministerium kündigte am Montag eine Soforthilfe von 50 Millionen Euro an.</p>
</article></body></html>"""
FETCH_ERROR = "No space left on the server to store the page."


class SmallDisk:
    """A 256 kB tmpfs; ``fill()`` takes its last byte, ``free()`` gives it all back."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler"

    def fill(self) -> None:
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                os.write(fd, bytes(4096))
        except OSError as error:
            assert error.errno == errno.ENOSPC
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink()

    def files(self) -> list[Path]:
        """Every file but the filler: blobs, and any temporary file left behind."""
        return sorted(p for p in self.root.rglob("*") if p.is_file() and p != self.filler)


@pytest.fixture
def small_disk():
    root = Path(tempfile.mkdtemp(prefix="workbench-fault-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(root)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if mounted.returncode != 0:
        root.rmdir()
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {mounted.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", str(root)], capture_output=True, timeout=30)
        root.rmdir()


@pytest.fixture
def full_store(app, small_disk):
    """The app's snapshots on the small disk, which is full."""
    app.config["SNAPSHOT_DIR"] = str(small_disk.root)
    small_disk.fill()
    return small_disk


def _consistent(session, disk: SmallDisk) -> None:
    """Every snapshot that names a blob has it, intact; no other file is on the disk."""
    store = BlobStore(disk.root)
    named = session.scalars(select(Snapshot.sha256).where(Snapshot.sha256.isnot(None))).all()
    for sha256 in named:
        assert store.path(sha256).is_file(), f"snapshot blob {sha256} is missing"
    assert disk.files() == sorted({store.path(sha256) for sha256 in named})


def _snapshots(session) -> int:
    return session.scalar(select(func.count()).select_from(Snapshot))


def test_a_full_disk_refuses_the_blob_and_keeps_no_partial_file(small_disk):
    store = BlobStore(small_disk.root)
    small_disk.fill()
    with pytest.raises(StorageFull, match="no space left to store 2,000 bytes"):
        store.put(b"x" * 2000)
    assert small_disk.files() == []
    small_disk.free()
    sha256, path = store.put(b"x" * 2000)
    assert store.open(sha256) == b"x" * 2000 and small_disk.files() == [path]


def test_a_fetch_onto_a_full_disk_records_why_and_stores_the_page_once_space_is_freed(
    app, session, httpserver, allow, full_store
):
    httpserver.expect_request("/hilfe").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    source_id = _source(session, f"{allow(httpserver)}/hilfe")
    app.config.update(FETCH_RETRIES=0, FETCH_JOB_RETRIES=2)
    fetch_queue.request_fetch(session, [source_id])

    with pytest.raises(snapshots.RetryLater, match=FETCH_ERROR):
        snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert session.get(Source, source_id).fetch_requested_at is not None, "still wanted"
    states = session.scalars(select(Snapshot.state)).all()
    assert "fetched" not in states
    _consistent(session, full_store)

    full_store.free()
    again = snapshots.fetch_source(session, source_id, app.config, only_if_requested=True)
    assert again.state == "fetched"
    fetched = session.scalars(select(Snapshot).where(Snapshot.state == "fetched")).one()
    assert BlobStore(full_store.root).open(fetched.sha256) == PAGE.encode()
    assert "50 Millionen Euro" in fetched.text
    _consistent(session, full_store)


def test_a_fetch_whose_retries_run_out_on_a_full_disk_ends_failed(
    app, session, httpserver, allow, full_store
):
    httpserver.expect_request("/hilfe").respond_with_data(PAGE, content_type="text/html")
    source_id = _source(session, f"{allow(httpserver)}/hilfe")
    app.config.update(FETCH_RETRIES=0, FETCH_JOB_RETRIES=0)

    outcome = snapshots.fetch_source(session, source_id, app.config)
    assert (outcome.state, outcome.detail) == ("failed", FETCH_ERROR)
    [failed] = session.scalars(select(Snapshot)).all()
    assert (failed.state, failed.error, failed.sha256) == ("failed", FETCH_ERROR, None)
    source = session.get(Source, source_id)
    assert source.fetch_requested_at is None and source.fetch_started_at is None
    _consistent(session, full_store)


def _source(session, url: str = "https://example.org/hilfe") -> int:
    """A page source no claim cites (so a new snapshot of it starts no matching)."""
    session.execute(insert_for(session)(Source.__table__).values(url=url, kind="page", title=""))
    session.commit()
    return session.scalar(select(Source.id).where(Source.url == url))


def test_an_upload_onto_a_full_disk_says_so_and_saves_nothing(app, client, session, full_store):
    app.config["WTF_CSRF_ENABLED"] = False
    source_id = _source(session)
    answer = client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(PAGE.encode()), "hilfe.html")},
        content_type="multipart/form-data",
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 507
    assert f"no space left to store {len(PAGE.encode()):,} bytes" in page
    assert "Nothing was saved" in page
    pasted = client.post(
        f"/sources/{source_id}/paste",
        data={"text": "Die Soforthilfe beträgt 50 Millionen Euro."},
        headers={"Accept": "application/json"},
    )
    assert pasted.status_code == 507 and "no space left" in pasted.get_json()["error"]
    assert _snapshots(session) == 0
    _consistent(session, full_store)

    full_store.free()
    client.post(
        f"/sources/{source_id}/upload",
        data={"file": (io.BytesIO(PAGE.encode()), "hilfe.html")},
        content_type="multipart/form-data",
    )
    assert _snapshots(session) == 1
    _consistent(session, full_store)


def test_the_snapshot_command_on_a_full_disk_says_so_and_exits_1(
    app, runner, session, full_store, tmp_path
):
    source_id = _source(session)
    upload = tmp_path / "hilfe.html"
    upload.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(args=["snapshot", "add", str(source_id), str(upload)])
    assert result.exit_code == 1
    assert "error: The server has no space left to store" in result.output
    assert _snapshots(session) == 0
    _consistent(session, full_store)
