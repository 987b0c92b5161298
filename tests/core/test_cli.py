"""The `crm-graphql` command as a user runs it: a process of its own against a database of
its own (a temporary SQLite file, or a PostgreSQL database made for the test)."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).parent / "crm-graphql"
ME = "{ me { email role } }"


def cli(database_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs `crm-graphql ARGS` from the repository folder with DATABASE_URL set."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(REPO), "COLUMNS": "200",
           "NO_COLOR": "1"}
    result = subprocess.run([str(COMMAND), *args], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=300)
    if check:
        assert result.returncode == 0, f"crm-graphql {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(database_url: str):
    """`crm-graphql serve` on a free port, given as PORT (as `make run` does); yields its base
    URL and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(REPO), "PORT": str(port)}
    process = subprocess.Popen([str(COMMAND), "serve", "--host", "127.0.0.1"], cwd=REPO,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"crm-graphql serve exited:\n{process.stderr.read()}")
            try:
                if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("crm-graphql serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def graphql(base_url: str, token: str, query: str, variables: dict | None = None) -> httpx.Response:
    return httpx.post(f"{base_url}/graphql", json={"query": query, "variables": variables or {}},
                      headers={"Authorization": f"Bearer {token}"}, timeout=30)


def token_of(result: subprocess.CompletedProcess) -> str:
    """The token a command printed: its last line of output."""
    return result.stdout.strip().splitlines()[-1].strip()


def admin_token(database_url: str, email: str = "root@example.com") -> str:
    cli(database_url, "users", "create", "--email", email, "--role", "admin")
    return token_of(cli(database_url, "tokens", "create", "--email", email))


# -- migrate ------------------------------------------------------------------------------


async def test_migrate_applies_the_migrations_to_a_new_database(blank_database_url):
    result = cli(blank_database_url, "migrate")

    assert "applied" in result.stdout
    assert "applied 0 migration" not in result.stdout


async def test_migrating_twice_applies_nothing_the_second_time(blank_database_url):
    cli(blank_database_url, "migrate")

    again = cli(blank_database_url, "migrate")

    assert "applied 0 migration(s)" in again.stdout


async def test_migrating_again_keeps_the_data(blank_database_url):
    cli(blank_database_url, "migrate")
    token = admin_token(blank_database_url)
    with served(blank_database_url) as url:
        for name in ("Acme", "Globex"):
            response = graphql(url, token, 'mutation($n: String!) { createAccount(input: {name: $n}) { id } }',
                               {"n": name})
            assert "errors" not in response.json(), response.text

    cli(blank_database_url, "migrate")

    with served(blank_database_url) as url:
        data = graphql(url, token, "{ accounts { edges { node { name } } } }").json()["data"]
    assert [edge["node"]["name"] for edge in data["accounts"]["edges"]] == ["Acme", "Globex"]
    assert "root@example.com" in cli(blank_database_url, "users", "list").stdout


# -- users and tokens ---------------------------------------------------------------------


async def test_a_token_created_for_a_new_user_works_against_the_api(blank_database_url):
    cli(blank_database_url, "migrate")
    created = cli(blank_database_url, "users", "create", "--email", "sam@example.com", "--role", "sales")
    printed = cli(blank_database_url, "tokens", "create", "--email", "sam@example.com")

    with served(blank_database_url) as url:
        response = graphql(url, token_of(printed), ME)

    assert "sam@example.com" in created.stdout
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"email": "sam@example.com", "role": "SALES"}}}


async def test_tokens_create_prints_only_the_token(blank_database_url):
    cli(blank_database_url, "migrate")
    cli(blank_database_url, "users", "create", "--email", "sam@example.com")

    printed = cli(blank_database_url, "tokens", "create", "--email", "sam@example.com")

    lines = printed.stdout.strip().splitlines()
    assert len(lines) == 1 and " " not in lines[0] and len(lines[0]) >= 32


async def test_a_revoked_token_stops_working(blank_database_url):
    cli(blank_database_url, "migrate")
    token = admin_token(blank_database_url, "sam@example.com")

    with served(blank_database_url) as url:
        before = graphql(url, token, ME)
        revoked = cli(blank_database_url, "tokens", "revoke", "--email", "sam@example.com")
        after = graphql(url, token, ME)

    assert before.status_code == 200
    assert "revoked 1 token" in revoked.stdout
    assert after.status_code == 401
    assert after.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_users_list_shows_each_user_with_their_role(blank_database_url):
    cli(blank_database_url, "migrate")
    cli(blank_database_url, "users", "create", "--email", "bi@example.com", "--role", "bi")
    cli(blank_database_url, "users", "create", "--email", "ada@example.com", "--role", "admin",
        "--territory", "DACH")

    listed = cli(blank_database_url, "users", "list").stdout.strip().splitlines()

    assert [line.split()[:2] for line in listed] == [["ada@example.com", "admin"], ["bi@example.com", "bi"]]


async def test_creating_a_user_with_an_unknown_role_fails_and_creates_nobody(blank_database_url):
    cli(blank_database_url, "migrate")

    result = cli(blank_database_url, "users", "create", "--email", "x@example.com", "--role", "wizard", check=False)

    assert result.returncode != 0
    assert "wizard" in result.stderr
    assert cli(blank_database_url, "users", "list").stdout.strip() == ""


async def test_bad_user_options_are_refused_and_nothing_is_half_written(blank_database_url):
    cli(blank_database_url, "migrate")
    too_long = "T" * 201  # a territory's or team's name holds 200 characters

    not_an_email = cli(blank_database_url, "users", "create", "--email", "sam at example", check=False)
    assert not_an_email.returncode != 0 and "is not an email address" in not_an_email.stderr
    long_territory = cli(blank_database_url, "users", "create", "--email", "sam@example.com", "--territory", "North",
                         "--territory", too_long, check=False)
    assert long_territory.returncode != 0 and "`--territory` is longer than 200 characters" in long_territory.stderr
    assert cli(blank_database_url, "users", "list").stdout.strip() == ""

    cli(blank_database_url, "users", "create", "--email", "sam@example.com", "--role", "sales")
    long_team = cli(blank_database_url, "users", "set", "--email", "sam@example.com", "--role", "admin",
                    "--territory", "North", "--team", too_long, check=False)
    assert long_team.returncode != 0 and "`--team` is longer than 200 characters" in long_team.stderr
    [listed] = cli(blank_database_url, "users", "list").stdout.strip().splitlines()
    assert listed.split() == ["sam@example.com", "sales"], "the role was not changed either"


async def test_creating_a_user_twice_fails(blank_database_url):
    cli(blank_database_url, "migrate")
    cli(blank_database_url, "users", "create", "--email", "sam@example.com")

    result = cli(blank_database_url, "users", "create", "--email", "sam@example.com", check=False)

    assert result.returncode != 0
    assert "sam@example.com" in result.stderr


async def test_a_token_for_an_unknown_user_is_refused(blank_database_url):
    cli(blank_database_url, "migrate")

    result = cli(blank_database_url, "tokens", "create", "--email", "nobody@example.com", check=False)

    assert result.returncode != 0
    assert "nobody@example.com" in result.stderr
    assert "Traceback" not in result.stderr


# -- seed ---------------------------------------------------------------------------------


DEMO = """{
  me { role }
  accounts(first: 100) { totalCount edges { node { people { totalCount } } } }
  people { totalCount }
  opportunities(first: 100) { totalCount edges { node { stage { name } } } }
  activities { totalCount }
  deliveries { totalCount }
  billingEntries { totalCount }
}"""


async def test_seed_demo_loads_a_demo_crm_and_prints_an_admin_token(blank_database_url):
    cli(blank_database_url, "migrate")

    seeded = cli(blank_database_url, "seed", "--demo")

    with served(blank_database_url) as url:
        response = graphql(url, token_of(seeded), DEMO)
    data = response.json()["data"]
    assert data["me"]["role"] == "ADMIN"
    assert data["accounts"]["totalCount"] >= 20
    assert any(edge["node"]["people"]["totalCount"] > 0 for edge in data["accounts"]["edges"])
    assert len({edge["node"]["stage"]["name"] for edge in data["opportunities"]["edges"]}) >= 3
    for listed in ("people", "activities", "deliveries", "billingEntries"):
        assert data[listed]["totalCount"] > 0, listed


async def test_seeding_the_demo_twice_does_not_duplicate_it(blank_database_url):
    cli(blank_database_url, "migrate")
    token = token_of(cli(blank_database_url, "seed", "--demo"))
    with served(blank_database_url) as url:
        before = graphql(url, token, "{ accounts { totalCount } people { totalCount } }").json()["data"]

    cli(blank_database_url, "seed", "--demo")

    with served(blank_database_url) as url:
        after = graphql(url, token, "{ accounts { totalCount } people { totalCount } }").json()["data"]
    assert after == before


async def test_seed_without_demo_says_what_to_seed(blank_database_url):
    result = cli(blank_database_url, "seed", check=False)

    assert result.returncode != 0
    assert "--demo" in result.stderr


# -- export-schema and help ---------------------------------------------------------------


async def test_export_schema_prints_the_checked_in_schema(blank_database_url):
    result = cli(blank_database_url, "export-schema")

    assert "type Query {" in result.stdout
    assert "type Account implements Node" in result.stdout
    assert result.stdout == (REPO / "schema.graphql").read_text()


async def test_export_schema_writes_the_file_given_with_o(blank_database_url, tmp_path):
    target = tmp_path / "schema.graphql"

    cli(blank_database_url, "export-schema", "-o", str(target))

    assert target.read_text() == cli(blank_database_url, "export-schema").stdout


HELP = {
    "migrate": [], "seed": ["--demo"], "serve": ["--host", "--port", "--workers"],
    "export-schema": ["--output"], "users create": ["--email", "--role", "--territory"], "users list": [],
    "tokens create": ["--email"], "tokens revoke": ["--email"], "users": ["create", "list"],
    "tokens": ["create", "revoke"],
    "webhooks": ["add", "list", "rotate", "replay", "disable", "enable", "deliveries"],
    "webhooks add": ["--entity", "--user", "--kind", "--filter"],
}


@pytest.mark.parametrize("verb", list(HELP))
async def test_every_verb_explains_itself_with_help(verb, tmp_path):
    result = cli(f"sqlite://{tmp_path}/unused.sqlite3", *verb.split(), "--help")

    assert "Usage:" in result.stdout
    for option in HELP[verb]:
        assert option in result.stdout


async def test_the_command_without_arguments_lists_its_verbs(tmp_path):
    result = cli(f"sqlite://{tmp_path}/unused.sqlite3", check=False)

    for verb in ("migrate", "seed", "serve", "export-schema", "users", "tokens"):
        assert verb in result.stdout + result.stderr


async def test_explain_tells_the_path_a_read_takes_and_why(blank_database_url):
    cli(blank_database_url, "migrate")
    cli(blank_database_url, "users", "create", "--email", "ada@example.com", "--role", "admin")
    cli(blank_database_url, "users", "create", "--email", "sam@example.com", "--role", "sales")

    compiled = cli(blank_database_url, "explain", "{ accounts(first: 2) { totalCount edges { node { name } } } }")
    assert "path: compiled" in compiled.stdout
    assert re.search(r"sql: SELECT (convert_to|CAST)\(json_", compiled.stdout)

    hidden = cli(blank_database_url, "explain", "{ opportunities { edges { node { commission } } } }",
                 "--as", "sam@example.com")
    assert "path: resolved" in hidden.stdout and "hidden" in hidden.stdout
    assert "sql:" not in hidden.stdout

    broken = cli(blank_database_url, "explain", "{ accounts { nope } }")
    assert "path: resolved" in broken.stdout and "Cannot query field 'nope'" in broken.stdout
