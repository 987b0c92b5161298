"""Incoming values, checked once where they enter: GraphQL scalars and inputs, export
parameters, filters sent as JSON, URL parameters, the CLI. Each function returns the
checked value or raises a `ValidationError` naming the field (`path`), so every path
refuses the same input with the same code and field.

- text: a string without NUL characters, at most `MAX_TEXT_LENGTH` characters (text
  fields with a shorter column limit keep theirs);
- integers: 32-bit, like GraphQL's `Int`;
- decimals: finite, fewer than `MAX_DIGITS` digits before the point and at most
  `MAX_DIGITS` after it (so `1e131072` is refused, not compared);
- datetimes: ISO 8601, an aware time that exists in UTC (no zone means UTC).
Global IDs are checked in `ids.py`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import ValidationError

MAX_TEXT_LENGTH = 10_000
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
MAX_DIGITS = 38


def text(value: Any, path: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"`{path}` must be a string", field=path)
    if "\x00" in value:
        raise ValidationError(f"`{path}` must not contain NUL characters", field=path)
    if len(value) > max_length:
        raise ValidationError(f"`{path}` is longer than {max_length} characters", field=path, maximum=max_length)
    return value


def string_problems(value: Any, path: str, *, skip: frozenset[str] = frozenset()) -> list[ValidationError]:
    """What `text` would refuse in any string (or object key) inside a JSON value."""
    problems: list[ValidationError] = []

    def walk(item: Any, at: str) -> None:
        if isinstance(item, str):
            try:
                text(item, at)
            except ValidationError as error:
                problems.append(error)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if at == path and key in skip:
                    continue
                walk(key, at)
                walk(inner, f"{at}.{key}" if at else str(key))
        elif isinstance(item, list):
            for index, inner in enumerate(item):
                walk(inner, f"{at}.{index}" if at else str(index))

    walk(value, path)
    return problems


def integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"`{path}` must be an integer", field=path)
    if not INT_MIN <= value <= INT_MAX:
        raise ValidationError(f"`{path}`: {value} is outside the 32-bit integer range", field=path)
    return value


def decimal(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValidationError(f"`{path}` must be a number", field=path)
    if isinstance(value, str) and len(value) > 2 * MAX_DIGITS + 8:
        raise ValidationError(f"`{path}` is not a number of at most {MAX_DIGITS} digits", field=path)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(f"`{path}`: {str(value)[:50]!r} is not a number", field=path) from None
    if not number.is_finite():
        raise ValidationError(f"`{path}` must be a finite number", field=path)
    if number and (number.adjusted() >= MAX_DIGITS or number.as_tuple().exponent < -MAX_DIGITS):
        raise ValidationError(f"`{path}`: {str(value)[:50]} is outside the range of numbers "
                              f"(at most {MAX_DIGITS} digits before and after the point)", field=path)
    return number


MAX_AMOUNT = Decimal("1e16")  # DECIMAL(18, 2) holds 16 digits before the point
CENT = Decimal("0.01")


def money(value: Any, path: str) -> Decimal:
    """An amount in cents, below `MAX_AMOUNT`. Zero has no sign ("-0.00" and "-0.001" are
    0.00): PostgreSQL's numeric has no negative zero, so a stored "-0.00" read "0.00"
    compiled and "-0.00" resolved."""
    amount = decimal(value, path)
    if abs(amount) >= MAX_AMOUNT:
        raise ValidationError(f"`{path}`: {str(value)[:50]} is not an amount below {MAX_AMOUNT:,.0f}", field=path)
    return amount.quantize(CENT) + 0


def date_(value: Any, path: str) -> date:
    if isinstance(value, datetime):
        raise ValidationError(f"`{path}` must be a date (YYYY-MM-DD), not a date and time", field=path)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(f"`{path}`: {str(value)[:50]!r} is not a date (YYYY-MM-DD)", field=path)


def datetime_utc(value: Any, path: str) -> datetime:
    """An aware datetime in UTC; a time without a zone is taken as UTC."""
    if isinstance(value, str):
        try:
            if len(value) > 40:
                raise ValueError
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"`{path}`: {value[:50]!r} is not an ISO 8601 date and time", field=path) from None
    if not isinstance(value, datetime):
        raise ValidationError(f"`{path}` must be an ISO 8601 date and time", field=path)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ValidationError(f"`{path}`: {value.isoformat()} is outside the range of dates in UTC",
                              field=path) from None
