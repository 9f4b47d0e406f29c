"""One-on-ones: the meeting page, its PDF and review mode."""
