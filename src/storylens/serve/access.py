"""Who may write: a bearer token, required whenever the server listens beyond this machine."""

from __future__ import annotations

import hmac
import ipaddress

from storylens.errors import ConfigError
from storylens.serve.errors import UnauthorizedError

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token.

    Raises:
        ConfigError: `host` is reachable from other machines and no token was given.
    """
    if not is_loopback(host) and not token:
        raise ConfigError(f"listening on {host} lets other machines write to the store", subject=host,
                          fix="give --token (or set STORYLENS_TOKEN), or listen on 127.0.0.1")


def check_authorization(header: str | None, token: str | None) -> None:
    """Allow a write when no token is configured, or when `header` is `Bearer <token>`.

    Raises:
        UnauthorizedError: the token is missing or wrong.
    """
    if not token:
        return
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise UnauthorizedError("this server needs a token to write", subject="Authorization",
                                fix="send the header `Authorization: Bearer <token>`")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise UnauthorizedError("the token is wrong", subject="Authorization",
                                fix="send the token the server was started with")
