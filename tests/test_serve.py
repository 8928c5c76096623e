"""`workbench serve` as `make run` starts it (the app and a worker, stopped together), its
refusal of the development secret key, and gunicorn serving the production entry."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

KEY = "0123456789abcdef" * 4
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _env(app, **settings) -> dict[str, str]:
    """This environment without any WORKBENCH_* setting of the caller's, on the test's
    database and instance folder."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")},
        "WORKBENCH_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "WORKBENCH_INSTANCE_PATH": app.instance_path,
        **settings,
    }


def _get(url: str, seconds: float = 30) -> tuple[int, str, dict]:
    """Status, body and headers of the first answer within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_serve_answers_and_takes_its_worker_down_on_sigterm(app, tmp_path):
    port = _free_port()
    # As `make run` starts it: development, so the development key is allowed.
    env = _env(app, WORKBENCH_ENV="development")
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


def test_serve_refuses_the_development_key_outside_development(app):
    port = _free_port()
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "serve", "--no-worker", "--port", str(port)],
        env=_env(app),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "error: not serving: WORKBENCH_SECRET_KEY is the public development key" in done.stderr
    assert "WORKBENCH_ENV=development or `serve --dev`" in done.stderr
    assert "workbench running" not in done.stdout and not _answers(port)


def test_serve_dev_says_which_key_signs_sessions(app):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--dev", "--no-worker", "--port", str(port)],
        env=_env(app),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert _get(f"http://127.0.0.1:{port}/login")[0] == 200
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=15)
    assert out.startswith("development: sessions are signed with the public development key")


def test_gunicorn_serves_the_production_entry(app):
    port = _free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "--workers", "1", "--bind", f"127.0.0.1:{port}", "workbench.wsgi:app"],
        env=_env(app, WORKBENCH_SECRET_KEY=KEY),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, body, headers = _get(f"http://127.0.0.1:{port}/login", seconds=60)
        assert status == 200 and "Log in" in body
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "Secure" not in headers["Set-Cookie"], (
            "plain http on 127.0.0.1 keeps a usable cookie"
        )
    finally:
        server.send_signal(signal.SIGINT)
        _, log = server.communicate(timeout=30)
    assert server.returncode == 0, log
    assert "WORKBENCH_SECRET_KEY" not in log, "a real key gives no warning"


def test_gunicorn_stops_instead_of_serving_the_development_key(app):
    port = _free_port()
    done = subprocess.run(
        [str(GUNICORN), "--workers", "2", "--bind", f"127.0.0.1:{port}", "workbench.wsgi:app"],
        env=_env(app),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0, "gunicorn gives up instead of booting workers forever"
    assert "not serving: WORKBENCH_SECRET_KEY is the public development key" in done.stderr
    assert "Worker failed to boot" in done.stderr
