"""PDF rendering with Qt and matplotlib, over the services' data."""
