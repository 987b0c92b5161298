"""Writes under load from several processes: on SQLite, transactions take the write lock
up front and wait for it, so a burst of concurrent conversions and creates from two API
processes gets no INTERNAL error; a lock that cannot be had is CONFLICT (retry)."""

from __future__ import annotations

import asyncio

import httpx

from .helpers import create_record
from .servers import servers

CLIENTS = 16
CONVERT = "mutation($id: ID!) { convertTarget(id: $id) { id } }"
CREATE = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }"


async def test_a_burst_of_writes_on_two_workers_gets_no_internal_error(api, settings):
    targets = [await create_record(api, "Target", {"companyName": f"Company {i}", "email": f"t{i}@example.com"})
               for i in range(CLIENTS)]
    async with servers(settings.database_url, 2) as urls:
        async with httpx.AsyncClient(timeout=60, headers={"Authorization": f"Bearer {api.token}"}) as client:
            async def write(i: int) -> list[dict]:
                url = urls[i % 2]
                answers = []
                for query, variables in [(CONVERT, {"id": targets[i]["id"]}),
                                         (CREATE, {"input": {"name": f"Account {i}"}})]:
                    response = await client.post(f"{url}/graphql", json={"query": query, "variables": variables})
                    assert response.status_code == 200, response.text
                    answers.append(response.json())
                return answers

            answers = [a for batch in await asyncio.gather(*(write(i) for i in range(CLIENTS))) for a in batch]
    codes = [error["extensions"]["code"] for answer in answers for error in answer.get("errors", [])]
    assert set(codes) <= {"CONFLICT"}, codes
    written = sum("errors" not in answer for answer in answers)
    assert written == len(answers) - len(codes)
    assert written > 0
