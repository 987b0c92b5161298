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
CREATE TABLE IF NOT EXISTS "plugin_definition" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "document" JSONB NOT NULL,
    "enabled" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "plugin_definition" IS 'A declarative plugin stored by an admin. Unregistering disables it; values stay.';
CREATE TABLE IF NOT EXISTS "schema_state" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "schema_state" IS 'One row: the schema version, bumped by every plugin change.';
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
CREATE TABLE IF NOT EXISTS "opportunity_person" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "opportunity_id" BIGINT NOT NULL REFERENCES "opportunity" ("id") ON DELETE CASCADE,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_opportunity_opportu_e2cefa" UNIQUE ("opportunity_id", "person_id")
);
COMMENT ON TABLE "opportunity_person" IS 'The many-to-many link between opportunities and the people involved.';
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
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_user_territ_crm_use_87c0f7" ON "user_territory" ("crm_user_id", "territory_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1zm0gS/itT+pSrclKxHSc57dVVyZKS6FaWvJKc3drVFoWkicwZDSwMdlR7+e83g0"
    "C8I5AA8dJfLAw0L09D09P9dM/frY2ywrL+prNcKgahrTb6u0XEDWYL/k0XqCWqqrOBr6Di"
    "Qjb3FV07LXSqiUt+rG+irGO2aoX1pSapVFIIW0sMWeYrlSXbUSJrZ5VBpL8MLFBljekj1t"
    "iGP/5kqyWywt+xbv+rPgnfJCyvPBcrrfi5zfUC3armultpPSD0k7kvP+FCWCqysSHO/uqW"
    "PipkLyDt7mCNCdZEivkZqGbwO+AXaN2rfVO7i3V22V2lS2aFv4mGTF13vBCcdS1BGI1nwr"
    "Q/E4RWCoyWCuH4skvVTQDW/BJe//Pq6vr6w9Xb6/cfb959+HDz8e1Htq95vcFNH37sLsZB"
    "a3coE7PB58Foxi9IYUrcKZev+GHKiFTcSZnKcNBfapjjJYg0qIUe20KlDQ7Xg1fSp4+VJf"
    "rGXvBrx9ZFnHrsFY5+nMeyCAWxG1yNiby1HowY7GeDu/501rm756fb6PpfsolfZ9bnW67M"
    "tVvf2lfv/+FV1v4g6NfB7Avi/6Lfx6O+Ca+i07VmntHZb/Z7i1+TaFBFIMqLIK5cz7C91k"
    "aN7elo3VBXR2rdKwlaL4vWbYxcareu3tH6M9Z0jkZA5ZG21iVx2OBmpdzLfA3u1eW7D+8+"
    "Xr9/t7ez+zVx5tU2pS7TaehU2QTR/M90PIowmXsJ/4sjLSn6H5IlPTdUW//6ZpAlxwwtDE"
    "mmEtHf8NP+u5UT3DFYcoQ878zoa2fS/dKZvLrr/OZ7P0bd4fjW/zLwA9z61GH+BpTRfRS1"
    "cGXY+/tUwW6hilZrI34XZEzW9JH9e/32bQz6NtZsLz/W1qar3TYvvi94oUs0FcQukaNQtj"
    "5l5QT5JhHINzEg3wRBZnfGbIS2TYOyW6Z+MF8lgvkqBuarIMwiIYYoCxp+xsQIeaR7eClt"
    "RDkc76Cw35rvpN9YR6meBmIA7/W7g7vO8NXlx4srE3Fmwfkr7tLFuwDceKPKyhZjYT/UTO"
    "h/BAWPckNKBm/WjshCkmV2PkGn4jrCPveJsTEhHrArEckSB6AOHKS472LrfjKe3ve7s5Su"
    "yF6ujeylOWGOwbgz6Q1Gn9vIWZ6TTnc2+Npvo93vnNx3pjOh98DW2Etz0v3yMBn1e21kLb"
    "SOsleJzFWMtfK/Pex0ZlhGwGQl8JFV+JgtwuUME44btlXvdYqzVmzU5UNTeWH3JqQNOrml"
    "amSCCgk+OdirGvsealtBZcNKhmBaJYSKgzaO1QbFmiZRhQGaVhF+SdBBGh3wSPi3p9BorG"
    "lmgrr4pGhYWpOf8TbwDfdBb0X+H3RcQcf/h/2c2WudS9TEl33qwGOM2b2zO8Y7D5RdABo9"
    "DIetGKuTAbr3+wPVE99QO5sA6L1ZyADjmftY9YTZb0UjEObmYiEun15EbSVE2A1LU8yBf9"
    "JDTLkl/ennCZZFGh7Q9eYMEz/iZQuERYHvHf4vqfQsUQmfDJZ5nBo9o6HjSsyGECdjdbs7"
    "WJ/QRO90JZ8rdqPSMz4dq97uOLXFSVFVRaPskk9/Bcf7Q9XpLeQ2X7lSXLbe8xUIbtpcbf"
    "xrRCKuzVvi5+ZnCrXw0bQR5xNwkDzicq0Ockhas0eM2MVtX1PlNf9F/KuFFpi+YEyQdUQd"
    "iWSFVKyoMn7jD8MceYgQjsofbvqLdRN/AnGlLCOlCxRNXJF0wfJTQ7SgKDIWSYQaPII+dS"
    "yYZF5Wd7+m2BjY7Xg89CRbbwc+sEcPd7f9yatLXzw/JOMNZKGa0UaSkIVsI5/W3nnliuOP"
    "1MT0BUZ3qcOlJ4dJmwt/TIzO5TGcGONw8XMrpoikIQ6vCfAEOLqdabfT67dCnvQiQ3RVRT"
    "Y6NrcHNjpwlO/wwoqJhI4snHhJ3KDCtRdQ0hvn2YOX2UQvEyjpddM6UNKBkt5sSvoTu/ug"
    "MpLx8WzZMtPTma85HLYR/zsnd31mTTjrzlqYk1ln+nMb8b9zwo7SbyP+1x/NTUKqu0xCqr"
    "uMJtVdBkh1urH4L16GfGuiedYukTIrpUw1AwtlFRKeneHvEcbd3r8ONPa4r3T/t1m8sdl/"
    "pIfj0Wd7d78F8hEbl0tD047yoHyiGbhQFdJFuT2moKO8YoPatCxgt0yTyb8rhYTgFpsusk"
    "UgUZQiUXTGlEHJns/zZAxEXZfWBOP0CvAKggaO1QAzKKvU6LuEAPljkXfIRemJ7UFZ0MPR"
    "eoBCm+ZljBuLPhR1FFvUYTsqgOuhFLzXo0sC7RkIDlUFt/T8hooCm4De4Pe2M0B1aB2mnp"
    "i6RheHEVW8vPoTga0lSz/wBQsMHkrFy1GlmfKEwxn/9raLWF6OKgl0v9tBnn8HLbCoYQ2Z"
    "Mj8hhchbJFEdTb90Xl/dvEcraY11iiQd6ZQ9UKsgz/+4QwDxp8R+8gWKJv4U2sGrZEamgK"
    "ZHu5clDcCORDYJz/M+4x6E379LAPD7d5H48k1QHFFvAlMS2hr+rkrsaEdo3SsJOdcy51w1"
    "/Mw8kGPeba8kaLnMWjb0IwLWLiGosckqZGroRUZMy6aCpANO16NXppGmp9NDyGjT3wkies"
    "TpbkAB5SANHRWCXx2toPr61VAOUjetQzkIlIM0uxwkNWs3G8Zu2exXOsquuAlPRse3aN9E"
    "9AtP35q9Sugd05vdZP6TZaoZB9wyBbYJ7z9M8jIFvlqYJJUw0XUwgVojKlIjpM9ZskIwR7"
    "pAqHuTzqfU7dhNoTYyf+ZkMPo6HnR5N3V7iTddH/R4w/UBWx5/7U/M/uvWwpx0O6Nufzg0"
    "G7Dbi/6cYLLsSaLkSYoW7O4bTfGe+MTql6fKZQ4U6DcEzN1GYQ/c0YK5o9DBKVOG43nCzP"
    "smuSEhZncD3ejw8sq9F0SWIbIMkeWKxxghstxErUNkGSLLzY4sw9y3+faxqWAE737YGdlT"
    "GKaZUnEn1kbWAo/jCfeT8edJfzrlobz9P3yqReHLeNjj8yyaC3PSY8a7jXqWCT9/3I4hr9"
    "HU3VK8Uo3ulwK9Zo5PXEEYExpBlOsBhnBy07BnPqPKrkNikKTWQFAW9ABhfQjrl/lLm1fj"
    "AigHz7ocPPwZdtlcMA8HAA5+n06ZQfVR1LOatvGeH6tGxiPX6Qi9oMXk8vaoHk7oCep+X0"
    "jrQVoP0noVT/BAWq+JWoe0HqT1IK0Hab38OuIw/KVwTnd0i1SXCNgPv/2AfNtpOSNMVqnR"
    "c8s0GTuY2yFuJJXd3A77QXbaUa5PEDKbkFGrCPaQySk2k+Mm5p+Iq7sSoGK2JSm4Prtaph"
    "oNs6FySEzXbrQcHcq1OzpDABcCuBDArXooDwK4TdQ6BHAhgNvsAO43SdOpkDaM65WqX9eI"
    "XGK5sngE0h4hADoR0HgjSnIakPcC9QP4OlHJynVMzcp1sGhFfQyNZEYDvBeoH8A3yfrLxL"
    "SX8aNLJRrGrYtGdy9QP3RzsQ9LZaOKZJvaFvvl6gd3LqWJL3ihS2EZo2ikXSL1AzmXllS6"
    "YmjLVBg7EvWDOBezoVNxHYFwogrbdcHMh9bdMOUohUm00d1wTu5+4Qu/sKUpX5rype549L"
    "U/mZm97+zFORmOp7M24n9bR+kp63padjo2/D4yNueThbkwyhOWCUbjXNo6so416giQejw2"
    "7esgekppa9xRQDen6+bIubcjDgAaAZJENbAHkkSxJAm/wcgA37rPKh1hY1OBDbOjHwF3TL"
    "nxIbyh8vgE3BPXICcpkRWXVHqWqHRqmWxnd5waKSDXAln3IxtCpfI90dGMKt+LBMQqIFYB"
    "sarqFBsgVjVR60CsAmJVs4lVUBmbb1b53LOuldPxD61EhEnXMnqOkzzFySddw99VvOTOy1"
    "JW9PRdbCPEm1xgayLBBrMhPkU0jh6hJqN3xnbAJcMN0kFNw96k56TG3i0FxeKQiytxLi6C"
    "vJY+ASepWJYIntrHq9gTnhRe96vtgXfSn84mg+7s/J19K/rgJsq0QbbnpGxPSKuCk2FK0a"
    "egijBZ+XZm255OBMqV70pMV6iKmSwqj2gBF59NdNBNlFN0sVAOphZbs0eM2IVuX1PlNf9F"
    "/MFAC0xfMCbIOSp7rZBIVoiy/VWsqDJGEnlW5Ge8etPyQZ3ZQUPSm3/4s6fWzf4Jec+yuL"
    "wXkPdsUAYsSd6zBPP/lE7bZxn+H8mIPp0H3Vz44wIAZyTUlU0hicMB8Ty60ClTimflVhXd"
    "aDLumduXRfvJSZzjFA4xcO0qaWXB5wSfE7h29dY6cO2Aa9dsrl3BDZ9KZ7fy7/gEbeKgTV"
    "zdgIY+W3lPXgNt4nJsE8dzR3glEcHQUn37/HJ1xDqHBlvAzmuVJj4MBLFsCGLJWDY7uk4G"
    "xAiL2lS7aLGPCQaspAQwufMVwLk5H+fGy+cMyyP4CZ8x6QRrV2FPNoW0QvPSCuctfDyvAj"
    "xu6GUiN/Qyxg29rPCEoPk/55lFc1VNWYgLSQ7lG0TD6pUqDtm3FYFV0oWXsAc1dsJLRwim"
    "vEwx5SWDTVb0kJTeIbBtKUA7BdqQOY82ItXMoULmvIlaj8qcB2JPSQIlHvp+ZqPZCj4M5x"
    "nHysZaIj38TSKSdcHBoax/n4vY0ay5N4fHvfvBwpEOWuGlLDJ9Sc8Y7Q6CdKpoeIUWWyQS"
    "JK42EnmDHoiG15JOMQcTrSSdn1hHEv0JPYuywRbZMHobLCLJ4wQw2IbB9hGGpu6DbXYRxg"
    "aHlfVGE33cMsVTffI368WReggHIsy6xA1pXFIFDmns5x5GNODblsS3hRFNE7WewYgmTy99"
    "unzEG3FKRRqaa3JvjvXNdXNHnmeiyfJMrTHBSFNe2mZN9U4cWRTnC7QwNurOe8a8w4HtVC"
    "8fRbLGQQ/8xGNl7Gw3xdM+MS4d7UNHcuPjhjFnocfnHPkvuOgWvj7w9Sn06zMTNWZywz48"
    "1pbYbw519gFWQ+MCLTBAqpuxggFSE7UOxZJQLNnsYkko5YNSvroBXXABcKkBzqX+F0r58i"
    "zlg0rUnO3DUtmoItmmtsV+ufrBncvcPC94oUths5lEI+0SqR/IuRSk6oqhLVNh7EjUD+Jc"
    "zAbPLxkhXD4OcZ8Ym0CdqRfuvXSBkyGN+r+mHKhwkTZif+akOx7NOt1Zv9dG+0Vz7df+xF"
    "67W5yT3mD6y0NnOPg04Bvc//nzZcnUl0h7McoLmnx7imEZi6vUhduh4lDBfWyuB6rni8Ue"
    "qufzr56PtjYZoDu0DlNPdEOta+omBbnmCrG4aYVlCvn6i9g8ob0HZAkblyUEOnauo3jIwd"
    "YsGwc52CZqPdOyuw3eLLB2YsFdvXzZXAvtZljTJKpo23DvyN54wEVy7wZ+EvhJ4CeBnwRf"
    "TPCTQOt5+UlWH8dsWjiCrxQE2NBD3dA7kWxnCv+bbVy1XF+1mMCfeVuCz1G0b1LjTxwzPX"
    "smhOUZ2i00FM3UwhPe7j5PG4HDbAUM90qyNu/dSms7fdQUY/1oK0fwuJ2hszix9YLfm/sR"
    "6w6bNxLiCds3GO0E2zcDPnAzfeBzT1pRIi84F8paoWOMkn3tChhkaEoUZe0wM8KWLZAXMe"
    "0M+9NWOrhbnd7dYNRG5s+c3HVGnc/9SRtZC3NiHrSNzJ856f82609GnWEb2Utzcjtoo9tB"
    "6yilZc2IkHTBbE4dorZDXQIdOWiqAU01mjsig3F4E7WepGaMZ/1T85tcQkBvyojeZNMvTu"
    "Tf2DyPamkgKf/G9eCdMDUIVZ4wOTWgpEozfpgKWrP8Q0r+aMhpgSVPcq5So8W00SXPnfpD"
    "TE6czhtc8keP/NElX/Dp9ODSznWIjS51sCYtH1sh8SVry0VchEl09ilNfKkpwaXiuxVFRz"
    "aiq9NzHHEXF924uUkyUr65iR4q823eoRt/qVIgbO1eQ3Rz6avKzkhTtlV1iUBX1ZTV/yny"
    "hdkzh378H15bPFA="
)
