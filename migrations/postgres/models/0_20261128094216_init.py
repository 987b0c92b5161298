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
COMMENT ON COLUMN "crm_user"."role" IS 'ADMIN: ADMIN\nMANAGER: MANAGER\nSALES: SALES\nEXTERNAL: EXTERNAL\nBI: BI';
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
    "oMiFeZl/5iYaAHeHpoZrqf7vm7s9XWSDXeiKuVtsdmpyv83cHyFpEN9tCZ0JF3O+8A3WHK"
    "S9U6V/adtDRMXV7Rtr7KqoHIrjUyVrqyMxUNk714r6p0p7YiJyp44+3aY+WvPZJMbYPMB6"
    "STA3/8SXYreI2+I8P5d/cofVWQug7crLKm17b2S+bzztp3o2yG2PxonUsvuJRWmrrfYu/8"
    "3bP5oGFXQDk8wQZhpMsmolcw9T19AnqD9rM6D3W4We+Uw136ZNboq7xXTd8TLyVvX0eSxp"
    "O5NBvMJamTAqOVhim+5FYNC4ANvYXXP11cXF6+v3h7+e7D9dX799cf3n4g51r3Gz70/sfh"
    "Zjy0Dk1ZmA0/DcdzekMaUeJBuXTHD0tGNuWDlKUMD/2VjihekmyGtdAnR0xli/h6CEoy+l"
    "jbom+cDVY7ji7i1OPs8PTjdctTKIg84HqC1We7Y8RgPx/eDmZz8faOXm5rGH+pFn7ifECP"
    "XFh7n5m9r979I6gstxHh1+H8s0D/FX6fjAcWvJphbnTrit5589879J7kvalJWHuS5LWvDz"
    "t7HdTImZ7W97t1Rq0HJUHrVdG6g5FP7fbde1r/hnSDohFSeaSt9UkcN7hFKfe8XIN7cX71"
    "/urD5bsr1866e+LMq2NKfaZzb5jaNozmf2aTcYTJdCXYF0dZmcL/BFUxSkO186+ve7yimA"
    "nLvaKaCjbe0Mv+u1MS3DFYUoQC78z4izjtfRanr27F35j3Y9wbTW7Yl4E2cMOow/oNKaP3"
    "IOt8ZTjnM6ogj1BHq7WVv0sqwhvzgfx7+fZtDPoO1uQsFmv70MXhWBDfJ7Q0FDMVxD6RTC"
    "jbn7JqgnydCOTrGJCvwyCTJyM2Qn9Og7JfpnkwXySC+SIG5oswzDLGe1mVdPQN4T2nS/fR"
    "StnKKh/vsDBrzQ/Sb+xW6qeBGMD7g97wVhy9Ov9wdmEhTiw4fcV9urgKwY22O1V7Rkhyp5"
    "oJxx9hwUzDkIrBW/RAZKmoKrmeZJjyJsI+D/B+a0E8JHci4xUKQR1q5HTfxc7ddDK7G/Tm"
    "KYcirlxXcLYWmAwMJuK0Pxx/6gre9gKLvfnwy6ArHH4X+E6czaX+PdnjbC1w7/P9dDzodw"
    "V7o5PJXiUyVzHWin17yOUst4yE8FqiMyv+nC1iyMkTjpu21e91irNWZNbFoKk9kWeT0jqd"
    "/FINMkEncT552O908j3Un6UdmVYSBNMqgSsO2siqDRPpumJqBNC0imAlQQdpdEA94V8fud"
    "5Yy8yEdfFR05GywT+j59A3nIHe9vzfG6iGA/8fTj9z9nq3qMtPbuggYIzJs5MnRocRKLkB"
    "YXw/GnVirE4B6N65DTUTX66dTQC0axYKwHjub6uZMLNWNAJhai6W8urxSdbXUoTdsDVFBv"
    "CPBseU29Iff54iVTb5Dt1gzDBxF6+aIywK/OD0f2Uq3xRTQbnBstppUB/lzisRmULkxurm"
    "0NgAm4ne6Vr2K/KgyjeUH6v+oZ3G4qTtdppuklvO/wpO3Kaa9BZSm69daD5bH/gKhA9tL7"
    "bsHhnLG+uR6LXplbgWPpo24n0CjpJHfEOroxySzvwBCeTmnl+b2mv6K9CvlrBE5hNCWLBb"
    "NAQZr4Ud0nYqesO6YTI2weGo/OGnv9gP8ScQV6oyUzoTookriiHZ41SOFjRNRTKOUENAkF"
    "HHkkiWZXXdPaf1gd1MJqNAsPVmyIA9vr+9GUxfnTP+fE7EG8hCDaONJCELOUY+rb0Lyp2O"
    "P9IQ0xea3aV2l+Z2k7YX/hgfnW/EkNPH4ePn1kwRSV0cQRMQcHD0xFlP7A86nJ5+ShddXZ"
    "GN9s25wEY7jsqdXtg+Ee7MwvOXxE0qfGcBJb11I3sYZbZxlAmU9KZpHSjpQElvNyX9kTx9"
    "WBnJ+HiObJXp6WSsORp1Bfp3gW8HxJpQ1p29scBzcfZzV6B/F5i0MugK9C/rzU1CqjtPQq"
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
    "E86RNC3Z+KH1OXY7eEuoL1s8DD8ZfJsEerqTtbtOj6sE8Lrg/J9uTLYGrVX7c3FrgnjnuD"
    "0cgqwO5ssjHBZNGTRMGTFCXY/Q+a4j1hxJoXpyplDRSoNwTM3VZhD9zRE3NHoYJToQzHl3"
    "Ezu0VyOS5mfwHdaPfy2n8WeJbBswye5Zr7GMGz3Eatg2cZPMvt9izD2rfl1rGpoQfvbiSO"
    "nSUM0yypeBDrCvYG9eNJd9PJp+lgNqOuPPcfutSi9Hky6tN1Fq2NBe4T490V+rYJf3m/HU"
    "FeN1NXSwlKtbpeCtSayR64AjcmFIKoVgcGd3LbsCdjxh25D4VAkloDYVnQA7j1wa1f5S9t"
    "WYULIB286HRwfh/22VwwD0cADn+f8qyg+iAbRS3beEfbapDxKHU5wiBoMbE8F9XjAT1p55"
    "4LYT0I60FYr+YBHgjrtVHrENaDsB6E9SCsV15FHIK/wud0R5dI9YmA/WDtB8Tb8sWMEF6n"
    "Rs8v02bsYG2HuJlUcWs7uJPstLNcRhAimxBRqwn2EMk5bSTHT8zPias/E6BmtiUpuIxdrV"
    "KOhlVQmePTdQotR7tynYrO4MAFBy44cOvuygMHbhu1Dg5ccOC224H7VdENU0rrxg1KNa9q"
    "RCm+XFXOgHRACIBOBDTayoqaBmRXoHkAXyZKWbmMyVm5DCet7B64nsxogF2B5gF8nay+TE"
    "x5GRZdUzF53LpodF2B5qFbin1YadudjJ9T22JWrnlwl5Ka+ISWhsKLGEUj7RNpHsillKQy"
    "tL2+SoWxJ9E8iEsxG4YpbyIQTpRhuzkx86FzO0o5SyESXeF2tMC3v9CNX8jWjG7N6FZvMv"
    "4ymM6t2nfO5gKPJrN5V6B/O5n0VHQ+LbkcmX5n9M0xsrAWRnXcMmFvnE9bGfNYo1qA0GPW"
    "sK+HaJ7U1rhWQDf5dZNx7e2IBkAjQJKoB/ZAkjgtSYI1GAXg2/RVpSNsbCqwYXX0DHDHpB"
    "sfwxsyj3PgnjgHOUmKrLwylW+KqeRNkxUP7TRIAaUmyPq7LIdKxfToaEYV8yIBsQqIVUCs"
    "qjvFBohVbdQ6EKuAWNVuYhVkxpYbVX7pVdeqOfDnZiLComsF9eMkvTj5omvo+w6t6OBlpW"
    "pG+iq2EeJtTrC1kCCTWc6YIhrHgFCb0XvBcsAVww3CQW3D3qLnpMbeLwXJ4hCLq3AsLoK8"
    "lj4Ap+yQqmA0c9qrWQ9PCq//1Q7AOx3M5tNhb/7ylX1r2nETRdog2pMr2sMpVZAbphR1Cu"
    "oCU86gmC8hBmk7Xs7GrYyf5xr9WzS/oVrBo5h333owiQkJeo+p035Hpl/hMt5Oh9V0SxmP"
    "6PmAtI8W4WrKPhgOJpsPurbfPLAHPT4KtxYF2S+F8P8RGwO1n4gT/vSeNTry6d0PBD0h6A"
    "lBz7qHvyDo2UatQ9ATgp7tDnqeOPO+cnar/NR7qNcB9TqaBjQUPCi7ijjU6yixXoeq4Ee0"
    "VrC011N9+1i5JmJdQqUDCJN2IFJXBRUUGKlLFu44xE2o2cgd8bCayu5srijyTEgOwkNlxz"
    "3C3vp84Y90yW/V8iWnjYEwz8oGQnwhpWAEJBzkYMMggRhJMREQt9tEB0ACxABeHIRlDsSE"
    "Q+xTJZe1AGGR9oVFXpZB/7IKCAyjzxMNo89jhtHnNV5Zqvx+Xpg3eqdrS3mpqNxM8GhYg1"
    "KnQ/ZtTWBVDOmJ11FjV07yhGDtpBRrJxHYVM3ghCSPge1IAdop0IbIf7QRqWcMGCL/bdR6"
    "VOQ/5DtL4ug5MqlO47vIOZ9uqP8idh47l3UyUexwJrD2kbO4mavpnQMz1tbNWOFz3jTDDp"
    "/zNmodiHxA5Gs3kQ9oZkAzaxrQsCwULAtVY5oZsCRhWaiXshawLFRNyZKwLNQploUy9xw/"
    "beJ1oWzpE1ZMGw9+TTlRoSJdgfyx1oGaiz1nHajDZtTqUP3h7Jd7cTT8OKQH/P91Mqkvkf"
    "YyrRalInmdY0UUnziwi9O5U4HZDczuiqmgpBpMQXNRALoju5lmosu1rqkJ9KXGCpG87fAi"
    "hXT/WWyc0DkDooStixICr7XUWTzEYBsWjYMYbBu1Xiilaou2S6TnJFM1ayxbLokK6bpiaj"
    "p3PSjv4JEhkv80GCfBOAnGSTBOgi8mjJNA62WNk+waA8WUF4CxUhjgvcEdhqZOlE84Fq3W"
    "Vy1thrzzkGxqvDMy5FcIXulbicIckRzvDivD+fGWVGDYWVBuvPUgnJGw84DRg2DnYWAM3M"
    "4x8EsXVKzQKLgUytpJ5xgV+9qdYJKha1GUtePMCEf2hLyImTgazDrp4O6I/dvhuCtYPwt8"
    "K47FT4NpV7A3FthqtCtYPws8+G0+mI7FUVdwthb4ZtgVboadTEormhGhGJJVOImjtmMZ4J"
    "7cCXPAHXsEKeAwI6vIjAzm4W3UepKcMRr1T81v8gkBvakgepNDv8jJv3F4HvXSQFL+ja/j"
    "5ShbaWqPCOd1KO2UOW2mhtasfJcS6w3J51gKBOdqNVtM610KPCnrYvL8dEHnEus9Yr1LjP"
    "Mpv3PpMHSI9S6JSFdWDx2Of8k+chbnYZK9cyrjX2qLcyln9nS02ygyOT3asxGdnV7ijPt0"
    "3o3r6yQz5evr6KkyPcYsmE1eqhQI26c3EN1SClSSK5qIt6RqTEkAT+T0NQHK/7TxwC0s+z"
    "9FvLB45tCP/wNl5FKS"
)
