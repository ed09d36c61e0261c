"""notes-site: a static-site generator for bilingual research-paper digests kept as Hugo content."""

__version__ = "0.1.0"
"""The version (``pyproject.toml`` reads it from here)."""
