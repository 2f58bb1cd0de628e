"""The printable HTML page: every sentence shows the figures it came from and where they are."""

import re

from econdesk.bulletins import compose, services
from econdesk.bulletins.material import collect
from econdesk.ledger.models import Observation
from econdesk.ledger.periods import PeriodKey

FEB = PeriodKey(2022, 2)


def test_every_sentence_with_figures_cites_stored_observations(sample_feb):
    material = collect(sample_feb["东城区"], FEB, "monthly")
    document = compose.document_for(material)
    for sentence in compose.sentences_of(document):
        if re.search(r"\d", sentence.text):
            assert sentence.sources, sentence.text
    line = next(
        s
        for s in compose.sentences_of(document)
        if s.text.startswith("1-2月，全区一般公共预算收入")
    )
    own = Observation.objects.get(
        region__name="东城区", indicator__code="fiscal_revenue", period__month=2, is_current=True
    )
    total = Observation.objects.get(
        region__name="示范市", indicator__code="fiscal_revenue", period__month=2, is_current=True
    )
    ids = [src.observation_id for src in line.sources if src.observation_id]
    assert ids[:3] == [own.pk, own.pk, total.pk]
    assert f"obs:{own.pk}" in material["provenance"]
    assert material["provenance"][f"obs:{own.pk}"]["file_name"] == "city-bulletin-2022-02.xlsx"


def test_it_shows_each_figure_with_its_observation_and_file(sample_feb, people):
    content, name, content_type = services.generate(
        people["leader"], sample_feb["东城区"], FEB, "monthly", "html"
    )
    html = content.decode()
    assert content_type.startswith("text/html") and name.endswith(".html")
    own = Observation.objects.get(
        region__name="东城区", indicator__code="industry_va", period__month=2, is_current=True
    )
    assert "1-2月，全区规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位。" in html
    assert (
        f"东城区·规模以上工业增加值·2022年1-2月·增速：8.2%（数据编号{own.pk}，第1版，导入批次"
        in html
    )
    assert "city-bulletin-2022-02.xlsx" in html
    assert 'title="东城区·规模以上工业增加值·2022年1-2月·增速：8.2%' in html
    assert "data:image/png;base64," in html
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in html
