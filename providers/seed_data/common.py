"""Seed data shared by the modules of this package: themes and offering formats.

Seed data for the expert-advice portal on the psychological work environment.

Plain Python data (no Django imports), read by the seeding code. Every fact comes from the
source documents in ``shared/seeds/``:

* ``000_3f76e38bb058bf71.txt`` - the central parties' letter to the regional main committees
  (hovedudvalg), Bilag 1 (terms for requesting advice) and Bilag 2 (the four providers,
  their contact details, competences and offerings);
* ``001_310f0a9640a24cf6.txt`` - Forhandlingsfællesskabet's summary note of 16 June 2016
  (sections 1-7; section 5 lists each region's choice of model).

Contact details (names, addresses, phone numbers, e-mails, web addresses) are copied from the
seeds; a detail the seeds do not give is left as "". Descriptions, competences and offering
texts are summaries in our own words, kept faithful to the seeds. Where a seed gives no
duration for an offering, ``typical_duration`` says "Efter aftale" (by agreement).

The order of ``PROVIDERS`` follows Bilag 2 and is NOT a ranking: the seed states that the
local parties choose the provider most relevant to them.
"""

# ---------------------------------------------------------------------------------------------
# Themes (000 letter and Bilag 2; 001 section 1). Requests are "primarily" within these three.
# ---------------------------------------------------------------------------------------------
THEMES = [
    {
        "slug": "organisational-change",
        "name_da": "Organisatoriske forandringer",
        "name_en": "Organisational change",
    },
    {
        "slug": "professional-change",
        "name_da": "Faglige forandringer",
        "name_en": "Professional change",
    },
    {
        "slug": "violence-threats",
        "name_da": "Vold og trusler",
        "name_en": "Violence and threats",
    },
]

ALL_THEMES = [theme["slug"] for theme in THEMES]
CHANGE_THEMES = ["organisational-change", "professional-change"]

# ---------------------------------------------------------------------------------------------
# Offering formats: (slug, name_da, name_en). Only formats the providers' offerings use.
# ---------------------------------------------------------------------------------------------
FORMATS = [
    ("meeting", "Møde", "Meeting"),
    ("talk", "Oplæg", "Talk"),
    ("workshop", "Workshop", "Workshop"),
    ("seminar", "Seminar", "Seminar"),
    ("course", "Forløb", "Course"),
    ("advice", "Rådgivning", "Advice"),
    ("webinar", "Webinar", "Webinar"),
    ("conference", "Konference", "Conference"),
    ("network", "Netværksforløb", "Network course"),
    ("mapping", "Kortlægning", "Mapping"),
]


BY_AGREEMENT = "Efter aftale"
