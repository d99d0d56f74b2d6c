from kokybe.knowledge.diffing import Piece, word_diff
from kokybe.knowledge.formatting import Block, blocks


def test_paragraphs_and_lists():
    text = "Pirma pastraipa\ntęsinys.\n\nDokumentai:\n- asmens dokumentas\n- pažyma\nPo sąrašo.\r\n\r\n<b>ne žymė</b>"
    assert blocks(text) == [
        Block("paragraph", ("Pirma pastraipa", "tęsinys.")),
        Block("paragraph", ("Dokumentai:",)),
        Block("list", ("asmens dokumentas", "pažyma")),
        Block("paragraph", ("Po sąrašo.",)),
        Block("paragraph", ("<b>ne žymė</b>",)),  # shown as typed: the template escapes it
    ]


def test_word_diff_keeps_whole_words():
    assert word_diff("Kaina 5 eurai per valandą.", "Kaina 6 eurai per valandą.") == [
        Piece("same", "Kaina "),
        Piece("removed", "5 "),
        Piece("added", "6 "),
        Piece("same", "eurai per valandą."),
    ]
    assert word_diff("", "Naujas") == [Piece("added", "Naujas")]
