"""One exception hierarchy; the CLI maps each to an exit code (library code never exits)."""

from __future__ import annotations


class WerkagendaError(Exception):
    """Base class. `exit_code` is what the CLI returns for it."""

    exit_code = 3

    def hint(self, surface: str) -> str:
        """How to fix it on `surface` ("cli" or "http"), appended to the message; often ""."""
        return ""


class InputError(WerkagendaError):
    """Bad input a person can fix: malformed Turtle, unknown query, bad parameter (exit 2)."""

    exit_code = 2


class ParameterError(InputError):
    """A named query's parameter is missing or unknown; the fix depends on where it was given."""

    def __init__(self, message: str, *, query: str, param: str | None = None) -> None:
        self.query, self.param = query, param
        super().__init__(message)

    def hint(self, surface: str) -> str:
        if surface == "http":
            given = f" Add ?{self.param}=VALUE to the URL." if self.param else ""
            return f"{given} GET /api/queries lists every query's parameters."
        given = f" Give it as -p {self.param}=VALUE." if self.param else ""
        return f"{given} `werkagenda queries {self.query}` describes them."


class UnknownQueryError(InputError):
    """No named query of that name (the message suggests close names)."""

    def hint(self, surface: str) -> str:
        return (
            " GET /api/queries lists them."
            if surface == "http"
            else " `werkagenda queries` lists them."
        )


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
