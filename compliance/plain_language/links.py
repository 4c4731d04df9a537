"""The web addresses a record sends people to, and whether they answer.

``fetch_status`` asks one address with HEAD (GET when the server refuses HEAD), following up to
``MAX_REDIRECTS`` redirects, and never reaches the register's own network: every host is
resolved first and refused when any of its addresses is private, loopback, link-local, reserved
or multicast, unless ``settings.LINK_CHECK_ALLOW_PRIVATE`` is on; the connection then goes to
the address that was checked, so a second DNS answer cannot point it elsewhere. It is called
only from the Celery task of ``services.link_check``, never while a request is served.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS: Final = 5
MAX_URL_LENGTH: Final = 2000
_PATH_SAFE: Final = "/%:@!$&'()*+,;=-._~?"
USER_AGENT: Final = "ai-register-link-check/1 (+plain-language assistant)"
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"


@dataclass(frozen=True)
class Answer:
    """What a link check found: ``ok`` (answered with a status below 400), ``failed`` (a status
    of 400 or more, ``status_code``; or no answer, ``error``) or ``refused`` (not checked:
    ``error`` says why)."""

    status: str
    status_code: int | None = None
    error: str = ""


class Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def urls_in(text: str) -> list[str]:
    """The http(s) addresses written in a text, without the punctuation that ends a sentence."""
    return [match.group(0).rstrip(_TRAILING) for match in _URL_IN_TEXT.finditer(text or "")]


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # "http://[x": no host the check could reach
        return ""


_NAT64: Final = ipaddress.ip_network("64:ff9b::/96")
_SITE_LOCAL: Final = ipaddress.ip_network("fec0::/10")
# Ports a public web page is served on; any other is refused unless private addresses are
# allowed (an intranet register, the tests), so that the check cannot probe other services.
PUBLIC_PORTS: Final = (80, 443)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _SITE_LOCAL:
            return False
        # IPv6 addresses that carry an IPv4 one are judged by the IPv4 address inside.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """An address of ``host`` that the check may connect to; ``Refused`` otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused("unknown_host") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise Refused("unknown_host")
    if not settings.LINK_CHECK_ALLOW_PRIVATE and not all(_public(a) for a in addresses):
        raise Refused("private_address")
    return str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # a port out of range, a broken IPv6 literal
        raise Refused("not_http") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("not_http")
    if parts.username or parts.password:
        raise Refused("credentials_in_url")
    if port not in PUBLIC_PORTS and not settings.LINK_CHECK_ALLOW_PRIVATE:
        raise Refused("not_http")
    address = resolve(parts.hostname, port)
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, address, timeout)
    # Letters outside ASCII (a Cyrillic path) are sent percent-encoded, as a browser does.
    path = quote(parts.path or "/", safe=_PATH_SAFE) + (
        f"?{quote(parts.query, safe=_PATH_SAFE)}" if parts.query else ""
    )
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def fetch_status(url: str) -> Answer:
    """Whether ``url`` answers (see the module docstring for what is refused)."""
    if len(url) > MAX_URL_LENGTH:
        return Answer("refused", error="too_long")
    timeout = float(settings.LINK_CHECK_TIMEOUT)
    method = "HEAD"
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _request(url, method, timeout)
            if status in (405, 501) and method == "HEAD":
                method = "GET"
                status, location = _request(url, method, timeout)
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return Answer("ok" if status < 400 else "failed", status_code=status)
        return Answer("failed", error="too_many_redirects")
    except Refused as refused:
        # A host that does not resolve is a broken link; the other refusals are the guard's.
        status = "failed" if refused.code == "unknown_host" else "refused"
        return Answer(status, error=refused.code)
    except TimeoutError:
        return Answer("failed", error="timeout")
    except ssl.SSLError:
        return Answer("failed", error="tls")
    except (OSError, http.client.HTTPException):
        return Answer("failed", error="no_answer")
