"""What the API answers, as OpenAPI schemas. Money is a decimal string (``"250000.00"``,
DKK incl. VAT), times are ISO 8601 with their offset, shares are fractions from 0 to 1."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", examples=["250000.00"])]
Percent = Annotated[str, Field(pattern=r"^-?\d+\.\d$", examples=["85.7"])]


class Error(Schema):
    detail: str = Field(examples=["Ukendt værdi for region: nord"])


class BudgetRow(Schema):
    provider: str = Field(description="The provider's slug", examples=["nfa"])
    provider_name: str
    programme_id: int
    period_id: int
    period: str
    partial: bool = Field(
        description="Only the part of the frame the user's region uses (coordinators)"
    )
    frame: Money
    committed: Money
    invoiced: Money
    attested: Money
    paid: Money
    remaining: Money | None = Field(description="None when the row is partial")
    share_used_percent: Percent


class RequestRow(Schema):
    id: int
    reference: str = Field(examples=["A-000123"])
    title: str
    workplace: str
    region: str = Field(description="The region's slug")
    provider: str | None = Field(description="The provider's slug")
    themes: list[str] = Field(description="The themes' slugs")
    other_theme: str
    status: str
    status_display: str
    reached_provider_at: datetime.datetime | None
    dialogue_due: datetime.datetime | None
    dialogue_started_on: datetime.date | None
    contract_due: datetime.datetime | None
    contract_concluded_at: datetime.datetime | None
    amount: Money | None = Field(description="The concluded contract's amount (DKK incl. VAT)")


class RequestPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[RequestRow]


class SlaRow(Schema):
    provider: str
    provider_name: str
    reached: int = Field(description="Requests that reached the provider")
    dialogue_on_time: int
    dialogue_late: int = Field(description="Met late, or missed while the clock runs")
    dialogue_on_time_percent: Percent | None = Field(description="Of the decided deadlines")
    contract_on_time: int
    contract_late: int
    contract_on_time_percent: Percent | None
    overdue_now: int = Field(description="Requests with an open deadline past due now")


class ReachRow(Schema):
    slug: str
    name: str
    requests: int
    workplaces: int = Field(description="Distinct workplaces behind the requests")
    employees: int = Field(description="Their employees, where a head count is known")
    workplaces_with_head_count: int
    workplaces_total: int | None = Field(description="The region's workplaces (regions only)")
    share_of_workplaces_percent: Percent | None


class Reach(Schema):
    regions: list[ReachRow]
    themes: list[ReachRow]


Average = Annotated[str, Field(pattern=r"^\d+\.\d{2}$", examples=["4.25"])]


class EvaluationRow(Schema):
    slug: str
    name: str
    rounds: int = Field(description="Evaluation rounds opened (immediate and follow-up)")
    responses: int
    invited: int = Field(description="Participants named in the providers' delivery reports")
    response_rate_percent: Percent | None = Field(
        description="Responses of the rounds with a delivery report, per participant"
    )
    immediate_average: Average | None = Field(
        description="Mean of the five-point answers; only from the minimum number of responses"
    )
    follow_up_average: Average | None


class EvaluationSummary(Schema):
    min_responses: int = Field(description="Averages are shown from this many responses")
    providers: list[EvaluationRow]
    themes: list[EvaluationRow]
