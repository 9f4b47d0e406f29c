"""Growth notes on milestones, the learning journal and the growth summary."""
