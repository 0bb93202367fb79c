"""Seed data of Alectia (000 Bilag 2; contact details repeated in 001 section 6)."""

from providers.seed_data.common import ALL_THEMES, BY_AGREEMENT, CHANGE_THEMES  # noqa: F401

PROVIDER = {
    "slug": "alectia",
    "short_name": "Alectia",
    "name": "Alectia A/S",
    # Address lines exactly as the seed prints them ("Søllerød 2830 Virum").
    "address": "Teknikerbyen 34\nSøllerød 2830 Virum",
    "phone": "88 19 10 00",
    "email": "info@alectia.com",
    # The seed prints "www.alectia.com"; its link target is "http://www.alectia.com/".
    "website": "http://www.alectia.com/",
    "contact_person": "Mette Skau",
    "contact_title": "",
    # 000 Bilag 2 writes "30 109 709", 001 section 6 "3010 9709" (same number).
    "contact_phone": "30 109 709",
    "contact_email": "mesk@alectia.com",
    "description": (
        "Alectia A/S er autoriseret arbejdsmiljørådgiver med mange års erfaring i at "
        "forbedre det psykiske arbejdsmiljø på både offentlige og private arbejdspladser, "
        "ikke mindst ved organisatoriske og faglige forandringer samt vold og trusler. "
        "Forløbene planlægges og gennemføres i tæt dialog med arbejdspladsen, så "
        "aktiviteterne passer til dens behov og kerneopgave. Et forløb indledes med et "
        "formøde, rummer en eller flere aktiviteter på gruppe-, ledelses- og "
        "organisationsniveau og afsluttes altid med forankring, evaluering og afslutning."
    ),
    "competences": (
        "Rådgivning om organisatoriske og faglige forandringer samt vold og trusler. "
        "Desuden rådgivning om ledelse, det gode arbejdsliv, 360 graders robusthed, social "
        "kapital, samarbejds- og teamudvikling, kommunikation og konflikthåndtering, "
        "stressforebyggelse, strategisk arbejdsmiljø, ergonomi, sundhedsfremme og "
        "ulykkesforebyggelse. Alectia arbejder gerne på flere organisatoriske niveauer "
        "samtidig: gruppe, ledelse og organisation."
    ),
    "themes": ALL_THEMES,
    "offerings": [
        {
            "title": "Formøde",
            "description": (
                "Indledende møde, hvor formål, forløb og succeskriterier for indsatsen "
                "besluttes. Alle Alectias forløb starter her."
            ),
            "format": "meeting",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Dialog- og informationsmøde",
            "description": (
                "Møde, hvor medarbejdere og ledere informeres om og går i dialog om "
                "forandringen eller om arbejdet med vold og trusler."
            ),
            "format": "meeting",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Afdækning af eksisterende erfaringer og ressourcer",
            "description": (
                "Afdækning af de erfaringer og ressourcer, arbejdspladsen allerede har, "
                "som grundlag for at håndtere en organisatorisk eller faglig forandring."
            ),
            "format": "mapping",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Lederudviklingsforløb i forandringsledelse",
            "description": (
                "Forløb for ledere med fokus på forandringsledelse og den nye organisering "
                "eller nye faglige praksis. Tilbydes som en del af en samlet indsats."
            ),
            "format": "course",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Arbejdsgrupper og forebyggende tiltag",
            "description": (
                "Arbejde i arbejdsgrupper med emner, der er centrale for forandringen, "
                "eller med initiativer til forebyggelse og håndtering af vold og trusler. "
                "Ved vold og trusler kan der også arbejdes med forebyggende tiltag på "
                "ledelses- eller organisationsniveau."
            ),
            "format": "advice",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Medarbejderworkshops",
            "description": (
                "Workshops om fx behovet for forandring og forandringsprocessen, "
                "kerneopgaven i den nye organisation, kompetenceudvikling, nyt fagligt "
                "samspil og social kapital, eller om forebyggelse og håndtering af "
                "konflikter, nænsom nødværge og social støtte. Tilbydes kun som en del af "
                "en samlet indsats."
            ),
            "format": "workshop",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
        {
            "title": "Forankring, evaluering og afslutning",
            "description": (
                "Alle forløb afsluttes med forankring af de nye tiltag samt evaluering og "
                "afslutning af indsatsen."
            ),
            "format": "meeting",
            "typical_duration": BY_AGREEMENT,
            "themes": ALL_THEMES,
        },
    ],
}
