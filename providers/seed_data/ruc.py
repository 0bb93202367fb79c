"""Seed data of RUC (000 Bilag 2; contact details repeated in 001 section 6)."""

from providers.seed_data.common import ALL_THEMES, BY_AGREEMENT, CHANGE_THEMES  # noqa: F401

PROVIDER = {
    "slug": "ruc",
    "short_name": "RUC",
    "name": (
        "Roskilde Universitet, Center for Arbejdslivsforskning og "
        "Center for Sundhedsfremmeforskning"
    ),
    "address": "Universitetsvej 1\n4000 Roskilde",
    "phone": "46 74 20 00",
    "email": "ruc@ruc.dk",
    # The seed prints "www.ruc.dk"; its link target is "http://www.ruc.dk/".
    "website": "http://www.ruc.dk/",
    "contact_person": "Helge Hvid",
    "contact_title": "",
    # 000 Bilag 2 writes "+45 6093 5069", 001 section 6 "6093 5069" (same number).
    "contact_phone": "+45 6093 5069",
    "contact_email": "hh@ruc.dk",
    "description": (
        "Roskilde Universitet leverer rådgivning og inspiration gennem Center for "
        "Arbejdslivsforskning og Center for Sundhedsfremmeforskning med en "
        "forskningsbaseret og tværvidenskabelig tilgang til arbejdsliv og sundhedsfremme. "
        "Centrene har viden om psykisk arbejdsmiljø i et organisatorisk og teknologisk "
        "perspektiv og i relation til kerneopgavens udvikling samt om organisering af "
        "sundhedsfagligt arbejde og tværprofessionelt samarbejde. Indholdet tilpasses den "
        "enkelte organisation og bygger på dialog mellem forskningsbaseret viden og "
        "praksisviden."
    ),
    "competences": (
        "Center for Arbejdslivsforskning: psykisk arbejdsmiljø i et organisatorisk og "
        "teknologisk perspektiv, kerneopgavens karakter og udvikling samt indsatser for at "
        "forbedre det psykiske arbejdsmiljø.\n"
        "Center for Sundhedsfremmeforskning: organisering af sundhedsfagligt arbejde, "
        "læring og professionsudvikling, tværprofessionelt samarbejde og samarbejde mellem "
        "sundhedspersonale og patienter.\n"
        "Indsatsområder: organisatorisk robusthed, kerneopgaven under forandring og "
        "dilemmaer for det psykiske arbejdsmiljø, teknologi og psykisk arbejdsmiljø, "
        "faglighed og professionalitet herunder tværprofessionelt samarbejde, psykisk "
        "arbejdsmiljø i en organisation under forandring samt udvikling af det "
        "voldsforebyggende arbejde."
    ),
    "themes": ALL_THEMES,
    "offerings": [
        {
            "title": "Organisatorisk robusthed",
            "description": (
                "Uforudsigelighed og konstante forandringer kan belaste organisationen, "
                "kvaliteten og de kollegiale relationer. RUC formidler viden om "
                "organisatorisk robusthed, hjælper med at tilpasse anbefalinger til "
                "arbejdspladsen og faciliterer processer, der styrker robustheden."
            ),
            "format": "advice",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Kerneopgaven under forandring og dilemmaer for det psykiske arbejdsmiljø",
            "description": (
                "Faglige oplæg og dialog mellem forskningsbaseret viden og praksisviden om, "
                "hvordan udviklingen af kerneopgaven påvirker det psykiske arbejdsmiljø, "
                "fx patient- og brugerinddragelse, eksterne krav over for interne "
                "dagsordener og forholdet mellem generalist- og specialistopgaver."
            ),
            "format": "talk",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Teknologi og psykisk arbejdsmiljø",
            "description": (
                "Oplæg, workshops eller længere forløb, hvor ledere og ansatte får "
                "redskaber til at være med til at forme ny teknologi, både i "
                "planlægningen og når den er taget i brug. Temaer er teknologi og det "
                "meningsfulde arbejde, det tværfaglige samarbejde og de nye, ofte "
                "usynlige opgaver."
            ),
            "format": "workshop",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Faglighed og professionalitet, herunder tværprofessionelt samarbejde",
            "description": (
                "Problemidentificerende og problemafdækkende dialog om fagidentitet og "
                "meningsfuldhed, tværfagligt samarbejde i teams og kvalitet i og af "
                "arbejdet. Der arbejdes med paradokser og dilemmaer i arbejdet og med "
                "ambivalente følelser over for eget og kollegers arbejde."
            ),
            "format": "workshop",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Psykisk arbejdsmiljø, når organisationen er under forandring",
            "description": (
                "Inspirationsoplæg, forløb der peger frem mod fortsat egenaktivitet, "
                "supervisionslignende aktiviteter knyttet til arbejdsmiljøarbejdet og "
                "mindre afdækninger af det aktuelle arbejdsmiljøarbejde med henblik på en "
                "styrket indsats."
            ),
            "format": "course",
            "typical_duration": BY_AGREEMENT,
            "themes": CHANGE_THEMES,
        },
        {
            "title": "Netværksforløb: Udvikling af det voldsforebyggende arbejde",
            "description": (
                "Forløb for ca. 20 ledere, TR-, arbejdsmiljø- eller HR-repræsentanter fra "
                "regionernes arbejdspladser, gerne 2-3 fra hver institution/afdeling, som "
                "over et år gennemfører egne voldsforebyggende aktiviteter. "
                "Netværksgruppen mødes tre gange (heldag) i perioden 3. kvartal 2016 - "
                "2. kvartal 2017, og deltagerne kvalificeres også til at rådgive andre "
                "arbejdspladser om voldsforebyggelse."
            ),
            "format": "network",
            "typical_duration": "ca. 1 år (3 heldagsmøder)",
            "themes": ["violence-threats"],
        },
    ],
}
