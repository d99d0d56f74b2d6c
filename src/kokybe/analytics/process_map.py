"""The process map: a directly-follows graph drawn as server-side SVG.

Activities stand in one column in the order cases usually pass them (a depth-first walk from where cases start,
the most frequent transitions first), so the main path reads top to bottom. A transition to the next activity is
a straight arrow; one that skips ahead curves on the right, one that goes back (rework) curves dashed on the left.
Each arrow carries its count and median time, its width grows with the count. The page puts the same figures in
a table beside the map: the SVG illustrates, the table is the data screen readers use.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

NODE_WIDTH = 230
NODE_HEIGHT = 40
ROW = 92
TOP = 16
LEFT_ROOM = 200  # for the arcs of transitions that go back, with their labels
RIGHT_ROOM = 240  # for the arcs of transitions that skip ahead, with their labels
LABEL_HEIGHT = 13
CHAR_WIDTH = 6.2  # of an 11 px label, to keep labels from covering one another
MAX_WIDTH = 7.0
INK = "#0b0c0c"
FORWARD = "#1d70b8"
BACKWARD = "#942514"
MAX_EDGES = 40


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    count: int
    median_s: float | None


@dataclass(frozen=True)
class ProcessMap:
    svg: SafeString
    shown_edges: int
    all_edges: int


def activity_order(transitions: Sequence[Transition], starts: dict[str, int]) -> list[str]:
    """Activities in the order a depth-first walk meets them, from the most common start along the most frequent
    transitions first; where the walk cannot reach, it starts again from the activity most like a start (most
    transitions leaving it, fewest arriving)."""
    following: dict[str, list[Transition]] = defaultdict(list)
    arriving_less_leaving: dict[str, int] = defaultdict(int)
    for transition in transitions:
        following[transition.source].append(transition)
        arriving_less_leaving[transition.target] += transition.count
        arriving_less_leaving[transition.source] -= transition.count
    ordered: list[str] = []
    visited: set[str] = set()

    def walk(activity: str) -> None:
        # Iterative, so a log with hundreds of activities cannot exhaust the recursion limit.
        stack = [activity]
        while stack:
            current = stack.pop()
            if current in visited:
                continue
            visited.add(current)
            ordered.append(current)
            nexts = sorted(following[current], key=lambda t: (t.count, t.target), reverse=True)
            stack.extend(t.target for t in reversed(nexts) if t.target not in visited)

    for start in sorted(starts, key=lambda name: (-starts[name], name)):
        walk(start)
    everything = {t.source for t in transitions} | {t.target for t in transitions}
    for activity in sorted(everything - visited, key=lambda name: (arriving_less_leaving[name], name)):
        walk(activity)
    return ordered


def strongest(transitions: Sequence[Transition], limit: int = MAX_EDGES) -> list[Transition]:
    """The `limit` most frequent transitions: beyond that a map is unreadable (the table still lists them all)."""
    return sorted(transitions, key=lambda t: (-t.count, t.source, t.target))[:limit]


def process_map(
    transitions: Sequence[Transition],
    *,
    starts: dict[str, int],
    title: str,
    describe: Callable[[Transition], str],
    describe_activity: Callable[[str], str],
) -> ProcessMap:
    """The SVG of the map. `describe` gives an arrow's label (count and median time, in the page's language),
    `describe_activity` the line under an activity's name (how many cases pass it)."""
    shown = strongest(transitions)
    order = activity_order(shown, starts)
    row_of = {activity: index for index, activity in enumerate(order)}
    height = TOP * 2 + max(len(order), 1) * ROW - (ROW - NODE_HEIGHT)
    width = LEFT_ROOM + NODE_WIDTH + RIGHT_ROOM
    top_count = max((t.count for t in shown), default=1)
    centre = LEFT_ROOM + NODE_WIDTH / 2
    labels = _Labels()
    arrows: list[SafeString] = []
    same_jump: dict[tuple[bool, int], int] = defaultdict(int)
    for transition in sorted(shown, key=lambda t: (abs(row_of[t.target] - row_of[t.source]), row_of[t.source])):
        source, target = row_of[transition.source], row_of[transition.target]
        stroke = 1.2 + (MAX_WIDTH - 1.2) * transition.count / top_count
        label = describe(transition)
        if target == source + 1:
            arrows.append(
                _straight(
                    centre, _bottom(source), _top(target), stroke, labels.place(centre + 8, _bottom(source) + 26, label)
                )
            )
        elif target == source:
            arrows.append(
                _loop(
                    LEFT_ROOM + NODE_WIDTH,
                    _middle(source),
                    stroke,
                    labels.place(LEFT_ROOM + NODE_WIDTH + 44, _middle(source) + 4, label),
                )
            )
        else:
            back = target < source
            # Longer jumps reach further out, so arcs nest instead of crossing; equal jumps step apart.
            jump = abs(target - source)
            spread = min(30 + 24 * jump + 9 * same_jump[back, jump], (LEFT_ROOM if back else RIGHT_ROOM) - 90)
            same_jump[back, jump] += 1
            edge = LEFT_ROOM if back else LEFT_ROOM + NODE_WIDTH
            reach = edge - spread if back else edge + spread
            apex = 0.25 * edge + 0.75 * reach  # where the Bézier curve turns
            y1, y2 = _middle(source), _middle(target)
            text = labels.place(apex - 4 if back else apex + 4, (y1 + y2) / 2 + 4, label, "end" if back else "start")
            arrows.append(_arc(edge, y1, y2, reach, stroke, text, back))
    nodes = format_html_join(
        "",
        '<g><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="#f3f2f1" stroke="{}" stroke-width="1.5"></rect>'
        '<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="{}">{}</text>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text></g>',
        (
            (
                LEFT_ROOM,
                _top(row),
                NODE_WIDTH,
                NODE_HEIGHT,
                INK,
                centre,
                _top(row) + 17,
                INK,
                _short(activity, 32),
                centre,
                _top(row) + 32,
                INK,
                describe_activity(activity),
            )
            for row, activity in enumerate(order)
        ),
    )
    svg = format_html(
        '<svg class="kokybe-process-map" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
        "<defs>{}{}</defs>{}{}</svg>",
        width,
        height,
        title,
        _marker("kokybe-arrow", FORWARD),
        _marker("kokybe-arrow-back", BACKWARD),
        SafeString("".join(arrows)),
        nodes,
    )
    return ProcessMap(svg=svg, shown_edges=len(shown), all_edges=len(transitions))


def _top(row: int) -> float:
    return TOP + row * ROW


def _bottom(row: int) -> float:
    return _top(row) + NODE_HEIGHT


def _middle(row: int) -> float:
    return _top(row) + NODE_HEIGHT / 2


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _marker(name: str, colour: str) -> SafeString:
    return format_html(
        '<marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
        'markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="{}"></path></marker>',
        name,
        colour,
    )


class _Labels:
    """Places arrow labels where no earlier label stands, moving each down a line until it is clear."""

    def __init__(self) -> None:
        self.taken: list[tuple[float, float, float]] = []  # left, right, baseline

    def place(self, x: float, y: float, text: str, anchor: str = "start") -> SafeString:
        width = len(text) * CHAR_WIDTH
        left, right = (x - width, x) if anchor == "end" else (x, x + width)
        while any(a < right and left < b and abs(y - baseline) < LABEL_HEIGHT for a, b, baseline in self.taken):
            y += LABEL_HEIGHT
        self.taken.append((left, right, y))
        return _label(x, y, text, anchor)


def _label(x: float, y: float, text: str, anchor: str = "start") -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="11" text-anchor="{}" fill="{}" paint-order="stroke" stroke="#ffffff" '
        'stroke-width="3">{}</text>',
        f"{x:.1f}",
        f"{y:.1f}",
        anchor,
        INK,
        text,
    )


def _straight(x: float, y1: float, y2: float, stroke: float, label: SafeString) -> SafeString:
    return format_html(
        '<path d="M{},{} L{},{}" stroke="{}" stroke-width="{}" fill="none" marker-end="url(#kokybe-arrow)"></path>{}',
        f"{x:.1f}",
        f"{y1:.1f}",
        f"{x:.1f}",
        f"{y2 - 2:.1f}",
        FORWARD,
        f"{stroke:.1f}",
        label,
    )


def _arc(x: float, y1: float, y2: float, reach: float, stroke: float, label: SafeString, back: bool) -> SafeString:
    colour, marker = (BACKWARD, "kokybe-arrow-back") if back else (FORWARD, "kokybe-arrow")
    return format_html(
        '<path d="M{},{} C{},{} {},{} {},{}" stroke="{}" stroke-width="{}" fill="none" {} '
        'marker-end="url(#{})"></path>{}',
        f"{x:.1f}",
        f"{y1:.1f}",
        f"{reach:.1f}",
        f"{y1:.1f}",
        f"{reach:.1f}",
        f"{y2:.1f}",
        f"{x + (-2 if not back else 2):.1f}",
        f"{y2:.1f}",
        colour,
        f"{stroke:.1f}",
        SafeString('stroke-dasharray="6 4"') if back else "",
        marker,
        label,
    )


def _loop(x: float, y: float, stroke: float, label: SafeString) -> SafeString:
    return format_html(
        '<path d="M{},{} C{},{} {},{} {},{}" stroke="{}" stroke-width="{}" fill="none" '
        'marker-end="url(#kokybe-arrow)"></path>{}',
        f"{x:.1f}",
        f"{y - 8:.1f}",
        f"{x + 40:.1f}",
        f"{y - 30:.1f}",
        f"{x + 40:.1f}",
        f"{y + 30:.1f}",
        f"{x + 2:.1f}",
        f"{y + 8:.1f}",
        FORWARD,
        f"{stroke:.1f}",
        label,
    )
