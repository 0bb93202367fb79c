"""Reading a dashboard's figures and their links out of its HTML, and following a link to
the list behind it (for the tests that every figure links to a list that counts it)."""

from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

from django.db.models import Sum

# The tables whose cells are figures: each cell with a digit must be a link.
FIGURE_TABLES = {
    "budget-table",
    "burn-table",
    "pipeline-table",
    "pipeline-medians",
    "sla-table",
    "reach-regions",
    "reach-themes",
    "evaluations-providers",
    "evaluations-themes",
    "inbox-table",
}


class FigureCells(HTMLParser):
    """Every ``<td>``/``<dd>`` of the figure tables: its text and the links inside it."""

    def __init__(self):
        super().__init__()
        self.cells = []  # (table, text, [href, …])
        self._tables = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("table", "dl"):
            names = {attrs.get("id", "")} | set(attrs.get("class", "").split())
            self._tables.append(next(iter(names & FIGURE_TABLES), None))
        elif tag in ("td", "dd") and self._tables and self._tables[-1]:
            self._cell = [self._tables[-1], "", []]
        elif tag == "a" and self._cell is not None:
            self._cell[2].append(unescape(attrs["href"]))

    def handle_endtag(self, tag):
        if tag in ("table", "dl") and self._tables:
            self._tables.pop()
        elif tag in ("td", "dd") and self._cell is not None:
            self.cells.append(tuple(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


def figure_cells(html: str) -> list[tuple]:
    parser = FigureCells()
    parser.feed(html)
    return parser.cells


def unlinked_figures(html: str) -> list[tuple]:
    """Cells that show a number but link nowhere."""
    return [
        (table, text.strip())
        for table, text, hrefs in figure_cells(html)
        if any(c.isdigit() for c in text) and not hrefs
    ]


def follow(client, url):
    """The list behind a figure: its row count and its filtered rows."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context.get("problems"), (url, response.context.get("problems"))
    return response.context["count"], response.context["filter"].qs


def amount_sum(rows) -> Decimal:
    return rows.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def committed(contracts) -> Decimal:
    """The ledger's formula over listed contracts: what each still reserves past its invoices."""
    total = Decimal("0")
    for contract in contracts:
        invoiced = contract.invoices.exclude(state="returned").aggregate(total=Sum("amount"))
        reserved = contract.reserved_amount or Decimal("0")
        total += max(reserved - (invoiced["total"] or Decimal("0")), Decimal("0"))
    return total


def shown_totals(client, url) -> dict:
    """The totals a list's foot shows, over every filtered row (not the page): a figure's
    list must add up to it where the user reads it."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context.get("problems"), (url, response.context.get("problems"))
    table = response.context["table"]
    return {name: table.totals.get(name) or Decimal("0") for name in table.totalled}
