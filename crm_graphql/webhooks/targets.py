"""Where webhooks may go: public addresses only, unless the operator allows private
networks (`CRM_WEBHOOK_PRIVATE_NETWORKS=1`; development mode allows them too).

A server that POSTs to an admin-given URL reaches what only it can reach: its loopback,
a cloud's metadata service (169.254.169.254), databases and consoles on the private
network. So a URL is checked when it is registered (an address in it, or a name that
resolves) and again at every delivery, whose request then goes to the very address that
was checked (the URL's host stays in the `Host` header and TLS's server name), so a name
that resolves elsewhere a moment later (DNS rebinding) changes nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..config import Settings


class PrivateAddress(Exception):
    """The URL's host is, or resolves to, an address webhooks may not go to."""


@dataclass(frozen=True)
class Target:
    """Where one delivery goes: `url` with the checked address for its host, and the
    request's `headers` and httpx `extensions` that keep the host's name (`Host`, and TLS's
    server name, which the certificate is checked against)."""

    url: str
    headers: dict
    extensions: dict


def allows_private(settings: Settings) -> bool:
    return settings.webhook_private_networks or settings.development


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _all_public(host: str, found: list[str]) -> None:
    for address in found:
        if not is_public(address):
            named = host if host == address else f"{host} ({address})"
            raise PrivateAddress(f"{named} is not a public address: webhooks go to public addresses only "
                                 "(CRM_WEBHOOK_PRIVATE_NETWORKS=1 lets them reach private networks)")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (itself, if it is one)."""
    if _is_address(host):
        return [host]
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


async def check(url: str, settings: Settings) -> None:
    """At registration: refuse a URL whose host is, or resolves to, a private address. A
    name that does not resolve now is accepted; each delivery checks again."""
    if allows_private(settings):
        return
    parts = urlsplit(url)
    try:
        found = await addresses(parts.hostname, parts.port or _default_port(parts.scheme))
    except OSError:
        return
    _all_public(parts.hostname, found)


async def resolve(url: str, settings: Settings) -> Target:
    """At delivery: the URL with its host replaced by an address it resolves to, every one of
    which is public (IPv4 first). Raises `PrivateAddress`, or OSError when the name does not
    resolve. Where private networks are allowed, the URL as it is."""
    if allows_private(settings):
        return Target(url, {}, {})
    parts = urlsplit(url)
    host = parts.hostname
    found = await addresses(host, parts.port or _default_port(parts.scheme))
    _all_public(host, found)
    if _is_address(host):
        return Target(url, {}, {})
    address = min(found, key=lambda a: ":" in a)
    literal = f"[{address}]" if ":" in address else address
    port = "" if parts.port is None else f":{parts.port}"
    userinfo = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return Target(urlunsplit(parts._replace(netloc=f"{userinfo}{literal}{port}")),
                  {"Host": f"{host}{port}"}, {"sni_hostname": host})


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
