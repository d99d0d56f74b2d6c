from xml.etree import ElementTree

from kokybe.analytics.process_map import MAX_EDGES, Transition, activity_order, process_map

SVG = "{http://www.w3.org/2000/svg}"
FLOW = [
    Transition("requested", "assessed", 90, 86400.0),
    Transition("assessed", "granted", 80, 3600.0),
    Transition("assessed", "refused", 10, 7200.0),
    Transition("granted", "started", 78, None),
    Transition("requested", "granted", 5, 60.0),  # skips the assessment
    Transition("started", "assessed", 3, 600.0),  # back to a new assessment
    Transition("started", "started", 2, 30.0),  # repeated
]


def _drawn(transitions: list[Transition]) -> ElementTree.Element:
    drawn = process_map(
        transitions,
        starts={"requested": 95},
        title="Services: process map",
        describe=lambda t: f"{t.count} · {t.median_s}",
        describe_activity=lambda activity: f"{activity} cases",
    )
    return ElementTree.fromstring(str(drawn.svg))


def test_activities_follow_the_main_path_from_the_start() -> None:
    assert activity_order(FLOW, {"requested": 95}) == ["requested", "assessed", "granted", "started", "refused"]


def test_where_the_walk_cannot_reach_it_starts_again_from_the_most_start_like_activity() -> None:
    order = activity_order([Transition("a", "b", 3, 1.0), Transition("x", "y", 9, 1.0)], {"a": 3})
    assert order == ["a", "b", "x", "y"]


def test_every_activity_is_a_box_and_every_transition_an_arrow_with_its_label() -> None:
    svg = _drawn(FLOW)
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Services: process map"
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert [t for t in texts if t in {"requested", "assessed", "granted", "started", "refused"}] == [
        "requested",
        "assessed",
        "granted",
        "started",
        "refused",
    ]
    paths = [p for p in svg.iter(f"{SVG}path") if p.get("marker-end")]
    assert len(paths) == len(FLOW)
    assert "90 · 86400.0" in texts
    assert "78 · None" in texts
    # Going back is dashed and red-brown; going on is solid blue.
    dashed = [p for p in paths if p.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert dashed[0].get("marker-end") == "url(#kokybe-arrow-back)"


def test_the_most_frequent_transition_is_the_widest() -> None:
    paths = [p for p in _drawn(FLOW).iter(f"{SVG}path") if p.get("marker-end")]
    widths = sorted(float(p.get("stroke-width") or 0) for p in paths)
    assert widths[-1] == 7.0
    assert widths[0] < 2


def test_a_crowded_map_draws_only_the_strongest_transitions() -> None:
    many = [Transition(f"a{i}", f"a{i + 1}", 1000 - i, 1.0) for i in range(MAX_EDGES + 15)]
    drawn = process_map(
        many, starts={"a0": 1000}, title="t", describe=lambda t: str(t.count), describe_activity=lambda a: ""
    )
    assert (drawn.shown_edges, drawn.all_edges) == (MAX_EDGES, MAX_EDGES + 15)
    svg = ElementTree.fromstring(str(drawn.svg))
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("marker-end")]) == MAX_EDGES


def test_names_are_escaped() -> None:
    svg = _drawn([Transition("<script>", "b & c", 1, 1.0)])
    assert "<script>" in [text.text for text in svg.iter(f"{SVG}text")]
