"""What a response's security headers must say: a Content-Security-Policy that lets no
injected script run (nothing inline, no eval, no other origin) and no site frame the
page, nosniff, a referrer policy that keeps addresses on this site, no framing."""

from __future__ import annotations

REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
# Sources that would let an injected script run.
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:"}


def policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as directive -> sources."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives.setdefault(name.lower(), sources)
    return directives


def header_problems(response) -> list[str]:
    """What is missing or unsafe in a response's security headers."""
    headers = response.headers
    found = []
    csp = headers.get("Content-Security-Policy")
    if not csp:
        return ["no Content-Security-Policy"]
    directives = policy(csp)
    script = directives.get("script-src", directives.get("default-src"))
    if script is None:
        found.append("no script-src or default-src")
    elif UNSAFE_SOURCES & {s.lower() for s in script}:
        found.append(f"script-src allows {sorted(UNSAFE_SOURCES & set(script))}")
    if directives.get("frame-ancestors") != ["'none'"]:
        found.append(f"frame-ancestors {directives.get('frame-ancestors')}")
    if directives.get("object-src", directives.get("default-src")) != ["'none'"]:
        found.append("plugins allowed (object-src)")
    if "base-uri" not in directives:
        found.append("no base-uri")
    if headers.get("X-Content-Type-Options") != "nosniff":
        found.append(f"X-Content-Type-Options {headers.get('X-Content-Type-Options')}")
    if headers.get("Referrer-Policy") not in REFERRER_POLICIES:
        found.append(f"Referrer-Policy {headers.get('Referrer-Policy')}")
    if headers.get("X-Frame-Options") != "DENY":
        found.append(f"X-Frame-Options {headers.get('X-Frame-Options')}")
    return found
