"""Fixtures for the report tests."""

from __future__ import annotations

import pytest

from okrdesk.services.plan import PlanService
from tests.report.sample_plan import build_plan


@pytest.fixture
def report_plan(plan: PlanService) -> tuple[PlanService, dict[str, str]]:
    return plan, build_plan(plan)
