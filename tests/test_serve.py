"""`workbench serve` as `make run` starts it: the app and a worker, stopped together."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_serve_answers_and_takes_its_worker_down_on_sigterm(app, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "WORKBENCH_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "WORKBENCH_INSTANCE_PATH": app.instance_path,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 30, ""
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert "Log in" in body, "every page but login needs a session"
        workers = _children(server.pid)
        assert len(workers) == 1, "serve runs one worker process beside the web server"
        server.send_signal(signal.SIGTERM)
        server.wait(15)
        time.sleep(0.5)
        assert all(
            subprocess.run(["kill", "-0", str(w)], capture_output=True).returncode != 0
            for w in workers
        )
    finally:
        if server.poll() is None:
            server.kill()
