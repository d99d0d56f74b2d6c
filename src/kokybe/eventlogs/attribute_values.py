"""XES attribute values as JSON, and back.

The plain types are kept as JSON has them: string -> str, int -> int, float -> float,
boolean -> bool. The others are tagged, so an export writes the same type and text back:
date -> {"$date": "2011-01-06T09:18:00.000+01:00"} (the text as written), id -> {"$id": "..."},
a float JSON cannot hold (NaN, INF) -> {"$float": "NaN"}, list -> {"$list": [[key, value], ...]},
container -> {"$container": [[key, value], ...]}, and an attribute with nested attributes ->
{"$value": value, "$nested": {key: value, ...}}.
"""

import math
from typing import Any

TYPED_TAGS = frozenset({"string", "date", "int", "float", "boolean", "id"})
ATTRIBUTE_TAGS = TYPED_TAGS | {"list", "container"}


def composite_value(tag: str, text: str, children: list[tuple[str, Any]] | None) -> Any:
    """The JSON form of one typed XES attribute, given the values of its child attributes (if any)."""
    if tag == "list":
        return {"$list": [list(child) for child in children or []]}
    if tag == "container":
        return {"$container": [list(child) for child in children or []]}
    value = plain_value(tag, text)
    return {"$value": value, "$nested": dict(children)} if children else value


def plain_value(tag: str, text: str) -> Any:
    if tag == "int":
        try:
            return int(text)
        except ValueError:
            return text  # kept as it came rather than refusing a whole log over one odd value
    if tag == "float":
        try:
            number = float(text)
        except ValueError:
            return text
        return number if math.isfinite(number) else {"$float": text}
    if tag == "boolean":
        return text.strip().lower() == "true"
    if tag == "date":
        return {"$date": text}
    if tag == "id":
        return {"$id": text}
    return text


def xes_type_and_text(value: Any) -> tuple[str, str]:
    """The XES tag and value text of a JSON value (the inverse of `_plain`)."""
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, int):
        return "int", str(value)
    if isinstance(value, float):
        return "float", repr(value)
    if isinstance(value, dict):
        for tag, key in (("date", "$date"), ("id", "$id"), ("float", "$float")):
            if key in value:
                return tag, str(value[key])
    if value is None:
        return "string", ""
    return "string", str(value)


def text_of(value: Any) -> str:
    """A value as one cell of text (CSV export, the log's page)."""
    if isinstance(value, dict):
        if "$value" in value:
            return text_of(value["$value"])
        if "$list" in value or "$container" in value:
            items = value.get("$list") or value.get("$container") or []
            return "; ".join(f"{key}={text_of(item)}" for key, item in items)
        return xes_type_and_text(value)[1]
    return xes_type_and_text(value)[1]
