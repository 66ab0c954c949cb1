"""Who may do what: the bearer token that guards writes, and where the server may listen.

With ``SAIDWHAT_TOKEN`` set, ``POST /api/ingest`` needs ``Authorization: Bearer
<token>``; without it, the server listens on loopback only, so nobody else can write
to the store (or use the pipeline) through it.
"""
from __future__ import annotations

import hmac
import ipaddress
import os
from typing import Optional

from ..errors import ServiceError

#: The environment variable holding the token that guards writes.
TOKEN_VARIABLE = "SAIDWHAT_TOKEN"


def env_token() -> Optional[str]:
    """The token of ``SAIDWHAT_TOKEN``, None when unset or empty."""
    return os.environ.get(TOKEN_VARIABLE) or None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host.strip("[]").lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: Optional[str]) -> None:
    """A ServiceError unless ``host`` is loopback or a token guards the writes."""
    if not is_loopback(host) and not token:
        raise ServiceError(f"refusing to listen on {host} without a token: set {TOKEN_VARIABLE} "
                           "(clients then send Authorization: Bearer TOKEN to ingest), or listen on 127.0.0.1")


def token_matches(header: Optional[str], token: Optional[str]) -> bool:
    """Whether an ``Authorization`` header carries ``token`` (any header when no token is set)."""
    if not token:
        return True
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
