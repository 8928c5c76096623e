"""The load benchmark's clients, in a process of their own: N threads, each a logged-in
reviewer with a requests.Session, going round the routes for a fixed time, pausing
between requests for a random time around the plan's ``think`` seconds (0 for none).

    python bench/load_client.py PLAN.json RESULT.json

PLAN.json is written by bench/load.py. With ``"mode": "floor"`` every thread asks the
hello page instead. RESULT.json gets, per route, the latency of each request started
in the measured window and its errors, and every verdict the server accepted (warm-up
included), so that the review events can be counted against them.
"""

from __future__ import annotations

import json
import random
import re
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import requests

CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
STATES = ("unchecked", "in_progress", "has_disputes", "ready", "checked")
# What a verdict says, in turn, so that each one changes the claim's status.
VERDICTS = (
    {"status": "verified", "note": "Matches the figures in the cited release."},
    {"status": "disputed", "note": "The release gives a different number."},
    {"status": "unsupported", "reason": "no_source"},
    {"status": "pending"},
)
TIMEOUT = 30
MAX_SAMPLES = 5


@dataclass
class Tally:
    """What one thread saw; merged into the result at the end."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    accepted: list[list] = field(default_factory=list)

    def error(self, route: str, what: str) -> None:
        self.errors[route] += 1
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append(f"{route}: {what}")


class Client:
    """One reviewer: a session, an API token and claims no other client touches."""

    def __init__(self, plan: dict, index: int, window: tuple[float, float]) -> None:
        self.plan, self.index = plan, index
        self.base = plan["base_url"]
        self.rng = random.Random(1000 + index)
        self.window = window
        self.think = plan.get("think", 0)
        self.tally = Tally()
        self.session = requests.Session()
        self.token = plan["tokens"][index] if plan.get("tokens") else ""
        self.csrf = ""
        own = [c for c in plan.get("claims", []) if c[0] % plan["clients"] == index]
        # claim id -> [version, status]; long articles' claims are decided on the page.
        self.web_claims = {c[0]: [c[1], c[2]] for c in own if c[3]}
        self.api_claims = {c[0]: [c[1], c[2]] for c in own if not c[3]}

    def log_in(self) -> None:
        page = self.session.get(f"{self.base}/login", timeout=TIMEOUT)
        token = CSRF.search(page.text).group(1)
        answer = self.session.post(
            f"{self.base}/login",
            data={
                "csrf_token": token,
                "username": self.plan["usernames"][self.index],
                "password": self.plan["password"],
            },
            timeout=TIMEOUT,
        )
        found = CSRF.search(answer.text)
        if answer.status_code != 200 or "Log out" not in answer.text or not found:
            raise RuntimeError(f"login failed: {answer.status_code}")
        self.csrf = found.group(1)

    def run(self, deadline: float) -> None:
        routes = ROUTES_FLOOR if self.plan["mode"] == "floor" else ROUTES_APP
        turn = self.rng.randrange(len(routes))
        while time.perf_counter() < deadline:
            name, method = routes[turn % len(routes)]
            turn += 1
            started = time.perf_counter()
            try:
                what = method(self)
            except requests.RequestException as error:
                what = f"{type(error).__name__}: {error}"
            elapsed = time.perf_counter() - started
            if not self.window[0] <= started < self.window[1]:
                continue
            self.tally.latencies[name].append(elapsed)
            if what:
                self.tally.error(name, what)
            if self.think:
                time.sleep(self.rng.uniform(0, 2 * self.think))

    def _get(self, path: str, **kwargs) -> str:
        answer = self.session.get(f"{self.base}{path}", timeout=TIMEOUT, **kwargs)
        return "" if answer.status_code == 200 else f"HTTP {answer.status_code} {path}"

    def hello(self) -> str:
        return self._get("/")

    def dashboard_filtered(self) -> str:
        params: dict = {"page": self.rng.choice((1, 1, 2, 3))}
        pick = self.rng.randrange(3)
        if pick in (0, 2):
            params["state"] = self.rng.choice(STATES)
        if pick in (1, 2):
            params["language"] = self.rng.choice(self.plan["languages"])
        return self._get("/", params=params)

    def dashboard_search(self) -> str:
        params = {"q": self.rng.choice(self.plan["search_terms"])}
        if self.rng.random() < 0.3:
            params["language"] = self.rng.choice(self.plan["languages"])
        if self.rng.random() < 0.3:
            params["state"] = self.rng.choice(STATES)
        return self._get("/", params=params)

    def review_page(self) -> str:
        return self._get(f"/articles/{self.rng.choice(self.plan['long_articles'])}")

    def api_article(self) -> str:
        article = self.rng.randint(1, self.plan["articles"])
        return self._get(
            f"/api/v1/articles/{article}", headers={"Authorization": f"Bearer {self.token}"}
        )

    def verdict_api(self) -> str:
        claim_id, state, body = self._next_verdict(self.api_claims)
        answer = self.session.patch(
            f"{self.base}/api/v1/claims/{claim_id}",
            json={"version": state[0], **body},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=TIMEOUT,
        )
        return self._decided(claim_id, state, body, answer, "api")

    def verdict_web(self) -> str:
        claim_id, state, body = self._next_verdict(self.web_claims)
        answer = self.session.post(
            f"{self.base}/claims/{claim_id}/verdict",
            data={"csrf_token": self.csrf, "version": state[0], **body},
            headers={"Accept": "application/json", "X-CSRFToken": self.csrf},
            timeout=TIMEOUT,
        )
        return self._decided(claim_id, state, body, answer, "web")

    def _next_verdict(self, claims: dict) -> tuple[int, list, dict]:
        claim_id = self.rng.choice(list(claims))
        state = claims[claim_id]
        body = next(v for v in self.rng.sample(VERDICTS, len(VERDICTS)) if v["status"] != state[1])
        return claim_id, state, body

    def _decided(self, claim_id, state, body, answer, via) -> str:
        if answer.status_code != 200:
            return f"HTTP {answer.status_code} verdict on claim {claim_id}: {answer.text[:200]}"
        claim = answer.json()["claim"]
        if claim["version"] != state[0] + 1 or claim["status"] != body["status"]:
            return f"verdict on claim {claim_id} answered {claim}"
        self.tally.accepted.append([claim_id, body["status"], via])
        state[0], state[1] = claim["version"], claim["status"]
        return ""


ROUTES_FLOOR = [("hello (floor)", Client.hello)]
ROUTES_APP = [
    ("dashboard, filtered", Client.dashboard_filtered),
    ("dashboard, searched", Client.dashboard_search),
    ("review page, 200 claims", Client.review_page),
    ("API article read", Client.api_article),
    ("verdict, API", Client.verdict_api),
    ("verdict, web form", Client.verdict_web),
]


def main() -> int:
    plan = json.loads(open(sys.argv[1], encoding="utf-8").read())
    n = plan["clients"]
    start = time.perf_counter() + 0.5
    window = (start + plan["warmup"], start + plan["warmup"] + plan["seconds"])
    clients = [Client(plan, i, window) for i in range(n)]
    if plan["mode"] != "floor":
        logins = [threading.Thread(target=c.log_in) for c in clients]
        for t in logins:
            t.start()
        for t in logins:
            t.join()
        if any(not c.csrf for c in clients):
            print("a client could not log in", file=sys.stderr)
            return 1
        start = time.perf_counter() + 0.2
        window = (start + plan["warmup"], start + plan["warmup"] + plan["seconds"])
        for c in clients:
            c.window = window
    threads = [threading.Thread(target=c.run, args=(window[1],)) for c in clients]
    for t in threads:
        t.start()
    # The benchmark counts the servers' CPU time from these two lines.
    time.sleep(max(0.0, window[0] - time.perf_counter()))
    print("measuring", flush=True)
    for t in threads:
        t.join()
    print("done", flush=True)
    result: dict = {
        "seconds": plan["seconds"],
        "routes": {},
        "samples": [],
        "accepted": [],
    }
    for c in clients:
        for route, values in c.tally.latencies.items():
            entry = result["routes"].setdefault(route, {"latencies": [], "errors": 0})
            entry["latencies"].extend(values)
            entry["errors"] += c.tally.errors.get(route, 0)
        result["samples"].extend(c.tally.samples)
        result["accepted"].extend(c.tally.accepted)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(result, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
