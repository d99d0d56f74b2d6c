"""What changed between two versions of a text, word by word, to show with <del> and <ins>."""

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\S+\s*|\s+")  # a word with the space after it


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(Piece("same", "".join(old_tokens[old_from:old_to])))
            continue
        if old_to > old_from:
            pieces.append(Piece("removed", "".join(old_tokens[old_from:old_to])))
        if new_to > new_from:
            pieces.append(Piece("added", "".join(new_tokens[new_from:new_to])))
    return pieces
