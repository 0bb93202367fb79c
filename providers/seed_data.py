"""Seed data for the expert-advice portal on the psychological work environment.

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

# ---------------------------------------------------------------------------------------------
# Providers (000 Bilag 2, sections 1-4; contact details repeated in 001 section 6).
# ---------------------------------------------------------------------------------------------
PROVIDERS = [
    {
        "slug": "nfa",
        "short_name": "NFA",
        "name": "Det Nationale Forskningscenter for Arbejdsmiljø",
        # The seed writes "Lersø Parkallé 105," - the trailing comma is dropped.
        "address": "Lersø Parkallé 105\n2100 København Ø",
        "phone": "39 16 52 00",
        "email": "nfa@arbejdsmiljoforskning.dk",
        "website": "http://www.arbejdsmiljoforskning.dk/da",
        "contact_person": "Rikki Hørsted",
        "contact_title": "",
        "contact_phone": "3916 5330",
        # Exactly as in both seeds (a vfa.dk address, not arbejdsmiljoforskning.dk).
        "contact_email": "rih@vfa.dk",
        "description": (
            "Det Nationale Forskningscenter for Arbejdsmiljø (NFA) er et anerkendt "
            "forskningscenter, hvor psykosocialt arbejdsmiljø er et af de faglige "
            "kerneområder, og som har mange års erfaring med at formidle forskning til "
            "arbejdsmiljøets aktører. NFA tilbyder et kort og fleksibelt forløb, der bygger på "
            "dialogbaseret arbejdspladsudvikling med afsæt i forskningsbaseret viden, "
            "strukturerede samarbejdsprocesser og klare mål. Forløbet planlægges sammen med "
            "både ledere og medarbejdere og gennemføres af et NFA-team med en forsker fra det "
            "psykosociale område og en erfaren formidler/facilitator med kendskab til den "
            "regionale sektor."
        ),
        "competences": (
            "NFA forsker bl.a. i:\n"
            "- helbredsmæssige følger af fx stress, mobning og vold, herunder sygefravær og "
            "tidlig tilbagetrækning fra arbejdsmarkedet\n"
            "- positive faktorer og social kapital, og hvordan arbejdspladser kan arbejde med "
            "dem i praksis\n"
            "- hvordan nye ledelses- og organisationsprincipper, fx strukturændringer, påvirker "
            "det psykosociale arbejdsmiljø, og hvordan negative følger af forandringer kan "
            "mindskes\n"
            "- udvikling og afprøvning af metoder, redskaber og spørgeskemaer til at kortlægge "
            "og prioritere forebyggelsen\n"
            "Prioriterede forskningsområder er psykosocialt arbejdsmiljø og helbred, "
            "organisation og sociale relationer samt arbejdsfastholdelse og inklusion. NFA "
            "arbejder systematisk med dokumentation for effektive indsatser, samarbejder med "
            "andre forskningsmiljøer om forebyggelse af vold og chikane og inddrager "
            "IGLO-perspektivet (individ, gruppe, ledelse og organisation) i løsningsforslag og "
            "handleplaner."
        ),
        "themes": ALL_THEMES,
        "offerings": [
            {
                "title": "Forløbsmodel for inspiration og målrettet forskningsformidling",
                "description": (
                    "Et kort og fokuseret forløb inden for et eller flere af de tre temaer, "
                    "tilpasset arbejdspladsens mål og behov og planlagt sammen med ledere og "
                    "medarbejdere. Faste elementer er fælles målformulering, "
                    "forskningsbaseret viden, struktureret dialog, en aktivitetsfase og "
                    "opfølgning, og forløbet kan rettes mod en enkelt arbejdsplads, MED/"
                    "arbejdsmiljøorganisationen eller flere arbejdspladser inden for samme "
                    "speciale."
                ),
                "format": "course",
                "typical_duration": "Kort forløb; omfang efter aftale",
                "themes": ALL_THEMES,
            },
            {
                "title": "Forberedende møde",
                "description": (
                    "Møde med rekvirenten på arbejdspladsen eller via Skype, forberedt over "
                    "telefon/Skype. Her afklares formål, mål, rammer og ressourcer endeligt, "
                    "og forløbet detailplanlægges med et program."
                ),
                "format": "meeting",
                "typical_duration": "1-2 timer",
                "themes": ALL_THEMES,
            },
            {
                "title": "Halv- eller heldagsseminar med kick-off",
                "description": (
                    "Seminar for hele arbejdspladsen, medarbejdergruppen eller MED, som "
                    "forberedes og gennemføres af en forsker og en facilitator sammen. Det "
                    "kombinerer målrettet forskningsbaseret viden med refleksion, "
                    "dialogøvelser og en handlingsplan for den efterfølgende aktivitetsfase."
                ),
                "format": "seminar",
                "typical_duration": "3 timer / 6 timer (ekskl. frokostpause)",
                "themes": ALL_THEMES,
            },
            {
                "title": "Aktivitetsfase med midtvejsdrøftelse",
                "description": (
                    "Arbejdspladsen konkretiserer, igangsætter og afprøver selv de besluttede "
                    "tiltag. Undervejs kan der holdes en midtvejsdrøftelse via Skype med "
                    "NFA's facilitator, som giver ny inspiration, skaber fremdrift og giver "
                    "mulighed for at justere indsatsen."
                ),
                "format": "advice",
                "typical_duration": BY_AGREEMENT,
                "themes": ALL_THEMES,
            },
            {
                "title": "Fremadrettet opsamlingsmøde",
                "description": (
                    "Afrunding med projektgruppen, MED eller TRIO via Skype eller som tilvalg "
                    "på arbejdspladsen. Resultater, udfordringer og læring drøftes med fokus "
                    "på forankring, effekt og på, hvordan arbejdspladsen arbejder videre med "
                    "temaet."
                ),
                "format": "meeting",
                "typical_duration": "2 timer",
                "themes": ALL_THEMES,
            },
        ],
    },
    {
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
    },
    {
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
    },
    {
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
    },
]

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
