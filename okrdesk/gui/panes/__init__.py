"""The main window's panes (tree, editor, chart) and what they are made of. They know the
core, never a feature."""
