"""Seed data of NFA (000 Bilag 2; contact details repeated in 001 section 6)."""

from providers.seed_data.common import ALL_THEMES, BY_AGREEMENT, CHANGE_THEMES  # noqa: F401

PROVIDER = {
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
}
