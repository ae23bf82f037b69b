"""Errors that reach a user as one clear line, never as a traceback."""

from __future__ import annotations


class EmendoError(Exception):
    """Base class for every error emendo reports to a user."""


class InputError(EmendoError):
    """The input cannot be read as page text; the message says what to do.

    The command line prints the message on one line and exits with status 2.
    """


class MissingExtraError(EmendoError):
    """An optional part was asked for but its extra is not installed."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(
            f"{feature} needs the optional package '{module}': install it with  pip install 'emendo[{extra}]'"
        )
