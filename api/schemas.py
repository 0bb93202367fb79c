"""What the API answers, as OpenAPI schemas. Money is a decimal string (``"250000.00"``,
DKK incl. VAT), times are ISO 8601 with their offset, shares are percentages with one decimal
(``"85.7"``). Every field has a Danish description: ``/api/docs`` is written from them."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["250000.00"])]
Percent = Annotated[str, Field(pattern=r"^-?\d+\.\d$", examples=["85.7"])]


def described(text: str, **kwargs):
    """A field with its Danish description: the API's documentation (``/api/docs``) is read
    from the schema."""
    return Field(description=text, **kwargs)


class Error(Schema):
    detail: str = described(
        "Hvad der er galt, på dansk", examples=["Ukendt værdi for region: nord"]
    )


class BudgetRow(Schema):
    provider: str = described("Udbyderens nøgle", examples=["nfa"])
    provider_name: str = described("Udbyderens korte navn", examples=["NFA"])
    programme_id: int = described("Programmets id")
    period_id: int = described("Budgetperiodens id")
    period: str = described("Budgetperiodens navn")
    partial: bool = described(
        "Sand, når rækken kun viser den del af rammen, som brugerens region bruger (koordinatorer)"
    )
    frame: Money = described("Rammen")
    committed: Money = described(
        "Disponeret: det, kontrakterne har reserveret og endnu ikke faktureret"
    )
    invoiced: Money = described("Faktureret")
    attested: Money = described("Attesteret af regionen")
    paid: Money = described("Udbetalt")
    remaining: Money | None = described(
        "Rest: rammen minus disponeret og faktureret; `null`, når rækken er delvis"
    )
    share_used_percent: Percent = described("Disponeret og faktureret i procent af rammen")


class RequestRow(Schema):
    id: int = described("Anmodningens id")
    reference: str = described("Anmodningens reference", examples=["A-000123"])
    title: str = described("Titel")
    workplace: str = described("Arbejdspladsen (og den enhed, den hører under)")
    region: str = described("Regionens nøgle", examples=["sjaelland"])
    provider: str | None = described("Udbyderens nøgle; `null`, før en udbyder er valgt")
    themes: list[str] = described("Temaernes nøgler")
    other_theme: str = described("Et andet tema med arbejdspladsens egne ord; tom, hvis intet")
    status: str = described("Status som nøgle", examples=["dialogue"])
    status_display: str = described("Status, som portalen viser den")
    reached_provider_at: datetime.datetime | None = described("Da anmodningen nåede udbyderen")
    dialogue_due: datetime.datetime | None = described("Frist for at tage dialogen op (7 dage)")
    dialogue_started_on: datetime.date | None = described("Dagen, dialogen blev taget op")
    contract_due: datetime.datetime | None = described("Frist for at indgå kontrakten (28 dage)")
    contract_concluded_at: datetime.datetime | None = described("Da kontrakten blev indgået")
    amount: Money | None = described("Den indgåede kontrakts beløb")


class RequestPage(Schema):
    count: int = described("Antal anmodninger i alt med filtrene")
    page: int = described("Sidens nummer")
    page_size: int = described("Anmodninger pr. side")
    pages: int = described("Antal sider")
    items: list[RequestRow] = described("Sidens anmodninger")


class SlaRow(Schema):
    provider: str = described("Udbyderens nøgle")
    provider_name: str = described("Udbyderens korte navn")
    reached: int = described("Anmodninger, der har nået udbyderen")
    dialogue_on_time: int = described("Dialog taget op inden fristen")
    dialogue_late: int = described("Dialog taget op for sent, eller frist overskredet nu")
    dialogue_on_time_percent: Percent | None = described(
        "Dialog i tide i procent af de afgjorte frister; `null` uden afgjorte frister"
    )
    contract_on_time: int = described("Kontrakt indgået inden fristen")
    contract_late: int = described("Kontrakt indgået for sent, eller frist overskredet nu")
    contract_on_time_percent: Percent | None = described(
        "Kontrakt i tide i procent af de afgjorte frister; `null` uden afgjorte frister"
    )
    overdue_now: int = described("Anmodninger med en åben frist, der er overskredet nu")


class ReachRow(Schema):
    slug: str = described("Regionens eller temaets nøgle")
    name: str = described("Navn")
    requests: int = described("Anmodninger")
    workplaces: int = described("Forskellige arbejdspladser bag anmodningerne")
    employees: int = described("Ansatte på disse arbejdspladser, hvor antallet kendes")
    workplaces_with_head_count: int = described("Arbejdspladser med et kendt antal ansatte")
    workplaces_total: int | None = described("Regionens arbejdspladser i alt; `null` for temaer")
    share_of_workplaces_percent: Percent | None = described(
        "Arbejdspladser, der har brugt tilbuddet, i procent af regionens; `null` for temaer"
    )


class Reach(Schema):
    regions: list[ReachRow] = described("Pr. region")
    themes: list[ReachRow] = described("Pr. tema")


Average = Annotated[str, Field(pattern=r"^\d+\.\d{2}$", examples=["4.25"])]


class EvaluationRow(Schema):
    slug: str = described("Udbyderens eller temaets nøgle")
    name: str = described("Navn")
    rounds: int = described("Evalueringsrunder åbnet (umiddelbar og opfølgning)")
    responses: int = described("Svar")
    invited: int = described("Deltagere, som udbydernes leverancerapporter nævner")
    response_rate_percent: Percent | None = described(
        "Svar i runderne med en leverancerapport i procent af deltagerne"
    )
    immediate_average: Average | None = described(
        "Gennemsnit (1-5) af den umiddelbare evaluering; først fra `min_responses` svar"
    )
    follow_up_average: Average | None = described(
        "Gennemsnit (1-5) af opfølgningen; først fra `min_responses` svar"
    )


class EvaluationSummary(Schema):
    min_responses: int = described("Gennemsnit vises først fra så mange svar")
    providers: list[EvaluationRow] = described("Pr. udbyder")
    themes: list[EvaluationRow] = described("Pr. tema")
