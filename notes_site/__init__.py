"""notes-site: a static-site generator for bilingual research-paper digests kept as Hugo content."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("notes-site")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
