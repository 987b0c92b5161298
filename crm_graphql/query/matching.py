"""Conditions that find records matching a lead, so a conversion selects them instead of
creating duplicates: people by email, accounts by name or by the domain of their website.

Conditions are on a row named `alias` and go through the Reader as filters, so the
actor's access predicate applies to them like to any list.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from .filters import escape_like
from .sql import SQL

URL_PREFIXES = ("http://", "https://", "http://www.", "https://www.")


def domain_of_website(website: str | None) -> str | None:
    """`acme.com` for `https://www.acme.com/about`."""
    if not website:
        return None
    host = (urlsplit(website if "://" in website else f"http://{website}").hostname or "").lower()
    return host.removeprefix("www.") or None


def domain_of_email(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rpartition("@")[2].strip().lower() or None


def same_email(email: str, alias: str) -> SQL:
    # Emails differ in case more often than in anything else.
    return SQL(f"lower({alias}.email) = ?", [email.strip().lower()])


def same_name_or_domain(name: str | None, domains: Iterable[str], alias: str) -> SQL | None:
    """Accounts named `name` (ignoring case) or whose website is on one of `domains`
    (`https://www.acme.com/...` is on `acme.com`)."""
    alternatives = []
    if name and name.strip():
        alternatives.append(SQL(f"lower({alias}.name) = ?", [name.strip().lower()]))
    for domain in sorted(set(domains)):
        for prefix in URL_PREFIXES:
            site = escape_like(prefix + domain)
            # The site itself, or a page or port on it.
            for pattern in (site, site + "/%", site + ":%"):
                alternatives.append(SQL(f"lower({alias}.website) LIKE ? ESCAPE '\\'", [pattern]))
    if not alternatives:
        return None
    return SQL.join(" OR ", alternatives).parens()
