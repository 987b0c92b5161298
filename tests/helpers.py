"""Small builders of test data through the API, as a client would make it."""

from __future__ import annotations

STAGE = "mutation($input: CreatePipelineStageInput!) { createPipelineStage(input: $input) { id name } }"
ACCOUNT = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id name version } }"
PERSON = "mutation($input: CreatePersonInput!) { createPerson(input: $input) { id email version } }"
OPPORTUNITY = "mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id name version } }"
ACTIVITY = "mutation($input: CreateActivityInput!) { createActivity(input: $input) { id subject version } }"


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
