"""Exceptions of the gazetteer package."""


class GazetteerError(Exception):
    """Root of the gazetteer's exceptions."""


class GazetteerDataError(GazetteerError, ValueError):
    """A bundled or user-supplied data file is missing or malformed."""
