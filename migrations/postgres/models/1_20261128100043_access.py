from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "access_rule" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(20) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "read_scope" VARCHAR(20) NOT NULL,
    "write_scope" VARCHAR(20) NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_access_rule_role_df3bb2" UNIQUE ("role", "entity")
);
COMMENT ON COLUMN "access_rule"."read_scope" IS 'ALL: ALL\nTERRITORY: TERRITORY\nACCOUNTS: ACCOUNTS\nOWNED: OWNED\nNONE: NONE';
COMMENT ON COLUMN "access_rule"."write_scope" IS 'ALL: ALL\nTERRITORY: TERRITORY\nACCOUNTS: ACCOUNTS\nOWNED: OWNED\nNONE: NONE';
COMMENT ON TABLE "access_rule" IS 'A role''s read and write scope on one entity (absent: the built-in default).';
        CREATE TABLE IF NOT EXISTS "field_rule" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(20) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "field" VARCHAR(100) NOT NULL,
    "hidden" BOOL NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_field_rule_role_3f47d2" UNIQUE ("role", "entity", "field")
);
COMMENT ON TABLE "field_rule" IS 'A field hidden from a role: not readable, filterable, orderable, groupable or exported.';
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "action" VARCHAR(20) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "record_id" BIGINT NOT NULL,
    "changes" JSONB NOT NULL,
    "user_id" BIGINT REFERENCES "crm_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_entry_entity_e54a37" ON "audit_entry" ("entity", "record_id");
COMMENT ON TABLE "audit_entry" IS 'Who changed which record when, with the old and new value of each field.';
        ALTER TABLE "opportunity" ADD "commission" DECIMAL(18,2);
        CREATE TABLE "user_excluded_territory" (
    "territory_id" BIGINT NOT NULL REFERENCES "territory" ("id") ON DELETE CASCADE,
    "crm_user_id" BIGINT NOT NULL REFERENCES "crm_user" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "user_excluded_territory";
        ALTER TABLE "opportunity" DROP COLUMN "commission";
        DROP TABLE IF EXISTS "field_rule";
        DROP TABLE IF EXISTS "audit_entry";
        DROP TABLE IF EXISTS "access_rule";"""


MODELS_STATE = (
    "eJztXW1zm8iW/itd+rK5VU4qseMkq7u1VbKsJLojSx4JZ2bvaIpCqC2xRg0XGjuqu/Pftx"
    "uBeMcgAUJwqlJRG/o08JzmcN769L87G22JVfNdT5axaU4tFXe66N8dIm14I+bsBepIuu6d"
    "4weotLDpOpLdTzTcjguTGpJM2alHSTUxO7TEpmwoOlU0wgl6yNBU/B8mMrC0RBJZohdDoR"
    "iZsqZjpBH2DyNMqEK36A0bjjW7iK4xWliKSt8qBC3xo2Sp9G/v+AWXmsyuqJBVCWNbRPmX"
    "hUWqrTDrZLAr/PFHh1+Bn9wN0/nzT9ZWyBL/xCbvwP/Un8RHBavLAK7KklPZx0W61e1jN8"
    "pqSOhXuy9/loUoa6q1IV5/fUvXGtkTKITyoytMsCFRzK9ADYujTCxVdXjiAr+7fa/L7i59"
    "NM7DsgOcencD3rGOKI4ngjgbCKLYifDRpfDB7xySNcLnALtV0wZgxW/h7X9eXl5dfb58f/"
    "Xpy/XHz5+vv7z/wvra9xs99fmv3c14aO2GsjEbfhuOBX5DGptou0nID/xl00hU2lHZzPDQ"
    "d7kWxL+/lox49N3+IfzZg4Xxd9FOY4B7wOOA93JUwYKN9FNUMVnRNfvz8n0Kuj960/733v"
    "TN5fu/BSEeO2cu7VMcbA9c51XIAa9H0UCAP7zPgjDrlQixfS6IMZdooi3H4nEeEGtjYz1k"
    "dyYRGUendGCEOuPe6Y1GXcT+mxNhMJ0Ohcn0f7po35yTXr8/eRgLM9bJac3J5Lfx4LaL7J"
    "85GU/Ggy7i/4c/Eqd5Rezv0HH8Cw0BDKyUgZa+5LCKEo3y75adocoGx8u6IGWIbUuH9J3b"
    "qA8Ts0s/LlkmRN06mkUK9MLwbjATenf3/HIb0/yXauPXEwb8zKV9dBs6+uZTiE37QdBvQ+"
    "E74n+ifzoTRddMujLsK3r9hH92+D1JFtVEor2I0tKPkXvYvXuuwT0++bQIfmAhyU8vkrEU"
    "I2e0Sy2pb/TU5nITPiIRaWXzjIPLb9NTwDWL0ATd3D71mmK+7/SaUp7M6hgVGBTec1B4Zf"
    "ZSHiavgpQgr+oir5w57BNXNmrwlWo015O+Un6uP2PD5GhEWJ4oa30Urwvcopj7oVyBe/nh"
    "4+ePX64+fdzL2f2RNPHqilKf6LRMqm2iaP5jNhkniMw9RfjFUWSK/g+pilkaqp3/erSIzD"
    "HbebEUYr7jl/3vTklwp2DJEQq8M65G/eau93tY2e6PJjfhl4EPcBNih/0bYUayb8HtX2cD"
    "6UDPwlUmz8JVimfhKupZeMELk1mWeSD2kRyEsvMpqyfI15lAvk4B+ToKMnsyJiOMXE4yP0"
    "3zYL7MBPNlCsyXUZglQixJFQ38jIkVM6VvsaxsJDUe7yhxWJrvqN85o5wfB1IAvx30h3e9"
    "0ZsPXy4ubcSZBOevuI8XH6OO342ualuMxb2pmVH/iBIepIbUDN6iFZGFoqrseqJJpdXBbs"
    "PIINV9Fzv308nsftAXcqoie7oucltzwhSDSW96Oxx/6yKvzV2JwvDHgDsS+e+c3Pdmgnj7"
    "wI64rTnpf3+Y2s5Fp1EPlyK7nO2WETFZityyirfZElTOOOI0s+38Xqc0acWsrhCa2gt7Nj"
    "Gv08lP1SARVInzycNeN9j30NiKOjMrGYJ5mRBLDtw4lBsUG4ZCNQZoXkaEKYEHeXgQCRyE"
    "hFOUF181Aysr8gveRr7hIegdz/+Dic9Q8f/LnWfuUe8WDellHzoICGP27OyJ8U4DZTeAxg"
    "+jUSdF6hSA7v1+oGbiGytnMwC9FwsFYCz4x2omzGEpmoBwcljRN8V3nGIK/JMZI8od6q+/"
    "TLEq0XiHbjBmmHmK180RlgR+0PyXqfKsUAUfDZY9ToPmaKxdiZkJcTRWN7vBBoRmeqfPcl"
    "6xB1We8fFY3e7GaSxOmq5rBmW3fPwrONkP1aS3sIKEEUfCJ6eNeJ+AV5NHfKrV64ndwhoj"
    "dnPbt1R7y38R/2qhBaYvGBPkjGjaWdk61nQVR/O3DxsiNk3bl/7iPARkatfGUrpAyYkrii"
    "k6emoMFzRNxRJJYEOAMMSOBaMsS+ruj1TrA7uZTEaBYOvNMAT2+OHuZjB98yHkz4+JeEOy"
    "UMPSRrIkC7lCPq+8C9JVlz/SENEXse5yu0uPdpO2F/4UH51PYzjSx+HLzz0zRmR1cQRFQM"
    "DB0e/N+r3bQSdmplfpojtXZJN9c3tgT5WP7vhEYi0Lz1+SZlT4ekFKeus0e9Ay26hlQkp6"
    "07gOKemQkt7ulPQn9vRRZmTLx3Np65yeznRNvoC3b6/gvRswacKz7pzGnAi92S9dxP/n63"
    "QFe52ucNA63Q/ZVsqnLJQPJ9WZ1uJ/sRzzrUnOs/aR1JkpdVozsNCWMe5ZAf9MEO5u/yak"
    "sad9pQe/C+nCZv+RHk3G39zuYQkUSmyUZcswDtKgQqQFqFBnxIt6a0xRRXnJjNq8WcB+mj"
    "Yn/y41EoNbarjIJYFAUY5A0QlDBjWbn6eJGEimqawIxvkZECQEDhzKAZVXUcqLvo8IkD8U"
    "eS+5KH9ie5QW+HAwH2ChTfsixq1FHxZ1VLuow1VUANfXQvBBjS4LtCdIcDhXcGuf33CmwG"
    "ZIbwhr2wWgOnKGaSamPuvidUS1YF79kcA2Mks/8gWLGA+1ysvRFUF7wvEZ/+65i9S8HF0R"
    "6b5bhgLuCywZ2EA2zd+RRtQtUqiJZt97by+vP6GlssImRYqJTMom1DKuTvshQ0DiT4315A"
    "uUnPhTaQWvmgmZCooe7V6WPAB7FMUEPE87xwMIf/qYAeBPHxPx5adgcUSzE5iypK3hn7rC"
    "RjuA60FKiLnWOeZq4GemgRzybgcpgct15rJlHuCw9hHBGpuiXKaWWaXHtG4syGpw+qZerS"
    "xNa6nQXZ2HOFvTO3uRam3yfnbpiWwLQTq/rTUkryXC7gm9rBV5jQwsawb/A5ML9KLQtb2H"
    "l6butvwi+AU9S6rFjjwiLLH+9vNFrdAiB37dNv3Dt+nR7jqcxX+CyVpLkzW/QgBKfr00g2"
    "wroN0iJFktZ4+iganCsDNcyQCXtDOc+zHJ9b0IkIGGe3BKxk6DiKl2lLI2xyOBxTmBT0UR"
    "i3NOYu3VzHpvobFXMw4ca+tlqRNZprEXKOsXY+6Fy/4lG3z+aoOw9r+l9hQEUZIZ1Fz7Ct"
    "b+N43rMf52WPsPa/9bZF7kXqJZzPLMusmvfOszpU185nH6flybhM2h8u/DdU7oHbIRl73M"
    "m8i5PG1+mgr3hBo8TMsSBaHCB1nKHiQXPYgUlqAStWLcPNmqfnjUFUJ9O+19zb33lk3URf"
    "bPnAzHPybDPt86y23xHbaGt3x3rSFrT34MpvZmW05jTvq9cX8wGtm7bbnNcOjtNM5o/4Pm"
    "eE9CZM1LSixlw0soLgvLNFuFPSwUrHihIJTrLXQ522nczPsdUWJczP7dUpLdy0t/L/Asg2"
    "cZPMtn7mMEz3IbuQ6eZfAst9uzXOkyydpJrfKLlp6hB+9+1Bu7+9Xn8OE5ZF3kNLgfT7yf"
    "Tr5NB7MZd+Xt/5iTyVj8Phmxvk5jTm6Z8O6iW0eEn95vx5A3aO7SmEGqVhfHhMKihweuwI"
    "0JVf/qNYHBndw27JnOqLP7UBgkB6T5h2mBD+DWB7d+nb+0Rbr1ofbXcbM3vfZX/Bz2yVwQ"
    "D68AHP0+5V4G4SvDuJbMYzeed6NO93ysBgmPUveeD4KWEsvbo/p6QE/U930hrAdhPQjrnX"
    "mAB8J6beQ6hPUgrAdhPQjrlVf+lOGvxOd0J++H4SMB+RGWHxBvOy5mhMkyN3p+mjZjBxv5"
    "pVlSxW3ktzey81q5IUKIbEJE7Uywh0hOtZEcf2L+kbj6VwKcmWzJCm5IrtZpjYbNpKmlxj"
    "p2vZMXaU7d3QQw3H4ZNhmxKdBaWS4xQY+GtkESMpgawG5Po4g7Q/jYF6yfStmEsNuasXSb"
    "K0OzdN5kBxH+yaM48TuRlHadGNfzHx0+Mj8ZKoy4qwMLXuk6fCcuUrzSLvuy2vJu/0ba8k"
    "XneUKx0PKLhT66OGaFeE8ACGdDePclyWnDekQVWrGu+D5bIxaiRckTvVnRoojtdhpN2N5H"
    "MkYJdveXTNZ/3Y0sIZWhfUojpDI0TUxBKkMbuQ6pDJDK0O5UhkfFMKmYN6EhSNW8+mmlZD"
    "Wo0gFIB4gA6ExA442kqLmcTi5B8wC+yuTUu0rx6l1F3Xr6OjamnwzwnqB5AF9nq7SYUmgx"
    "jC5VaD6X9J6geeiWIh9kbaNLZJtbFofpmgd3KUU6XvDCVOJyp5KR9pE0D+RSirOammXIuT"
    "D2KJoHcSliw6TSKgHhTLVmVhXHDTt3o5xWCqPoorvRnNz9yhu/staMt2a81Z+Mfwymgl0F"
    "2m3OyWgyE7qI/985iE9FRxzZ5Zj5faBvLkQLW4DXxy0T9cb5uHVgRZekESAJ79AESA/RY4"
    "q8pI0CvDmeNzo2TIbh4WwJDAAcgXTh88Ae0oWrTRcOC4wC8L3fD9RMhBNkbC6wT1Fv5+zh"
    "Tim88xreUIPnCNwzV+PJUixGkqnyrFDl2IIxvd04DWJAqaVi/FM2JpUqNKOTM6pCLxIkVk"
    "FiFSRWnXuKDSRWtZHrkFgFiVXtTqyCGjHlRpVPvf9wPRX/OIBh++Gi5nGWWZx9+2H8U8cy"
    "V15kVTPz7+eQQN7mUjM2EsyYjdEpknEMELUaPW2zUcx4lSxVqgYJQbKmS9YT7j9SM2Qh6t"
    "Y27O0sqNzY+6mgOhWEPGsc8kzIEcwf51R0rCoEz9zxzmyGZ4XX/2oH4J0OZsJ02BdOv5XI"
    "mU7cTAFNCKodFVSLqY12NEw5CqOdI0xOWgOTbU9HAuULK2bOCjkXMVlVuNYBLj1o66GbKX"
    "TrS/Z5vSicsMaI3ej2LdXe8l/EJwZaYPqCMUHeqOy1QhJZIsr661jTVYwU8qypz3EV4Ioa"
    "NLbcWyhI7TwsFHurjcp7AeHlFgUas4SXa7DhaO24fRLz/8DE8+PTzdsLf5oD4IR5i3VjSG"
    "Z3QHq6YuwejdUnP58rusk5zyeul5ysJ2dRjnMoxJDSeJZSFnRO0DkhpbHZXIeURkhpbHdK"
    "Y8V1tWont8ovrAXV+KAaX9OAhnJmZe+WCdX4SqzGx2NHeKkQ0TJyffvCdE3EuoQ6ZpCd16"
    "mNfxgSxIpJEMuWZbNL1ykgMcJJbWqctziUCQZZSRlg8scrIOfmdDk3wXzOuDhCOOEzJZzg"
    "dBX3yaYQVmhfWOG060tPy4Dyt3zTNVOh+Ty5fpImJSkU5s3VDW0hLRQ1Nt8gGdYgVXXIvj"
    "8TWBVTfImbqKm7E3pEFe5OuD9yttsTMthUzYwJ6b0GtksFaOdAGyLnyULkPGOoEDlvI9eT"
    "IucR31MWR0kgfb8wa/YMJ8Np7FjVWinkFj8qRHFuOGrKhvtcpFqzdm8Oj7/7qwtHemiJZV"
    "Vi/FKeMdoNgkyqGXiJFlskESQtNwp5hx6IgVeKSTEHEy0Vk1/YRAr9O3qWVIs1mRm9jS4i"
    "KeMCYGyDsX2AoGm6sc1uwtrguGW9yYk+fprqU33KF+vVJfUQDkScdEkzaXxUsL09WDTt1W"
    "3Bomkj1wuwaMrU0mfyGm+kGZVobKzJfzpVNzftjjzORLPFmToTgpGhvXTtNdU7cuSkOF+g"
    "hbXRd9oz5hUOXKVaXktkhaMa+JFjFaxst0XTPtIvnaxDJ+bGp5kxJ0mPL9nzX/GiW/j6wN"
    "en0q+PIBlM5MZ9eJwzqd8c6vWBrIbWOVrAQGqasAIDqY1ch8WSsFiy3YslYSkfLOVrGtAV"
    "LwCuNcClrP+FpXxlLuWDlaglywdZ2+gS2eaWxWG65sFdyhZIL3hhKnGbxiQj7SNpHsilLE"
    "g1NcuQc2HsUTQP4lLEBo8vWTG5fBziAbE2kXWmQbj31BXuOTUe/JbTUOEkXcT+m5P+ZCz0"
    "+sLgtov2Tfvoj8HUPbprzsntcPbrQ280/DrkJ/x/heNl2diXiXspzIuKfHcnZxVLy9wLt2"
    "PJYQX3obEeWD1fLfawer781fPJ0qYAdEfOMM1EN1a65i5SUGqsEEubTlykkB+/SI0Tuj0g"
    "Sti6KCGkY5dqxUMMtmHROIjBtpHrhS672+DNAhtHLrhrli5b6kI7ARuGQjVjG68duSdfUZ"
    "H83UBPAj0J9CTQk+CLCXoScL0sPcmp41hMCUfQlaIA45+yai3Za2SZsfronUS2gsb/L9bB"
    "Wq/PW4oH0H4sMaQxug9p8KnHwIug6eqKblENzbD58oS3uw/WxsbbcSHu2eac3iuaznm6Nj"
    "RrtbaFHqeKXGUbcUS6Gzyx42JY0QvKX2D78WwvldsHMjnVHLIfJMYSch8w2QhyHwZsoHba"
    "QKfetKRGVlApKYuV2pg103YqMDINLSll8fXMGJe2wryYWW80mHXywd3p3d4Nx11k/8zJXW"
    "/c+zaYdpHTmBN70C6yf+Zk8LswmI57oy5yW3NyM+yim2HnIKYVnRGjmKJdnDyGba9VifTo"
    "oKgKFFVpr0UOfpg2cj3LmkGe9ZE7v81HBOltBaW3uek3R+ZfuXk+58WBrPlXvol3xNYwVH"
    "vC5FiHoq4IfJgzlGbluxTD3pDjHEuB4OxZWYt5vUuBJw27mDw/XdC5FPYehb1LIefT8c6l"
    "qOqQ6PQExhfA+BgHfaEz4Ahn8m4qpDoae9hQ5HUnxtXonLlIczZKXp/auBrb4mesvnBZsp"
    "MruVBFic6X6hxd19dZnCbX18leE34uaMXzlyoHwk73BqJbSolldkWas8KyjwQKLOcsBJIj"
    "daD4JMK//h9+R7Fg"
)
