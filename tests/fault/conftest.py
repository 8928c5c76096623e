"""A private PostgreSQL server that a fault test may stop and start: its own data
directory and port, never the shared server on 5432 that other tests use."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SHARED_PORT = 5432
TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivatePostgres:
    """initdb, pg_ctl start/stop on a free port; ``url`` names database ``workbench``."""

    def __init__(self, bin_dir: Path, as_user: list[str], owner: tuple[int, int] | None) -> None:
        self.bin_dir = bin_dir
        self.as_user = as_user
        self.port = free_port()
        assert self.port != SHARED_PORT
        self.data = Path(tempfile.mkdtemp(prefix="workbench-fault-pg-"))
        if owner is not None:
            os.chown(self.data, *owner)
        self.log = self.data / "server.log"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/workbench"

    def _run(self, tool: str, *args: str) -> None:
        command = [*self.as_user, str(self.bin_dir / tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT + 10)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {done.stdout}{done.stderr}{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return "\n" + self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def init(self) -> None:
        self._run(
            "initdb",
            *("-D", str(self.data / "db"), "-U", "postgres", "--auth=trust"),
            *("--no-sync", "--encoding=UTF8", "--locale=C"),
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            *("start", "-D", str(self.data / "db"), "-l", str(self.log)),
            *("-w", "-t", str(TIMEOUT), "-o", options),
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "stop", "-D", str(self.data / "db"), "-m", mode, "-w")

    def create_database(self) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
            autocommit=True,
            connect_timeout=10,
        ) as conn:
            conn.execute("CREATE DATABASE workbench")

    def remove(self) -> None:
        """Stop the server however it is (even half-started) and delete its files."""
        try:
            self.stop("immediate")
        except (RuntimeError, subprocess.TimeoutExpired):
            self._kill_postmaster()
        shutil.rmtree(self.data, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        """The server this test started, by the pid in its own data directory."""
        try:
            pid = int((self.data / "db" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _bin_dir() -> Path | None:
    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=version)
    return found[-1].parent if found else None


@pytest.fixture(scope="module")
def private_postgres():
    """A running private PostgreSQL with an empty database ``workbench``.

    initdb refuses to run as root, so as root the server runs as the ``postgres``
    OS user (``runuser``); anyone else runs it as themselves."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    as_user, owner = [], None
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and runuser is missing to run initdb as 'postgres'")
        as_user, owner = ["runuser", "-u", "postgres", "--"], (entry.pw_uid, entry.pw_gid)
    server = PrivatePostgres(bin_dir, as_user, owner)
    try:
        server.init()
        server.start()
        server.create_database()
        yield server
    finally:
        server.remove()
