"""The security suite's ledger: every attack a test makes is counted, and one that gets
through fails its test (after the others in it were tried) and is named at the end of
the run: "security suite: N attacks tried in M tests, none got through".

A test wraps each attempt in ``with attack("ssrf", "import form http://127.1/"):``;
an assertion (or any error) inside is the attack getting through."""

from __future__ import annotations

import ipaddress
import socket
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pytest
from web.conftest import live_url, page, sign_in  # noqa: F401  (the browser fixtures)

_LEDGER = pytest.StashKey["Ledger"]()


@dataclass
class Ledger:
    """What the whole run tried, by kind, and what got through."""

    tried: Counter = field(default_factory=Counter)
    through: list[str] = field(default_factory=list)


class Attacks:
    """One test's attempts; ``failures`` fail the test when it returns."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.failures: list[str] = []

    def __call__(self, kind: str, label: str) -> _Attempt:
        return _Attempt(self, kind, label)


class _Attempt:
    def __init__(self, attacks: Attacks, kind: str, label: str):
        self.attacks, self.kind, self.label = attacks, kind, label

    def __enter__(self) -> None:
        self.attacks.ledger.tried[self.kind] += 1

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None or not isinstance(error, Exception):
            return False
        said = str(error).splitlines()[0] if str(error) else ""
        message = f"{self.kind}: {self.label}: {type(error).__name__}: {said}"[:400]
        self.attacks.failures.append(message)
        self.attacks.ledger.through.append(message)
        return True  # try the test's other attacks; the test fails when it returns


@pytest.fixture
def attack(request) -> Attacks:
    ledger = request.config.stash.setdefault(_LEDGER, Ledger())
    return Attacks(ledger)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    attacks = getattr(item, "funcargs", {}).get("attack")
    if attacks is not None and attacks.failures:
        listed = "\n  ".join(attacks.failures)
        raise AssertionError(f"{len(attacks.failures)} attacks got through:\n  {listed}")
    return result


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    ledger = config.stash.get(_LEDGER, None) or Ledger()
    stats = terminalreporter.stats
    ran = {
        report.nodeid
        for key in ("passed", "failed", "error")
        for report in stats.get(key, [])
        if "security" in getattr(report, "keywords", {})
    }
    if not ran and not ledger.tried:
        return
    failed = sorted(
        {
            report.nodeid
            for key in ("failed", "error")
            for report in stats.get(key, [])
            if "security" in getattr(report, "keywords", {})
        }
    )
    total = sum(ledger.tried.values())
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(ledger.tried.items()))
    head = f"security suite: {total} attacks tried ({kinds}) in {len(ran)} tests"
    if not ledger.through and not failed:
        terminalreporter.write_line(f"{head}, none got through")
        return
    terminalreporter.write_line(
        f"{head}: {len(ledger.through)} attacks got through, {len(failed)} tests failed"
    )
    for line in ledger.through:
        terminalreporter.write_line(f"  through: {line}")
    for nodeid in failed:
        terminalreporter.write_line(f"  failed: {nodeid}")


@dataclass
class Wire:
    """Every outgoing connection and name lookup made while a test runs."""

    connects: list[object] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.connects.clear()
        self.lookups.clear()


# What a hostile DNS server answers for these names.
HOSTILE_NAMES = {
    "loopback.test": "127.0.0.1",
    "metadata.test": "169.254.169.254",
    "private.test": "10.0.0.7",
}


@pytest.fixture
def wire(monkeypatch) -> Wire:
    """Record every connect and lookup; the root conftest still stops any that leaves
    the machine. Lookups are answered as a resolver would without asking anyone:
    ``HOSTILE_NAMES`` with their addresses, an address in any Unicode spelling with
    itself (as the system resolver reads it), localhost as usual, any other name "no
    such name"."""
    seen = Wire()
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def recording_connect(sock, address):
        seen.connects.append(address)
        return connect(sock, address)

    def resolve(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        seen.lookups.append(name)
        folded = unicodedata.normalize("NFKC", name).rstrip(".").lower()
        if folded in HOSTILE_NAMES:
            address = HOSTILE_NAMES[folded]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        try:
            ipaddress.ip_address(folded.strip("[]").split("%")[0])
        except ValueError:
            if folded != "localhost":
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            return getaddrinfo(host, port, *args, **kwargs)
        return getaddrinfo(folded, port, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return seen
