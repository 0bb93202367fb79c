"""Seed data of CBS (000 Bilag 2; contact details repeated in 001 section 6)."""

from providers.seed_data.common import ALL_THEMES, BY_AGREEMENT, CHANGE_THEMES  # noqa: F401

PROVIDER = {
    "slug": "cbs",
    "short_name": "CBS",
    "name": "Copenhagen Business School, Institut for Ledelse, Politik og Filosofi",
    "address": "Solbjerg Plads 3\n2000 Frederiksberg",
    "phone": "3815 3815",
    "email": "cbs@cbs.dk",
    # The seed prints "www.cbs.dk"; its link target is "http://www.cbs.dk/".
    "website": "http://www.cbs.dk/",
    "contact_person": "Henrik Hermansen",
    "contact_title": "",
    "contact_phone": "3815 3656",
    "contact_email": "heh.mpp@cbs.dk",
    "description": (
        "CBS' rådgivning ydes primært af forskere fra Institut for Ledelse, Politik og "
        "Filosofi (LPF), et stort tværfagligt institut, der tænker business sammen med "
        "humanistiske discipliner. Forskningen belyser udfordringerne i det moderne "
        "arbejdsliv og konsekvenserne af forskellige måder at organisere arbejdet på, fx "
        "grænseløst og selvledende arbejde, hvor tid og tidspres bliver en stor "
        "stressfaktor. Tilgangen er kritisk og undersøgende med vægt på at se "
        "kompleksiteten og skabe reflekterede, handlingsrettede løsninger, som "
        "tilrettelægges sammen med de lokale parter."
    ),
    "competences": (
        "Forandringsledelse, velfærdsledelse, social kapital, tillid, work-life-balance, "
        "betydningen af tidspres og strategisk selvledelse. Rådgivningen dækker de tre "
        "temaer og inddrager både det interpersonelle og det strategiske niveau, fx:\n"
        "- dialogiske værktøjer, så kommunikationen mellem ledere og medarbejdere skaber "
        "trivsel og forebygger stressrelateret sygefravær\n"
        "- arbejdspladskultur og kollektive processer på tværs af afdelinger og "
        "faggrupper\n"
        "- forandringsledelse: hvordan strategier oversættes lokalt, og hvordan fokus på "
        "kerneopgaven bevares, så psykisk belastende reaktioner håndteres eller "
        "forebygges\n"
        "- tillid og social kapital, og hvordan arbejdspladser kan fremme dem"
    ),
    "themes": ALL_THEMES,
    "offerings": [
        {
            "title": "Inspirationsoplæg",
            "description": (
                "Oplæg fra CBS-forskere inklusive pause, spørgsmål og gruppediskussion, "
                "fx om dialogiske værktøjer, arbejdspladskultur, forandringsledelse eller "
                "tillid og social kapital."
            ),
            "format": "talk",
            "typical_duration": "1-3 timer",
            "themes": ALL_THEMES,
        },
        {
            "title": "Workshop",
            "description": (
                "Workshop med oplæg, øvelser, gruppediskussion og opsamling i plenum, "
                "tilrettelagt i samarbejde med de lokale parter."
            ),
            "format": "workshop",
            "typical_duration": "3-8 timer",
            "themes": ALL_THEMES,
        },
        {
            "title": "Strategisk rådgivning om en specifik problemstilling",
            "description": (
                "Rådgivning om en konkret problemstilling som led i en samlet indsats, der "
                "retter sig mod hele arbejdspladsen, fx MED-udvalg (herunder afdelings- "
                "eller institutions-MED), ledere samt AMR/TR."
            ),
            "format": "advice",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Webinar",
            "description": (
                "Webinar med input fra CBS' forskere, der fx kan bruges på et personalemøde."
            ),
            "format": "webinar",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Konference om psykisk arbejdsmiljø",
            "description": (
                "Endagskonference om psykisk arbejdsmiljø med oplæg fra mindst to forskere."
            ),
            "format": "conference",
            "typical_duration": "1 dag",
            "themes": ALL_THEMES,
        },
        {
            "title": "Uddannelse af forandringsagenter",
            "description": (
                "Kursus, hvor udvalgte medarbejdere og ledere uddannes som "
                "forandringsagenter med fokus på at styrke det psykiske arbejdsmiljø i tæt "
                "relation til kerneopgaven. Første gang får deltagerne værktøjer til at "
                "forstå udfordringerne ved forandringer og til at bringe viden med hjem; "
                "anden gang arbejdes der videre med erfaringerne."
            ),
            "format": "course",
            "typical_duration": "2 undervisningsgange",
            "themes": CHANGE_THEMES,
        },
    ],
}
