"""okrdesk: personal missions, OKRs, milestones and growth notes, offline."""

__version__ = "0.1.0"
