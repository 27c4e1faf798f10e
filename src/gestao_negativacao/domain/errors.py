"""The one base of every refusal a person can act on (in the manner of Electrum's
``UserFacingException``): its message, in Portuguese, says what was refused and why, and
carries no secret. The window shows it on the screen that asked; the command line prints
it and exits with 2. Anything else is a bug or the environment's fault: the window sends it
to the crash dialog and the log, the command line says so and points to the log."""

from __future__ import annotations


class UserFacingError(Exception):
    """A refusal with a message for the person who asked."""
