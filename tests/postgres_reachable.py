"""Exit 0 when the test PostgreSQL server answers (used by `make test`)."""

import asyncio
import os
import sys

import asyncpg


async def main() -> int:
    url = os.environ.get("CRM_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1), timeout=3)
    except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
        return 1
    await connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
