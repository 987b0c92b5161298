from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "activity_attendee" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "activity_id" BIGINT NOT NULL REFERENCES "activity" ("id") ON DELETE CASCADE,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_activity_at_activit_43cbfc" UNIQUE ("activity_id", "person_id")
) /* The many-to-many link between meetings and the people who attend them. */;
        CREATE TABLE IF NOT EXISTS "attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "record_id" BIGINT NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(255) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "stored_as" VARCHAR(100) NOT NULL UNIQUE,
    "uploaded_at" TIMESTAMP NOT NULL,
    "uploaded_by_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
) /* A file attached to a record of any entity; the bytes live in the attachments folder. */;
CREATE INDEX IF NOT EXISTS "idx_attachment_entity_22e16c" ON "attachment" ("entity", "record_id");
        CREATE TABLE IF NOT EXISTS "opportunity_stage_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "from_stage_name" VARCHAR(100) NOT NULL,
    "to_stage_name" VARCHAR(100) NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "from_stage_id" BIGINT REFERENCES "pipeline_stage" ("id") ON DELETE SET NULL,
    "opportunity_id" BIGINT NOT NULL REFERENCES "opportunity" ("id") ON DELETE CASCADE,
    "to_stage_id" BIGINT REFERENCES "pipeline_stage" ("id") ON DELETE SET NULL,
    "user_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
) /* One move of an opportunity from one pipeline stage to another: when, and by whom. */;
CREATE INDEX IF NOT EXISTS "idx_opportunity_opportu_6db549" ON "opportunity_stage_change" ("opportunity_id", "at");
        ALTER TABLE "activity" ADD "outcome" VARCHAR(300);
        -- Edited by hand: SQLite cannot add a foreign key to a table, only a column with its REFERENCES.
        ALTER TABLE "activity" ADD "delivery_id" BIGINT REFERENCES "delivery" ("id") ON DELETE CASCADE;
        ALTER TABLE "activity" ADD "starts_at" TIMESTAMP;
        ALTER TABLE "activity" ADD "direction" VARCHAR(10) /* INBOUND: INBOUND\nOUTBOUND: OUTBOUND */;
        ALTER TABLE "activity" ADD "duration_seconds" INT;
        ALTER TABLE "activity" ADD "ends_at" TIMESTAMP;
        ALTER TABLE "target" ADD "converted_at" TIMESTAMP;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "activity" DROP COLUMN "outcome";
        ALTER TABLE "activity" DROP COLUMN "delivery_id";
        ALTER TABLE "activity" DROP COLUMN "starts_at";
        ALTER TABLE "activity" DROP COLUMN "direction";
        ALTER TABLE "activity" DROP COLUMN "duration_seconds";
        ALTER TABLE "activity" DROP COLUMN "ends_at";
        ALTER TABLE "target" DROP COLUMN "converted_at";
        DROP TABLE IF EXISTS "activity_attendee";
        DROP TABLE IF EXISTS "opportunity_stage_change";
        DROP TABLE IF EXISTS "attachment";"""


MODELS_STATE = (
    "eJztXXtz2ziS/yoo/XPZKicV23GS02xdlSwrGd3IkkeSM3M7mlJRImzxQoFaPuzo9ua7L8"
    "CH+AIpkiIpPrrKZdMkGiR/DTb6hca/OltFxLL2rrdeY02bGjLudNG/OkTYsgPO1QvUEXY7"
    "9xo7oQsrk64jmO2WqtNwpemqsNbppSdB1jA9JWJtrUo7XVIII+ghVZHxf2hIxYKIBCKiV1"
    "XSMdLWyg4jhdAfjDDRJX2P3tDu6GEX6RuMVoYk628lgkT8JBiy/rd37IaisqZ3lMhzAX0b"
    "RPqngZe68oxpI5Xe4Y8/OuwO7KLVTefPP+mxRET8A2usAft39335JGFZ9OEqiYzKPL/U9z"
    "vz3K30PCT6F7Mte5fVcq3Ixpa47Xd7faOQA4FEdHb2GROsCjpmd9BVg6FMDFm2eeIAbz2+"
    "28R6Sg+N/bL0BKO2HsA911kux5P5cjaYL5edEB8dCg/89qm1QtgYoI+qmQA8s0d4+59XV9"
    "fXn67eX3/8fPPh06ebz+8/07bm84YvffrLehgXLasrE7Ph1+F4zh5IoQPNGoTsxF8mjaAL"
    "FpXJDBd9h2t+/PsbQeWj77QP4E9fLIi/g3YcA5wTLgfcj6MMFmyFH0sZk2d9Q/+9eh+D7r"
    "fetP9zb/rm6v3f/BCP7StX5iUGtguu/SmkgNelaCDAl++TIExbRUJsXvNjzCTa0pRjfJwH"
    "xNiaWA/pkwlkjcND2tdDlXHv9EajLqK/FmQ+mE6H88n0f7rocLggvX5/8jiez2gj+2hBJr"
    "+NB3ddZP5ZkPFkPOgi9js4SZznEzHnodP4F+gCGFgqA42dyGBdCnqYf3f0ii5tMV/W+SkD"
    "bBNt0nfOQXWYmFz6MckyIfLe1ixioJ8P7wezee/+gd1uq2n/lE38evMBu3Jlnt0Hzr75GG"
    "DToRP023D+M2L/on/YA2WnaPqzat7RbTf/R4c9k2DoypIor0tB9GLknHaenmlwT989WgQ7"
    "sRLW318FVVyGrihXSlTb8KXt1TZ4RiDCs8kzBi57TFcBVwyiR+jm5qVjivmh0TGlPJrVHB"
    "UYFN46KLxr+lFmk1d+SpBXVZFX9hj2iCsTNZilGs31qFnKy/UXrGoMjRDLI2Wth+K4wM2L"
    "uZfFCtyryw+fPny+/vjhIGcPZ+LEqyNKPaLT0HRlG0bzv2eTcYTIPFAEPxxpraP/R7KkFY"
    "Zq5+9PBlkzzCwvlkS0d+y2/9UpCO4YLBlCvm/G0ajf3Pd+Dyrb/dHkNvgxsA5uA+ww/4aY"
    "Ee1bcNpX2UDK6Fm4TuRZuI7xLFyHPQuveKVRyzINxB6STCjbU1k1Qb5JBPJNDMg3YZDpm1"
    "EZoaZyknlpmgfzVSKYr2JgvgrDLBBiCPJSxS+YGJwhfYfX0laQ+XiHiYPS3KJ+Z/dSPw7E"
    "AH436A/ve6M3l58vrkzEqQRnn7iHFx/Cjt/tTlb2GC8PpmZC/SNMmEkNqRi8eSsiK0mW6f"
    "2Wmi48Z3Ybhjopb17sPEwns4dBf55SFTnQdZFztCBUMZj0pnfD8dcuco+ZK3E+/DZgjkT2"
    "d0EeerP58u6RnnGOFqT/8+PUdC7aB9VwKdLbmW6ZJSbikllWfJstQuXkEceZbfX7nOKkFb"
    "W6Amgqr/TdlmmdTl6qBomgUpxPLvY7lc6H6n65o2YlRTAtE7jkwI2s3NCxqkq6QgFNy4gg"
    "JfAgDQ9CgYOAcArz4ouiYumZ/IL3oTk8AL3t+X/UcA0V/7+cceacdR9RFV4PoQOfMKbvTt"
    "8YWxoofQA0fhyNOjFSJwd0Hw4dNRNfrpxNAPRBLOSA8dzbVzNhDkrRCISjw4qeIW5xiirw"
    "3zWOKLepv/wyxbKg8x26/phh4iFeNUdYFPh+83+tSy+SLuGTwTL7adAY5dqVmJoQJ2N1a3"
    "U2IHqib7qW44q+qPSCT8fqzuqnsTgpu52i6vSRT/8EJ4eumvQVlpAwYkv46LQRdwo4mjzi"
    "Ua2OJ3bPNxjRh9u/1ZW37C9isxZaYf0VY4LsHjUzK3uHlZ2Mw/nb2brgpml70l/sl4BM7c"
    "pYShcoOnFF0pa2nsrhgqLIWCARbPARBtixopRFSd3DmXJ9YLeTycgXbL0dBsAeP97fDqZv"
    "LgP+fE7EG5KFGpY2kiRZyBHyaeWdn668/JGGiL6QdZfaXXqym7S98Mf46Dwaw4k+Dk9+bs"
    "0YkdTF4RcBPgdHvzfr9+4GHc5IL9NFV1dko31zB2DPlY9u+0S4loXrL4kzKjytICW9dZo9"
    "aJlt1DIhJb1pXIeUdEhJb3dK+nf69mFmJMvHc2irnJ5OdU22gLdvruC9H1BpwrLu7IMFmf"
    "dmv3QR+83W6c7NdbrzTOt0L5OtlI9ZKB9MqtOM1f/iNWeuic6z9pBUmSlVWjOwUkSOe3aO"
    "f0QId6d9E9LY42bpwe/zeGFzmKRHk/FXp3lQAgUSG9drQ1UzaVAB0hxUqBrxotoaU1hRFq"
    "lRmzYL2EvT5uRfUSEc3GLDRQ4JBIpSBIpEScVrnavYJ9N+fB1UeDag7347eRzfdZF9sCCT"
    "x7l9yjmqhsYjGqqZS7HUML2zyMm7iLS5eKQNyvnNzfxSDH2tpFuF6iGp8DCvkk5JJYaqax"
    "m0HB8h6DhV1nEwFTIZOOwhA/5Wmb9nTCmoGFfPk1EgaJr0TDBOzwA/IXAgKwfsVOH0a68C"
    "hMCBrByQWZ3LtOh7iAD5rMi76d/ph3+YFviQmQ+wFLp9OX2tRR+W3Za77NZRFQHXY0mSfp"
    "06CbRnSEGtK7iVz0CtKbAJElCD2nYOqI7sbpqJqce6OI6o4l/5eCKwjVxHGZrBQsbDcZhF"
    "z1rcEzFOsay3pgAHnBNp89I9M5yuY/qqOJ+SBlY+ec/us6iw7RnwL3ihcAC3mIx+L7bHM/"
    "uXgrf5iSuGtxjrFDtruS/bpMla8oteNwqy7sPObtOuIk7TbcTKYncZAywtrpo1eIFgAUJ7"
    "UtGTLXO1hVP6oJSPEFZa1s8p1l74Yxe6uhPYyW6GxIWSqsaK5I4GnxSooqehrtBWd63rTp"
    "or3zG/io5zLV4j3klUbXSaJdgUdYUFFavIpPkJKXQmRpKuodnPvbdXNx+RKD1jTUeShjSd"
    "jiORt/dpli5gMW2FZXicLlvqrhgV81qUsJGA9bGkAdilyGcR0XnHuA/hjx8SAPzxQyS+7B"
    "IUHAJLDP/YSbS3LAmgPkrIAa1yDqiKX6gGkuXb9lMCl6vMZUPLkGLkIQJzPi9z3tDKzHGp"
    "GguS2pqeoVcpS1PXhfVmiyM2+nWvXsRam/52CczNJ0nGyCLDIjUZkYBUvFZUESlPiMVMaF"
    "+Svv/JjJCs9jrWEIsAIomYZ9wbauhJkUWs8gzSYm5y3GT9o2N1zFpbN2Sc/xMs2Upasi6v"
    "kppaLkUD6zVcJjJnL2PM2cuwOet+BakGuo8MZuzM8Q8mCNM6bLw0DRzmVzc3Sbw2NzfRXh"
    "t2LbyjGhUOFlApsA7SAd7J8Nak/+OVXYiRKA4FCJPMwkTbCFc3H9MMb5eigQM7f+ekFR5Z"
    "Cpz0tBiMvUSN8wAXopQYO1kRxIylIX2k4Aauiu8oWUVQm3mr9Dk5YVpYLJWXH8mFtjx3Us"
    "UYkdibFBqGqTd5K9SrZIiSbu3IxfMquVcvYr1KrJ25SViykt2d3zYKWm8EQp8JvW6k9cZx"
    "97xuMLlAr5K+MR07iiya2bcEv6IXQTYw8wdhgbY33y/sSsqzY3Af1U9qXcS4j9IrD6Az1E"
    "9nEGKqzkVn755QZq5yvC14M3rwwoIXtpEzh8c7aGoQHKs+poq6SwJl1H1TRR5l1M+SQ1Ax"
    "i6Mapl+pKQQV48CpGQTnNvZ8GzBzzL3gBs3RBp93X2jYpaml9hSk5kYzqLn2FezS1DSuc7"
    "I4YZcm2KWpReZF6s008tlIo2ryKwZ2zk4awpZfgewOr6WtIEf42g5EQewsqnc2dcPQG/SH"
    "973Rm8vPF1eBnTOc0fsh5AMyN+Qh61SeNi9Neb62zuBxWpQoCGwnkMDVdh29lQBnIwHdiE"
    "jeOL5DiUtdItR3096XeUqwLaIuMv8syHD8bTLsD8wdS6yjBXnoDen/7PeCTL4NpnePgy6y"
    "Dxak3xv3B6MRIzkcBkNv53FGe180xXcSIGveUtebRF7pmxiv9E3YK33Gmv1VE/ZQrrkN2M"
    "c4QqFgcBJPaNqCwWeoals1yZK82szxsrbncTMfilxyXMzeApjR7mVvxU3wLINnGTzLdfcx"
    "gme5jVwHzzJ4ltvtWS61+FblpFYpW4HWzYP3MOqNx7b/LIUPzybrIvuA+fGWD9PJ1+lgNm"
    "OuvMM/CzIZL3+ejNj+w9bBgtxR4d1Fd7YIP7/fztyJNfUm5n6qVm9jDlvAZw9cgRsTdv+r"
    "1gAGd3LbsKc6444+h0QhyZDmH6QFPoBbH9z6VZ5p83Trwx5gp43e+D3A+GPYI3NBPBwBOD"
    "w/pV4GEdqDQuItx8qyB1hzYPeNz91G0E6FyAnOPbC+GiRjC90jzQ9aTMjzgOrxuOdyd2gL"
    "0U+IfkL0s+ZxMIh+tpHrEP2E6CdEPyH6WdzeQxR/iZ/6Hr1ToocE5EeoYiqEJU8KrWEipk"
    "bPS9Nm7ESF8EokK4qMBRIR0bVJArCtKE1RX/LhTLl43U4mI9/0dDsM2FXjx/vbwfTNZWB9"
    "XfgbD+xQn9zKDRBCABgCjzXBHgJe5Qa8vOsXTsTVu2CiZrIlKbgBuVqlpSwmk6aGzHXsuh"
    "cv4py61gBQnXaJtlyiFGgjiSIm6ElVtmw7JKoG0MdTdMScIazvC7Zrkk4HhHmsqKJz+Kwq"
    "xo4d0pMI/2DBLv42wIXdh+N6/qPDemYXA/UjrXK54JWuwjxxEeOVdtiX1JZ32jfSls87HR"
    "ZqqhZfU/XJwTEpxAcCQDgZwtZMktKGdYlKtGId8V1bIxaiRdEDvVnRopDtdh5NeERB5SnB"
    "5vlY/Vd2WkAqQ+uURkhlaJqYglSGNnIdUhkglaHdqQxPkqrpy/Rb83qpmldmrpCsBlnIgL"
    "SPCIBOBDTeCpKcyunkEDQP4OtETr3rGK/edditt9twY/rRAB8ImgfwTbKClDH1KIPo6pKe"
    "ziV9IGgeuoXIh7Wy3Qlkn1oWB+maB3chtUxe8UqTeLlT0Uh7SJoHciE1bDXFUNepMHYpmg"
    "dxIWJD04XnCIQTleR5Ljlu2LkfpbRSKEUX3Y8W5P5XdvArPZqxoxk76k/G3wbTuVks2zlc"
    "kNFkNu8i9ruTiU95Rxzp7aj5ndE3F6DNwU9Tsa+kvm6ZsDfOw62MhW+ieoAkvKwJkC6ip9"
    "TCiesFeHM6b3ZY1SiG2dni6wA4AunC9cAe0oXLTRcOCowc8H04dNRMhCNkbCqwz1GWqPZw"
    "x9QnOoY3lCo6AffERYugps4pDCi0VIx3yHJSqQIjOjqjKvAhQWIVJFZBYlXdU2wgsaqNXI"
    "fEKkisandiFdSIKTaqfO5tmqup+PMAhl2a8xrHSUZx8l2a8Y8dXjPlZS0rWvptLyLI21xq"
    "xkSCGrMcnSIaRx9Rq9FTtltJ46tksVLVTwiSNV6ynnGbloohC1G3tmFvZkGlxt5LBdWpIO"
    "RZ4ZBnRI5g+jintMOyRPDM6a9mIzwpvN5P2wfvdDCbT4f9+fl3XKnpwE0U0ISg2klBNU5t"
    "tJNhSlEYrY4w2WkNVLZ9PxEoT1gxcVZIXcQkR2labwTyfOrg8mBmzix9s9MmAVdSnNsecf"
    "HRbndYJop5e7KkjlfTm28wog+6f6srb9lfxL4otML6K8YEub1SeYQEIiKdtt9hZSdjJJEX"
    "RX7hlc7Lq1NunbxAdN9+WaiSVxlb4QJBXL49EdokcfkKbGhbOW6fxW+SMWP/9Dz99sIf5z"
    "k5Y8Jn1RiS2I8Sn+fJ3QO0/KzxuqIbnSx+5kLTEQZHvN4cME2SKc9eKymZCj0hVNtVXjBS"
    "nqg261Fv91bRaIVe39l+OGR2j3SFtlSYTttFrxtMLkw1eLWn/yjbsD5dyB2O57aGdG2qe/"
    "0JinUlFWs2Duyxm7oIU5i0gclDhVT0pTpvNsxDhIB4MsTTG46NNRhrYiByUnjDFqJHBqWd"
    "R0KkEFbPnNIAdno1GHGYHtJyIUAIn0JWDhhahuQeDxEgD06SWjlJ3Gk0D0dJyrSTig38pD"
    "iHVI8EmT2OhAaUk6IcmNMSYGxokJF2FFbPZJU6q6dIV190SDxJHDxF7DsaUVj2XWFd4QLC"
    "yxBehmXfjeY6x2cEy75h2XeLln2XvPdA5eRW8ZsPwI4lsGNJ04CGLR8KBhh2LClyxxKWJo"
    "5FiSwNNdXcF6RrItYF7PUAK5g7lYlywCLafBbRJluJaC1pzGHxmL38s3GJoYHVsrByMwFM"
    "W4ypHfqcz7CykOrpOqZvXEfPUyLIvIFKWMp5vhWJ/kgiL/QSDDXGRGDspm6YEyIx7YvEnL"
    "ds4XkZUHwW7E7RJD2d89tL0qTMvNwc4DtVWQkrSeYmGkXD6qcqD9n3NYFV0pavvIF6qygy"
    "FkiELD4QBQBdUaqiED2cKTd8cDuZjHzhg9thQNqOH+9vB1RGBErDcbGWFY0TBT0GtkMFaK"
    "dAG5INooVIPcPOkGzQRq5HJRuE3HVJfEu+4ia5WbM1HAznsWNl41kid/hJIpL9wGFTNtjm"
    "ItaaNVszeLzNj64J7iERr2WB8kt6wcjqBGm6omJzEa5AkCBuJfIOPRIVP0uajhmYSJQ0dm"
    "MNSfpP6EWQDXpIzeh9eElwETcAYxuM7QyCpunGNn0IY4t51SKjc6O8NOVnRxUv1svLgyIM"
    "CJ50iTNpPFQlmjTOuAeLBnTbiui2YNG0kes5WDRFaumz9QZvhZku6NxYk/dyrG6umQ1ZnE"
    "lPUapHVV67ZsVJixzZWeEXaGVsd5b2jFnhXEeptkoB8YvynNBXzsp2WzTtE/3S0Tp05HKC"
    "ODPmLCsKCvb8l73QHmYfmH3KnH3mgkpFLm/isa/Ezjm62wayGlrnaAEDqWnCCgykNnI9ao"
    "qC9aWwvrQd60th9SOsfmwa0CWvma40wIUsmYbVj0WufoTFuwXLh7Wy3Qlkn1oWB+maB/d1"
    "IrivY+C+DsP9ileaxNuLPBppD0nzQC5kDa+mGOo6FcYuRfMgLkRssPiSwcnlYxAPiLENLc"
    "31w32gLq8wS2c8+C2locJIuoj+WpD+ZDzv9eeDuy46HJpnvw2mzlnrcEHuhrNfH3uj4Zch"
    "u+D9LxgvS8a+RNyLYV5Y5BNqlWd02QVoc3DfVOzjqa+3Juykc7klY0FMXdWASw7lDbJG9a"
    "C0RLnYQ2mJ4ktLREubHNAd2d00E12udK1U1eE5FrYdXkyYnb+IjQg7LSAe3Lp4MCTeF+qv"
    "gWh7w+KuEG1vI9dzXWC5xdsVVk9cWtksXbbQJZVzrKqSrqh7vnbkXDyiInmbgZ4EehLoSa"
    "AnwYwJehJwvSg9yS5ymk99U9CVwgDjH2vZEOlnxDbS4sB8L5D9XGG/83WwVmt6i/EAmq+1"
    "DGiMzkuqbOhR8EJoOrqiUz5FUU2+fMd7a8LaLj0blx3YZl8+KJr2dX2jKsbzxhR6jCp0l3"
    "3IEelsjkjPL4OKnl/+AttPZ3uh3M7I5FhzyHwRjiXkvGC0EeS8DNhA7bSBzr2jT4WsoEKS"
    "U0u1MSum7ZRgZKpKVHLq8Rwoh7bEDKhZbzSYddLB3end3Q/HXWT+WZD73rj3dTDtIvtgQc"
    "xOu8j8syCD3+eD6bg36iLnaEFuh110O+xkYlreuU+StjQr93PYdqweqEsH5XOgfE57LXLw"
    "w7SR60lWh7Ksj9T5bR4iSG/LKb3NSb85Mf/KyfOpFweS5l95Bt4J+ybpyndMTnUo7qQ566"
    "aG0qx4l2LQG3KaY8kXnK2VtZjWu+R706CLyfXT+Z1LQe9R0LsUcD6d7lwKqw6RTk9gfA6M"
    "5zjocx0BJziTraEQ62jsYVVabzocV6N95SLO2Si4bSrjamyLn7H8EnXRTq7okiQFOl/Kc3"
    "Td3CRxmtzcRHtN2DW/Fc8+qhQI280biG4hxbTpHfWUtbQ9JFBKO2XJlxSpA/knEf71bwEi"
    "OUM="
)
