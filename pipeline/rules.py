"""Load and validate rules/ : YAML rule files and TSV lexicons, with errors naming file and entry.

A rule file is a mapping with `type` (a fact type, or `boilerplate`) and `rules`, a list of
entries; every entry has an `id` (unique across rules/, the `rule` field of what it finds),
`examples` and `counterexamples` (tests/test_rules.py runs them all). Other keys belong to
the stage that reads the file. A lexicon is a TSV file with a header line; `#` starts a comment.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from .model import FACT_TYPES

# libyaml's loader reads the rules about 5x faster than the pure-Python one (worker start-up);
# both are safe loaders and give the same data
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RuleLoader(_BASE_LOADER):
    """A safe loader that rejects a key written twice in one mapping: YAML keeps the last one
    silently, so a rule that lost its `- id:` line would replace the keys of the rule above it
    unnoticed."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[str, Any] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue    # (rule files' keys are plain words; the raw text is enough)
            key = key_node.value
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} written twice in one mapping (first at line "
                    f"{seen[key].start_mark.line + 1})", key_node.start_mark)
            seen[key] = key_node
        return super().construct_mapping(node, deep)


RULE_TYPES = (*FACT_TYPES, "boilerplate")


class RuleError(ValueError):
    """A rule file or lexicon that cannot be used; the message names the file and entry."""


def default_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "rules", here.parent / "rules"):  # installed wheel, then source checkout
        if cand.is_dir() and any(cand.glob("*.yaml")):
            return cand
    raise RuleError(f"no rules/ folder found next to {here}")


@dataclass
class RuleFile:
    path: Path
    type: str
    rules: list[dict[str, Any]]
    data: dict[str, Any]          # the whole mapping, for file-level keys

    def rule(self, rule_id: str) -> dict[str, Any]:
        for r in self.rules:
            if r["id"] == rule_id:
                return r
        raise KeyError(rule_id)


@dataclass
class Rules:
    root: Path
    # by path relative to root, no suffix
    files: dict[str, RuleFile] = field(default_factory=dict)
    lexicons: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # by stem

    def file(self, name: str) -> RuleFile:
        try:
            return self.files[name]
        except KeyError:
            raise RuleError(f"{self.root}: no rule file {name}.yaml") from None

    def of_type(self, type_: str) -> list[RuleFile]:
        return [f for f in self.files.values() if f.type == type_]

    def lexicon(self, name: str) -> list[dict[str, str]]:
        try:
            return self.lexicons[name]
        except KeyError:
            raise RuleError(f"{self.root}: no lexicon lexicons/{name}.tsv") from None

    def all_rules(self):
        for rf in self.files.values():
            for r in rf.rules:
                yield rf, r


def _check_examples(where: str, entry: dict, key: str) -> None:
    items = entry.get(key)
    if not isinstance(items, list):
        raise RuleError(f"{where}: `{key}` must be a list")
    for i, ex in enumerate(items):
        if isinstance(ex, str):
            continue
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise RuleError(f"{where}: {key}[{i}] must be a string or a mapping with `text`")


def load_rule_file(path: Path, root: Path) -> RuleFile:
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_RuleLoader)
    except yaml.YAMLError as e:
        raise RuleError(f"{where}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{where}: must be a mapping with `type` and `rules`")
    type_ = data.get("type")
    if type_ not in RULE_TYPES:
        raise RuleError(f"{where}: `type` must be one of {', '.join(RULE_TYPES)}, not {type_!r}")
    entries = data.get("rules")
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{where}: `rules` must be a non-empty list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise RuleError(f"{where}: rules[{i}] has no string `id`")
        ew = f"{where}: rule {entry['id']}"
        _check_examples(ew, entry, "examples")
        _check_examples(ew, entry, "counterexamples")
    return RuleFile(path=path, type=type_, rules=entries, data=data)


def blocked_words(spec: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A `|`-separated list of what may not follow a unit or a currency (classifiers.tsv's
    not_before, money.yaml's not_after: 旦|宵|!年产值): the words, and the words marked ! —
    the exceptions to them (元年 is blocked, 200亿元年产值 is not)."""
    words = [w for w in (spec or "").split("|") if w]
    return (tuple(w for w in words if w[0] != "!"),
            tuple(w[1:] for w in words if w[0] == "!" and w[1:]))


def load_lexicon(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise RuleError(f"{path}: empty lexicon (needs a header line)")
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0].keys() if rows else []
    for n, row in enumerate(rows, 2):
        if None in row or any(v is None for v in row.values()):
            raise RuleError(f"{path}: row {n} ({lines[n - 1][:40]!r}) does not have "
                            f"the {len(header)} columns of the header")
    return rows


def load_rules(rules_dir: str | Path | None = None) -> Rules:
    root = Path(rules_dir) if rules_dir is not None else default_rules_dir()
    if not root.is_dir():
        raise RuleError(f"{root}: rules folder not found")
    rules = Rules(root=root)
    seen: dict[str, Path] = {}
    for path in sorted(root.rglob("*.yaml")):
        rf = load_rule_file(path, root)
        for entry in rf.rules:
            if entry["id"] in seen:
                raise RuleError(
                    f"{path}: rule id {entry['id']} is used again (first in {seen[entry['id']]})"
                )
            seen[entry["id"]] = path
        rules.files[str(path.relative_to(root).with_suffix(""))] = rf
    for path in sorted(root.rglob("*.tsv")):
        rules.lexicons[path.stem] = load_lexicon(path)
    from .find import schema  # every key of a fact rule file declared, defaults filled in
    return schema.check_and_fill(rules)


# -- probing patterns for catastrophic backtracking ---------------------------------------------
#
# A user's pattern such as (a|aa)+$ or (\d+\s?)+x takes exponential time on a long run of the
# characters it repeats, and one such line would stall every article of a batch. Each `pattern`
# of a rule file is searched, under a timeout (the `regex` module's timeout=), in runs of the
# characters that rules meet in news text (Latin, digits, Han numerals, Han, spaces, dots) and of
# the pattern's own literal characters, each run ended by a character that breaks a match.

PROBE_TIMEOUT = 0.5        # seconds one probe string may take before the pattern is rejected
PROBE_LENGTHS = (40, 1500)  # exponential patterns show at 40 characters, cubic ones by 1500
_PROBE_CHARS = ("a", "1", "一", "中", " ", ".")
_ESCAPES = regex.compile(r"\\[pP]\{[^}]*\}|\\.|\(\?P?<[^>]*>|\(\?P=[^)]*\)|\{[^}]*\}")


def _literals(pattern: str, limit: int = 6) -> list[str]:
    """Distinct literal characters of a pattern (escapes, group names and {n,m} left out)."""
    seen: list[str] = []
    for ch in _ESCAPES.sub("", pattern):
        if (
            ch.isalnum() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
        ) and ch not in seen:
            seen.append(ch)
            if len(seen) == limit:
                break
    return seen


def probe_strings(pattern: str) -> list[str]:
    lits = _literals(pattern)
    chars = list(dict.fromkeys([*_PROBE_CHARS, *lits]))
    tail = "".join(lits)  # the literals a match needs, so a required-literal check passes
    out = []
    for n in PROBE_LENGTHS:
        for c in chars:
            out.append(c * n + "!")
            if tail and n == PROBE_LENGTHS[0]:  # exponential ones: short is enough (and quick)
                out.append(c * n + tail + "!")
        if len(chars) > len(_PROBE_CHARS) + 1:  # two of its own literals, alternating
            a, b = chars[len(_PROBE_CHARS):len(_PROBE_CHARS) + 2]
            out.append((a + b) * (n // 2) + "!")
        out.append("1 " * (n // 2) + "!")
    return out


def _patterns(rules: Rules):
    """(file, rule id, source) of every `pattern`, with a file's `parts` expanded."""
    for rf in rules.files.values():
        parts = rf.data.get("parts")
        for r in rf.rules:
            src = r.get("pattern")
            if not isinstance(src, str):
                continue
            if "value" in r and rf.type != "boilerplate":  # a declared rule
                from .find.declared import expand_pattern
                try:
                    src = expand_pattern(rules, rf, r)
                except RuleError:
                    continue  # the declared finder reports this
            elif isinstance(parts, dict):
                from .dates.grammar import _alternation, expand
                full = dict(parts)
                full.setdefault("FESTIVALS",
                                _alternation(x["name"]
                                             for x in rules.lexicons.get("festivals", [])))
                try:
                    src = expand(src, full, f"{rf.path}: rule {r['id']}")
                except RuleError:
                    continue  # the stage that builds it reports this
            yield rf, r["id"], src


def probe_patterns(rules: Rules, timeout: float = PROBE_TIMEOUT) -> None:
    """RuleError naming the file and the rule of the first pattern that a probe string keeps
    busy past `timeout` seconds (bad regex syntax is left to the stage that compiles it)."""
    for rf, rule_id, src in _patterns(rules):
        try:
            rx = regex.compile(src, regex.V0)
        except regex.error:
            continue
        for s in probe_strings(src):
            try:
                rx.search(s, timeout=timeout)
            except TimeoutError:
                sample = s[:6] + "…" + s[-2:]
                raise RuleError(f"{rf.path}: rule {rule_id}: pattern takes over {timeout:g} s on "
                                f"{len(s)} characters ({sample!r}): catastrophic backtracking; "
                                "rewrite it without nested or overlapping repeats") from None
