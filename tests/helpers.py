"""Small builders of test data through the API, as a client would make it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

STAGE = "mutation($input: CreatePipelineStageInput!) { createPipelineStage(input: $input) { id name } }"
ACCOUNT = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name version } }"
PERSON = "mutation($input: CreatePersonInput!) { createPerson(input: $input) { id email version } }"
OPPORTUNITY = "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id name version } }"
ACTIVITY = "mutation($input: CreateActivityInput!) { createActivity(input: $input) { id subject version } }"

# How a compiled read's statement starts: its JSON as UTF-8 bytes (query/compiler.py).
COMPILED_STATEMENT = ("SELECT convert_to(json_", "SELECT CAST(json_")


def is_compiled(statement: str) -> bool:
    """Whether a logged statement is a compiled read's one statement."""
    return statement.startswith(COMPILED_STATEMENT)


async def create(api, mutation: str, **input) -> dict:
    data = await api.gql(mutation, {"input": input})
    return next(iter(data.values()))


async def stage(api, name: str = "Proposal", position: int = 1, probability: int = 50) -> dict:
    return await create(api, STAGE, name=name, position=position, probability=probability)


async def account_with_children(api, name: str, stage_id: str, *, people: int, opportunities: int,
                                activities: int = 0) -> dict:
    account = await create(api, ACCOUNT, name=name)
    for i in range(people):
        await create(api, PERSON, email=f"p{i}@{name.lower().replace(' ', '')}.example", accountIds=[account["id"]])
    for i in range(opportunities):
        await create(api, OPPORTUNITY, name=f"{name} deal {i}", stageId=stage_id, accountId=account["id"],
                     amount=f"{1000 + i}.50")
    for i in range(activities):
        await create(api, ACTIVITY, kind="CALL", subject=f"call {i}", accountId=account["id"])
    return account


# -- errors ---------------------------------------------------------------------------


def code_and_field(error: dict) -> tuple[str | None, str | None]:
    """What a client reads from an error to tell what went wrong and where."""
    extensions = error.get("extensions") or {}
    return extensions.get("code"), extensions.get("field")


# -- entities, and generic create / read / update / delete through the API -----------


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def selection(values: dict) -> str:
    """The fields to select to read back `values` as written: `accountId` is read as
    `account { id }`; link lists (`personIds`) are read through their connections."""
    parts = []
    for key in values:
        if key.endswith("Ids"):
            continue
        parts.append(f"{key[:-2]} {{ id }}" if key.endswith("Id") else key)
    return " ".join(parts)


def as_read(values: dict) -> dict:
    """`values` (an input) as the API returns them when read with `selection(values)`."""
    read = {}
    for key, value in values.items():
        if key.endswith("Ids"):
            continue
        if key.endswith("Id"):
            read[key[:-2]] = None if value is None else {"id": value}
        else:
            read[key] = value
    return read


async def count(api, plural: str, *, token: str | None = None) -> int:
    """How many records a list query reports (`totalCount`)."""
    data = await api.gql(f"{{ {plural} {{ totalCount }} }}", token=token)
    return data[plural]["totalCount"]


async def read(api, entity: str, id: str, fields: str = "") -> dict | None:
    """The record as `account(id:)` (or `person(id:)`, ...) returns it."""
    field = _lower_first(entity)
    data = await api.gql(f"query($id: ID!) {{ {field}(id: $id) {{ id {fields} }} }}", {"id": id})
    return data[field]


async def node(api, id: str, fields: str = "") -> dict | None:
    """The record as `node(id:)` returns it; `fields` may hold `... on X { }` fragments."""
    data = await api.gql(f"query($id: ID!) {{ node(id: $id) {{ __typename id {fields} }} }}", {"id": id})
    return data["node"]


def create_mutation(entity: str, fields: str = "") -> str:
    return (f"mutation($input: Create{entity}Input!) {{ create{entity}(input: $input) "
            f"{{ id {fields} }} }}")


def update_mutation(entity: str, fields: str = "", *, versioned: bool = True) -> str:
    if versioned:
        return (f"mutation($id: ID!, $version: Int!, $input: Update{entity}Input!) "
                f"{{ update{entity}(id: $id, version: $version, input: $input) {{ id {fields} }} }}")
    return (f"mutation($id: ID!, $input: Update{entity}Input!) "
            f"{{ update{entity}(id: $id, input: $input) {{ id {fields} }} }}")


def delete_mutation(entity: str) -> str:
    return f"mutation($id: ID!, $version: Int) {{ delete{entity}(id: $id, version: $version) }}"


async def create_record(api, entity: str, input: dict, fields: str = "") -> dict:
    data = await api.gql(create_mutation(entity, fields), {"input": input})
    return data[f"create{entity}"]


# -- builders of single records ---------------------------------------------------------


async def account(api, name: str = "Acme", **input) -> dict:
    return await create_record(api, "Account", {"name": name, **input}, "name version")


async def person(api, email: str = "ada@example.com", **input) -> dict:
    return await create_record(api, "Person", {"email": email, **input}, "email version")


async def opportunity(api, name: str = "Big deal", stage_id: str | None = None, **input) -> dict:
    if stage_id is None:
        stage_id = (await stage(api, f"Stage for {name}"))["id"]
    return await create_record(api, "Opportunity", {"name": name, "stageId": stage_id, **input},
                               "name version")


async def delivery(api, account_id: str, name: str = "Rollout", **input) -> dict:
    return await create_record(api, "Delivery", {"name": name, "accountId": account_id, **input},
                               "name version")


async def user(api, email: str = "sam@example.com", role: str = "SALES", **input) -> dict:
    return await create_record(api, "User", {"email": email, "role": role, **input}, "email role")


async def deleted_id(api, entity: str = "Account") -> str:
    """The ID of a record that existed and was deleted: well formed, but unknown."""
    inputs = {"Account": {"name": "Gone"}, "Person": {"email": "gone@example.com"},
              "PipelineStage": {"name": "Gone", "position": 99}, "User": {"email": "gone@example.com"}}
    record = await create_record(api, entity, inputs[entity])
    await api.gql(delete_mutation(entity), {"id": record["id"]})
    return record["id"]


# -- every entity, with an input that sets each kind of value, for the generic tests -----


@dataclass(frozen=True)
class Kind:
    """An entity as a client uses it: its type name, its list, and example inputs."""

    name: str
    plural: str
    # Builds what the record needs (an account, a stage, ...) and returns the create input.
    make_input: Callable[..., Awaitable[dict]]
    update_input: dict
    versioned: bool = True

    def __str__(self) -> str:
        return self.name


async def _target_input(api) -> dict:
    return {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
            "phone": "+44 20 7946 0000", "title": "Analyst", "companyName": "Analytical Engines",
            "website": "https://engines.example", "source": "trade fair list", "status": "NEW"}


async def _lead_input(api) -> dict:
    return {"firstName": "Grace", "lastName": "Hopper", "email": "grace@example.com",
            "companyName": "Compilers Inc", "website": "https://compilers.example", "stage": "MQL"}


async def _person_input(api) -> dict:
    return {"email": "linus@example.com", "firstName": "Linus", "lastName": "Torvalds",
            "title": "Engineer", "phone": "+358 9 123", "linkedinUrl": "https://www.linkedin.com/in/linus"}


async def _account_input(api) -> dict:
    return {"name": "Acme", "website": "https://acme.example", "industry": "Manufacturing",
            "annualRevenue": "1200.50", "employeeCount": 42, "billingStage": "ACTIVE",
            "contractEndDate": "2027-03-31"}


async def _opportunity_input(api) -> dict:
    proposal = await stage(api, "Proposal", 3, 50)
    acme = await account(api, "Acme")
    return {"name": "Acme renewal", "stageId": proposal["id"], "accountId": acme["id"],
            "amount": "15000.00", "currency": "USD", "expectedCloseDate": "2026-12-15"}


async def _activity_input(api) -> dict:
    acme = await account(api, "Acme")
    sam = await user(api, "sam@example.com")
    return {"kind": "MEETING", "subject": "Kick-off", "body": "Agenda: scope, timeline",
            "occurredAt": "2026-05-04T09:30:00+00:00", "dueDate": "2026-05-11", "done": False,
            "accountId": acme["id"], "assigneeId": sam["id"]}


async def _delivery_input(api) -> dict:
    acme = await account(api, "Acme")
    deal = await opportunity(api, "Acme renewal", accountId=acme["id"])
    sam = await user(api, "sam@example.com")
    return {"name": "Rollout", "status": "IN_PROGRESS", "startDate": "2026-02-01",
            "dueDate": "2026-06-30", "accountId": acme["id"], "opportunityId": deal["id"],
            "responsibleId": sam["id"]}


async def _delivery_phase_input(api) -> dict:
    acme = await account(api, "Acme")
    rollout = await delivery(api, acme["id"])
    return {"name": "Design", "position": 2, "startDate": "2026-02-01", "endDate": "2026-02-28",
            "done": True, "deliveryId": rollout["id"]}


async def _billing_entry_input(api) -> dict:
    acme = await account(api, "Acme")
    return {"date": "2026-01-31", "amount": "1200.50", "currency": "EUR", "status": "INVOICED",
            "description": "January licence", "accountId": acme["id"]}


async def _pipeline_stage_input(api) -> dict:
    return {"name": "Discovery", "position": 7, "probability": 15, "isWon": False, "isLost": False}


async def _territory_input(api) -> dict:
    return {"name": "DACH"}


async def _team_input(api) -> dict:
    return {"name": "Inside sales"}


async def _user_input(api) -> dict:
    return {"email": "bob@example.com", "name": "Bob", "role": "MANAGER", "isActive": True}


KINDS = [
    Kind("Target", "targets", _target_input, {"status": "CONTACTED", "title": "Head of research"}),
    Kind("Lead", "leads", _lead_input, {"stage": "SQL", "email": "grace.hopper@example.com"}),
    Kind("Person", "people", _person_input, {"title": "Fellow", "phone": None}),
    Kind("Account", "accounts", _account_input,
         {"annualRevenue": "99.99", "billingStage": "PAST_DUE", "employeeCount": 40}),
    Kind("Opportunity", "opportunities", _opportunity_input,
         {"amount": "17500.25", "closedOn": "2027-01-05", "currency": "EUR"}),
    Kind("Activity", "activities", _activity_input, {"done": True, "subject": "Kick-off (done)"}),
    Kind("Delivery", "deliveries", _delivery_input, {"status": "DONE", "dueDate": "2026-07-15"}),
    Kind("DeliveryPhase", "deliveryPhases", _delivery_phase_input, {"done": False, "position": 3}),
    Kind("BillingEntry", "billingEntries", _billing_entry_input, {"status": "PAID", "amount": "1100.00"}),
    Kind("PipelineStage", "pipelineStages", _pipeline_stage_input, {"probability": 20, "isLost": True},
         versioned=False),
    Kind("Territory", "territories", _territory_input, {"name": "Benelux"}, versioned=False),
    Kind("Team", "teams", _team_input, {"name": "Field sales"}, versioned=False),
    Kind("User", "users", _user_input, {"role": "SALES", "name": "Robert", "isActive": False},
         versioned=False),
]
