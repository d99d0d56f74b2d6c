"""An article's text as paragraphs and lists: plain text in, nothing interpreted but two conventions.

Paragraphs are separated by an empty line; lines starting with "- " (or "* ") form a list. Nothing
else is markup, so whatever is typed is shown as typed (the template escapes it).
"""

from dataclasses import dataclass

BULLETS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...]


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            if line.startswith(BULLETS):
                if paragraph:
                    result.append(Block("paragraph", tuple(paragraph)))
                    paragraph = []
                items.append(line[2:].strip())
            else:
                if items:
                    result.append(Block("list", tuple(items)))
                    items = []
                paragraph.append(line)
        if paragraph:
            result.append(Block("paragraph", tuple(paragraph)))
        if items:
            result.append(Block("list", tuple(items)))
    return result
