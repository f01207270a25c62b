"""The server-rendered map: well-formed, accessible SVG without tiles or external requests."""

import xml.etree.ElementTree as ET

from weerbaar.reports.svgmap import MapPoint, render_map, to_rd

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    return ET.fromstring(svg)


def test_well_formed_with_title_desc_and_role():
    rendered = render_map(name="Heesch", centre=(51.73, 5.53), id_prefix="kaart-heesch",
                          points=[MapPoint(1, "De Pas"), MapPoint(2, "Ceres")])
    root = parse(rendered.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert "Heesch" in title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "http" not in rendered.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<image" not in rendered.svg


def test_points_without_coordinates_are_marked_approximate():
    rendered = render_map(name="Heesch", centre=(51.73, 5.53),
                          points=[MapPoint(1, "De Pas"), MapPoint(2, "Op de kaart", 51.735, 5.52)])
    assert [m.approximate for m in rendered.markers] == [True, False]
    assert "stroke-dasharray" in rendered.svg  # approximate markers are dashed, not only coloured
    assert "Ligging bij benadering" in rendered.svg
    assert "1 punt heeft geen coördinaten" in parse(rendered.svg).find(f"{SVG}desc").text


def test_scale_bar_is_in_metres_from_rd_new():
    # RD New: Amersfoort's reference point is (155000, 463000).
    x, y = to_rd(52.15517440, 5.38720621)
    assert abs(x - 155000) < 1 and abs(y - 463000) < 1
    rendered = render_map(name="Heesch", centre=(51.73, 5.53), points=[])
    texts = [t.text for t in parse(rendered.svg).iter(f"{SVG}text")]
    assert any(t and (t.endswith(" m") or t.endswith(" km")) for t in texts)


def test_outline_is_drawn_when_geometry_exists():
    square = {"type": "Polygon", "coordinates": [[[5.52, 51.72], [5.54, 51.72], [5.54, 51.74],
                                                  [5.52, 51.74], [5.52, 51.72]]]}
    rendered = render_map(name="Heesch", centre=None, geometry=square,
                          points=[MapPoint(1, "A", 51.73, 5.53)])
    assert rendered.has_outline and rendered.has_location
    assert "Grens van de kern" in rendered.svg
    parse(rendered.svg)


def test_no_location_at_all_still_renders_numbers():
    rendered = render_map(name="Vinkel", centre=None, points=[MapPoint(1, "Ergens")])
    root = parse(rendered.svg)
    assert not rendered.has_location
    assert "Ligging van de kern onbekend" in rendered.svg
    assert "niet bekend" in root.find(f"{SVG}desc").text


def test_names_are_escaped():
    rendered = render_map(name="A & B <dorp>", centre=(51.7, 5.5), points=[MapPoint(1, "x<y")])
    assert "A &amp; B &lt;dorp&gt;" in rendered.svg
    parse(rendered.svg)
