"""Which refused tokens are guesses (queue_server/edge/token_guard.py counts them per address).

A token refused as `invalid_token` belongs to no login and to no active device. Most
are guesses; but a kiosk or board left running after its device was set `active: false`
keeps sending the token it was given, every heartbeat. That token is a real credential
that ended, like an expired login (`session_expired`, never counted): it must not block
the clinic's address.
"""

from __future__ import annotations

from .auth import hash_token
from .ports import UnitOfWork


def is_guess(uow: UnitOfWork, token: str) -> bool:
    """Whether `token` (refused as `invalid_token`) was never any device's: no device row,
    active or not, has its hash. A token replaced by another in the configuration is no
    longer known, so it counts as a guess."""
    with uow:
        return not uow.security.device_token_known(hash_token(token))
