"""Refuse URLs whose host is, or resolves to, an address on the server's own network."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

from workbench.errors import FetchFailed, UnsafeURL

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

Address = tuple[socket.AddressFamily, str]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# One part of an IPv4 address as inet_aton (and so getaddrinfo) reads it: 0x7f, 0177, 127.
_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_CHECKS = (
    ("is_unspecified", "an unspecified address"),
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_reserved", "a reserved address"),
    ("is_private", "a private address"),
)
# What each kind of address reaches, said after it: the reason a person needs.
_ITSELF = ("an unspecified", "a loopback")
_OWN_NETWORK = ("a link-local", "a private", "a shared")
# Names that only the server's own resolver or network answers (RFC 6761, 6762, 8375,
# and ICANN's .internal); a name without a dot is one too.
_SELF_NAMES = ("localhost",)
_LOCAL_SUFFIXES = ("local", "localdomain", "internal", "home.arpa", "lan", "intranet")


@dataclass(frozen=True)
class Target:
    """Where a URL points: scheme, host (lower case, no brackets) and port."""

    scheme: str
    host: str
    port: int

    @property
    def host_port(self) -> str:
        """The ``host:port`` form used in allow lists (``[::1]:8080`` for IPv6)."""
        return host_port(self.host, self.port)


def host_port(host: str, port: int) -> str:
    """``host:port`` with brackets around an IPv6 host: ("::1", 80) -> "[::1]:80"."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_target(url: str) -> Target:
    """Check a URL's form without any lookup: http(s) scheme, a host, a valid port.

    In: an absolute URL. Out: its Target. Raises UnsafeURL for another scheme,
    an empty host or an unparsable URL.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"{url!r} is not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise UnsafeURL(f"only http:// and https:// URLs can be fetched, not {shown} ({url!r})")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL(f"{url!r} names no host")
    return Target(scheme, host, port or DEFAULT_PORTS[scheme])


def check_url(url: str, allow_hosts: Collection[str] = frozenset()) -> list[Address]:
    """Check a URL and resolve its host once.

    In: a URL and ``host:port`` strings exempt from the address check.
    Out: the resolved (family, ip) addresses, to connect to and nowhere else.
    Raises UnsafeURL (scheme, empty host, a non-public address) or FetchFailed
    (the name does not resolve).
    """
    target = parse_target(url)
    return check_host(target.host, target.port, allow_hosts)


def check_host(host: str, port: int, allow_hosts: Collection[str] = frozenset()) -> list[Address]:
    """Resolve ``host`` once and refuse it if any address is not public.

    In: a host name or IP in any spelling, the port, the exempt ``host:port``
    strings. Out: (family, ip) addresses in resolver order. Raises UnsafeURL or
    FetchFailed as ``check_url`` does.
    """
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        raise UnsafeURL("the URL names no host")
    exempt = host_port(host, port) in allow_hosts
    literal = _literal_address(host)
    if literal is not None:
        family = socket.AF_INET if literal.version == 4 else socket.AF_INET6
        addresses = [(family, str(literal))]
    else:
        if not exempt and (why := local_name(host)):
            raise UnsafeURL(f"refusing to fetch {host}: it is {why}")
        addresses = _resolve(host, port)
    if not exempt:
        for _family, ip in addresses:
            reason = unsafe_reason(ipaddress.ip_address(ip))
            if reason:
                verb = "is" if literal is not None else "resolves to"
                raise UnsafeURL(f"refusing to fetch {host}: it {verb} {reason}, {_reach(reason)}")
    return addresses


def local_name(host: str) -> str | None:
    """Why a host name is local, or None for one the public DNS may answer.

    >>> local_name("LocalHost."), local_name("news.example")
    ('a local name for the server itself (loopback)', None)
    """
    name = host.strip("[]").rstrip(".").lower()
    if name in _SELF_NAMES or name.endswith(tuple(f".{n}" for n in _SELF_NAMES)):
        return "a local name for the server itself (loopback)"
    if "." not in name or name.endswith(tuple(f".{s}" for s in _LOCAL_SUFFIXES)):
        return "a local name on the server's own network"
    return None


def _reach(reason: str) -> str:
    """What an address of this kind reaches, in the words of the refusal."""
    if reason.startswith(_ITSELF):
        return "the server itself"
    if reason.startswith(_OWN_NETWORK):
        return "on the server's own network"
    return "not a public one"


def unsafe_reason(ip: IPAddress) -> str | None:
    """Why an address must not be fetched, or None for a public one.

    In: an IPv4 or IPv6 address. Out: e.g. "a private address 10.0.0.1",
    "a loopback address 127.0.0.1 (embedded in ::ffff:7f00:1)".
    """
    for inner in _embedded_ipv4(ip):
        reason = unsafe_reason(inner)
        if reason:
            return f"{reason} (embedded in {ip})"
    for attribute, label in _CHECKS:
        if getattr(ip, attribute):
            return f"{label} {ip}"
    if ip.version == 4 and ip in _SHARED:
        return f"a shared (carrier-grade NAT) address {ip}"
    if not ip.is_global:
        return f"an address that is not globally routable {ip}"
    return None


def _embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries: mapped, 6to4, Teredo, NAT64, compatible."""
    if ip.version != 6:
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [inner for inner in found if inner is not None]


def _literal_address(host: str) -> IPAddress | None:
    """The address a host spells directly (any inet_aton form), or None for a name."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise UnsafeURL(f"{host!r} is not a valid IPv6 address") from None
    parts = host.split(".")
    if not all(_NUMERIC_PART.match(part) for part in parts):
        return None
    # Anything all-numeric is an address to the resolver, never a name: parse it as inet_aton does.
    try:
        values = [_parse_part(part) for part in parts]
    except ValueError:
        values = []
    if not 1 <= len(values) <= 4:
        raise UnsafeURL(f"{host!r} is not a valid IPv4 address")
    *head, last = values
    if any(value > 255 for value in head) or last >= 256 ** (4 - len(head)):
        raise UnsafeURL(f"{host!r} is not a valid IPv4 address")
    number = sum(value << (8 * (3 - index)) for index, value in enumerate(head)) + last
    return ipaddress.IPv4Address(number)


def _parse_part(part: str) -> int:
    if part.startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)


def _resolve(host: str, port: int) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve {host}: {exc}") from None
    addresses: list[Address] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = (socket.AddressFamily(family), str(sockaddr[0]))
            if address not in addresses:
                addresses.append(address)
    if not addresses:
        raise FetchFailed(f"cannot resolve {host}: no IPv4 or IPv6 address")
    return addresses
