"""Fixtures the services tests share."""

from __future__ import annotations

import pytest

from okrdesk.services.plan import PlanService
from tests.builders import Prepared, prepare_meetings_plan


@pytest.fixture
def prepared(plan: PlanService) -> Prepared:
    """A plan one closed meeting into a cycle, with something of each kind to talk about."""
    return prepare_meetings_plan(plan)
