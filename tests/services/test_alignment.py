"""The alignment diagram's data: whom each mission serves (issue 23)."""

from __future__ import annotations

from datetime import date

from okrdesk.services.alignment import build_alignment, default_cycle
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService

TODAY = date(2026, 5, 20)


def test_a_mission_node_names_every_stakeholder_it_serves(plan: PlanService) -> None:
    fill_demo(plan, TODAY)
    cycle = default_cycle(plan, TODAY)
    assert cycle is not None
    alignment = build_alignment(plan, cycle.id, TODAY)
    missions = [n for n in alignment.nodes.values() if n.kind == "mission"]
    served = {n.title: n.serves for n in missions}
    fast = next(t for t in served if t.startswith("Make month-end reports fast"))
    assert served[fast] == ("Customers", "Colleagues")
    assert all(n.serves == () for n in alignment.nodes.values() if n.kind != "mission")
