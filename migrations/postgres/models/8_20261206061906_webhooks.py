from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "url" VARCHAR(2000) NOT NULL,
    "entities" JSONB NOT NULL,
    "kinds" JSONB NOT NULL,
    "record_filter" JSONB,
    "secret" VARCHAR(100) NOT NULL,
    "previous_secret" VARCHAR(100),
    "previous_secret_until" TIMESTAMPTZ,
    "enabled" BOOL NOT NULL,
    "disabled_reason" TEXT,
    "cursor" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" BIGINT NOT NULL REFERENCES "crm_user" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "webhook_endpoint" IS 'Where an integration hears about changes: a URL, what to send it, signed how.';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "sequence" BIGINT NOT NULL,
    "webhook_id" VARCHAR(100) NOT NULL,
    "entity" VARCHAR(100) NOT NULL,
    "record_id" BIGINT NOT NULL,
    "status" VARCHAR(20) NOT NULL,
    "attempts" INT NOT NULL,
    "last_error" TEXT,
    "next_try" TIMESTAMPTZ,
    "delivered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "endpoint_id" BIGINT NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_endpoin_86d2a6" UNIQUE ("endpoint_id", "sequence")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_endpoin_f0be32" ON "webhook_delivery" ("endpoint_id", "entity", "record_id");
COMMENT ON TABLE "webhook_delivery" IS 'One change of the feed as one endpoint got it (or not): its attempts and outcome.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_delivery";"""


MODELS_STATE = (
    "eJztXf9zm7i2/1c0fj9sOuPmtknT7fPeuTNO4u36rWN3Hafde9cdB4MSc4MlFommfvft//"
    "4kAeY7ARtjjDXTaTDoCPgccXS+6eg/rSXWoEFOu6oKCRnbBmx1wH9aSFnyg4SrbdBSTNO/"
    "xk9QZS7oWopoN7O8hnNCLUWl7NKDYhDITmmQqJZuUh0jTtAFFjbgDwRYUNGAgjTwbOkUAq"
    "JiEwKM2D8IIKI6XYET1h077AC6gGBu6wZ9rSOgwQfFNuirU35DDavsjjp63EHfNtL/tOGM"
    "4kfIGlnsDn/80eJ34Bedblpfv7JjHWnwOyS8Af9pPs0edGhoIVx1jVOJ8zO6MsW5S/2xj+"
    "jPoi1/l/lMxYa9RH57c0UXGK0JdET52UeIoKVQyO9ALZujjGzDcHniAe88vt/EecoAjfuy"
    "7ASndh7AP9eazYajyey2N5nNWjE+ehQB+N1TKkZ8DLBHJQKAR/4Ir//77Oz8/MezN+fvP1"
    "y8+/HHiw9vPrC24nnjl378y3kYHy2nK4FZ/2N/OOEPhNlAcwYhP/GXoFGo4lAJZvjoe1wL"
    "43+1UKxk9L32EfzZi0Xx99DOYoB3wueA/3FUwYKl8n1mQPRIF+zn2ZsMdD93x1e/dMcnZ2"
    "9ehSEeulfOxCUOtg+u+ykUgNenaCDAb9/kQZi1SoVYXAtjzCXaTMixZJx7yF4KrPvsyRSk"
    "wviQDvVQZ9xb3cGgA9h/UzTpjcf9yWj8zw5YH05R9+pqdDec3LJG7tEUjb4Me9cdIP5M0X"
    "A07HUA/z86SeznExHz0Hb8i3QhGVgpA21T47DOFBrn3zW7QvUlTJZ1YcoI2zSX9NQ7qA8T"
    "80s/LllGyFi5mkUG9JP+Te920r35xG+3JORPQ+DXnfT4lTNxdhU5e/I+wqZ1J+BLf/IL4D"
    "/Bv9yBYmJCHy1xR7/d5F8t/kyKTfEM4eeZogUx8k57T881uIengBbBT8wV9elZsbRZ7Ao+"
    "w2lt45eWZ8voGQUpj4JnHFz+mL4Cjm1EU3RzceklxXzd6CWlPJ3VCSqwVHgPQeFV2Ue5mb"
    "wKU0p5VRd55Y7hgLgSqMlZqtFcT5ulglz/Bi3C0YixPFXWBiheFrhlMfftbgXu2dt3P777"
    "cP7+3VrOrs9kiVdPlAZEp00oXsbR/J/b0TBFZK4poh+OrlLwf8DQyc5Qbf39wUYqx8zxYu"
    "mInPLb/qO1I7gzsOQIhb4ZT6M+uen+HlW2rwajy+jHwDu4jLBD/I0xI9234LWvs4G0oWfh"
    "PJdn4TzDs3Ae9yw8wzlhlmURiAMkG6HsTmX1BPkiF8gXGSBfxEFmb8ZkhFXISRakaR7MZ7"
    "lgPsuA+SwOs4KQrRgzC36DyE4Y0tdQ1ZeKkYx3nDgqzR3qU7eXw+NABuDXvav+TXdw8vZD"
    "+0wgziQ4/8QDvHgXd/wuTQOvIJytTc2c+keccCM1pGbwlq2IzHXDYPebEao8buw2jHVS3b"
    "zY+jQe3X7qXU0KqiJrug7wjqaIKQaj7vi6P/zYAf4xdyVO+p973JHI/07Rp+7tZHZ9x854"
    "R1N09cvdWDgX3YN6uBTZ7YRbZgaRNuOWVbLNlqJyJhFnmW2H9zllSStmdUXQxM/s3WZFnU"
    "5BqgaJoEqcTz72psXmQ2s1M5lZyRAsyoREcsmNTblBoWXpFDNAizIiSil5UIQHscBBRDjF"
    "efEztqD+iH6Fq9gcHoHe9fzfEXiAiv9f3jjzzvqPaCnP69BBSBizd2dvDB0NlD0AGN4NBq"
    "0MqVMCup/WHTUT30Q5mwPotVgoAeNJsK9mwhyVoikIp4cVA0Pc4RRT4J9Igih3qX/+dQwN"
    "hSY7dMMxw9xDvG6OsDTww+a/SvVvOtXh1mCJfho0RhPtSshMiK2xunQ66yGa65s+yHHFXl"
    "T/BrfH6trpp7E4YdPEFmWPvP0nOFp31aSvsIKEEVfCp6eN+FPAi8kjAdXq5cTuyQIC9nCr"
    "1xS/5n8Bn7XAHNJnCBFweyQiK9uE2DRgPH97sy4S07QD6S/uS8hM7dpYSm2Qnriik5mrpy"
    "ZwAWMDKiiFDSHCCDvmjHJXUnd9plof2OVoNAgFWy/7EbCHdzeXvfHJ24g/PyHiLZOFGpY2"
    "kidZyBPyReVdmK66/JGGiL6YdVfYXbq1mzQH/M2ceDJcdAGFYUsXRyA998A+g7wejrAECP"
    "k3rrq3V93rXithoFfpoavZCM/toUv1zK1x3Vc2uusRSbQrfG9JlkkRaCUT0hspXrP0eqlj"
    "HqOOKRPSm8Z1mZAuE9KPOyH9ib19nBn5svE82jonpzNdky/fvRLrd296TJrwnDv3YIom3d"
    "tfO4D/z1fpTsQq3clGq3Tf5lsnn7FMPppSR+z5v6GaMNekZ1kHSOrMlDqtGJhjLcE5O4Hf"
    "U4S7174JSexZs3Tv90m2sFlP0oPR8KPXPCqBImmNqmpb1kYaVIS0BBXqgHhRb40prihrzK"
    "gtmgMcpDnm1F8NowTcMoNFHokMExUIE2m6BVWaqNjn035CHdR4NmDvfjm6G153gHswRaO7"
    "iXvKO6qHxqPZlsikmBHI7qwlZF2k2lxJpA3K+C3N/MI2VXGxNagBkhoP8zrplExiWJRsoO"
    "WECKWOU2cdBzIhswGHA2SSv3Xm7x4TCl7malMjLgH4CdEfEYTF8Q8TNkgHqJgDbp5w8YVX"
    "EUL5CWzIAIPXuCwKfoBIAr8h8H7md/HBH6eVbNiUDXIR9PFl8x3rwJfrbatdb+upiRLXl9"
    "Ijw/p0Hmj3kHxaL7HRnNTTw8Q1R+ZpVNEuAdSB200jIQ3YFS8DisPrHbfEtezVk3WEN242"
    "vIyyFliAuyXEBdbyHia+EZ9E0Wz0wORGKWRvCsspY+BkkXfdPncVrN0D/jteHBzBLSOPP4"
    "jty/n8MyXYfMtVwksIKcPOWeLLN2ZylvmC5wUGzn342WXRlcNFuk1ZTewvXpDLietmCLaB"
    "XHZwPAno+Za2usKpeCgqRCgXtx6eO+x44c9c3epPYFt7GHIXR6obK/I7GUJSoI5ehkOFtr"
    "4rXE19gp9gcuUc71q2RmzqTG30muXYCHUOFQtaQND8BDCbiYFOCbj9pfv67OI90PRHSCjQ"
    "CSCUjSMtab/TTbqQS2hrLMOzdNlKd8Kome+9gs0DnI+lCMA+RTlLh/Y7xkMIv3+XA+D371"
    "Lx5ZdkkSFpicHvps562yTtM0QpMz/rnPlpwW9MA9nk2w5TSi7Xmcs22SC5KEAkzfmyzHmb"
    "VJneUjcW5LU1A0OvVpYmpYq6WMKUzX39q+1MazPcLoe5+aAbEDhkUGMmI1CABVVsaQA/AB"
    "4zYX3pdPWTsCDnKwoJYMYl0BG4F9bjfQeoCxs9EX6KWY4J5mjZt5gibgzNFQIBtlhnon/n"
    "EvABIOABGxozg08IhODf2LYQXP1NdEhOzdWrnFbvHy3n6Xhr56n54PkqjeFaGsM+r/Jaaz"
    "5FAws9vM1lEb/NsIjfxi1i/ysoNNBDZHLS3ziEwqVdUZ9PkKaBw/zs4iKP4+fiIt3xw6/F"
    "N2JjwsEBqgDWUTqJdz68if6/SfUaMiSKRyGFycbChCyUs4v3RYa3T9HAgV2+f9OJsMyUhA"
    "y3DIyDRI1zIu9EKRGQFca42mHc0nTy1KoI47JLitimgRVtw6KdIVLpqq+Lfy9frVaXefPi"
    "eVNxWrmQsCxfnw9tdS6/mjEit8cvNgwLb75Xjefvinu5WpnuP6dJO58PcKauW+fwBJo6VK"
    "Hjkgu40X7wXHKug23tehMTaBvcE/jnPRDLrxivwIOFl+BNUlJK2d0npmSHNCdGKhOy6yPN"
    "2hl+u7qoyfueWipQlNlHEcM43cR2WjfJwi6tAhwfzEkyAynWKiUzyKWI1pfkAvAAAc2SAm"
    "7V7LWCy4bkZX/YHf8zueztZUKV7ct/TnrdJC1oT9O0renU2dA0aYb2r2ZPzryd2GM1354n"
    "rS8LDNSFgtgzgeeFri682NnzAqI2eNbpQkyc2NDEQiYEn8E3xbDFVAvZLAvE+8Vn5DI7lm"
    "G0Zk3HxW18adofnmmvZJTtTV8ItUWd3trxNpI+nCt7OCN5OKpryWi0jEY3cuYIREmFBpFg"
    "tmVsQ+OTyH1oQlNFGfvQWJCBQZLLrabLnTBVZUtDAtxQreXs0VLMxZ/GKTbJqftE5FRsVy"
    "Fq++yMR7sOAu4lRbZmztp6eM0rzZCtGQe2TZDdt5/8UjcM9n6pJnjoejvLCJ87LQuY4ekg"
    "y3WTNRYF7QwbV648S2dQc21eufVo07iesEhJbj0qtx49IpOv8A5x5ewOVzf5lQF7wvZwyj"
    "K5tu41VPWlYqT4P9dEUewcqlOXumHo9a76N93BydsP7bPIdnDe6H0X88s5ZrtayPsZpKkw"
    "LbN3N67Gs3Cew7Fwnr4/VsLuWNROyZh4eds9n7pCqK/H3Z8nBcF2iDpA/Jmi/vDzqH/VE9"
    "vwOUdT9KnbZ7/5/1M0+twbX9/1OsA9mKKr7vCqNxhwkvVhNBy6nwBB8EULfCcRsuZVcrnI"
    "FSm4yIgUXMQjBXvciCrHx9JUA1xuQ1JDP6jcCSOPI7ToThh72K6hZoIlL7J59mvYj5P5Sg"
    "QnWwnuZfdKO8ux7IQ2Zw8Qarncyq0uUPFyqVPGYOC4FdvAcTS1gYMJL3HA8HT9ETz3CiPo"
    "pWqdiAQtm87x91dJOdfldT5FU3Sva/e8aiA/z1/xBwIIj9KxsdwBOgWPFn4WidzObVnn6/"
    "IL97z935zOTs3V/as2IBgoU8R9TrxU4UKhgCjP6w4BAguF9w8RgLzgvJurFnilOXxgHxZA"
    "P5BTcO8Gle/BUjHJFAlugye4IuBEYTSsnTjFHtmZWtpAAaZhP7Kn9S5w05qTtEV9igfITR"
    "G4JngFKGYQ/IENrc1z4b7ed0T/bfYcqmITyPPau5/6gA8b9hQrdp51w39pQHmg4iWh9xbP"
    "7N2eLf4eKHcCnUJlvlxNYwkyX+7Qvci5qtbJdC6ZztVEwebD/8TetsgA99o3cHiX7+2RuX"
    "I1C5zIXDmZK1dHB0UtfEQyV+6Ac+XW+9AlODKCe9SluzKCm+LJ9LjjM2llelw6g5pr4sr0"
    "uKZxXabHyfS447byKt0gp3ZSK5yAlMtld57hsjtPKr13cGlInwbd4dBNAiqQiOSSdYB7wJ"
    "ORZp/Go4/j3u0tz0da/5ii0XD2y2jA2roHU3TNhHcHXLsifP/uKIa8RWdFk0fDVFumkNbT"
    "6suZQaoxu6Zw6m2A5pixk7lYe87FMk1sUQbBBrvhxmmlz03mxB0e9kxlNNlz6AySDeKNUV"
    "rJB5mbKHMTazzRlpmbmDKVlgDvKNxbQwdvTIPIMYQDIldKhxcAjk9PhaNTsV3i9aTMhUuX"
    "9udfx9BQUhakFN8i/kBgD41Pc6GQbSHyQnOfeF8H6G1KBaqKWKcDWkbAc43qy1HPmbluK2"
    "OfDbWGZezzeKJgMvZ5jFyXsU8Z+5SxTxn7dANo+SJoWSG0WAyN4a8nr95PFR9BEik/YhsS"
    "yqDkVoE1iLTC6AVpjhk7DaOkHUgxNqCCUuK5Lkl0Rw9Gs6sveX2m4h09RqNBaHq67Efsqu"
    "HdzWVvfPI2UiIoYeMUz8guauVGCGX4V4YdDwN7Ge6qNtwVXLywJa7B1RKHJVryYhuRqnWq"
    "xiF4NLaNRLeuf7Gd5dJ1+G957XKU5BAUYKFrGkTOjoMKsJgSwB4PU8BdIbzvNmtnUDYexL"
    "GodeEcPlrYNvkhr64Bv/NQF0zYf2mH90ncGpH3zC9GVrHLHRLrM020M3zSHvvyWvJe+0Za"
    "8mWnwsrKDruv7PDg4ZgX4jWBRDgfws5MUtCC9YkqtGE98X2wJqyMFaUP9GbFimKm23404Q"
    "EDNUkJFucz9V/DayETGY5OaZSJDE0TUzKR4Ri5LhMZZCLDcScyPOgWobOi6QxhqubVyd9J"
    "ToOhbIB0iEgCnQtouFR0o5DTySNoHsDnuZx65xlevfO4W89cJEb00wFeEzQP4It8O2pkbK"
    "gRRZfqtJhLek3QPHR3Ih9UvDQVtCosi6N0zYN7J3VMnuGc6EmZU+lIB0iaB/JONuEh2LbU"
    "Qhj7FM2DeCdig1DlMQXhXOV4HiuOG7ZuBgWtFEbRATeDKbr5jR/8xo5u+dEtP7oaDT/3xh"
    "Ox25d3OEWD0e2kA/j/rY34VHbE0dl1Y0PfXIS2BD9Nzb6Sw3XLxL1xAW5tWPQmrQeZg7dp"
    "/qOP6DaFcLJ6kbzZnjcmtAjDcHO2hDqQHJHZwoeBvcwWrjZbOCowSsD307qjZiKcImMLgb"
    "2PmkQHD3dGdaKX8JaFirbAPXfJIllRZxsG7LRQTHDIJqRSRUZ0ekZV5EOSiVUysUomVh16"
    "io1MrDpGrsvEKplYddyJVbJCzG6jysoy2ci9hqq+VIxkkH2i6Ih3qE5d6oNV/JMAvu5d9W"
    "+6g5O3H9pnkQU4Hvbv4nE0seOlWmjtXpCmwjBn7268K6ERGcd5RnH6GI6lqX03ocqVF9XA"
    "pPiWFynkx1xoRiDBjNkEnSIdxxDRUaOHl0udJKtkmVI1TCgla7Zk3eMWLS8j21SPgwy61Q"
    "F7kQRVGPsgVXVmXyPAlxHPaiOeKSmCxcOcugkNHcFbr78DG+F54Q1+2iF4x73bybh/Ndn/"
    "biv1mjPzApsrnClDaluF1BIKo20NU4GqaIcIk5vUwETb05ZABYKKuXNCDkVKJuhM6kJBj9"
    "sOrgBmYmK5Ep02CbiKotzuiMuOdfvDMlfEO5Aj9XItvckCAvagq9cUv+Z/Af+iwBzSZwgR"
    "8Htl8ggoSAOUtTchNg0IdPQNG9+SCueV1WlilbxIbN99WVkjrzamQhvIqPzxxGfzROVrsJ"
    "dt7bi9F7fJhvn622fp54C/mcIwy2+yx2zPun0Oub0o2Umeidt/Vp8yXrPRnhfc9ETxPReZ"
    "TjE3srXmiGGST3UO2kj5FOgRYrou/gYBfmC6bEC5XTkFozG7brpOOCC6BxSzlphrtB3wvI"
    "CoLZTg+Yr9wMu4Nr2TO7yc1xrTtJnm9VWq1bVUq/k4cMdu4QJMcdIGJg7tpJov03g3wzxG"
    "KBHPh3hxs7Gx5uKBmIcJ6btx+zAgg4rOIzFSGVPfOJ9BWun1YMR6eijKhQih/BQ25YBNNs"
    "jsCRBJ5KWP5KB8JP40WoafpGDOSc0Gfl6cY6pHjrQeT0JLlPOiHJnTcmBsE5mO9iKsgcmq"
    "cE7PLl193MeqE4b2NVbtJRTPH/PyxRu1sxx8ptd8pgXb53LteRSAwu90HazWNaAaOjtNAI"
    "HsnM7QhorGPXQ6TfbgbdLRFE3RvUfIuHUPdCLIHJofCKc/UQBP2Fix4zZQwEdLMRe/DcAV"
    "wwF8dMYutsBCIQu+Nx14wNYUcWtsqVBdBWtsABu+POtI9H/7S/f12cV7QcUehEDj4dVP4J"
    "4sFHZ2/RTiKntSfszfqj1FBLNHcJ4OLNkziZeCOncxngIe3AT3bDTy+92vESHAshF7c+Be"
    "ee1f4MzM6a6UnslaeiYDo7eIhyxCVo5/bL/sqKCsqPg8i8DsU+zKA7k/iN+/y4Hw+3epAP"
    "NL0d3H/dkjjPCESb/sgdwYL2+W37H3+yTkcoytfl67HQej4UeveXRJdMQZ4kwKCTI8a8+8"
    "AJXc+L3ArnnO1F1EhPgUzSv+vJMYhkyBS0e/WSlwMb/W/kyq5BzjPInFBZKJ0/ks1fcDVd"
    "+lsDoWYSWraDWZ6wlheFlFS1bROqIqWhVv5VZr18hOtnKT+z/K/R+bBrTcQG/HAMv9H3e5"
    "/yNfdgs1Hc1sq9DUF6VrItY72DlPFoRq1SZvTNYkKqcmUb7KLk6JmBKKcbjVdJpdiENWws"
    "kF0xJCZoY+ljOsHKS6lEL2xofoeMoFWTD1U5bG2V+Fl3BuZlLkJZq8mRGAcZv6iaMyEHN8"
    "gZj9FoGvUebUTmLyJiY6Leb7DpI0aa1Taf5v08JzZa4biUs30mENU1WH7JsDgVUns+ekgZ"
    "qZDuUTyWyoAtlQDDYDk4Qg6Etge1QS7SK5ZzLXoGFRZ5lrcIxcT8s1KJAOl2TRbu0uaebq"
    "z93asYb9qKNr+KAj3X3guCkbbdPOtGZFaw5PsPmLS7G6QIOqoTB+6d8gcDoBhGILirJGCg"
    "KKttTRKbhDFnzkC5o4mEDTCb8xATr9CXxTDJsdMjN6FV+itYsbSGNbGtsbCJqmG9vpy2jS"
    "U6MyltFUkBy1e7FeXRoU4kAUXU4ToKrQpPHGvbRopG5bE91WWjTHyPUSLJpdaum36gIulV"
    "uq0MRYU/Bypm5OREMeZ6IFip9a+LkjSgA45MBNCm+Dub00He0Z8o1IPKXaKa6aXCRhi75K"
    "VraPRdPe0i+drkOnribIMmP2sqBgx57/qkuXydlHzj5Vzj4TxWIiN2nica9kzjnUbyOzGo"
    "7O0SINpKYJK2kgHSPX5fJSubz0uJeXytWPcvVj04CueMl0rQHeyZJpufpxl6sf5eLdHcsH"
    "FS9NBa0Ky+IoXfPgPs8F93kG3OdxuJ/hnOi0ENIBkuaBvJM1vATblloIY5+ieRDvpkwtVa"
    "idkMvHIe4hexlbmhuGe01dXTnV1rD3paChwkk6gP03RVej4aR7Neldd8D6UJz93Bt7Z53D"
    "Kbru3/521x30f+7zC8Ff0XhZPvbl4l4G8+IiHzGrfEOXXYS2BPdNzT6ew/XWxJ10PrcMqG"
    "iFqxokksvyBptG9WRpiWqxl6Uldl9aIl3alIDuwO2mmegmStda7eMygcqylRQT5ufbmRFh"
    "r4WMBx9dPFgm3u/UXyOj7Q2Lu8po+zFyvdQFlku4nENry6WVzdJld7qkcgItS6fYWiVrR9"
    "7FF1SkYDOpJ0k9SepJUk+SM6bUkyTXd6UnuUVOy6lvKnWlOMDwu2rYGvuM+NbECTDfKGg1"
    "wfz/ch2s9ZreMjyA4rVmEY3Re0mLDz0GXgxNT1f0yqdgS/DlCa6cCWs5C2wFvWabe3mtaL"
    "rX6cLC9uNCCD1OFbvLKuaI9LabZ+dnUUUvLH8l27dn+065vSGTM80h8SIJlpD3gulGkPcy"
    "0gY6Thto3xv61MgK2klyaqU2Zs20nQqMTAunJae+nAPl0VaYAXXbHfRuW8XgbnWvb/rDDh"
    "B/puimO+x+7I07wD2YItFpB4g/U9T7fdIbD7uDDvCOpuiy3wGX/dZGTCs790knM1G5P4Ft"
    "L9UD9elk+RxZPud4LXLphzlGrudZHcqzPgrntwWIZHpbSeltXvrNlvlXXp7PYXEgb/5VYO"
    "BtsW8SxU8QbetQNPUJ7+YApdnuXYpRb8h2jqVQcPagrMWi3qXQm0ZdTL6fLuxcinqPot6l"
    "iPNpe+dSXHVIdXpKxpfA+AQHfakjYAtnsjMUMh2NX+B8gfHTNTR0XkGuleBzjDZpZ7kfn5"
    "3G/OH81rkK5jlF6wB+EJXuHiDUgEIAZlcg0kzMuAQeMQU6BSfYAgjTVx32gwCFUrg0+QHS"
    "ALapipcpZfRKv0OCk/SPlteXMOMgu84/oq8R52m4GUTUrb5uQRVbInP5q/Sv1tK/umZpIR"
    "4EqZq0LVLF63086ZL0CWQu9w1QVecdrMwTu5N65L5Qyh1JWFNIjPNh7Iv7QtIkRCbFycbi"
    "JGvJdYoc38cya5PpChy8SsZ5+QECT32K45w6wIMkjal4W1qNM1G0iRkDOGG95QR+T8E0TN"
    "WEcGSWn7f3+yTk4o0VM1u7eQej4UevebTCWST0y7CdUSthTsx2wAfp5Or++njb454S12rd"
    "KMwSpZWcrjOnZRA1fbo6zHBaniCq53QprHFHCKXOXVZcLegG2zK25vope4EeD4wjeeNskd"
    "GY6AveU4GDKBPS/clBPr3sTw6Ok5f9yV8WbCLmuxMyCvhoiWAhWEDFIkCZY5u6rmDSAQq4"
    "Gw/a4HmhUEAxIOw+QKdtQNjQgxpY4Oe4L7nU3qdoiu6F50SH5F64mO9d+/5BNyi02Dl2N3"
    "/PxSe4AieOq4Ufk5/YXZyWPxDgcIm7te//6+/ixxSxRv+4f8VuioEFOS8I0DB3b3sOcfF4"
    "7HXWXnB2f8h0GXIK7nkI4h7oRLjM+Q/e9/MCL6fIVFYGVvjd2PPxOUPsUaNbgOfhtUEg2C"
    "TeSjwNsGy+LaQGVV3jN9bVBXDeVjSaIu8F+CuzlwQniugOKAb306sK4s9NlBV/BgJ9WtZ+"
    "yqurTFuv2FOrtkXw+rmniNs+wPPBegEA9+1FHIAdagb7e8Jv2gbYAuRJN02oiRAAWGKGBs"
    "BsTgTKA+UgTNHZ9+8C03UsQacEGg8eVuxe9k624JGu/qpc/bZVKJHabd5A3+fZm7ypvpm5"
    "vsku5sRgdHq59iBNPQq28/s1pmD7E3v7QvxYE0hmlM6MkB5QhCkxwq2YczhuiJ1wgUBm8i"
    "cYKBlRgjVFAyeDnQTCTAt+07FNZsXBTiBtgnO7etBnNptaEzSebHdYaifS/1ln/6fc8LrC"
    "FTuaTgRuM2Ylk6S9ntKjdgmkTZBuVYfuHIdAMWPap2lMCLri/AoZZElnSHODLHKlWtO4nm"
    "elWiCDPb+IDRDJkFpZITWv+seW4bRNC8bUQ7N4MYYWGHqh+NmYfQjj/tVkXwG0LrR0ddFK"
    "iJu5V9pZ4TLFb1Ob2i/HEq3YMr8vPQ6RukVsulMkfY/YJrigzi4u8oQjLi7SoxH8WiRNlX"
    "1UBRB2mzcQ3Z34mtgdKUxK88jYmNcnqT62cOD+6wK1HMufzP76f7CAMuw="
)
