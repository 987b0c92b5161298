"""Logs as JSON lines (one object per record: time, level, logger, message, request id
and the record's fields) or as text on a terminal; `CRM_LOG_FORMAT=json|text|auto`.
`crm-graphql serve` hands `uvicorn_config` to uvicorn, which applies it in every worker."""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone

import orjson

from . import requests


class RequestId(logging.Filter):
    """Stamps each record with the id of the request it was logged in (or none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = requests.current_id()
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class Text(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        fields = getattr(record, "fields", None)
        extra = " ".join(f"{key}={value}" for key, value in (fields or {}).items())
        return " ".join(part for part in (line, f"[{request_id}]" if request_id else "", extra) if part)


def choose_format(setting: str) -> str:
    """`json` or `text`: `auto` is text on a terminal, JSON lines anywhere else."""
    if setting == "auto":
        return "text" if sys.stderr.isatty() else "json"
    return setting


def uvicorn_config(format: str, level: str = "info") -> dict:
    """A `logging.config.dictConfig` for uvicorn: one handler on stderr for our loggers and
    uvicorn's; uvicorn's own access log is off (the middleware logs each request)."""
    formatter = {"()": f"{__name__}.{'JsonLines' if format == 'json' else 'Text'}"}
    if format != "json":
        formatter["format"] = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": f"{__name__}.RequestId"}},
        "formatters": {"default": formatter},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                                "formatter": "default", "filters": ["request_id"]}},
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},
        },
    }
