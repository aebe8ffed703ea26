"""The one error type the library raises on bad input or bad data."""


class EstimatorError(ValueError):
    """A clear, user-facing problem: bad input, unknown id, or an invalid data table.

    ``message`` says what is wrong in one line; ``hint`` says what to do instead.
    """

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class DataError(EstimatorError):
    """A data table failed validation: names the file, row and column."""
