"""One module or package per capability, each installing itself through the Shell seam
(``features.base``). Features never import one another, nor the main window."""
