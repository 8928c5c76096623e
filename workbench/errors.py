"""Domain errors shared by the pure layers and the services.

Views, the CLI and the API map these to a flash message, an exit code or an HTTP status.
"""


class WorkbenchError(Exception):
    """Base class: the message is meant for the person who caused it."""


class InputRejected(WorkbenchError):
    """Input that cannot become an article: empty, binary, undecodable, too large, no text."""


class UnsafeURL(WorkbenchError):
    """A URL the workbench refuses to fetch (scheme, or an address on the server's own network)."""


class FetchFailed(WorkbenchError):
    """A fetch that was allowed but did not produce a usable response."""


class NotFound(WorkbenchError):
    """A record the caller named does not exist."""


class StorageFull(WorkbenchError):
    """The disk that holds snapshot files has no space left; nothing was stored."""
