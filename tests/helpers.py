"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import json
import shutil

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As Debian's Chromium runs here: headless, and no background traffic to the network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def cli_json(result):
    """The JSON a successful CLI command printed."""
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
