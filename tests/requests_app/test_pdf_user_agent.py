"""Issue 12: the contract PDF is laid out with a user-agent stylesheet cut down to the elements
the contract uses (requests_app/pdf.py). It must look exactly as with WeasyPrint's full default
sheet: same text, same pixels on every page, for a draft and for a concluded contract with a
long provider name."""

import subprocess
from html.parser import HTMLParser

import pytest

from requests_app import pdf
from requests_app.services import contracts
from tests import factories


def concluded_contract(d, provider_slug):
    staff = d["staff"] if provider_slug == "nfa" else d["other_staff"]
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=staff, provider_slug=provider_slug
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=staff,
        data=factories.contract_data(),
        activities=factories.activities() * 3,
    )
    for user in (staff, d["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    return request.contract.current


def draft_contract(d):
    request = factories.request_in_dialogue(
        leader=d["leader"], counterpart=d["amr"], staff=d["staff"]
    )
    contract = contracts.contract_draft(
        request_pk=request.pk,
        user=d["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    return contract.current


def pages_and_text(content: bytes, folder, name) -> tuple[list[bytes], str]:
    path = folder / f"{name}.pdf"
    path.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(path), str(folder / name)], check=True)
    pages = [page.read_bytes() for page in sorted(folder.glob(f"{name}-*.png"))]
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["draft", "concluded_nfa", "concluded_cbs"])
def test_contract_looks_as_with_weasyprints_default_stylesheet(model2, tmp_path, kind):
    if kind == "draft":
        version = draft_contract(model2)
    else:
        version = concluded_contract(model2, kind.removeprefix("concluded_"))
    html = pdf.contract_html(version)
    ours = pages_and_text(pdf.contract_html_to_pdf(html), tmp_path, "ours")
    default = pages_and_text(
        pdf.contract_html_to_pdf(html, user_agent="weasyprint"), tmp_path, "default"
    )
    assert ours[1] == default[1]
    assert len(ours[0]) == len(default[0]) >= 1
    assert ours[0] == default[0]
    assert version.contract.request.provider.name.split(",")[0] in ours[1]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


@pytest.mark.django_db
def test_contract_template_uses_only_elements_the_cut_down_stylesheet_covers(model2):
    parser = _Tags()
    parser.feed(pdf.contract_html(concluded_contract(model2, "nfa")))
    assert {"h1", "h2", "table", "td", "br"} <= parser.tags
    assert parser.tags <= pdf.CONTRACT_UA_ELEMENTS
