"""Attachments: upload to any record and download under the record's access rules; too large
or refused types are turned away cleanly, with nothing stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from crm_graphql.app import create_app
from crm_graphql.ids import to_global_id
from crm_graphql.models import AttachmentChunk, Role, Territory, User

from .helpers import create_record

LIMIT = 1024
ATTACHMENTS = """query($id: ID!) { attachments(recordId: $id) { totalCount edges { node {
  id recordId filename contentType size sha256 uploadedAt uploadedBy { email } url record { id } } } } }"""


@pytest.fixture(scope="session", params=["disk", "database"])
async def files_app(app, settings, tmp_path_factory, request):
    """The app with a small size limit, an attachments folder of its own and each store in
    turn; it shares the database that `app` started."""
    folder = tmp_path_factory.mktemp("attachments")
    return create_app(replace(settings, attachments_dir=str(folder), attachment_max_bytes=LIMIT,
                              attachment_store=request.param))


@dataclass
class Files:
    client: httpx.AsyncClient
    token: str
    folder: Path

    async def upload(self, record_id: str, content: bytes | object, *, filename: str = "notes.txt",
                     content_type: str = "text/plain", token: str | None = None) -> httpx.Response:
        return await self.client.post(f"/attachments?record={record_id}", headers=self._auth(token),
                                      files={"file": (filename, content, content_type)})

    async def download(self, attachment_id: str, *, token: str | None = None) -> httpx.Response:
        return await self.client.get(f"/attachments/{attachment_id}", headers=self._auth(token))

    async def gql(self, query: str, variables: dict) -> dict:
        """A GraphQL request to this app, whose settings name the attachments folder."""
        response = await self.client.post("/graphql", json={"query": query, "variables": variables},
                                          headers=self._auth(None))
        return response.json()

    async def stored(self) -> list[str]:
        """The keys of the files kept, in either store."""
        chunks = await AttachmentChunk.filter(seq=0).values_list("stored_as", flat=True)
        return sorted([path.name for path in self.folder.iterdir()] + chunks)

    def _auth(self, token: str | None) -> dict:
        return {"Authorization": f"Bearer {token or self.token}"}


@pytest.fixture
async def files(api, files_app):
    folder = Path(files_app.state.service.settings.attachments_dir)
    for path in folder.iterdir():
        path.unlink()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=files_app), base_url="http://test") as client:
        yield Files(client, api.token, folder)


def error_of(response: httpx.Response) -> tuple[str, str | None]:
    extensions = response.json()["errors"][0]["extensions"]
    return extensions["code"], extensions.get("field")


async def test_a_file_is_uploaded_listed_downloaded_and_removed(api, files):
    acme = await create_record(api, "Account", {"name": "Acme"})
    content = b"Minutes of the kick-off\n" * 10
    response = await files.upload(acme["id"], content, filename="../../kick-off.txt", content_type="Text/Plain")
    assert response.status_code == 201, response.text
    uploaded = response.json()
    assert {k: uploaded[k] for k in ("recordId", "filename", "contentType", "size", "sha256")} == {
        "recordId": acme["id"], "filename": "kick-off.txt", "contentType": "text/plain", "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest()}
    assert len(await files.stored()) == 1

    listed = (await api.gql(ATTACHMENTS, {"id": acme["id"]}))["attachments"]
    assert listed["totalCount"] == 1
    node = listed["edges"][0]["node"]
    assert (node["id"], node["url"], node["record"], node["uploadedBy"]) == (
        uploaded["id"], f"/attachments/{uploaded['id']}", {"id": acme["id"]}, {"email": "admin@example.com"})

    download = await files.download(uploaded["id"])
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"].startswith("text/plain")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert 'filename="kick-off.txt"' in download.headers["content-disposition"]

    timeline = await api.gql("query($id: ID!) { timeline(recordId: $id, kinds: [ATTACHMENT]) { edges { node { "
                             "summary attachment { id } } } } }", {"id": acme["id"]})
    assert [edge["node"] for edge in timeline["timeline"]["edges"]] == [
        {"summary": "File attached: kick-off.txt", "attachment": {"id": uploaded["id"]}}]

    removed = await files.gql("mutation($id: ID!) { deleteAttachment(id: $id) }", {"id": uploaded["id"]})
    assert removed == {"data": {"deleteAttachment": uploaded["id"]}}
    assert await files.stored() == []
    assert (await files.download(uploaded["id"])).status_code == 404


async def test_newest_attachments_come_first_a_page_at_a_time(api, files):
    acme = await create_record(api, "Account", {"name": "Acme"})
    for name in ("a.txt", "b.txt", "c.txt"):
        assert (await files.upload(acme["id"], name.encode(), filename=name)).status_code == 201
    query = """query($id: ID!, $after: String) { attachments(recordId: $id, first: 2, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { filename } } } }"""
    first = (await api.gql(query, {"id": acme["id"]}))["attachments"]
    second = (await api.gql(query, {"id": acme["id"], "after": first["pageInfo"]["endCursor"]}))["attachments"]
    assert [e["node"]["filename"] for e in first["edges"] + second["edges"]] == ["c.txt", "b.txt", "a.txt"]
    assert (first["pageInfo"]["hasNextPage"], second["pageInfo"]["hasNextPage"]) == (True, False)


async def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(api, files):
    acme = await create_record(api, "Account", {"name": "Acme"})
    just_over = await files.upload(acme["id"], b"x" * (LIMIT + 1))
    assert just_over.status_code == 413
    assert error_of(just_over) == ("LIMIT_EXCEEDED", "file")
    assert just_over.json()["errors"][0]["extensions"]["maximum"] == LIMIT

    # Far over: refused by its declared length before the body is read.
    far_over = await files.upload(acme["id"], b"x" * (LIMIT + 200_000))
    assert far_over.status_code == 413

    # Far over, without a declared length: refused while the body arrives.
    boundary = "journeyboundary"

    async def multipart():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
               "Content-Type: text/plain\r\n\r\n").encode()
        for _ in range(100):
            yield b"y" * 4096
        yield f"\r\n--{boundary}--\r\n".encode()

    streamed = await files.client.post(f"/attachments?record={acme['id']}", content=multipart(), headers={
        "Authorization": f"Bearer {files.token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413

    assert await files.stored() == []
    assert (await api.gql(ATTACHMENTS, {"id": acme["id"]}))["attachments"]["totalCount"] == 0


async def test_a_type_not_accepted_is_refused(api, files):
    acme = await create_record(api, "Account", {"name": "Acme"})
    response = await files.upload(acme["id"], b"<script>alert(1)</script>", filename="x.html",
                                  content_type="text/html")
    assert response.status_code == 415
    assert error_of(response) == ("UNSUPPORTED_MEDIA_TYPE", "file")
    assert "text/html" in response.json()["errors"][0]["message"]
    assert await files.stored() == []


@pytest.mark.parametrize("content_type", [
    "application/vnd.openxmlformats-officedocument.x, text/html",  # a list: `*` must not reach past one type
    "application/vnd.openxmlformats-officedocument.x/html",
    "text/plain; charset=utf-8",  # parameters are refused: what is served back is exactly one token
    "text/plain;text/html",
    "application/vnd.oasis.opendocument.text text/html",
])
async def test_a_content_type_matches_the_allow_list_as_one_token_or_is_refused(api, files, content_type):
    acme = await create_record(api, "Account", {"name": "Acme"})
    response = await files.upload(acme["id"], b"<script>alert(1)</script>", filename="x.docx",
                                  content_type=content_type)
    assert (response.status_code, error_of(response)) == (415, ("UNSUPPORTED_MEDIA_TYPE", "file"))
    assert await files.stored() == []
    assert (await api.gql(ATTACHMENTS, {"id": acme["id"]}))["attachments"]["totalCount"] == 0


async def test_uploads_need_a_token_a_record_and_a_file(api, files):
    acme = await create_record(api, "Account", {"name": "Acme"})
    anonymous = await files.client.post(f"/attachments?record={acme['id']}", files={"file": ("a.txt", b"a")})
    assert anonymous.status_code == 401
    assert error_of(anonymous) == ("UNAUTHENTICATED", None)
    no_record = await files.client.post("/attachments", headers=files._auth(None), files={"file": ("a.txt", b"a")})
    assert (no_record.status_code, error_of(no_record)) == (400, ("VALIDATION", "record"))
    no_file = await files.client.post(f"/attachments?record={acme['id']}", headers=files._auth(None),
                                      data={"note": "no file"})
    assert (no_file.status_code, error_of(no_file)) == (400, ("VALIDATION", "file"))
    unknown = await files.upload(to_global_id("Unknown", 1), b"a")
    assert unknown.status_code == 404
    user = await create_record(api, "User", {"email": "u@example.com"})
    not_a_record = await files.upload(user["id"], b"a")
    assert not_a_record.status_code == 404
    assert await files.stored() == []


async def test_files_follow_the_access_rules_of_their_record(api, files):
    sales = await api.user_token("sales@example.com", Role.SALES)
    territory = await Territory.create(name="EMEA")
    await (await User.get(email="sales@example.com")).territories.add(territory)
    hidden = await create_record(api, "Account", {"name": "Hidden"})
    colleagues = await create_record(api, "Account", {"name": "In their territory",
                                                      "territoryId": to_global_id("Territory", territory.id)})
    own = (await api.gql('mutation { createAccount(input: {name: "Own"}) { id } }', token=sales))["createAccount"]
    on_hidden = (await files.upload(hidden["id"], b"secret")).json()
    on_colleagues = (await files.upload(colleagues["id"], b"shared")).json()

    assert (await files.download(on_hidden["id"], token=sales)).status_code == 404
    assert (await files.download(on_colleagues["id"], token=sales)).content == b"shared"
    error = await api.error(ATTACHMENTS, {"id": hidden["id"]}, token=sales)
    assert error["extensions"]["code"] == "NOT_FOUND"

    # They see the colleague's account but may not change it, so they may not add files to it.
    refused = await files.upload(colleagues["id"], b"mine", token=sales)
    assert (refused.status_code, error_of(refused)) == (403, ("FORBIDDEN", "record"))
    assert (await files.upload(hidden["id"], b"mine", token=sales)).status_code == 404
    assert (await files.upload(own["id"], b"mine", token=sales)).status_code == 201
    error = await api.error("mutation($id: ID!) { deleteAttachment(id: $id) }", {"id": on_colleagues["id"]},
                            token=sales)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert len(await files.stored()) == 3
