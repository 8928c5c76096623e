"""The fixed report of tests/report_sample.py as a fixture."""

from __future__ import annotations

import pytest
from report_sample import sample_report

from workbench.reports.model import Report


@pytest.fixture
def report() -> Report:
    return sample_report()
