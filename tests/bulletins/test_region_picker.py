"""The bulletins page's 地区 picker: one <optgroup> per city, each city's districts under it."""

from html.parser import HTMLParser

from django.urls import reverse

from econdesk.ledger.models import Region

PASSWORD = "Econdesk-test-2026"


class _Picker(HTMLParser):
    """The optgroups of <select name="region"> with the option labels under each."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.groups: list[tuple[str, list[str]]] = []
        self.stray: list[str] = []  # options outside any optgroup
        self._in_select = self._in_option = False
        self._group = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and attrs.get("name") == "region":
            self._in_select = True
        elif self._in_select and tag == "optgroup":
            self._group = (attrs["label"], [])
            self.groups.append(self._group)
        elif self._in_select and tag == "option":
            self._in_option = True

    def handle_endtag(self, tag):
        if tag == "select":
            self._in_select = False
        elif tag == "optgroup":
            self._group = None
        elif tag == "option":
            self._in_option = False

    def handle_data(self, data):
        if self._in_option and data.strip():
            (self._group[1] if self._group else self.stray).append(data.strip())


def test_the_region_picker_is_grouped_by_city(client, people, sample_city):
    city, members = sample_city
    # a second city whose districts sort between the first city's (same sort orders)
    other = Region.objects.create(name="江北市", kind=Region.Kind.CITY, sort_order=5)
    for order, name in enumerate(["北岸区", "临江县"], start=1):
        Region.objects.create(name=name, kind=Region.Kind.DISTRICT, parent=other, sort_order=order)
    assert client.login(username="leo", password=PASSWORD)
    page = client.get(reverse("bulletins:index")).content.decode()
    picker = _Picker()
    picker.feed(page)
    assert picker.stray == []
    ordered = sorted(members.values(), key=lambda r: (r.sort_order, r.pk))
    # the home city first, then the others; each city's districts in their order under it
    assert picker.groups == [
        ("示范市", [r.name for r in ordered]),
        ("江北市", ["北岸区", "临江县"]),
    ]
    assert f'<option value="{members["东城区"].pk}" selected>东城区</option>' in page
