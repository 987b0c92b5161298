"""Seed data: a small, realistic demo CRM and a fast bulk generator for benchmarks.

`seed_demo` writes a few hundred records through the ORM in one transaction.
`seed_scale` writes millions of rows with batched raw inserts (COPY on
PostgreSQL), because one ORM save per row would take hours at that size.
Both draw from `random.Random(seed)`, so the same seed gives the same data;
dates are relative to today so that the demo always looks current.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from .auth.tokens import create_token
from .db import connection
from .models import (
    DEFAULT_STAGES,
    Account,
    AccountPerson,
    Activity,
    ActivityAttendee,
    ActivityKind,
    BillingEntry,
    BillingStage,
    BillingStatus,
    CallDirection,
    Delivery,
    DeliveryPhase,
    DeliveryStatus,
    Lead,
    LeadStage,
    Opportunity,
    OpportunityPerson,
    OpportunityStageChange,
    Person,
    PipelineStage,
    Role,
    Target,
    TargetStatus,
    Team,
    Territory,
    User,
)

ADMIN_EMAIL = "admin@example.com"
CENTS = Decimal("0.01")

TIERS = ("GOLD", "SILVER", "BRONZE")
SEGMENTS = ("SMB", "MID_MARKET", "ENTERPRISE")
SENIORITIES = ("JUNIOR", "SENIOR", "EXECUTIVE")

PRODUCTS = [
    "Enterprise license", "CRM rollout", "Analytics add-on", "Support renewal", "Data migration",
    "ERP integration", "Training program", "Onboarding package", "Customer portal", "Seat expansion",
]
INDUSTRIES = [
    "Software", "Logistics", "Manufacturing", "Healthcare", "Financial services", "Retail", "Energy",
    "Insurance", "Media", "Automotive", "Food & beverage", "Construction", "Education", "Pharmaceuticals",
]
TITLES_BY_SENIORITY = {
    "EXECUTIVE": ["CEO", "CFO", "CTO", "COO", "Managing Director", "VP Sales", "Chief Digital Officer"],
    "SENIOR": ["Head of Procurement", "IT Director", "Head of Marketing", "Operations Manager",
               "Finance Manager", "Head of Customer Service"],
    "JUNIOR": ["Project Manager", "Purchasing Agent", "IT Administrator", "Marketing Specialist",
               "Sales Assistant", "Business Analyst"],
}
SENIORITY_OF_TITLE = {title: level for level, titles in TITLES_BY_SENIORITY.items() for title in titles}

FIRST_NAMES = {
    "DACH": ["Lukas", "Anna", "Felix", "Sophie", "Jonas", "Lena", "Maximilian", "Clara", "Tobias",
             "Julia", "Stefan", "Katharina", "Matthias", "Laura"],
    "Western Europe": ["Pierre", "Camille", "Sven", "Eva", "Marco", "Giulia", "Daan", "Sanne", "Liam",
                       "Chloé", "Javier", "Lucía", "Niamh", "Joāo"],
    "North America": ["Michael", "Jessica", "David", "Emily", "Chris", "Ashley", "Daniel", "Sarah",
                      "Kevin", "Megan", "Ryan", "Olivia", "Brandon", "Hannah"],
}
LAST_NAMES = {
    "DACH": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann",
             "Schäfer", "Koch", "Huber", "Gruber", "Steiner", "Brunner"],
    "Western Europe": ["Dubois", "Laurent", "de Vries", "Jansen", "Rossi", "Bianchi", "García",
                       "Fernández", "Murphy", "O'Brien", "Andersson", "Nielsen", "Peeters", "Silva"],
    "North America": ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson",
                      "Taylor", "Thomas", "Moore", "Martin", "Thompson", "Clark"],
}
CURRENCY_OF_TERRITORY = {"DACH": "EUR", "Western Europe": "EUR", "North America": "USD"}
REGION_OF_TERRITORY = {"DACH": "EMEA", "Western Europe": "EMEA", "North America": "AMER"}

# name, domain, industry, territory, telephone country code
DEMO_COMPANIES = [
    ("Alpenwerk Maschinenbau GmbH", "alpenwerk.de", "Industrial machinery", "DACH", "+49"),
    ("Rheinfeld Logistik AG", "rheinfeld-logistik.de", "Logistics", "DACH", "+49"),
    ("Bergmann & Söhne Brauerei", "bergmann-brauerei.de", "Food & beverage", "DACH", "+49"),
    ("Donauklinik Verbund", "donauklinik.at", "Healthcare", "DACH", "+43"),
    ("Züricher Kapital Partners", "zkp.ch", "Financial services", "DACH", "+41"),
    ("Nordlicht Energie GmbH", "nordlicht-energie.de", "Energy", "DACH", "+49"),
    ("Schwarzwald Optik AG", "schwarzwald-optik.de", "Manufacturing", "DACH", "+49"),
    ("Hanse Software Systeme GmbH", "hanse-software.de", "Software", "DACH", "+49"),
    ("Isarwerk Medien GmbH", "isarwerk-medien.de", "Media", "DACH", "+49"),
    ("Bodensee Versicherung AG", "bodensee-versicherung.de", "Insurance", "DACH", "+49"),
    ("Kessler Automotive GmbH", "kessler-automotive.de", "Automotive", "DACH", "+49"),
    ("Tiroler Bergbahnen AG", "tiroler-bergbahnen.at", "Travel & leisure", "DACH", "+43"),
    ("Lumière Retail SA", "lumiere-retail.fr", "Retail", "Western Europe", "+33"),
    ("Van der Berg Agritech BV", "vdberg-agritech.nl", "Agriculture", "Western Europe", "+31"),
    ("Atlantica Shipping Lda", "atlantica-shipping.pt", "Logistics", "Western Europe", "+351"),
    ("Brightwater Utilities plc", "brightwater-utilities.co.uk", "Utilities", "Western Europe", "+44"),
    ("Castellana Hoteles SL", "castellana-hoteles.es", "Hospitality", "Western Europe", "+34"),
    ("Nordhavn Biotech ApS", "nordhavn-bio.dk", "Biotechnology", "Western Europe", "+45"),
    ("Ardennes Pharma NV", "ardennes-pharma.be", "Pharmaceuticals", "Western Europe", "+32"),
    ("Milano Design Studio Srl", "milanodesign.it", "Design", "Western Europe", "+39"),
    ("Kestrel Analytics Ltd", "kestrel-analytics.co.uk", "Software", "Western Europe", "+44"),
    ("Baltic Timber Group AB", "baltic-timber.se", "Forestry & paper", "Western Europe", "+46"),
    ("Orléans Aerospace SAS", "orleans-aero.fr", "Aerospace", "Western Europe", "+33"),
    ("Liffey Fintech Labs Ltd", "liffeyfintech.ie", "Financial services", "Western Europe", "+353"),
    ("Redwood Health Partners", "redwoodhealth.com", "Healthcare", "North America", "+1"),
    ("Great Lakes Freight Inc.", "greatlakesfreight.com", "Logistics", "North America", "+1"),
    ("Summit Peak Outdoor Co.", "summitpeak.com", "Retail", "North America", "+1"),
    ("Blue Ridge Semiconductors", "blueridgesemi.com", "Semiconductors", "North America", "+1"),
    ("Prairie Wind Energy LLC", "prairiewind.com", "Energy", "North America", "+1"),
    ("Harborview Capital", "harborviewcap.com", "Financial services", "North America", "+1"),
    ("Cascade Cloud Systems", "cascadecloud.io", "Software", "North America", "+1"),
    ("Lone Star Builders Inc.", "lonestarbuilders.com", "Construction", "North America", "+1"),
    ("Maple Ridge Foods Co-op", "mapleridgefoods.ca", "Food & beverage", "North America", "+1"),
    ("Silverline Media Group", "silverlinemedia.com", "Media", "North America", "+1"),
    ("Copperfield Mining Corp.", "copperfieldmining.com", "Mining", "North America", "+1"),
    ("Bayside Education Network", "baysideedu.org", "Education", "North America", "+1"),
]
# Companies met as leads (the first ones) and targets (the rest); none of them is an account yet.
PROSPECT_COMPANIES = [
    ("Falkenstein Robotics", "falkenstein-robotics.de"), ("Vireo Labs", "vireolabs.com"),
    ("Oakmont Dental Group", "oakmontdental.com"), ("Seaside Breweries", "seasidebreweries.co.uk"),
    ("Helios Solar SA", "helios-solar.es"), ("Granite Peak Insurance", "granitepeakins.com"),
    ("Lindqvist Furniture", "lindqvist.se"), ("Polaris Freight", "polarisfreight.ca"),
    ("Moselblick Weingut", "moselblick.de"), ("Quartz Data Systems", "quartzdata.io"),
    ("Bellamy Fashion House", "bellamy.fr"), ("Ironbridge Engineering", "ironbridge-eng.co.uk"),
    ("Tannenhof Hotels", "tannenhof-hotels.at"), ("Westfield Clinics", "westfieldclinics.com"),
    ("Azur Marine Services", "azur-marine.fr"), ("Northgate Robotics", "northgaterobotics.com"),
    ("Kranich Verpackungen", "kranich-verpackungen.de"), ("Solstice Yoga Studios", "solsticeyoga.com"),
    ("Fjord Seafood AS", "fjordseafood.no"), ("Brookline Law Partners", "brooklinelaw.com"),
    ("Ember Coffee Roasters", "embercoffee.ca"), ("Rotterdam Port Services", "rps-haven.nl"),
    ("Sierra Vista Wineries", "sierravistawines.com"), ("Elbtal Bau GmbH", "elbtal-bau.de"),
    ("Castelo Ceramics", "castelo-ceramics.pt"), ("Thornbury Estates", "thornbury-estates.co.uk"),
    ("Pinecrest Veterinary", "pinecrestvet.com"), ("Aurora Game Studios", "auroragames.fi"),
]
LEAD_SOURCES = ["Website form", "Webinar", "Trade fair", "Referral", "Whitepaper download"]
TARGET_SOURCES = ["Purchased list", "LinkedIn research", "Trade fair attendee list"]
DELIVERY_PHASES = ["Kickoff", "Requirements", "Configuration", "Data migration", "Training", "Go-live"]

CALL_SUBJECTS = ["Intro call with {first}", "Follow-up call on {product}", "Pricing discussion with {first}",
                 "Check-in call", "Reference call"]
MEETING_SUBJECTS = ["Quarterly business review", "Product demo for {first}'s team",
                    "Requirements workshop", "On-site visit", "Contract negotiation"]
NOTE_SUBJECTS = ["Budget confirmed for next quarter", "Champion changing roles", "Evaluating a competitor",
                 "Prefers email over phone", "Renewal risk: low usage"]
TASK_SUBJECTS = ["Send proposal for {product}", "Prepare contract draft", "Schedule the next QBR",
                 "Share customer case studies", "Send meeting notes to {first}"]
ACTIVITY_SUBJECTS = {
    ActivityKind.CALL: CALL_SUBJECTS, ActivityKind.MEETING: MEETING_SUBJECTS,
    ActivityKind.NOTE: NOTE_SUBJECTS, ActivityKind.TASK: TASK_SUBJECTS,
}
CALL_OUTCOMES = ["Next meeting booked", "Sent more information", "Left a voicemail", "No answer",
                 "Not interested right now"]


# -- pipeline stages ---------------------------------------------------------------


async def ensure_pipeline_stages() -> None:
    """Creates the default pipeline stages when no stage exists (an admin may have changed them)."""
    if await PipelineStage.exists():
        return
    for name, position, probability, is_won, is_lost in DEFAULT_STAGES:
        await PipelineStage.create(
            name=name, position=position, probability=probability, is_won=is_won, is_lost=is_lost
        )


# -- the demo data set -------------------------------------------------------------


def ascii_slug(text: str, separator: str = ".") -> str:
    """`Müller` -> `muller`, `de Vries` -> `de.vries`: names as they appear in emails and URLs."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return separator.join(words)


def phone_number(rng: random.Random, country_code: str) -> str:
    if country_code == "+1":
        return f"+1 {rng.randint(201, 989)} 555 {rng.randint(100, 199):04d}"
    return f"{country_code} {rng.randint(20, 99)} {rng.randint(100000, 9999999)}"


def moment(day: date, rng: random.Random) -> datetime:
    """A time during office hours (UTC) on that day."""
    return datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59),
                    rng.randint(0, 59), rng.randint(0, 999_999), tzinfo=timezone.utc)


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def money(rng: random.Random, low: int, high: int, step: int = 500) -> Decimal:
    return Decimal(rng.randrange(low, high, step)).quantize(CENTS)


def commission_on(rng: random.Random, amount: Decimal) -> Decimal:
    """The salesperson's share of a deal: 5 to 12 percent."""
    return (amount * rng.randint(5, 12) / 100).quantize(CENTS)


@dataclass
class DemoContext:
    rng: random.Random
    today: date
    users: dict[str, User]
    territories: dict[str, Territory]
    stages: dict[str, PipelineStage]


async def seed_demo(*, seed: int = 42) -> str | None:
    """Loads the demo CRM and returns a new admin token; None (and no change) if it is loaded already."""
    if await User.filter(email=ADMIN_EMAIL).exists():
        return None
    async with in_transaction():
        # The admin goes first: a concurrent second seed fails on its unique email and rolls back.
        admin = await User.create(email=ADMIN_EMAIL, name="Ada Admin", role=Role.ADMIN)
        context = await create_organization(random.Random(seed), admin)
        billing_stages = list(DEMO_BILLING_STAGES)
        context.rng.shuffle(billing_stages)
        accounts = []
        for company, billing_stage in zip(DEMO_COMPANIES, billing_stages, strict=True):
            accounts.append(await create_demo_account(context, company, billing_stage))
        await link_shared_contacts(context, accounts)
        leads = await create_demo_leads(context, accounts)
        await create_demo_targets(context, leads)
    return await create_token(admin, name="demo")


async def create_organization(rng: random.Random, admin: User) -> DemoContext:
    await ensure_pipeline_stages()
    territories = {name: await Territory.create(name=name) for name in CURRENCY_OF_TERRITORY}
    enterprise = await Team.create(name="Enterprise Sales")
    mid_market = await Team.create(name="Mid-Market Sales")
    users = {
        "admin": admin,
        "manager": await User.create(email="manager@example.com", name="Marta Keller", role=Role.MANAGER,
                                     team=enterprise),
        "sales1": await User.create(email="sales1@example.com", name="Jonas Weber", role=Role.SALES,
                                    team=enterprise),
        "sales2": await User.create(email="sales2@example.com", name="Emily Carter", role=Role.SALES,
                                    team=mid_market),
        "bi": await User.create(email="bi@example.com", name="BI Reporting", role=Role.BI),
    }
    await admin.territories.add(*territories.values())
    # The manager sees Europe only, so the demo shows territory rules at work.
    await users["manager"].territories.add(territories["DACH"], territories["Western Europe"])
    await users["sales1"].territories.add(territories["DACH"], territories["Western Europe"])
    await users["sales2"].territories.add(territories["North America"])
    stages = {stage.name: stage for stage in await PipelineStage.all()}
    return DemoContext(rng=rng, today=datetime.now(timezone.utc).date(), users=users,
                       territories=territories, stages=stages)


def demo_owner(context: DemoContext, territory: str) -> User:
    if territory == "North America":
        return context.users["sales2"]
    # A few European accounts belong to the manager herself.
    return context.users["manager"] if context.rng.random() < 0.25 else context.users["sales1"]


def account_custom(rng: random.Random, region: str, employees: int) -> dict:
    segment = "ENTERPRISE" if employees >= 1000 else "MID_MARKET" if employees >= 100 else "SMB"
    return {"tier": rng.choice(TIERS), "region": region, "segment": segment}


def demo_engagement(name: str, today: date) -> dict:
    """The ABM plugin's values of most demo accounts. A generator of its own per account
    keeps the rest of the demo as it was."""
    rng = random.Random(f"engagement {name}")
    if rng.random() < 0.2:
        return {}  # not tracked
    return {"intentScore": rng.randint(5, 100), "engagementScore": round(rng.uniform(0, 5), 2),
            "lastEngagedOn": (today - timedelta(days=rng.randint(0, 120))).isoformat()}


# Billing stage of a customer -> (days since the won deal closed, days until the contract ends).
CUSTOMER_TIMELINE = {
    BillingStage.ACTIVE: ((60, 500), (30, 540)),
    BillingStage.ONBOARDING: ((10, 60), (300, 720)),
    BillingStage.PAST_DUE: ((90, 300), (60, 360)),
    BillingStage.CHURNED: ((420, 720), (-200, -30)),
}
DEMO_BILLING_STAGES = (
    [BillingStage.ACTIVE] * 12 + [BillingStage.ONBOARDING] * 4 + [BillingStage.PAST_DUE] * 3
    + [BillingStage.CHURNED] * 3 + [BillingStage.PROSPECT] * 14
)


async def create_demo_account(context: DemoContext, company: tuple, stage: BillingStage) -> Account:
    rng, today = context.rng, context.today
    name, domain, industry, territory, country_code = company
    employees = rng.choice([rng.randint(12, 95), rng.randint(120, 900), rng.randint(1200, 25000)])
    won_on = contract_end = None
    if stage in CUSTOMER_TIMELINE:
        (won_low, won_high), (end_low, end_high) = CUSTOMER_TIMELINE[stage]
        won_on = today - timedelta(days=rng.randint(won_low, won_high))
        contract_end = today + timedelta(days=rng.randint(end_low, end_high))
        # A customer was an account for a while before the deal closed.
        created_on = won_on - timedelta(days=rng.randint(30, 180))
    else:
        created_on = today - timedelta(days=rng.randint(5, 300))
    owner = demo_owner(context, territory)
    account = await Account.create(
        name=name, website=f"https://www.{domain}", industry=industry,
        annual_revenue=Decimal(employees * rng.randint(90, 260) * 1000).quantize(CENTS),
        employee_count=employees, billing_stage=stage, contract_end_date=contract_end,
        territory=context.territories[territory], owner=owner, created_at=moment(created_on, rng),
        custom=account_custom(rng, REGION_OF_TERRITORY[territory], employees) | demo_engagement(name, today),
    )
    people = await create_demo_people(context, account, domain, territory, country_code, created_on)
    account.primary_person = people[0]
    await account.save(update_fields=["primary_person_id"])
    opportunities = await create_demo_opportunities(context, account, people, territory, created_on, won_on)
    for opportunity in opportunities:
        if opportunity.stage.is_won:
            await create_demo_delivery(context, account, opportunity)
    await create_demo_billing(context, account, opportunities)
    await create_demo_activities(context, account, people, opportunities, created_on)
    return account


async def create_demo_people(context: DemoContext, account: Account, domain: str, territory: str,
                             country_code: str, created_on: date) -> list[Person]:
    rng = context.rng
    count = rng.randint(2, 6)
    first_names = rng.sample(FIRST_NAMES[territory], count)
    people = []
    for index, first in enumerate(first_names):
        last = rng.choice(LAST_NAMES[territory])
        # The first contact is the decision maker; the others spread over the hierarchy.
        seniority = "EXECUTIVE" if index == 0 else rng.choice(SENIORITIES)
        person = await Person.create(
            email=f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}", first_name=first, last_name=last,
            title=rng.choice(TITLES_BY_SENIORITY[seniority]), phone=phone_number(rng, country_code),
            linkedin_url=f"https://www.linkedin.com/in/{ascii_slug(first, '-')}-{ascii_slug(last, '-')}"
                         f"-{rng.randrange(16**6):06x}",
            owner_id=account.owner_id, custom={"seniority": seniority},
            created_at=moment(min(created_on + timedelta(days=rng.randint(0, 30)), context.today), rng),
        )
        # is_primary marks the person's primary account; each demo person has one so far.
        await AccountPerson.create(account=account, person=person, is_primary=True, created_at=person.created_at)
        people.append(person)
    return people


async def link_shared_contacts(context: DemoContext, accounts: list[Account]) -> None:
    """A few advisors sit on a second account's board: a link that is not their primary one."""
    rng = context.rng
    for account, other in zip(rng.sample(accounts, 3), rng.sample(accounts, 3)):
        if account.id == other.id:
            continue
        await AccountPerson.create(account=other, person_id=account.primary_person_id, is_primary=False)


async def create_demo_opportunities(context: DemoContext, account: Account, people: list[Person],
                                    territory: str, created_on: date, won_on: date | None) -> list[Opportunity]:
    rng, today, stages = context.rng, context.today, context.stages
    open_stages = [s for s in stages.values() if not s.is_won and not s.is_lost]
    lost = stages["Closed lost"]
    plan: list[tuple[PipelineStage, date | None]] = []  # (stage, closed_on)
    if won_on is not None:
        plan.append((stages["Closed won"], won_on))
        if account.billing_stage == BillingStage.ACTIVE and rng.random() < 0.6:
            plan.append((rng.choice(open_stages), None))  # an upsell in progress
        if account.billing_stage == BillingStage.CHURNED:
            plan.append((lost, today - timedelta(days=rng.randint(30, 200))))  # the renewal that failed
    else:
        plan.extend((rng.choice(open_stages), None) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            plan.append((lost, min(created_on + timedelta(days=rng.randint(20, 150)), today)))
    opportunities = []
    for stage, closed_on in plan:
        if closed_on is None:
            expected = today + timedelta(days=rng.randint(10, 180))
            opened = today - timedelta(days=rng.randint(5, 90))
        else:
            expected = closed_on + timedelta(days=rng.randint(-10, 20))
            opened = closed_on - timedelta(days=rng.randint(20, 90))
        product = rng.choice(PRODUCTS)
        amount = money(rng, 5_000, 250_000)
        opportunity = await Opportunity.create(
            name=f"{account.name}: {product}", stage=stage, amount=amount, commission=commission_on(rng, amount),
            currency=CURRENCY_OF_TERRITORY[territory], expected_close_date=expected, closed_on=closed_on,
            account=account, owner_id=account.owner_id, created_at=moment(max(opened, created_on), rng),
        )
        for person in rng.sample(people, rng.randint(1, min(3, len(people)))):
            await OpportunityPerson.create(opportunity=opportunity, person=person)
        await create_demo_stage_history(context, opportunity, max(opened, created_on), closed_on or today)
        opportunities.append(opportunity)
    return opportunities


async def create_demo_stage_history(context: DemoContext, opportunity: Opportunity, opened: date, until: date) -> None:
    """The stages the deal went through to its current one, spread between its opening and `until`."""
    rng, stage = context.rng, opportunity.stage
    open_stages = sorted((s for s in context.stages.values() if not s.is_won and not s.is_lost),
                         key=lambda s: s.position)
    if stage.is_lost:
        path = open_stages[: rng.randint(1, len(open_stages))]
    else:
        path = [s for s in open_stages if s.position < stage.position]
    path.append(stage)
    for step, (before, after) in enumerate(zip(path, path[1:]), start=1):
        await OpportunityStageChange.create(
            opportunity=opportunity, from_stage=before, from_stage_name=before.name, to_stage=after,
            to_stage_name=after.name, at=moment(opened + (until - opened) * step / len(path), rng),
            user_id=opportunity.owner_id,
        )


async def create_demo_delivery(context: DemoContext, account: Account, opportunity: Opportunity) -> None:
    rng, today = context.rng, context.today
    start = opportunity.closed_on + timedelta(days=rng.randint(5, 15))
    due = start + timedelta(days=rng.randint(60, 150))
    if start > today:
        status = DeliveryStatus.PLANNED
    elif due < today:
        status = DeliveryStatus.DONE
    else:
        status = DeliveryStatus.ON_HOLD if account.billing_stage == BillingStage.PAST_DUE \
            else DeliveryStatus.IN_PROGRESS
    # The account owner runs most deliveries; the manager takes some of the big European ones.
    responsible_id = account.owner_id
    if opportunity.currency == "EUR" and rng.random() < 0.3:
        responsible_id = context.users["manager"].id
    delivery = await Delivery.create(
        name=opportunity.name.split(": ", 1)[1] + f" for {account.name}", account=account,
        opportunity=opportunity, responsible_id=responsible_id, status=status, start_date=start,
        due_date=due, owner_id=account.owner_id,
    )
    middle = sorted(rng.sample(range(1, len(DELIVERY_PHASES) - 1), rng.randint(0, 2)))
    names = [DELIVERY_PHASES[0], *(DELIVERY_PHASES[i] for i in middle), DELIVERY_PHASES[-1]]
    length = (due - start) / len(names)
    for position, name in enumerate(names, start=1):
        phase_start = start + length * (position - 1)
        phase_end = start + length * position
        await DeliveryPhase.create(
            delivery=delivery, name=name, position=position, start_date=phase_start, end_date=phase_end,
            done=status == DeliveryStatus.DONE or (status == DeliveryStatus.IN_PROGRESS and phase_end < today),
            owner_id=account.owner_id,
        )


async def create_demo_billing(context: DemoContext, account: Account, opportunities: list[Opportunity]) -> None:
    """Monthly invoices for the won deal, up to a year back; what is due now depends on the billing stage."""
    rng, today, stage = context.rng, context.today, account.billing_stage
    won = next((o for o in opportunities if o.stage.is_won), None)
    if won is None:
        return
    monthly = (won.amount / 12).quantize(CENTS)
    end = min(today, account.contract_end_date) if stage == BillingStage.CHURNED else today
    first = max(won.closed_on, end - timedelta(days=365))
    months = []
    month = first.replace(day=1)
    while month <= end:
        months.append(month)
        month = first_of_next_month(month)
    if stage == BillingStage.ONBOARDING:
        await BillingEntry.create(account=account, date=won.closed_on, amount=money(rng, 2_000, 10_000),
                                  currency=won.currency, status=BillingStatus.INVOICED,
                                  description="Onboarding fee", owner_id=account.owner_id)
    for index, month in enumerate(months):
        from_end = len(months) - 1 - index
        if stage == BillingStage.PAST_DUE and from_end < 3:
            status = BillingStatus.OVERDUE
        elif stage == BillingStage.CHURNED and from_end == 0:
            status = BillingStatus.CANCELLED
        elif from_end == 0:
            status = BillingStatus.INVOICED
        else:
            status = BillingStatus.PAID
        await BillingEntry.create(account=account, date=month, amount=monthly, currency=won.currency,
                                  status=status, description=f"Subscription {month:%B %Y}",
                                  owner_id=account.owner_id)
    if stage in (BillingStage.ACTIVE, BillingStage.ONBOARDING):
        upcoming = first_of_next_month(today)
        await BillingEntry.create(account=account, date=upcoming, amount=monthly, currency=won.currency,
                                  status=BillingStatus.DRAFT, description=f"Subscription {upcoming:%B %Y}",
                                  owner_id=account.owner_id)


async def create_demo_activities(context: DemoContext, account: Account, people: list[Person],
                                 opportunities: list[Opportunity], created_on: date) -> None:
    rng, today = context.rng, context.today
    open_deals = [o for o in opportunities if o.closed_on is None]
    # Spread over the last eight months, but never before the account existed.
    oldest = max((today - created_on).days, 1)
    for _ in range(rng.randint(4, 9)):
        kind = rng.choice([ActivityKind.CALL, ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.TASK,
                           ActivityKind.NOTE])
        person = rng.choice(people) if rng.random() < 0.8 else None
        deal = rng.choice(opportunities or [None]) if rng.random() < 0.5 else None
        if open_deals and rng.random() < 0.3:
            deal = rng.choice(open_deals)
        subject = rng.choice(ACTIVITY_SUBJECTS[kind]).format(first=(person or people[0]).first_name,
                                              product=rng.choice(PRODUCTS).lower())
        values = dict(kind=kind, subject=subject, account=account, person=person, opportunity=deal,
                      assignee_id=account.owner_id, owner_id=account.owner_id)
        if kind == ActivityKind.TASK:
            due = today + timedelta(days=rng.randint(-45, 30))
            done = due < today and rng.random() < 0.85
            created = moment(min(due, today) - timedelta(days=rng.randint(3, 14)), rng)
            values.update(due_date=due, done=done, created_at=created,
                          occurred_at=moment(due, rng) if done else None)
        else:
            occurred = moment(today - timedelta(days=rng.randint(0, min(240, oldest))), rng)
            body = {ActivityKind.CALL: "Talked through open questions; next step agreed.",
                    ActivityKind.MEETING: "Attendees from both sides; minutes shared afterwards.",
                    ActivityKind.NOTE: None}[kind]
            values.update(occurred_at=occurred, created_at=occurred, body=body)
            if kind == ActivityKind.CALL:
                values.update(direction=rng.choice(list(CallDirection)), duration_seconds=rng.randint(2, 45) * 60,
                              outcome=rng.choice(CALL_OUTCOMES))
            elif kind == ActivityKind.MEETING:
                values.update(starts_at=occurred, ends_at=occurred + timedelta(minutes=rng.choice((30, 60, 90))))
        activity = await Activity.create(**values)
        if kind == ActivityKind.MEETING and person is not None:
            await ActivityAttendee.create(activity=activity, person=person)


async def create_demo_leads(context: DemoContext, accounts: list[Account]) -> list[Lead]:
    rng, today = context.rng, context.today
    stages = [LeadStage.ML] * 4 + [LeadStage.MQL] * 4 + [LeadStage.SQL] * 3 + [LeadStage.LOST] * 3
    leads = []
    for stage, (company, domain) in zip(stages, PROSPECT_COMPANIES):
        territory = rng.choice(list(CURRENCY_OF_TERRITORY))
        first, last = rng.choice(FIRST_NAMES[territory]), rng.choice(LAST_NAMES[territory])
        lead = await Lead.create(
            first_name=first, last_name=last, email=f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}",
            phone=phone_number(rng, "+1" if territory == "North America" else "+49"),
            title=rng.choice(TITLES_BY_SENIORITY[rng.choice(SENIORITIES)]), company_name=company,
            website=f"https://www.{domain}", source=rng.choice(LEAD_SOURCES), stage=stage,
            owner=demo_owner(context, territory),
            created_at=moment(today - timedelta(days=rng.randint(1, 120)), rng),
        )
        if stage in (LeadStage.SQL, LeadStage.MQL):
            occurred = moment(today - timedelta(days=rng.randint(1, 40)), rng)
            await Activity.create(kind=ActivityKind.CALL, subject=f"Qualification call with {first}",
                                  lead=lead, occurred_at=occurred, created_at=occurred,
                                  direction=CallDirection.OUTBOUND, duration_seconds=rng.randint(5, 30) * 60,
                                  outcome=rng.choice(CALL_OUTCOMES[:2]),
                                  assignee_id=lead.owner_id, owner_id=lead.owner_id)
        leads.append(lead)
    # A new contact at a customer came in as a lead: converting it should select the account.
    customer = next(a for a in accounts if a.billing_stage == BillingStage.ACTIVE)
    territory = next(name for name, t in context.territories.items() if t.id == customer.territory_id)
    first, last = rng.choice(FIRST_NAMES[territory]), rng.choice(LAST_NAMES[territory])
    leads.append(await Lead.create(
        first_name=first, last_name=last,
        email=f"{ascii_slug(first)}.{ascii_slug(last)}@{customer.website.removeprefix('https://www.')}",
        title=rng.choice(TITLES_BY_SENIORITY["SENIOR"]), company_name=customer.name, website=customer.website,
        source="Referral", stage=LeadStage.SQL, owner_id=customer.owner_id,
        created_at=moment(today - timedelta(days=rng.randint(1, 20)), rng),
    ))
    # Two of the newest prospects came in as leads and were converted.
    prospects = sorted((a for a in accounts if a.billing_stage == BillingStage.PROSPECT),
                       key=lambda a: a.created_at, reverse=True)[:2]
    for account in prospects:
        person = await Person.get(id=account.primary_person_id)
        deal = await Opportunity.filter(account=account).order_by("id").first()
        leads.append(await Lead.create(
            first_name=person.first_name, last_name=person.last_name, email=person.email, phone=person.phone,
            title=person.title, company_name=account.name, website=account.website,
            source=rng.choice(LEAD_SOURCES), stage=LeadStage.CONVERTED, converted_at=account.created_at,
            converted_person=person, converted_account=account, converted_opportunity=deal,
            owner_id=account.owner_id, created_at=account.created_at - timedelta(days=rng.randint(7, 30)),
        ))
    return leads


async def create_demo_targets(context: DemoContext, leads: list[Lead]) -> None:
    rng, today = context.rng, context.today
    lead_companies = {lead.company_name for lead in leads}
    for company, domain in PROSPECT_COMPANIES:
        if company in lead_companies:
            continue
        territory = rng.choice(list(CURRENCY_OF_TERRITORY))
        first, last = rng.choice(FIRST_NAMES[territory]), rng.choice(LAST_NAMES[territory])
        await Target.create(
            first_name=first, last_name=last, email=f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}",
            title=rng.choice(TITLES_BY_SENIORITY["SENIOR"]), company_name=company,
            website=f"https://www.{domain}", source=rng.choice(TARGET_SOURCES),
            status=TargetStatus.CONTACTED if rng.random() < 0.4 else TargetStatus.NEW,
            owner=demo_owner(context, territory),
            created_at=moment(today - timedelta(days=rng.randint(1, 200)), rng),
        )


# -- bulk data for benchmarks ------------------------------------------------------

# Rows per table in one batch: enough to amortise round trips, few enough to keep memory flat.
ROWS_PER_BATCH = 5_000

# region -> (currency, telephone country code, top-level domains)
SCALE_REGIONS = {
    "EMEA": ("EUR", "+49", ("de", "fr", "nl", "co.uk", "ch")),
    "AMER": ("USD", "+1", ("com", "io", "ca")),
    "APAC": ("USD", "+65", ("sg", "com.au", "co.jp", "in")),
}
COMPANY_PREFIXES = [
    "Northwind", "Alpine", "Blue River", "Summit", "Redwood", "Silverline", "Harbor", "Evergreen", "Ironwood",
    "Granite", "Sunrise", "Crescent", "Falcon", "Maple", "Oakridge", "Pioneer", "Riverside", "Sterling",
    "Cedar", "Horizon", "Lakeside", "Meridian", "Nova", "Orion", "Pinnacle", "Quantum", "Atlas", "Beacon",
    "Cobalt", "Delta", "Emerald", "Frontier", "Golden Gate", "Highland", "Juniper", "Keystone", "Lighthouse",
    "Monarch", "Nordic", "Pacific",
]
COMPANY_NOUNS = [
    "Logistics", "Systems", "Foods", "Health", "Energy", "Analytics", "Robotics", "Textiles", "Pharma",
    "Media", "Capital", "Motors", "Builders", "Software", "Retail", "Foundry", "Labs", "Insurance",
    "Hospitality", "Telecom",
]
LEGAL_FORMS = ["GmbH", "AG", "Ltd", "Inc.", "SA", "BV", "LLC", "Group", "plc", "Pte Ltd"]
SCALE_FIRST_NAMES = sorted({name for names in FIRST_NAMES.values() for name in names})
SCALE_LAST_NAMES = sorted({name for names in LAST_NAMES.values() for name in names})
SCALE_BILLING_STAGES = (
    [BillingStage.PROSPECT] * 5 + [BillingStage.ONBOARDING] + [BillingStage.ACTIVE] * 3
    + [BillingStage.PAST_DUE] + [BillingStage.CHURNED]
)
EMPLOYEES_OF_SEGMENT = {"SMB": (5, 99), "MID_MARKET": (100, 999), "ENTERPRISE": (1_000, 50_000)}

# Columns written per table, in insert order (people before the accounts that point at them).
# Link tables and activities get their ids from the database: nothing here refers to them.
RECORD_COLUMNS = ("id", "created_at", "updated_at", "owner_id", "version", "custom")
SCALE_COLUMNS = {
    "person": RECORD_COLUMNS + ("email", "first_name", "last_name", "title", "phone", "linkedin_url"),
    "account": RECORD_COLUMNS + ("name", "website", "industry", "annual_revenue", "employee_count",
                                 "billing_stage", "contract_end_date", "primary_person_id", "territory_id"),
    "account_person": ("account_id", "person_id", "is_primary", "created_at"),
    "opportunity": RECORD_COLUMNS + ("name", "stage_id", "amount", "commission", "currency",
                                     "expected_close_date", "closed_on", "account_id"),
    "opportunity_person": ("opportunity_id", "person_id", "created_at"),
    "activity": RECORD_COLUMNS[1:] + ("kind", "subject", "body", "occurred_at", "due_date", "done",
                                      "assignee_id", "account_id", "person_id", "opportunity_id"),
}


def compact_json(value: dict) -> str:
    """JSON text as Tortoise writes it, without spaces."""
    return json.dumps(value, separators=(",", ":"))


def _unchanged(value):
    return value


@dataclass(frozen=True)
class SqlValues:
    """How raw inserts spell values: SQLite stores text and 0/1 as Tortoise does; asyncpg takes objects."""

    timestamp: Callable[[datetime], object]
    day: Callable[[date], object]
    decimal: Callable[[Decimal], object]
    flag: Callable[[bool], object]


# str() of an aware datetime is '2026-11-28 09:40:02.822982+00:00', the form Tortoise writes.
SQLITE_VALUES = SqlValues(timestamp=str, day=date.isoformat, decimal=str, flag=int)
POSTGRES_VALUES = SqlValues(timestamp=_unchanged, day=_unchanged, decimal=_unchanged, flag=_unchanged)


@dataclass
class ScalePlan:
    """What one bulk account brings with it, and the fixed rows the generated ones point at."""

    people_per_account: int
    opportunities_per_account: int
    activities_per_account: int
    stages: list[PipelineStage]
    # region -> (territory id, owner user ids)
    owners: dict[str, tuple[int, list[int]]]


async def seed_scale(
    accounts: int,
    *,
    people_per_account: int = 5,
    opportunities_per_account: int = 3,
    activities_per_account: int = 5,
    progress: Callable[[int], None] | None = None,
    seed: int = 1,
) -> dict[str, int]:
    """Bulk-inserts `accounts` accounts with their people, opportunities and activities; returns rows per table.

    The accounts belong to territories EMEA, AMER and APAC and two sales reps in each,
    created on first use. Each batch is its own transaction, so an interrupted run keeps
    the batches already done. On PostgreSQL, run ANALYZE afterwards before timing queries.
    """
    await ensure_pipeline_stages()
    plan = ScalePlan(
        people_per_account=people_per_account,
        opportunities_per_account=opportunities_per_account,
        activities_per_account=activities_per_account,
        stages=await PipelineStage.all().order_by("position"),
        owners=await scale_owners(),
    )
    dialect = connection().capabilities.dialect
    values = POSTGRES_VALUES if dialect == "postgres" else SQLITE_VALUES
    rng = random.Random(seed)
    counts = dict.fromkeys(SCALE_COLUMNS, 0)
    widest = max(people_per_account, opportunities_per_account, activities_per_account, 1)
    accounts_per_batch = max(1, ROWS_PER_BATCH // widest)
    done = 0
    while done < accounts:
        size = min(accounts_per_batch, accounts - done)
        async with in_transaction() as tx:
            ids = {
                "account": await reserve_ids(tx, dialect, "account", size),
                "person": await reserve_ids(tx, dialect, "person", size * people_per_account),
                "opportunity": await reserve_ids(tx, dialect, "opportunity", size * opportunities_per_account),
            }
            rows = scale_rows(plan, rng, values, ids)
            for table, columns in SCALE_COLUMNS.items():
                await insert_rows(tx, dialect, table, columns, rows[table])
                counts[table] += len(rows[table])
        done += size
        if progress is not None:
            progress(done)
    return counts


async def scale_owners() -> dict[str, tuple[int, list[int]]]:
    """A territory and two sales reps per region, created on first use, to own the bulk accounts."""
    owners = {}
    for region in SCALE_REGIONS:
        territory, _ = await Territory.get_or_create(name=region)
        user_ids = []
        for number in (1, 2):
            user, created = await User.get_or_create(
                email=f"sales.{region.lower()}.{number}@scale.example.com",
                defaults={"name": f"Sales {region} {number}", "role": Role.SALES},
            )
            if created:
                await user.territories.add(territory)
            user_ids.append(user.id)
        owners[region] = (territory.id, user_ids)
    return owners


async def reserve_ids(tx: BaseDBAsyncClient, dialect: str, table: str, count: int) -> list[int]:
    """Primary keys for rows about to be inserted, so that children can point at them.

    PostgreSQL hands them out from the table's sequence, safe beside concurrent writers.
    SQLite allows one writer at a time, so inside the transaction the next free ids are ours;
    sqlite_sequence counts too, because AUTOINCREMENT must never reuse a deleted row's id.
    """
    if count == 0:
        return []
    async with tx.acquire_connection() as conn:
        if dialect == "postgres":
            return await conn.fetchval(
                "SELECT array_agg(nextval(pg_get_serial_sequence($1, 'id'))) FROM generate_series(1, $2)",
                table, count,
            )
        rows = await conn.execute_fetchall(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),"
            f' coalesce((SELECT max(id) FROM "{table}"), 0))',
            (table,),
        )
        first = rows[0][0] + 1
        return list(range(first, first + count))


async def insert_rows(
    tx: BaseDBAsyncClient, dialect: str, table: str, columns: tuple[str, ...], rows: list[tuple]
) -> None:
    if not rows:
        return
    async with tx.acquire_connection() as conn:
        if dialect == "postgres":
            await conn.copy_records_to_table(table, records=rows, columns=columns)
            return
        # One prepared statement run for every row inside the open transaction: the fast path in SQLite.
        names = ", ".join(f'"{column}"' for column in columns)
        placeholders = ", ".join("?" for _ in columns)
        await conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({placeholders})', rows)


def scale_rows(plan: ScalePlan, rng: random.Random, values: SqlValues, ids: dict[str, list[int]]) -> dict[str, list]:
    """The rows of one batch, table by table, as tuples in SCALE_COLUMNS order."""
    now = datetime.now(timezone.utc)
    today = now.date()
    three_years = 3 * 365 * 86_400
    timestamp, day, decimal, flag = values.timestamp, values.day, values.decimal, values.flag
    regions = list(SCALE_REGIONS)
    empty = "{}"
    # The JSON texts come from few combinations, so each is encoded once.
    account_custom_json = {
        (tier, region, segment): compact_json({"tier": tier, "region": region, "segment": segment})
        for tier in TIERS for region in regions for segment in SEGMENTS
    }
    person_custom_json = {level: compact_json({"seniority": level}) for level in SENIORITIES}
    email_part = {name: ascii_slug(name) for name in SCALE_FIRST_NAMES + SCALE_LAST_NAMES}
    url_part = {name: ascii_slug(name, "-") for name in SCALE_FIRST_NAMES + SCALE_LAST_NAMES}
    # Open stages twice as likely as closed ones: a pipeline has more deals in flight than decided.
    weighted_stages = [stage for stage in plan.stages for _ in range(1 if stage.is_won or stage.is_lost else 2)]
    kinds = [ActivityKind.CALL, ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.TASK, ActivityKind.NOTE]
    rows = {table: [] for table in SCALE_COLUMNS}
    person_ids = iter(ids["person"])
    opportunity_ids = iter(ids["opportunity"])

    for account_id in ids["account"]:
        region = rng.choice(regions)
        currency, country_code, domains = SCALE_REGIONS[region]
        territory_id, owner_ids = plan.owners[region]
        owner_id = rng.choice(owner_ids)
        segment, tier = rng.choice(SEGMENTS), rng.choice(TIERS)
        prefix, noun = rng.choice(COMPANY_PREFIXES), rng.choice(COMPANY_NOUNS)
        name = f"{prefix} {noun} {rng.choice(LEGAL_FORMS)}"
        domain = f"{ascii_slug(prefix, '')}{ascii_slug(noun, '')}.{rng.choice(domains)}"
        created = now - timedelta(seconds=rng.random() * three_years)
        age = (now - created).total_seconds()

        account_people, first_names = [], []
        for index in range(plan.people_per_account):
            person_id = next(person_ids)
            first, last = rng.choice(SCALE_FIRST_NAMES), rng.choice(SCALE_LAST_NAMES)
            seniority = "EXECUTIVE" if index == 0 else rng.choice(SENIORITIES)
            joined = timestamp(created + timedelta(seconds=rng.random() * age))
            rows["person"].append((
                person_id, joined, joined, owner_id, 1, person_custom_json[seniority],
                # The id keeps emails unique across people of the same name.
                f"{email_part[first]}.{email_part[last]}.{person_id}@{domain}", first, last,
                rng.choice(TITLES_BY_SENIORITY[seniority]),
                f"{country_code} {rng.randint(100, 999)} {rng.randint(100000, 9999999)}",
                f"https://www.linkedin.com/in/{url_part[first]}-{url_part[last]}-{person_id:x}",
            ))
            # Every bulk person belongs to one account, which is therefore their primary one.
            rows["account_person"].append((account_id, person_id, flag(True), joined))
            account_people.append(person_id)
            first_names.append(first)

        billing_stage = rng.choice(SCALE_BILLING_STAGES)
        contract_end = None
        if billing_stage != BillingStage.PROSPECT:
            offset = rng.randint(-365, -1) if billing_stage == BillingStage.CHURNED else rng.randint(1, 730)
            contract_end = day(today + timedelta(days=offset))
        employees = rng.randint(*EMPLOYEES_OF_SEGMENT[segment])
        rows["account"].append((
            account_id, timestamp(created), timestamp(created + timedelta(seconds=rng.random() * age)),
            owner_id, 1, account_custom_json[tier, region, segment],
            name, f"https://www.{domain}", rng.choice(INDUSTRIES),
            decimal(Decimal(employees * rng.randint(80, 300) * 1000).quantize(CENTS)), employees,
            billing_stage.value, contract_end, account_people[0] if account_people else None, territory_id,
        ))

        deal_ids = []
        for _ in range(plan.opportunities_per_account):
            opportunity_id = next(opportunity_ids)
            stage = rng.choice(weighted_stages)
            opened = created + timedelta(seconds=rng.random() * age)
            if stage.is_won or stage.is_lost:
                closed_on = (opened + (now - opened) * rng.random()).date()
                expected, closed = closed_on + timedelta(days=rng.randint(-15, 15)), day(closed_on)
            else:
                expected, closed = today + timedelta(days=rng.randint(0, 240)), None
            amount = money(rng, 1_000, 500_000, 250)
            rows["opportunity"].append((
                opportunity_id, timestamp(opened), timestamp(opened), owner_id, 1, empty,
                f"{name}: {rng.choice(PRODUCTS)}", stage.id, decimal(amount), decimal(commission_on(rng, amount)),
                currency, day(expected), closed, account_id,
            ))
            if account_people:
                rows["opportunity_person"].append((opportunity_id, rng.choice(account_people), timestamp(opened)))
            deal_ids.append(opportunity_id)

        for _ in range(plan.activities_per_account):
            kind = rng.choice(kinds)
            person_id = rng.choice(account_people) if account_people and rng.random() < 0.5 else None
            deal_id = rng.choice(deal_ids) if deal_ids and rng.random() < 0.33 else None
            subject = rng.choice(ACTIVITY_SUBJECTS[kind]).format(
                first=rng.choice(first_names) if first_names else "Alex", product=rng.choice(PRODUCTS).lower()
            )
            if kind == ActivityKind.TASK:
                due = today + timedelta(days=rng.randint(-60, 60))
                created_at = min(now, datetime(due.year, due.month, due.day, tzinfo=timezone.utc)
                                 - timedelta(days=rng.randint(1, 14), seconds=rng.random() * 86_400))
                done = due < today and rng.random() < 0.8
                # A done task's occurred_at is when it was ticked off: on its due date, say.
                occurred = timestamp(datetime(due.year, due.month, due.day, 16, tzinfo=timezone.utc)) if done else None
                due_day = day(due)
            else:
                created_at = created + timedelta(seconds=rng.random() * age)
                done, occurred, due_day = False, timestamp(created_at), None
            rows["activity"].append((
                timestamp(created_at), timestamp(created_at), owner_id, 1, empty, kind.value, subject, None,
                occurred, due_day, flag(done), owner_id, account_id, person_id, deal_id,
            ))
    return rows
