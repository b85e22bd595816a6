"""One exception hierarchy; the CLI maps each to an exit code (library code never exits)."""

from __future__ import annotations


class WerkagendaError(Exception):
    """Base class. `exit_code` is what the CLI returns for it."""

    exit_code = 3


class InputError(WerkagendaError):
    """Bad input a person can fix: malformed Turtle, unknown query, bad parameter (exit 2)."""

    exit_code = 2


class ParseError(InputError):
    """A file failed to parse; carries file, line and column."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        where = path if line is None else f"{path}:{line}:{column or 0}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Raised in build worker processes: pickle the fields, not the formatted message.
        return ParseError, (self.path, self.line, self.column, self.message)


class NonConformantError(WerkagendaError):
    """The data violates the shapes or is inconsistent (exit 1)."""

    exit_code = 1


class InternalError(WerkagendaError):
    """Something outside the user's input failed: Java missing, remote store down (exit 3)."""

    exit_code = 3


class RemoteError(InternalError):
    """A remote SPARQL endpoint was unreachable, refused us, or answered something else."""
