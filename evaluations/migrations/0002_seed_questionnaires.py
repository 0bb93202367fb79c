"""The first version of both questionnaires, from the source documents (000 Bilag 1 and 2,
001 section 7): the immediate satisfaction evaluation and the follow-up evaluation of the
effect 3–6 months after delivery. Central users replace them with new versions in the admin.
"""

from django.db import migrations
from django.utils import timezone

IMMEDIATE = {
    "title": ("Umiddelbar evaluering", "Immediate evaluation"),
    "intro": (
        "Tak, fordi du vil svare. Spørgsmålene handler om den rådgivning eller inspiration, "
        "jeres arbejdsplads lige har fået. Du er anonym: vi gemmer hverken navn, e-mail eller "
        "IP-adresse, kun datoen for dit svar. Det tager omkring tre minutter.",
        "Thank you for answering. The questions are about the advice or inspiration your "
        "workplace has just received. You are anonymous: we keep neither your name, e-mail nor "
        "IP address, only the date of your answer. It takes about three minutes.",
    ),
    "questions": [
        ("relevance", "scale5", True,
         "I hvilken grad var rådgivningen eller inspirationen relevant for jeres kerneopgave?",
         "To what extent was the advice or inspiration relevant to your core task?", []),
        ("usefulness", "scale5", True,
         "I hvilken grad kan I bruge det, I fik, i arbejdet med jeres psykiske arbejdsmiljø?",
         "To what extent can you use what you received in the work on your psychological "
         "work environment?", []),
        ("quality", "scale5", True,
         "I hvilken grad var udbyderens levering af god faglig kvalitet?",
         "To what extent was the provider's delivery of good professional quality?", []),
        ("solution_oriented", "scale5", True,
         "I hvilken grad var rådgivningen løsnings- og handlingsorienteret?",
         "To what extent was the advice oriented towards solutions and action?", []),
        ("recommend", "scale5", True,
         "I hvilken grad vil du anbefale tilbuddet til andre arbejdspladser?",
         "To what extent would you recommend the offer to other workplaces?", []),
        ("comments", "text", False,
         "Hvad fungerede godt, og hvad kunne have været bedre?",
         "What worked well, and what could have been better?", []),
    ],
}

FOLLOW_UP = {
    "title": ("Opfølgende evaluering", "Follow-up evaluation"),
    "intro": (
        "Det er nu nogle måneder siden, jeres arbejdsplads fik rådgivning eller inspiration om "
        "det psykiske arbejdsmiljø. Spørgsmålene handler om, hvad der er sket siden, og hvilken "
        "virkning indsatsen har haft. Du er anonym: vi gemmer hverken navn, e-mail eller "
        "IP-adresse, kun datoen for dit svar.",
        "A few months have passed since your workplace received advice or inspiration on the "
        "psychological work environment. The questions are about what has happened since and "
        "what effect the effort has had. You are anonymous: we keep neither your name, e-mail "
        "nor IP address, only the date of your answer.",
    ),
    "questions": [
        ("actions", "multi_choice", False,
         "Hvilke tiltag har I sat i gang efter rådgivningen eller inspirationen?",
         "Which actions have you started since the advice or inspiration?",
         [
             ("Dialog om det psykiske arbejdsmiljø i arbejdsgruppen eller på personalemøder",
              "Dialogue on the psychological work environment in the team or at staff "
              "meetings"),
             ("Ændringer i, hvordan arbejdet er tilrettelagt",
              "Changes in how the work is organised"),
             ("En handlingsplan i MED-udvalget eller arbejdsmiljøorganisationen",
              "An action plan in the MED committee or the working environment organisation"),
             ("Værktøjer eller metoder fra udbyderen er taget i brug",
              "Tools or methods from the provider are in use"),
             ("Kompetenceudvikling eller undervisning", "Skills development or training"),
             ("Ingen tiltag endnu", "No actions yet"),
         ]),
        ("actions_other", "text", False,
         "Andre tiltag – eller fortæl gerne mere om dem, I har sat i gang",
         "Other actions – or tell us more about those you have started", []),
        ("effect", "scale5", True,
         "I hvilken grad har indsatsen forbedret det psykiske arbejdsmiljø inden for det tema, "
         "rådgivningen handlede om?",
         "To what extent has the effort improved the psychological work environment on the "
         "theme the advice was about?", []),
        ("continue_with", "text", False,
         "Hvad arbejder I videre med?",
         "What will you continue working on?", []),
        ("use_again", "scale5", True,
         "I hvilken grad vil I bruge tilbuddet igen, hvis behovet opstår?",
         "To what extent would you use the offer again if the need arises?", []),
        ("comments", "text", False,
         "Har du andre kommentarer?",
         "Do you have any other comments?", []),
    ],
}


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("evaluations", "Questionnaire")
    Version = apps.get_model("evaluations", "QuestionnaireVersion")
    Question = apps.get_model("evaluations", "Question")
    Choice = apps.get_model("evaluations", "Choice")
    now = timezone.now()
    for kind, data in (("immediate", IMMEDIATE), ("follow_up", FOLLOW_UP)):
        questionnaire, _ = Questionnaire.objects.get_or_create(
            kind=kind, defaults={"title_da": data["title"][0], "title_en": data["title"][1]}
        )
        if questionnaire.versions.exists():
            continue
        version = Version.objects.create(
            questionnaire=questionnaire,
            number=1,
            intro_da=data["intro"][0],
            intro_en=data["intro"][1],
            published_at=now,
        )
        for order, (code, qkind, required, text_da, text_en, choices) in enumerate(
            data["questions"], start=1
        ):
            question = Question.objects.create(
                version=version,
                order=order,
                code=code,
                kind=qkind,
                required=required,
                text_da=text_da,
                text_en=text_en,
            )
            for position, (choice_da, choice_en) in enumerate(choices, start=1):
                Choice.objects.create(
                    question=question, order=position, text_da=choice_da, text_en=choice_en
                )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
