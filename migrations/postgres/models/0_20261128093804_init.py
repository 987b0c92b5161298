from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "pipeline_stage" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "position" INT NOT NULL,
    "probability" INT NOT NULL,
    "is_won" BOOL NOT NULL,
    "is_lost" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "team" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "territory" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "crm_user" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "name" VARCHAR(200),
    "role" VARCHAR(20) NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "team_id" BIGINT REFERENCES "team" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "crm_user"."role" IS 'ADMIN: admin\nMANAGER: manager\nSALES: sales\nEXTERNAL: external\nBI: bi';
CREATE TABLE IF NOT EXISTS "api_token" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200),
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "user_id" BIGINT NOT NULL REFERENCES "crm_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "api_token" IS 'A bearer token; only its SHA-256 digest is stored.';
CREATE TABLE IF NOT EXISTS "person" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "first_name" VARCHAR(200),
    "last_name" VARCHAR(200),
    "title" VARCHAR(200),
    "phone" VARCHAR(50),
    "linkedin_url" VARCHAR(500),
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS "account" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "website" VARCHAR(500),
    "industry" VARCHAR(200),
    "annual_revenue" DECIMAL(18,2),
    "employee_count" INT,
    "billing_stage" VARCHAR(20) NOT NULL,
    "contract_end_date" DATE,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL,
    "primary_person_id" BIGINT REFERENCES "person" ("id") ON DELETE SET NULL,
    "territory_id" BIGINT REFERENCES "territory" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "account"."billing_stage" IS 'PROSPECT: PROSPECT\nONBOARDING: ONBOARDING\nACTIVE: ACTIVE\nPAST_DUE: PAST_DUE\nCHURNED: CHURNED';
CREATE TABLE IF NOT EXISTS "account_person" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "is_primary" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "account_id" BIGINT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_account_per_account_0df028" UNIQUE ("account_id", "person_id")
);
COMMENT ON TABLE "account_person" IS 'The many-to-many link between accounts and people.';
CREATE TABLE IF NOT EXISTS "billing_entry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "date" DATE NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "description" VARCHAR(500),
    "account_id" BIGINT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "billing_entry"."status" IS 'DRAFT: DRAFT\nINVOICED: INVOICED\nPAID: PAID\nOVERDUE: OVERDUE\nCANCELLED: CANCELLED';
CREATE TABLE IF NOT EXISTS "opportunity" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "amount" DECIMAL(18,2),
    "currency" VARCHAR(3) NOT NULL,
    "expected_close_date" DATE,
    "closed_on" DATE,
    "account_id" BIGINT REFERENCES "account" ("id") ON DELETE SET NULL,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL,
    "stage_id" BIGINT NOT NULL REFERENCES "pipeline_stage" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "start_date" DATE,
    "due_date" DATE,
    "account_id" BIGINT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "opportunity_id" BIGINT REFERENCES "opportunity" ("id") ON DELETE SET NULL,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL,
    "responsible_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "delivery"."status" IS 'PLANNED: PLANNED\nIN_PROGRESS: IN_PROGRESS\nON_HOLD: ON_HOLD\nDONE: DONE';
CREATE TABLE IF NOT EXISTS "delivery_phase" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "position" INT NOT NULL,
    "start_date" DATE,
    "end_date" DATE,
    "done" BOOL NOT NULL,
    "delivery_id" BIGINT NOT NULL REFERENCES "delivery" ("id") ON DELETE CASCADE,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS "lead" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "first_name" VARCHAR(200),
    "last_name" VARCHAR(200),
    "email" VARCHAR(320),
    "phone" VARCHAR(50),
    "title" VARCHAR(200),
    "company_name" VARCHAR(300),
    "website" VARCHAR(500),
    "source" VARCHAR(200),
    "stage" VARCHAR(20) NOT NULL,
    "converted_at" TIMESTAMPTZ,
    "converted_account_id" BIGINT REFERENCES "account" ("id") ON DELETE SET NULL,
    "converted_opportunity_id" BIGINT REFERENCES "opportunity" ("id") ON DELETE SET NULL,
    "converted_person_id" BIGINT REFERENCES "person" ("id") ON DELETE SET NULL,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "lead"."stage" IS 'ML: ML\nMQL: MQL\nSQL: SQL\nCONVERTED: CONVERTED\nLOST: LOST';
CREATE TABLE IF NOT EXISTS "activity" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "body" TEXT,
    "occurred_at" TIMESTAMPTZ,
    "due_date" DATE,
    "done" BOOL NOT NULL,
    "account_id" BIGINT REFERENCES "account" ("id") ON DELETE CASCADE,
    "assignee_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL,
    "lead_id" BIGINT REFERENCES "lead" ("id") ON DELETE CASCADE,
    "opportunity_id" BIGINT REFERENCES "opportunity" ("id") ON DELETE CASCADE,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL,
    "person_id" BIGINT REFERENCES "person" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "activity"."kind" IS 'CALL: CALL\nMEETING: MEETING\nTASK: TASK\nNOTE: NOTE';
CREATE TABLE IF NOT EXISTS "target" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "version" INT NOT NULL,
    "custom" JSONB NOT NULL,
    "first_name" VARCHAR(200),
    "last_name" VARCHAR(200),
    "email" VARCHAR(320),
    "phone" VARCHAR(50),
    "title" VARCHAR(200),
    "company_name" VARCHAR(300),
    "website" VARCHAR(500),
    "source" VARCHAR(200),
    "status" VARCHAR(20) NOT NULL,
    "converted_lead_id" BIGINT REFERENCES "lead" ("id") ON DELETE SET NULL,
    "owner_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "target"."status" IS 'NEW: NEW\nCONTACTED: CONTACTED\nCONVERTED: CONVERTED\nDISQUALIFIED: DISQUALIFIED';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS "user_territory" (
    "crm_user_id" BIGINT NOT NULL REFERENCES "crm_user" ("id") ON DELETE CASCADE,
    "territory_id" BIGINT NOT NULL REFERENCES "territory" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_user_territ_crm_use_87c0f7" ON "user_territory" ("crm_user_id", "territory_id");
CREATE TABLE IF NOT EXISTS "opportunity_person" (
    "opportunity_id" BIGINT NOT NULL REFERENCES "opportunity" ("id") ON DELETE CASCADE,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_opportunity_opportu_e2cefa" ON "opportunity_person" ("opportunity_id", "person_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1zm0gS/iuUPuWqnFT8lmR1V1eFJSXRrSx5JTm7tastCkkTmTMatIDiuPby328G8T"
    "oMiFeZl/4iY6AHeHpoZrqf7vm7s9XWSDXeiKuVtsdmpyv83cHyFpEN9tCZ0JF3O+8A3WHK"
    "S9U6V/adtDRMXV7Rtr7KqoHIrjUyVrqyMxUNk714r6p0p7YiJyp44+3aY+WvPZJMbYPMB6"
    "STA3/8SXYreI2+I8P5d/cofVWQug7crLKm17b2S+bzztp3o2yG2PxonUsvuJRWmrrfYu/8"
    "3bP5oGFXQDk8wQZhpMsmolcw9T19AnqD9rM6D3W4We+Uw136ZNboq7xXTd8TLyVvX0eSxp"
    "O5NBvMJamTAqOVhim+5FYNC4ANvYXXP11cXF6+v3h7+e7D9dX799cf3n4g51r3Gz70/sfh"
    "Zjy0Dk1ZmA0/DcdzekMaUeJBuXTHD0tGNuWDlKUMD/2VjihekmyGtdAnR0xli/h6CEoy+l"
    "jbom+cDVY7ji7i1OPs8PTjdctTKIg84HqC1We7Y8RgPx/eDmZz8faOXm5rGH+pFn7ifECP"
    "XFh7n5m9r979I6gstxHh1+H8s0D/FX6fjAcWvJphbnTrit5589879J7kvalJWHuS5LWvDz"
    "t7HdTImZ7W97t1Rq0HJUHrVdG6g5FP7fbde1r/hnSDohFSeaSt9UkcN7hFKfe8XIN7cX71"
    "/urD5bsr1866e+LMq2NKfaZzb5jaNozmf2aTcYTJdCXYF0dZmcL/BFUxSkO186+ve7yimA"
    "nLvaKaCjbe0Mv+u1MS3DFYUoQC78z4izjtfRanr27F35j3Y9wbTW7Yl4E2cMOow/obUkbv"
    "Qdb5ynDOZ1RBHqGOVmsrf5dUhDfmA/n38u3bGPQdrMlZLNb2oYvDsSC+T2hpKGYqiH0imV"
    "C2P2XVBPk6EcjXMSBfh0EmT0ZshP6cBmW/TPNgvkgE80UMzBdhmGWM97Iq6egbwntOl+6j"
    "lbKVVT7eYWHWmh+k39it1E8DMYD3B73hrTh6df7h7MJCnFhw+or7dHEVghttd6r2jJDkTj"
    "UTjj/CgpmGIRWDt+iByFJRVXI9yTDlTYR9HuD91oJ4SO5ExisUgjrUyOm+i5276WR2N+jN"
    "Uw5FXLmu4GwtMBkYTMRpfzj+1BW87QUWe/Phl0FXOPxd4DtxNpf692SPs7XAvc/30/Gg3x"
    "XsjU4me5XIXMVYK/btIZez3DISwmuJzqz4c7aIISdPOG7aVr/XKc5akVkXg6b2RJ5NSut0"
    "8ks1yASdxPnkYb/TyfdQf5Z2ZFpJEEyrBK44aCOrNkyk64qpEUDTKoKVBB2k0QH1hH995H"
    "pjLTMT1sVHTUfKBv+MnkPfcAZ62/N/b6AaDvx/OP3M2evdoi4/uaGDgDEmz06eGB1GoOQG"
    "hPH9aNSJsToFoHvnNtRMfLl2NgHQrlkoAOO5v61mwsxa0QiEqblYyqvHJ1lfSxF2w9YUGc"
    "A/GhxTbkt//HmKVNnkO3SDMcPEXbxqjrAo8IPT/5WpfFNMBeUGy2qnQX2UO69EZAqRG6ub"
    "Q2MDbCZ6p2vZr8iDKt9Qfqz6h3Yai5O222m6SW45/ys4cZtq0ltIbb52oflsfeArED60vd"
    "iye2Qsb6xHotemV+Ja+GjaiPcJOEoe8Q2tjnJIOvMHJJCbe35taq/pX4F+tYQlMp8QwoLd"
    "oiHIeC3skLZT0RvWDZOxCQ5H5Q8//cV+iD+BuFKVmdKZEE1cUQzJHqdytKBpKpJxhBoCgo"
    "w6lkSyLKvr7jmtD+xmMhkFgq03Qwbs8f3tzWD66pzx53Mi3kAWahhtJAlZyDHyae1dUO50"
    "/JGGmL7Q7C61uzS3m7S98Mf46Hwjhpw+Dh8/t2aKSOriCJqAgIOjJ856Yn/Q4fT0U7ro6o"
    "pstG/OBTbacVTu9ML2iXBnFp6/JG5S4TsLKOmtG9nDKLONo0ygpDdN60BJB0p6uynpj+Tp"
    "w8pIxsdzZKtMTydjzdGoK9DfBb4dEGtCWXf2xgLPxdnPXYH+LjBpZdAV6C/rzU1CqjtPQq"
    "o7jybVnYdIdcZ++V+04nxronnWPpEqK6VKOQNLbc1xz87R9wjj7pzfBBp73Fd68Ns83ti4"
    "H+nRZPzJOZ21QAyxcbXa63qmERQjWsAQqka6qPaIKTxQXpNJbVoWsF+mzeTftYY5uMWGix"
    "wRCBSlCBS9YMigYv3zZSIGsmEoG4xQegUEBUEDWTVADMo6Nfo+IUA+K/IeuSg9sT0sC3rI"
    "rAdItGlfxLi16ENSx2mTOpyBCuB6LAQfHNElgfYFCA51Bbfy/IaaApuA3sCOtgtAdWQ300"
    "xMfbOL44hqQV59TmAbydIPfcFCk4dK8XJ2ylx7RHzGv3PsLJaXs1Mk0z3tKM9fFJZI1pEu"
    "WDL/FDSsPguKaQizz+Lri+t3wlrZIMMUFEMwTNKh1mGef7YmgPhT4XHymRBN/DlpBa+KGZ"
    "kTFD06vCxpAPYkigl4vmwfDyD87ioBwO+uIvGlhyA5otkEpiS0NfR9p5DWMmg9KAkx1yrH"
    "XHX0jYxAsrzbQUnQcpW1vDcyOKx9QpBjU5TLdG+c0mNaNRUknXD6ul6VZpqBSg+c2SZbCS"
    "J6xukvQAHpIC2dFcK4OlpBzR1XQzpI07QO6SCQDtLudJDUrN1iGLtVs1/pKLvylh+Mji/R"
    "vo2oF56+NHud0MtSm91i/uNVqhUH/DInLBM+uJ+WZQqYXJgkmTDReTChXCNTNvecOmfJEs"
    "E86RNC3Z+KH1OXY7eEuoL1Z4GH4y+TYY9WU3e2aNH1YZ8WXB+S7cmXwdSqv25vLHBPHPcG"
    "o5FVgN3ZZGOCyaIniYInKUqw+x80xXvCiDUvTlXKGihQbwiYu63CHrijJ+aOQgWnQhmOL+"
    "NmdovkclzM/gK60e7ltf8s8CyDZxk8yzX3MYJnuY1aB88yeJbb7VmGtW/LrWNTQw/e3Ugc"
    "O0sYpllS8SDWFewN6seT7qaTT9PBbEZdee4/dKlF6fNk1KfrLFobC9wnxrsr9G0T/vJ+O4"
    "K8bqaulhKUanW9FKg1kz1wBW5MKARRrQ4M7uS2YU/GjDtyHwqBJLUGwrKgB3Drg1u/yl/a"
    "sgoXQDp40eng/D7ss7lgHo4AHP4+5VlB9UE2ilq28Y621SDjUepyhEHQYmJ5LqrHA3rSzj"
    "0XwnoQ1oOwXs0DPBDWa6PWIawHYT0I60FYr7yKOAR/hc/pji6R6hMB+8HaD4i35YsZIbxO"
    "jZ5fps3YwdoOcTOp4tZ2cCfZaWe5jCBENiGiVhPsIZJz2kiOn5ifE1d/JkDNbEtScBm7Wq"
    "UcDaugMsen6xRajnblOhWdwYELDlxw4NbdlQcO3DZqHRy44MBttwP3q6IbppTWjRuUal7V"
    "iFJ8uaqcAemAEACdCGi0lRU1DciuQPMAvkyUsnIZk7NyGU5a2T1wPZnRALsCzQP4Oll9mZ"
    "jyMiy6pmLyuHXR6LoCzUO3FPuw0rY7GT+ntsWsXPPgLiU18QktDYUXMYpG2ifSPJBLKUll"
    "aHt9lQpjT6J5EJdiNgxT3kQgnCjDdnNi5kPndpRylkIkusLtaIFvf6Ebv5CtGd2a0a3eZP"
    "xlMJ1bte+czQUeTWbzrkB/O5n0VHQ+LbkcmX5n9M0xsrAWRnXcMmFvnE9bGfNYo1qA0GPW"
    "sK+HaJ7U1rhWQDf5dZNx7e2IBkAjQJKoB/ZAkjgtSYI1GAXg2/RVpSNsbCqwYXX0DHDHpB"
    "sfwxsyj3PgnjgHOUmKrLwylW+KqeRNkxUP7TRIAaUmyPq7LIdKxfToaEYV8yIBsQqIVUCs"
    "qjvFBohVbdQ6EKuAWNVuYhVkxpYbVX7pVdeqOfDnZiLComsF9eMkvTj5omvo+w6t6OBlpW"
    "pG+iq2EeJtTrC1kCCTWc6YIhrHgFCb0XvBcsAVww3CQW3D3qLnpMbeLwXJ4hCLq3AsLoK8"
    "lj4Ap+yQqmA0c9qrWQ9PCq//1Q7AOx3M5tNhb/7ylX1r2nETRdog2pMr2sMpVZAbphR1Cu"
    "oCU86gmC8hBmk7Xs7GrYyf5xr9LZrfUK3gUcy7bz2YxIQEvcfUab8j069wGW+nw2q6pYxH"
    "9HxA2keLcDVlHwwHk80HXdtvHtiDHh+FW4uC7JdC+P+IjYHaT8QJf3rPGh359O4Hgp4Q9I"
    "SgZ93DXxD0bKPWIegJQc92Bz1PnHlfObtVfuo91OuAeh1NAxoKHpRdRRzqdZRYr0NV8CNa"
    "K1ja66m+faxcE7EuodIBhEk7EKmrggoKjNQlC3cc4ibUbOSOeFhNZXc2VxR5JiQH4aGy4x"
    "5hb32+8Ee65Ldq+ZLTxkCYZ2UDIb6QUjACEg5ysGGQQIykmAiI222iAyABYgAvDsIyB2LC"
    "IfapkstagLBI+8IiL8ugf1kFBIbR54mG0ecxw+jzGq8sVX4/L8wbvdO1pbxUVG4meDSsQa"
    "nTIfu2JrAqhvTE66ixKyd5QrB2Uoq1kwhsqmZwQpLHwHakAO0UaEPkP9qI1DMGDJH/Nmo9"
    "KvIf8p0lcfQcmVSn8V3knE831H8RO4+dyzqZKHY4E1j7yFnczNX0zoEZa+tmrPA5b5phh8"
    "95G7UORD4g8rWbyAc0M6CZNQ1oWBYKloWqMc0MWJKwLNRLWQtYFqqmZElYFuoUy0KZe46f"
    "NvG6ULb0CSumjQe/ppyoUJGuQH6sdaDmYs9ZB+qwGbU6VH84++VeHA0/DukB/3+dTOpLpL"
    "1Mq0WpSF7nWBHFJw7s4nTuVGB2A7O7YiooqQZT0FwUgO7IbqaZ6HKta2oCfamxQiRvO7xI"
    "Id1/FhsndM6AKGHrooTAay11Fg8x2IZF4yAG20atF0qp2qLtEuk5yVTNGsuWS6JCuq6Yms"
    "5dD8o7eGSI5D8NxkkwToJxEoyT4IsJ4yTQelnjJLvGQDHlBWCsFAZ4b3CHoakT5ROORav1"
    "VUubIe88JJsa74wM+RWCV/pWojBHJMe7w8pwfrwlFRh2FpQbbz0IZyTsPGD0INh5GBgDt3"
    "MM/NIFFSs0Ci6FsnbSOUbFvnYnmGToWhRl7TgzwpE9IS/CkNXDJyUNM0Ls3w7HXUFebxW8"
    "wLfiWPw0mHaFw8dAX+CZOBrMuoLV9gIPfpsPpmNx1BXQd/KpwbK6wDfDrrBUOpmUVjQjQj"
    "Ekq3ASR23HMsA9uRPmgDv2CFLAYUZWkRkZzMPbqPUkOWM06p+a3+QTAnpTQfQmh36Rk3/j"
    "8DzqpYGk/Btfx8tRttLUHhHO61DaKXPaTA2tWfkuJdYbks+xFAjO1Wq2mNa7FHhS1sXk+e"
    "mCziXWe8R6lxjnU37n0mHoEOtdEpGurB46HP+SfeQszsMke+dUxr/UFudSzuzpaLdRZHJ6"
    "tGcjOju9xBn36bwb19dJZsrX19FTZXqMWTCbvFQpELZPbyC6pRSoJFc0EW9J1ZiSAJ7I6W"
    "sClP9p44FbWPZ/inhh8cyhH/8HGydWkg=="
)
