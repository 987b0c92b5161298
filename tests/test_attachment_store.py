"""Where attachment bytes live: in the database (the default on PostgreSQL), so machines
that share nothing but the database serve each other's files; on disk (the default on
SQLite); and `crm-graphql attachments migrate`, which moves files from disk into the
database, resumably."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import httpx

from crm_graphql import db
from crm_graphql.app import create_app
from crm_graphql.models import Role

from .helpers import create_record

MB = 1024 * 1024


def client_of(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def machine(settings, folder: Path, store: str | None):
    """An API process with its own attachments folder (nothing on disk is shared)."""
    folder.mkdir(exist_ok=True)
    return create_app(replace(settings, attachments_dir=str(folder), attachment_store=store,
                              attachment_max_bytes=2 * MB))


async def upload(client, token: str, record: str, content: bytes, name: str = "offer.pdf") -> dict:
    response = await client.post(f"/attachments?record={record}", headers={"Authorization": f"Bearer {token}"},
                                 files={"file": (name, content, "application/pdf")})
    assert response.status_code == 201, response.text
    return response.json()


async def download(client, token: str, attachment: dict) -> httpx.Response:
    return await client.get(attachment["url"], headers={"Authorization": f"Bearer {token}"})


async def test_a_file_in_the_database_is_served_by_a_machine_that_shares_no_disk(api, settings, tmp_path):
    sales = await api.user_token("sam@example.com", Role.SALES)
    own = (await api.gql('mutation { createAccount(input: {name: "Own"}) { id } }', token=sales))["createAccount"]
    content = os.urandom(MB + 12345)  # five chunks, the last one short
    first, second = machine(settings, tmp_path / "a", "database"), machine(settings, tmp_path / "b", "database")
    async with client_of(first) as one, client_of(second) as other:
        uploaded = await upload(one, sales, own["id"], content)
        assert uploaded["sha256"] == hashlib.sha256(content).hexdigest()
        served = await download(other, sales, uploaded)
        assert served.status_code == 200
        assert served.content == content
        assert served.headers["content-length"] == str(len(content))
        assert served.headers["content-type"] == "application/pdf"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert served.headers["content-disposition"] == 'attachment; filename="offer.pdf"'
        # The record's access rules hold on every machine: an external user reads no account's files.
        external = await api.user_token("ext@example.com", Role.EXTERNAL)
        assert (await download(other, external, uploaded)).status_code == 404
        removed = await other.post("/graphql", headers={"Authorization": f"Bearer {sales}"}, json={
            "query": "mutation($id: ID!) { deleteAttachment(id: $id) }", "variables": {"id": uploaded["id"]}})
        assert removed.json() == {"data": {"deleteAttachment": uploaded["id"]}}
        assert (await download(one, sales, uploaded)).status_code == 404
    assert list((tmp_path / "a").iterdir()) == list((tmp_path / "b").iterdir()) == []
    assert await chunk_count() == 0


async def test_a_refused_upload_leaves_no_chunk(api, settings, tmp_path):
    acme = await create_record(api, "Account", {"name": "Acme"})
    async with client_of(machine(settings, tmp_path / "a", "database")) as client:
        response = await client.post(f"/attachments?record={acme['id']}", headers={"Authorization": f"Bearer {api.token}"},
                                     files={"file": ("big.pdf", b"x" * (2 * MB + 1), "application/pdf")})
        assert response.status_code == 413
    assert await chunk_count() == 0


async def test_the_default_store_is_the_database_on_postgresql_and_the_disk_on_sqlite(api, settings, tmp_path):
    acme = await create_record(api, "Account", {"name": "Acme"})
    async with client_of(machine(settings, tmp_path / "a", None)) as client:
        await upload(client, api.token, acme["id"], b"%PDF-1.7 minutes")
    on_postgres = db.dialect_of(settings.database_url) == "postgres"
    assert (len(list((tmp_path / "a").iterdir())), await chunk_count()) == ((0, 1) if on_postgres else (1, 0))


async def test_migrate_moves_files_into_the_database_and_resumes_where_it_stopped(api, settings, tmp_path):
    acme = await create_record(api, "Account", {"name": "Acme"})
    contents = [os.urandom(300_000), b"%PDF small", os.urandom(10)]
    async with client_of(machine(settings, tmp_path / "disk", "disk")) as on_disk:
        uploaded = [await upload(on_disk, api.token, acme["id"], content, f"f{i}.pdf")
                    for i, content in enumerate(contents)]
    (tmp_path / "disk" / stored_as(tmp_path / "disk", contents[2])).write_bytes(b"damaged")

    first = migrate(settings, tmp_path / "disk", "--at-most", "1")
    assert first.stdout.splitlines()[-1] == "moved 1 file(s) into the database"
    elsewhere = machine(settings, tmp_path / "elsewhere", "database")
    async with client_of(elsewhere) as client:
        assert (await download(client, api.token, uploaded[0])).content == contents[0]
        assert (await download(client, api.token, uploaded[1])).status_code == 404  # still on the other disk

        second = migrate(settings, tmp_path / "disk", check=False)
        assert second.returncode == 1
        assert "moved 1 file(s) into the database" in second.stdout
        assert "1 file(s) do not match the SHA-256 recorded at upload" in second.stderr
        assert (await download(client, api.token, uploaded[1])).content == contents[1]
    assert len(list((tmp_path / "disk").iterdir())) == 1  # only the damaged file is left
    third = migrate(settings, tmp_path / "disk", check=False)
    assert "moved 0 file(s)" in third.stdout


def stored_as(folder: Path, content: bytes) -> str:
    return next(path.name for path in folder.iterdir() if path.read_bytes() == content)


def migrate(settings, folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "crm-graphql"
    env = {**os.environ, "DATABASE_URL": settings.database_url, "CRM_ATTACHMENTS_DIR": str(folder)}
    result = subprocess.run([str(command), "attachments", "migrate", *args], env=env, capture_output=True,
                            text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


async def chunk_count() -> int:
    _, rows = await db.connection().execute_query('SELECT count(*) FROM "attachment_chunk"')
    return rows[0][0]
