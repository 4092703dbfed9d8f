"""Failures of the local server, each carrying what the user should do next."""


class ServerError(RuntimeError):
    """A problem with the local Neo4j server; `str(err)` says what happened and what to do."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__(f"{what}\n  What to do: {todo}")
        self.what = what
        self.todo = todo
