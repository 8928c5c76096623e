"""Content-addressed storage of fetched and uploaded bytes, written atomically."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from workbench.errors import StorageFull

try:
    import fcntl
except ImportError:  # Windows: no flock, and abandoned temporary files stay.
    fcntl = None

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20
# A full disk and an exhausted quota read the same to the person who sent the bytes.
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
# Bytes being written wait in root/.tmp (never a blob's name). A writer holds a lock on
# its file until the rename; a file nobody holds and older than this was left by a
# writer that was killed, and the next write removes it.
_TMP = ".tmp"
_ABANDONED_AFTER = 60.0


class BlobStore:
    """Blobs under ``root/ab/cd/<sha256>``: a blob's name is the hash of its bytes.
    A crash or a kill mid-write leaves either the whole blob or none."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        """Where the blob ``sha256`` lives (whether or not it exists).

        In: 64 lowercase hex characters. Out: ``root/ab/cd/<sha256>``.
        Raises ValueError for anything else, so a hash can never name another path.
        """
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def open(self, sha256: str) -> bytes:
        """The bytes of blob ``sha256``; FileNotFoundError when it was never stored."""
        return self.path(sha256).read_bytes()

    def put(self, data: bytes) -> tuple[str, Path]:
        """Store ``data`` unless an intact copy is already there.

        In: bytes. Out: (sha256 hex, final path). The bytes go to a locked temporary
        file in ``root/.tmp``, are fsynced and then renamed over the final name. An
        error removes the temporary file; a kill leaves it unlocked, for a later write
        to remove. Raises StorageFull when the disk (or the quota) has no room.
        """
        sha256 = hashlib.sha256(data).hexdigest()
        final = self.path(sha256)
        if _intact(final, sha256, len(data)):
            return sha256, final
        try:
            self._write(data, final)
        except OSError as error:
            if error.errno in _NO_SPACE:
                raise StorageFull(
                    f"The server has no space left to store {len(data):,} bytes."
                ) from error
            raise
        return sha256, final

    def _write(self, data: bytes, final: Path) -> None:
        pending = self.root / _TMP
        pending.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(pending)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.NamedTemporaryFile(delete=False, dir=pending)
        try:
            with tmp:
                if fcntl is not None:
                    fcntl.flock(tmp.fileno(), fcntl.LOCK_EX)  # released when this process dies
                tmp.write(data)
                tmp.flush()
                os.fsync(tmp.fileno())
            # Concurrent writers of the same bytes each rename a complete copy: last one wins.
            os.replace(tmp.name, final)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
        _fsync_dir(final.parent)


def _remove_abandoned(pending: Path) -> None:
    """Remove the temporary files of killed writers: old, and locked by no one."""
    if fcntl is None:
        return
    cutoff = time.time() - _ABANDONED_AFTER
    for path in pending.iterdir():
        try:
            if path.stat().st_mtime > cutoff:
                continue
            with path.open("rb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                path.unlink()
        except OSError:
            continue  # A live writer holds it, or another writer removed it first.


def _intact(path: Path, sha256: str, size: int) -> bool:
    """Whether ``path`` holds exactly the bytes hashing to ``sha256``."""
    try:
        if path.stat().st_size != size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return False
    return digest.hexdigest() == sha256


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # The blob is complete either way; some file systems refuse directory fds.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
