"""Seed data for the expert-advice portal: themes, formats, the four providers (one module
each), the regions and the programme. Plain Python data, read by the data migrations; see
``common`` for where every fact comes from.
"""

from providers.seed_data import alectia, cbs, nfa, ruc
from providers.seed_data.common import (  # noqa: F401
    ALL_THEMES,
    BY_AGREEMENT,
    CHANGE_THEMES,
    FORMATS,
    THEMES,
)

# The order follows Bilag 2 and is NOT a ranking: the local parties choose.
PROVIDERS = [nfa.PROVIDER, cbs.PROVIDER, alectia.PROVIDER, ruc.PROVIDER]

# ---------------------------------------------------------------------------------------------
# Regions and their model (000 letter; 001 section 5).
#
# decided_on: the seeds give NO individual decision date for any region. The letter (000)
# asked each hovedudvalg to decide "snarest og senest 1. maj" 2016, and the note (001), dated
# 16 June 2016, reports the decisions as made. As a best faithful reading every region
# therefore carries the deadline 2016-05-01; it is not a documented date of decision.
# ---------------------------------------------------------------------------------------------
DECISION_DEADLINE = "2016-05-01"  # deadline from the letter, not an actual decision date

REGIONS = [
    {
        "slug": "hovedstaden",
        "name": "Region Hovedstaden",
        "model": 1,
        "decided_on": DECISION_DEADLINE,  # no date in the seed, see comment above
        "focus_areas": [
            "Arbejdsmængde og tidspres",
            "Høje følelsesmæssige krav",
            "Det medicinske område",
            "Akutmodtagelsen og akutklinikker",
            "Dele af Psykiatrien",
            "Den Præhospitale Virksomhed",
        ],
        "notes": "Rekvirering af tilbuddet forankres centralt på hospitalet/virksomheden.",
    },
    {
        "slug": "sjaelland",
        "name": "Region Sjælland",
        "model": 2,
        "decided_on": DECISION_DEADLINE,  # no date in the seed, see comment above
        "focus_areas": [],
        "notes": "",
    },
    {
        "slug": "syddanmark",
        "name": "Region Syddanmark",
        "model": 2,
        "decided_on": DECISION_DEADLINE,  # no date in the seed, see comment above
        "focus_areas": [],
        "notes": "",
    },
    {
        "slug": "midtjylland",
        "name": "Region Midtjylland",
        "model": 2,
        "decided_on": DECISION_DEADLINE,  # no date in the seed, see comment above
        "focus_areas": [],
        "notes": (
            "Hovedudvalget har desuden besluttet at bruge ekspertrådgivningen i forbindelse "
            "med nogle enkeltstående overordnede/strategiske indsatser."
        ),
    },
    {
        "slug": "nordjylland",
        "name": "Region Nordjylland",
        "model": 2,
        "decided_on": DECISION_DEADLINE,  # no date in the seed, see comment above
        "focus_areas": [],
        "notes": "",
    },
]

# ---------------------------------------------------------------------------------------------
# Programme (000 letter and Bilag 1; 001 sections 1 and 4). The frame is per provider, per
# period, INCLUDING VAT ("kr. 900.000 inkl. moms"): 2 x 900,000 x 4 providers = DKK 7.2 mio.
# ---------------------------------------------------------------------------------------------
PROGRAMME = {
    "name": "Ekspertrådgivning og inspiration til et bedre psykisk arbejdsmiljø",
    "starts_on": "2016-04-01",
    "ends_on": "2018-03-31",
    "periods": [
        {"name": "2016-17", "starts_on": "2016-04-01", "ends_on": "2017-03-31"},
        {"name": "2017-18", "starts_on": "2017-04-01", "ends_on": "2018-03-31"},
    ],
    "frame_per_provider": "900000.00",
}
