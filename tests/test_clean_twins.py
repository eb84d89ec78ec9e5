"""The `re` twins of the clean stage's patterns (pipeline/clean/twins.py) match what `regex`
matches: the spelt-out classes over every code point, and every boilerplate pattern on the
lines of its own examples, with characters the two engines' own tables read differently put in."""
import pytest
import regex

from pipeline import Pipeline
from pipeline.clean import twins
from pipeline.clean.shapes import norm


@pytest.mark.parametrize("escape", [r"\d", r"\s", r"\w", r"\p{Han}", r"\D", r"\S", r"\W",
                                    r"\P{Han}", r"[\d.]", r"[^\s|]", r"[\p{Han}A-Za-z]"])
def test_spelt_classes_match_every_code_point_as_regex_does(escape):
    every = twins._code_points()
    twin = twins.twin(escape + "+")
    assert twin is not None
    want = [m.span() for m in regex.finditer(escape + "+", every)]
    assert [m.span() for m in twin.finditer(every)] == want


@pytest.mark.parametrize("pattern", [
    r"(?i)^more$",              # case folding differs between the engines
    r"\bnews\b",                # \b reads \w, which differs
    r"\p{Latin}+",              # a table `re` does not have
    r"[\S]",                    # a negated escape inside a class
    r"[\d-x]",                  # a class escape next to a range's -
    r"(?<=\p{Han}{1,3})网",     # a variable-width look-behind
    r"(?P<a>x)|(?P<a>y)",       # a name used twice
    r"[[:alpha:]]",             # a POSIX class
])
def test_what_re_could_read_otherwise_gets_no_twin(pattern):
    assert twins.twin(pattern) is None


def test_twin_and_regex_agree_on_every_boilerplate_pattern():
    rules = Pipeline().rules
    entries = [e for rf in rules.of_type("boilerplate") for e in rf.rules if "pattern" in e]
    lines: set[str] = set()
    for e in entries:
        for ex in (e.get("examples") or []) + (e.get("counterexamples") or []):
            lines.update(str(ex.get("text", ex) if isinstance(ex, dict) else ex).split("\n"))
    # characters the engines' \d, \s, \w or Han tables may read differently
    odd = "٣०𝟎０\x1c\x1f\x85\xa0\u2028\u3000_\u0300々〇ⅷ𠀀"
    probes = sorted(lines | {norm(x) for x in lines})
    probes += [x[:k] + c + x[k:] for x in probes[:400] for k in (0, len(x) // 2, len(x))
               for c in odd[len(x) % 3::3]]
    twinned = 0
    for e in entries:
        twin = twins.twin(e["pattern"])
        if twin is None:
            continue
        twinned += 1
        rx = regex.compile(e["pattern"], regex.V0)
        for line in probes:
            for a, b in ((rx.search(line), twin.search(line)), (rx.match(line), twin.match(line))):
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), \
                    (e["id"], line)
    assert twinned > len(entries) // 2
