"""The coach in the window: findings as you type, the Coach dock, tree badges."""
