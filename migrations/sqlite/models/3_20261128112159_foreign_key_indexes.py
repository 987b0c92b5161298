from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE INDEX "idx_account_per_person__ea48fd" ON "account_person" ("person_id");
        CREATE INDEX "idx_activity_opportu_7257ea" ON "activity" ("opportunity_id");
        CREATE INDEX "idx_activity_account_94c190" ON "activity" ("account_id");
        CREATE INDEX "idx_activity_deliver_fa1f36" ON "activity" ("delivery_id");
        CREATE INDEX "idx_activity_person__9deb06" ON "activity" ("person_id");
        CREATE INDEX "idx_activity_lead_id_3f3c2a" ON "activity" ("lead_id");
        CREATE INDEX "idx_billing_ent_account_d5161d" ON "billing_entry" ("account_id");
        CREATE INDEX "idx_delivery_account_f9ffee" ON "delivery" ("account_id");
        CREATE INDEX "idx_delivery_ph_deliver_9b6c5b" ON "delivery_phase" ("delivery_id");
        CREATE INDEX "idx_opportunity_account_e2bb60" ON "opportunity" ("account_id");
        CREATE INDEX "idx_opportunity_person__ba91d1" ON "opportunity_person" ("person_id");
        CREATE INDEX "idx_person_email_81596b" ON "person" ("email");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_person_email_81596b";
        DROP INDEX IF EXISTS "idx_opportunity_person__ba91d1";
        DROP INDEX IF EXISTS "idx_opportunity_account_e2bb60";
        DROP INDEX IF EXISTS "idx_delivery_ph_deliver_9b6c5b";
        DROP INDEX IF EXISTS "idx_delivery_account_f9ffee";
        DROP INDEX IF EXISTS "idx_billing_ent_account_d5161d";
        DROP INDEX IF EXISTS "idx_activity_lead_id_3f3c2a";
        DROP INDEX IF EXISTS "idx_activity_person__9deb06";
        DROP INDEX IF EXISTS "idx_activity_deliver_fa1f36";
        DROP INDEX IF EXISTS "idx_activity_account_94c190";
        DROP INDEX IF EXISTS "idx_activity_opportu_7257ea";
        DROP INDEX IF EXISTS "idx_account_per_person__ea48fd";"""


MODELS_STATE = (
    "eJztXXtz2siW/ypd/LO5VSQV23GSZW5tFcYkww4GD+DM7B2mKIHaoI1ocfWww96d73679U"
    "CvlpCEJIR0qly2LPVpSb/TOn1effpfra0iYll7112tsKZNDBm3OuhfLSJs2QHnahu1hN3O"
    "vcZO6MLSpGsJZruF6jRcaroqrHR66VmQNUxPiVhbqdJOlxTCCLpIVWT8HxpSsSAigYjoVZ"
    "V0jLSVssNIIfQHI0x0Sd+jN7Q7ethB+gajpSHJ+luJIBE/C4as/+0du6GorOgdJbIuoG+D"
    "SP808EJX1pg2Uukd/vijxe7ALlrdtP78kx5LRMQ/sMYasH933xfPEpZFH66SyKjM8wt9vz"
    "PP3UnrAdG/mG3ZuywXK0U2tsRtv9vrG4UcCCSis7NrTLAq6JjdQVcNhjIxZNnmiQO89fhu"
    "E+spPTT2y9ITjNp6APdca7EYjWeLaX+2WLRCfHQoPPDbp1YKYWOAPqpmArBmj/D2P6+vb2"
    "4+Xb+/+fj59sOnT7ef33+mbc3nDV/69Jf1MC5aVlcmZoOvg9GMPZBCB5o1CNmJv0waQRcs"
    "KpMZLvoO1/z49zaCykffaR/An75YEH8H7TgGOCdcDrgfRxks2Ao/FjIma31D/71+H4Put+"
    "6k93N38ub6/d/8EI/sK9fmJQa2C679KaSA16WoIcBX75MgTFtFQmxe82PMJNrClGN8nPvE"
    "2JpYD+iTCWSFw0Pa10OVcW91h8MOor/mZNafTAaz8eR/OuhwOCfdXm/8NJpNaSP7aE7Gv4"
    "369x1k/pmT0XjU7yD2OzhJnOcTMeeh0/gX6AIYWCoDjZ3IYF0Ieph/9/SKLm0xX9b5KQNs"
    "E23Sd85BdZiYXPoxyTIm8t7WLGKgnw0e+tNZ9+GR3W6raf+UTfy6sz67cm2e3QfOvvkYYN"
    "OhE/TbYPYzYv+if9gDZado+lo17+i2m/2jxZ5JMHRlQZTXhSB6MXJOO0/PNLjn7x4tgp1Y"
    "Cqvvr4IqLkJXlGslqm340vZ6GzwjEGFt8oyByx7TVcAVg+gRurl56Zhifmh0TCmPZjVHBQ"
    "aF9xIU3hX9KLPJKz8lyKuqyCt7DHvElYkazFK15nrULOXl+gtWNYZGiOWRstZDcVzg5sXc"
    "q2IF7vXVh08fPt98/HCQs4czceLVEaUe0WlourINo/nf0/EoQmQeKIIfjrTS0f8jWdIKQ7"
    "X192eDrBhmlhdLIto7dtv/ahUEdwyWDCHfN+No1G8eur8Hle3ecHwX/BhYB3cBdph/Q8yI"
    "9i047atsIGX0LNwk8izcxHgWbsKehVe81KhlmQZiD0kmlO2prJog3yYC+TYG5NswyPTNqI"
    "xQUznJvDT1g/k6EczXMTBfh2EWCDEEeaHiF0wMzpC+xytpK8h8vMPEQWluUb+ze7k8DsQA"
    "ft/vDR66wzdXn9vXJuJUgrNP3MOLD2HH73YnK3uMFwdTM6H+ESbMpIZUDN68FZGlJMv0fg"
    "tNF9aZ3YahTsqbF1uPk/H0sd+bpVRFDnQd5BzNCVUMxt3J/WD0tYPcY+ZKnA2+9Zkjkf2d"
    "k8fudLa4f6JnnKM56f38NDGdi/ZBNVyK9HamW2aBibhglhXfZotQOXnEcWbb5X1OcdKKWl"
    "0BNJVX+m6LtE4nL1WNRFApzicX+51K50N1v9hRs5IimJYJXHLgRlZu6FhVJV2hgKZlRJAS"
    "eJCGB6HAQUA4hXnxRVGxtCa/4H1oDg9Ab3v+nzR8gYr/X844c866j6gKr4fQgU8Y03enb4"
    "wtDZQ+ABo9DYetGKmTA7qPh47qiS9XziYA+iAWcsB45u2rnjAHpWgEwtFhRc8QtzhFFfjv"
    "GkeU29RffplgWdD5Dl1/zDDxEK+aIywKfL/5v9KlF0mX8Mlgmf3UaIxy7UpMTYiTsbqzOu"
    "sTPdE3fZHjir6o9IJPx+re6qe2OCm7naLq9JFP/wTHh67q9BWWkDBiS/jotBF3CjiaPOJR"
    "rY4nds82GNGH27/VlbfsL2KzFlpi/RVjguweNTMre4eVnYzD+dvZuuCmaXvSX+yXgEztyl"
    "hKbRSduCJpC1tP5XBBUWQskAg2+AgD7FhSyqKk7uFMuT6wu/F46Au23g0CYI+eHu76kzdX"
    "AX8+J+INyUI1SxtJkizkCPm08s5PV17+SE1EX8i6S+0uPdlNmgD+ek48MS46j8JwoovDk5"
    "57YZ9BUg+HXwL4/Bu97rTXve+3OAO9TA9dxUZ4Yg9dpGfugOu5stFtjwjXrnC9JXEmhacV"
    "JKTXUrzG6fWgYzZRx4SE9LpxHRLSISG92Qnp3+nbh5mRLBvPoa1ycjrVNdny3Z65fvehT6"
    "UJy7mzD+Zk1p3+0kHsN1ulOzNX6c4yrdK9SrZOPmaZfDClTjOW/4tXnLkmOsvaQ1JlplRp"
    "xcBSETnO2Rn+ESHcnfZ1SGKPm6X7v8/ihc1hkh6OR1+d5kEJFEhrXK0MVc2kQQVIc1ChLo"
    "gX1daYwoqySI3atDnAXpomp/6KCuHgFhssckggTJQiTCRKKl7pXMU+mfbj66DCswF997vx"
    "0+i+g+yDORk/zexTzlE1NB7RUM1MioWG6Z1FTtZFpM3FI61Rxm9u5pdi6Csl3RpUD0mFh3"
    "mVdEoqMVRdy6Dl+AhBx6myjoOpkMnAYQ8Z8LfK/D1jQsFxrtY14uKBX9OkNcE4Pf5+whrp"
    "ACVzwM4TTr/wKkAIn0BGBsisxmVa8D1EAHxG4N3M7/SDP0wLbMjKBlgE3bxsvqYOfFhvW+"
    "56W0dNBFyPpUf69ekk0J4h+bRaYqM+qaeXiWuCzNOgop0DqEO7m1pC6rErjgOq+Nc7nohr"
    "3qsnqwhv2Gw4jrLoWYB7IsQp1vJeJr4Bn0TabHTP5KbrmL4pzqeMgZVF3rX7LCpYewb8C1"
    "4cHMAtJo/fi+3xfP6F4G1+4irhLcY6xc5a4ss2ZrKW+aLXjYKs+7Cz27Qrh9N0G7Ga2F28"
    "AMuJq2YIthEsO2hOAnqypa22cEofivIRwuLWy3OHNRf+2NWt7gR2sochcXGkqrEiuZPBJw"
    "Wq6GW4VGiru8J1J82U75hfOce5Fq8R7ySqNjrNEmyEusSCilVk0vyEFDoTI0nX0PTn7tvr"
    "249IlNZY05GkIU2n40jk7XeapQtYQlthGR6ny5a6E0bFfO8lbB5gfSxpAHYp8lk6dN4x7k"
    "P444cEAH/8EIkvuwRFhsASwz92Eu0tS9qnjxIyP6uc+aniF6qBZPm2/ZTA5Spz2dAyJBd5"
    "iMCcz8ucN7Qy01uqxoKktqZn6FXK0tR1YbXZ4ojNfd2r7Vhr098ugbn5LMkYWWRYpCYjEp"
    "CKV4oqIuUZsZgJ7UvS9z+ZEZLlXscaYhFAJBHzjHtDDT0rsohVnkFazE2Om6x/tKyOWWvr"
    "hozzf4IlW0lL1uVVUlPLpahhlYarRObsVYw5exU2Z92vINVA95HBjJ05/sEEYVqHjZemhs"
    "P8+vY2idfm9jbaa8OuhXdRo8LBAioF1kE6wDsZ3pr0f7xiCzESxaEAYZJZmGgb4fr2Y5rh"
    "7VLUcGDn75y0wiMLgZOeFoOxl6h2HuBClBJjJyuCmLEgpI8U3MBV8R0lqwNqM2+ZPicnTA"
    "uL1PLyI7nQludOqhgjEnuTQsMw9cZuhXqVDFHSrV24eF4l92o71qvE2pkbgyUr1N36baOg"
    "1UYg9JnQ60ZabRx3z+sGkzZ6lfSN6dhRZNHMviX4Fb0IsoGZPwgLtL35fmFXUp4dg/vo8q"
    "RWO8Z9lF55AJ3h8nQGIabWXHT27gnF5SrH24I3oAcvLHhhazlzeLyDpgbBsepjaqe7JFA8"
    "3TdV5FE8/Sw5BBWzOKph+pWaQlAxDpyaQXBuY8+36TLH3Atuyhxt8Hn3goa9mRpqT0Fqbj"
    "SD6mtfwd5MdeM6J4sT9maCvZkaZF6k3kIjn+0zqia/YmDn7J8hbPnFx+7xStoKcoSv7UAU"
    "xM6iemdT1wy9fm/w0B2+ufrcvg7sl+GM3g8hH5C5DQ9ZpfK0eWnK87W1+k+TokRBYBOBBK"
    "62m+gNBDjbB+hGRPLG8X1JXOoSob6fdL/MUoJtEXWQ+WdOBqNv40Gvb+5TYh3NyWN3QP9n"
    "v+dk/K0/uX/qd5B9MCe97qjXHw4ZyeEwGHo7jzPa+6IpvpMAWf2Wut4m8krfxnilb8Ne6T"
    "NW6k/wsdTVAIc6zRX0g0Kp4CSO0LSlgs9Qz7ZigiV5rZnjBW3P42Q+VLjkOJi91S+jncve"
    "cpvgV67rtAZ+5eZ4GMGv3ESug18Z/MrN9iuXWnqrclKrlO0/L81/9zjsjka29yyFB88m6y"
    "D7gHnxFo+T8ddJfzpljrzDP3MyHi1+Hg/ZnsPWwZzcU+HdQfe2CD+/187cfTX1xuV+qkZv"
    "XQ7bvmcPW4ETE/b8q9T4BWdy07CnKuOOPodEIcmQ4x+kBT6AUx+c+hWeaPN06l/O7l/VHL"
    "zx23/xh7BH5IJ0OAJweHpKvQQitP+ExFuKlWX/r/rA7hufu42gnQqRE5p7ZH1doLcpEqgy"
    "Yp0WaDEBzwOqx6Oei92hLcQ+a2oNQ+yzOVEwiH02kesQ+4TYJ8Q+IfZZ3L5DFH+Jn/YevU"
    "uihwTkR6haKgQlTwqsYSKmRs9L02TsRIXwyiMriowFEhHPtUkCsC0pTVFf8uFMuXjdjcdD"
    "3/R0NwjYVaOnh7v+5M1VYG1d+BsP7E6f3MoNEEL4F8KOl4E9hLvKDXd5Fy+ciKt3tcRliZ"
    "ak2AakapWWsZg8mhgy163rXmzHuXQt/qtOu0SbLVEKtJFEERP0rCpbthESVQLo4yk6Yq4Q"
    "1neb7Zek0/FgHiuq6ByuVcXYsUN6EuEfLNTF3wC4sPtwHM9/tFjP7GKgcqRVKBd80lWYJt"
    "oxPmmHfUktead9LS35vFNhoZpq8dVUnx0ck0J8IACEkyFszSQpLViXqEQb1hHfF2vCQqwo"
    "eqDXK1YUMt3OowkPKag8Jdg8H6v/yk4LSGRonNIIiQx1E1OQyNBErkMiAyQyNDuR4VlSNX"
    "2RflNeL1X9CswVktMgCxmQ9hEB0ImAxltBklM5nRyC+gF8k8ipdxPj1bsJu/V2G25EPxrg"
    "A0H9AL5NVooyphJlEF1d0tO5pA8E9UO3EPmwUrY7gexTy+IgXf3gLqSOySteahIvcyoaaQ"
    "9J/UAupHqtphjqKhXGLkX9IC5EbGi6sI5AOFE5nnXJccPWwzCllUIpOuhhOCcPv7KDX+nR"
    "lB1N2VFvPPrWn8zMMtnO4ZwMx9NZB7HfrUx8yjviSG9Hze+MvrkAbQ5+mop9JZfrlgl74z"
    "zcylj0JqoHyMHLmv/oInpKIZy4XoA3p/Nmh1WNYpidLb4OgCOQLXwZ2EO2cLnZwkGBkQO+"
    "j4eO6olwhIxNBfY5ahJdPNwx1YmO4Q2Fik7APXHJIqiocwoDCi0U4x2ynFSqwIiOzqgKfE"
    "iQWAWJVZBYdekpNpBY1USuQ2IVJFY1O7EKKsQUG1U+9wbN1VT8eQDD/sx5jeMkozj5/sz4"
    "xw6vmPKykhUt/ZYXEeRNLjRjIkGNWY5OEY2jj6jR6CnbraTxVbJYqeonBMkaL1nPuEXLcW"
    "Tr6nGAoFsVsDeToFJj76Uqz+yrBfgQ8Sw34hmRIpg+zCntsCwRPHX6u7ARnhRe76ftg3fS"
    "n84mg97s/LutVGvOTApsonAmhNROCqlxCqOdDFOKqmiXCJOd1EBF2/cTgfIEFRPnhFyKlO"
    "ToTKuNQNanDi4PZubE0jM7rRNwJUW57REXH+t2h2WiiLcnR+p4Lb3ZBiP6oPu3uvKW/UXs"
    "i0JLrL9iTJDbK5VHSCAi0mn7HVZ2MkYSeVHkF17hvLw65VbJC8T27ZeFGnmVMRXaCKLyzY"
    "nPJonKV2Av28px+yxuk4z5+qdn6SeAv57CMM5vcsZsz6p9Dom9KPFJntztP8tPGa/YaE8K"
    "bnSi+JmLTEeYG/Fac8AwSaY6e22kZAr0mFBdV3nBSHmmuqxHud1bBaMVen1nO+GQ2T3SFd"
    "pSYRptB71uMGmbSvByT/9RtmFtupA7HM9rDWnaVPP6E9TqSqrVbBzYYzd1AaYwaQ0Thwqp"
    "5ks13myYhwgB8WSIpzcba2suXoh5yEnfDduHHhmUdh4JkUJMPXM+A1jp1WDEYXpIy4UAIX"
    "wKWTlgaBkyezxEgDz4SC7KR+JOo3n4SVLmnFRs4CfFOaR6JEjrcSQ0oJwU5cCclgBjQ4N0"
    "tKOweiar1Dk9Rbr6ogPiSaLgKSLf0YjCku8K6wptCC5DcBmWfNea6xyfESz5hiXfDVryXf"
    "K+AxWLV5ew7wBsVgKbldQNaNjtoWCAYbOSIjcrYTniWJTIwlBTTX1BujpiXcA2D7B6uVWZ"
    "IAcsoM1nAW2yZYjWesYcVo7ZSz/rvWoMlm0mgmmLMTVD1/kMKwuprq5j+saX6HhKBJk3Tg"
    "nrOM+3HNEfSORFXoKRxpgAjN3UjXJCIKZ5gZjzViw8LwOKT4LdKZqkp/N9e0nqlJiXm/97"
    "pypLYSnJ3DyjaFj9VOUh+/5CYJW0xStvoN4piowFEiGLD0QBQJeUqihED2fKjR7cjcdDX/"
    "TgbhCQtqOnh7s+lRGBqnBcrGVF4wRBj4HtUAHaKdCGXINoIXKZUWfINWgi16NyDULuuiS+"
    "JV9lk9ys2QscDOexY2VjLZF7/CwRyX7gsCkbbNOOtWbN1gweb/OjS4K7SMQrWaD8kl4wsj"
    "pBmq6o2FyDKxAkiFuJvENPRMVrSdMxAxOJksZurCFJ/wm9CLJBD6kZvQ+vCC7iBmBsg7Gd"
    "QdDU3dimD2FsMa9SZHRqlJem/OSo4sV6eWlQhAHBky5xJo2HqkSTxhn3YNGAblsR3RYsmi"
    "ZyPQeLpkgtfbra4K0w1QWdG2vyXo7VzTWzIYsz6Skq9ajKa8csN2mRIzspvI2WxnZnac+Y"
    "Vc11lGqrEhC/Js8JfeWsbDdF0z7RLx2tQ0euJogzY86yoKBgz3/Z6+xh9oHZp8zZZyaoVO"
    "TyJh77Suyco7ttIKuhcY4WMJDqJqzAQGoi12F5KSwvbfbyUlj9CKsf6wZ0yUumKw1wIUum"
    "YfVjkasfYfFuwfJhpWx3AtmnlsVBuvrBfZMI7psYuG/CcL/ipSbxtiGPRtpDUj+QC1nDqy"
    "mGukqFsUtRP4gLERssvmRwcvkYxH1ibENLc/1wH6jLq/DeGvV/S2moMJIOor/mpDcezbq9"
    "Wf++gw6H5tlv/Ylz1jqck/vB9Nen7nDwZcAueP8LxsuSsS8R92KYFxb5hFrlGV12Adoc3D"
    "cV+3gu11sTdtK53JKxIKauasAlh/IGWaN6UFqiXOyhtETxpSWipU0O6A7tbuqJLle6Vqro"
    "8AwL2xYvJszOt2Mjwk4LiAc3Lh4MifeF+msg2l6zuCtE25vI9VwXWG7xdonVE5dW1kuXLX"
    "RJ5QyrqqQr6p6vHTkXj6hI3magJ4GeBHoS6EkwY4KeBFwvSk+yi5zmU98UdKUwwGz7LA66"
    "DwLZzxT2O1+/arVmtRjHn/lai4Ci6LykykYcFT2HnBdbM3SKpSiqyYXveG9NT9uFZ5eyA5"
    "Psywe10r6ub1TFWG8c5ix8aid3A0R6fhHU5vwpZT9WsiHSBwZu58DtA5qFsj10l5T8jzWH"
    "zFfjWELOK0cbQc5bgQ3UTBvo3Bv6VMgKKiQ5tVQbs2LaTglGpqpEJacez4FyaEvMgJp2h/"
    "1pKx3cre79w2DUQeafOXnojrpf+5MOsg/mxOy0g8w/c9L/fdafjLrDDnKO5uRu0EF3g1Ym"
    "puWd+yRpC7NyP4dtx+qBunRQPgfK5zTXIgc/TBO5nmR1KMv6SJ3f5iGC9Lac0tuc9JsT86"
    "+cPJ/L4kDS/CvPwDth3yRd+Y7JqQ7FnTRj3VygNCvepRh0i5zmavIFZy/KWkzrb/K9adDp"
    "5Hru/F6moBsp6GYKeKFOdy6GVYdIfxgwPgfGc3y3uY6AE/yM1lCIdTR2sSqtNi2Oq9G+0o"
    "5zNgpum8q4GpviZyy/RF20kyu6JEmBzpfyHF23t0mcJre30V4Tds1vxbOPKgXCdvMaoltI"
    "MW16Rz1lLW0PCZTSTlnyJUXqQP5JhH/9GxUGMoY="
)
