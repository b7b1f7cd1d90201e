"""Domain exceptions. The library raises these; only the CLI turns them into messages."""


class EventwireError(Exception):
    """Base class for every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input file or record could not be read. The message names the file (and line)."""


class DictionaryError(EventwireError):
    """A knowledge file (patterns, actors, gazetteer, tables) is malformed.

    The message has the form ``file:line: what is wrong``.
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple:
        # Picklable across processes (Dask workers, spaCy n_process) with its message intact.
        return (DictionaryError, (self.path, self.line, self.problem))


class StoreError(EventwireError):
    """The DuckDB store could not be opened or written. The message says how to fix it."""


class OutputError(EventwireError):
    """An output (``--out``, an export file, a format) cannot be written. The message names it."""
