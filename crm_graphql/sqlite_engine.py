"""Tortoise's SQLite engine, with transactions that take the write lock up front.

Tortoise begins a transaction with a plain (deferred) `BEGIN`: it reads, then asks for
the write lock at its first write, and when another process wrote in between, SQLite
refuses at once ("database is locked") instead of waiting, since waiting could deadlock.
`BEGIN IMMEDIATE` takes the write lock first, waiting up to the busy timeout
(`BUSY_TIMEOUT_SECONDS`) for another process's write to finish. A lock that still cannot
be had is `CONFLICT` with a retry hint, never an unexpected error.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionContext, SqliteTransactionWrapper
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

from .errors import ConflictError

BUSY_TIMEOUT_SECONDS = 10
BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def busy(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and getattr(error, "sqlite_errorcode", None) in BUSY_CODES


def database_busy() -> ConflictError:
    return ConflictError("the database is busy with other writes; nothing was written, retry in a moment",
                         retryAfterSeconds=1)


class _ImmediateTransaction(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if busy(error):
                raise database_busy() from None
            raise TransactionManagementError(error) from error


class _ImmediateContext(SqliteTransactionContext):
    async def __aenter__(self):
        # As Tortoise's, but a failed BEGIN releases the lock and the connection it took.
        await self._trxlock.acquire()
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            try:
                await self.connection.begin()
            except BaseException:
                get_connections().reset(self.token)
                raise
        except BaseException:
            self._trxlock.release()
            raise
        return self.connection


class Client(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        kwargs.setdefault("busy_timeout", BUSY_TIMEOUT_SECONDS * 1000)  # a PRAGMA, in milliseconds
        super().__init__(file_path, **kwargs)

    def _in_transaction(self):
        return _ImmediateContext(_ImmediateTransaction(self), self._lock)


client_class = Client
