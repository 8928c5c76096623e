"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import json


def cli_json(result):
    """The JSON a successful CLI command printed."""
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
