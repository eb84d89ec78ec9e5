"""The `re` twins of the clean stage's patterns (pipeline/clean/twins.py) match what `regex`
matches: the spelt-out classes over every code point, and every boilerplate pattern on the
lines of its own examples, with characters the two engines' own tables read differently put in."""
import pytest
import regex

from pipeline import Pipeline
from pipeline.clean import twins
from pipeline.clean.shapes import norm


@pytest.mark.parametrize("escape", [r"\d", r"\s", r"\p{Han}", r"\D", r"\S", r"\P{Han}",
                                    r"[\d.]", r"[^\s|]", r"[\p{Han}A-Za-z]", r"[^\d\p{Han}]",
                                    r"[-\s]", r"[x\-\d]", r"[^-\d]"])
def test_spelt_classes_match_every_code_point_as_regex_does(escape):
    every = twins._code_points()
    twin = twins.twin(escape + "+")
    assert twin is not None
    want = [m.span() for m in regex.finditer(escape + "+", every)]
    assert [m.span() for m in twin.finditer(every)] == want


@pytest.mark.parametrize("pattern", [
    r"(?i)^more$",              # case folding differs between the engines
    r"\bnews\b",                # \b reads \w, which differs
    r"\w+",                     # (as \w itself)
    r"\p{Latin}+",              # a table `re` does not have
    r"[\S]",                    # a negated escape inside a class
    r"[\d-x]",                  # a class escape next to a range's -
    r"[x-\d]",
    r"[\\-\d]",                 # (the - after an escaped backslash opens a range)
    r"(?<=\p{Han}{1,3})网",     # a variable-width look-behind
    r"(?P<a>x)|(?P<a>y)",       # a name used twice
    r"[[:alpha:]]",             # a POSIX class
])
def test_what_re_could_read_otherwise_gets_no_twin(pattern):
    assert twins.twin(pattern) is None


def test_twin_and_regex_agree_on_every_pattern_of_the_clean_stage():
    pipe = Pipeline()
    entries = [e for rf in pipe.rules.of_type("boilerplate") for e in rf.rules]
    lines: set[str] = set()
    for e in entries:
        for ex in (e.get("examples") or []) + (e.get("counterexamples") or []):
            lines.update(str(ex.get("text", ex) if isinstance(ex, dict) else ex).split("\n"))
    pipe.extract("\n".join(sorted(lines)))   # the patterns made while cleaning, too
    # characters the engines' \d, \s, \w or Han tables may read differently
    odd = "٣०𝟎０\x1c\x1f\x85\xa0\u2028\u3000_\u0300々〇ⅷ𠀀"
    probes = sorted(lines | {norm(x) for x in lines})
    probes += [x[:k] + odd[(len(x) + k) % len(odd)] + x[k:] for x in probes[::8]
               for k in (0, len(x) // 2, len(x))]
    made = {p: t for p, t in twins.TWINS.items() if t is not None}
    # every boilerplate pattern was asked for, and most have a twin
    assert {e["pattern"] for e in entries if "pattern" in e} <= set(twins.TWINS)
    assert len(made) > len(twins.TWINS) // 2
    for pattern, twin in made.items():
        rx = regex.compile(pattern, regex.V0)
        for line in probes:
            # every match in turn (finditer), and a match at the start
            for a, b in ((rx.match(line), twin.match(line)),
                         *zip(rx.finditer(line), twin.finditer(line), strict=True)):
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), \
                    (pattern, line)
