"""Exceptions of the geomap package: one root, each also the matching built-in."""


class GeomapError(Exception):
    """Root of geomap's exceptions."""


class CorpusError(GeomapError, OSError):
    """An article could not be read (missing, unreadable, binary, undecodable)."""


class LexiconError(GeomapError, ValueError):
    """The word lists in geomap/lang/en/lexicon.toml are malformed."""


class OutputError(GeomapError, OSError):
    """An output could not be written."""


class EngineError(GeomapError, RuntimeError):
    """An engine cannot run: Dask is not installed, or its scheduler does not answer."""


class OutputBusyError(OutputError):
    """Another build is writing to the same output folder."""
