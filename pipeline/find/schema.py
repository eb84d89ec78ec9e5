"""What a fact rule file may say: every key, its kind and its default, in one place.

A fact rule file (rules/count.yaml, money.yaml, percent.yaml, date.yaml, award.yaml) has
file-level keys (`type`, `rules`, `ref_date`, the finder's `guards` …) and a list of rules; a
rule has the keys every rule has (`id`, `description`, `examples`, `counterexamples`), the keys
of a declared rule (pipeline/find/declared.py: `pattern`/`candidate`, `guards`, `value`, `unit`
…), and the settings its own finder reads under its id (`percent.range: separators`).

check(rules) rejects a key that is not declared here, naming the file and the rule, so a typo
(`seperators:`) is an error instead of a setting that is silently never read. fill(rules) puts
the default of every missing key into the loaded data, so a finder reads `cfg["key"]` and the
defaults cannot drift apart between the YAML and the Python that reads it.

A default of ABSENT means "not filled in": the key's absence means something of its own (a date
rule without `near` takes the file's `near`; an example file without `ref_date` has none).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..rules import RuleError, Rules

ABSENT = object()


@dataclass(frozen=True)
class Key:
    kind: type | tuple[type, ...]
    default: Any = ABSENT
    doc: str = ""


def _words(doc: str = "") -> Key:
    """A list of words; missing: an empty list (the guard it feeds is off)."""
    return Key(list, [], doc)


def _chars(doc: str = "") -> Key:
    """A string of single characters; missing: empty."""
    return Key(str, "", doc)


def _table(doc: str = "") -> Key:
    """A mapping (word → words, word → value …); missing: empty."""
    return Key(dict, {}, doc)


_NUM = (int, float)
_SEPARATORS = ["至", "到", "-", "~", "～", "—", "－"]

# keys every rule file has, and keys every rule has
FILE_COMMON: dict[str, Key] = {
    "type": Key(str, doc="the fact type"),
    "rules": Key(list, doc="the rules"),
    "ref_date": Key(str, doc="ref_date of the examples that give none"),
}
RULE_COMMON: dict[str, Key] = {
    "id": Key(str, doc="unique across rules/; the `rule` field of what it finds"),
    "description": Key(str),
    "examples": Key(list, [], "sentences that must produce the fact (tests/test_rules.py)"),
    "counterexamples": Key(list, [], "near-misses that must not"),
}

# a declared rule: run by pipeline/find/declared.py, no Python of its own
DECLARED: dict[str, Key] = {
    "pattern": Key(
        str,
        doc="a regex ({NUMBER}, {QUAL_BEFORE}, {QUAL_AFTER}, {CURRENCY} are parts); "
        "group `num` holds the number",
    ),
    "candidate": Key(
        str, doc="a kind of pipeline/scan.py candidate: the pattern is tried only where one starts"
    ),
    "guards": Key(list, [], "named guards (pipeline/find/guards.py): a name or {name: argument}"),
    "value": Key(
        (str, dict),
        doc="a named value builder (pipeline/find/builders.py): a name or {name: argument}",
    ),
    "unit": Key(
        (str, dict),
        doc="the fact's unit: a literal, or {builder: argument} of pipeline/find/builders.py",
    ),
    "tags": Key(list, [], "tags of every fact the rule finds"),
    "extras": Key(list, [], "named extra builders (pipeline/find/builders.py): direction …"),
}

# the settings each finder reads, by fact type: file-level sections, and per rule id
FILE_KEYS: dict[str, dict[str, Key | dict[str, Key]]] = {
    "percent": {
        "change": {
            "up": _words("a direction word just before the number: change up"),
            "down": _words("…: change down"),
            "between": _words("words that may stand between the direction word and the number"),
        },
        "guards": {"cheng_not_before": _words("成 followed by these begins another word (成立)")},
    },
    "money": {
        "guards": {
            "not_after": _table("currency word → what after it makes another word (元旦)"),
            "han_after_only": _table(
                "colloquial unit → the only Han characters that may follow it"
            ),
            "only_after_char": _table("unit → the characters it must follow (吉 after 零)"),
            "piece_after": _table(
                "colloquial unit → what right before the number makes it a piece (奖牌一块)"
            ),
            "indefinite_before": _chars("数/几 before a bare magnitude: indefinite, no fact"),
            "approx_before": _table("上 + magnitude → qualifier"),
            "scale_words": _table("English scale word → factor (US$1.5 million)"),
            "sub_unit_standalone": _words(),
            "sub_unit_one_idiom": _words(),
            "sub_unit_at_clause_end": _table(),
            "sub_unit_places": _table("sub-unit → the places (meta.locale) where it stands alone"),
            "sub_unit_price_always": _words(),
            "score_window": Key(int, 20, "characters before a sub-unit searched for a score word"),
            "sub_unit_score_words": _words(),
            "price_words": _words(),
            "price_window": Key(int, 8, "characters before a sub-unit searched for a price word"),
            "generic_after": _words(),
            "local_currency": _table("meta.locale → the code of a bare 元"),
            "local_dollar": _table("meta.locale → the code of a bare $"),
            "peso_places": _table("a country → its peso's code (比索 alone: code `peso`)"),
            "needs_subunit": _table(),
            "qualifier_word_tail": _table(),
            "threshold_after": _words(),
            "declared_words": _words(),
            "declared_before": _words(),
            "tenth_after": _table(),
            "tenth_not_words": _words("words that open with the digit after 元 (一并): no tenth"),
            "latin_magnitudes": _table(),
            "not_money_after": _words(),
        },
    },
    "count": {
        "guards": {
            "ambiguous_below": Key(_NUM, 0.5),
            "joined_noun_from": Key(_NUM, 0.95),
            "ordinal_before": _words(),
            "rank_before": _words(),
            "rank_words": _words(),
            "rank_links": _words(),
            "rank_units": _words(),
            "one_preceded_by": _chars(),
            "duration_before": _words(),
            "time_total_before": _words(),
            "time_unit_followers": Key(str, "的内以左上之"),
            "lone_terms": _words(),
            "adverb_terms": _words("numeral + unit words that are adverbs unless a noun follows "
                                   "(四处奔波; 四处隐患 counts)"),
            "one_generic": _words(),
            "one_counts_before": _words("an article's 一 + unit counts before these: a toll "
                                        "(一人死亡)"),
            "one_counts_after": _chars("an article's 一 + unit counts right after these and "
                                       "before a clause's end: an item's tally after its name "
                                       "(三等奖一项、, 候选人一人,)"),
            "one_tally_units": _words("the units such a tally is written in (一项, 一人; not "
                                      "一起, together)"),
            "one_sibling_units": _words("units whose 一 + unit before a clause's end counts when "
                                        "a figure with the same unit stands just before it in a "
                                        "tally (无证驾驶5起，醉驾一起，)"),
            "one_after_price": _words("一 + unit right after these is a price's rate (42块一公斤)"),
            "one_before_price": _words("a price's currency words: 一 + unit a verb or two "
                                       "before such a price is its rate (一斤7毛钱)"),
            "event_units": _words(),
            "event_before": _words(),
            "event_after": _words(),
            "indefinite_before": Key(str, "数几若"),
            "trap_phrases": _words(),
            "quoted_name_max": Key(int, 10),
            "slogan_run": Key(int, 3),
            "approx_before": _table(),
            "reported_units": _table("a unit as matched → the unit reported (个小时 → 小时)"),
            "object_window_before": Key(list, ABSENT),
            "object_window_after": Key(list, ABSENT),
            "object_hmm": Key(bool, True),
            "context_units": _table(),
            "unit_needs_after": _table(),
            "fraction_not_before": _table("a unit → words after it that make a fraction before "
                                          "it a measure, no count (0.73个点)"),
            "unit_not_before_figure": _words("a figure right after these units names a tier, "
                                             "not how many (二本541分)"),
            "rate_marks": _words("a unit, one of these and another unit is a rate, no count "
                                 "(5720公斤/公顷)"),
            "rate_not_per": _words("after a rate's mark, these are no unit of its own: 79286人/次 "
                                   "is 人次 written apart"),
            "rate_units": _words("units a speed is given in (公里, 米)"),
            "rate_before": _words("a speed's words before its figure (时速350公里)"),
            "rate_links": _words("what may stand between rate_before and the figure (达, 为)"),
            "rate_after": _words("a speed's words after its unit (50米每秒)"),
            "result_units": _words("units a race's or a jump's result is given in (秒, 米)"),
            "result_after": _words("a result's words after it, within a clause (成绩)"),
            "signed_units": _words(),
            "sign_before": _words(),
            "one_char_not_noun": _chars(),
            "object_verbs": _words(),
            "object_nominal_verbs": _words(),
            "ordinal_units_chinese": _words(),
            "ordinal_units_count_after": _words(),
            "label_before": _table(),
            "year_label_units": _words("a year before these labels a cohort (2023届): no count"),
            "name_label_units": _table("unit → {words, not_after}: figures glued to a name "
                                       "before the unit label it (汉语言文学1班) in a text holding "
                                       "one of the words, unless one of not_after (开设, 共) "
                                       "stands right before them"),
            "rank_in_text": _table("unit → {words, not_before}: a numeral 1-9 + the unit is a "
                                   "rank (九段) in a text holding one of the words, unless one "
                                   "of not_before follows it (三段视频)"),
            "place_name_units": _words("a Chinese numeral + one of these before 县/市/镇 "
                                       "names a place (三台县): that pair elsewhere is its name"),
            "figures_only_units": _words("units that count only after a figure in digits: a "
                                         "Chinese numeral + the unit is a place's name or a "
                                         "saying (九里关, 八百里秦川, 三里屯)"),
            "qualifier_word_tail": _table("qualifier → characters before it that make it the tail "
                                          "of another word (签约)"),
            "object_stop_words": _words(),
        },
    },
    "date": {
        "parts": Key(dict, {}, "named regex parts, {NAME} in a pattern"),
        "near": Key(dict, ABSENT, "{hit, before}: where every rule may start"),
        "not_dates": _words("names that hold a date's shape but are none"),
        "guards": {
            k: _words()
            for k in (
                "two_digit_year_after",
                "two_digit_year_not_after",
                "three_digit_year_after",
                "two_digit_year_head_not_before",
                "two_digit_cn_year_approx",
                "slash_date_after",
                "slash_date_before",
                "packed_date_not_after",
                "year_not_after",
                "year_not_before",
                "calendar_year_within",
                "list_each_words",
                "list_join_words",
                "month_not_after",
                "frequency_units",
                "month_lunar_mark",
                "anchor_not_after",
                "festival_org_after",
                "verse_clause_lengths",
                "year_place_after",
                "first_months_place",
                "month_duration_after",
                "file_name_ext",
                "strict_anaphor_after_ok",
                "anaphor_not_after",
                "anaphor_not_before",
                "month_rel_recurring",
                "year_part_recurring",
                "day_not_after",
                "day_not_before",
                "offset_lead_ok",
                "weekday_not_before",
                "offset_after",
                "offset_not_before",
            )
        },
    },
    "award": {},
}

RULE_KEYS: dict[str, dict[str, Key]] = {
    # percent
    "percent.range": {"separators": Key(list, _SEPARATORS)},
    "percent.multiple": {"verbs": _words("growth verbs before N倍"), "between": _words()},
    "percent.discount": {
        "before": _words("selling words before N折"),
        "after": _words(),
        "not_before": _words(),
    },
    # money
    "money.unit": {"warn_units": _words(), "warn_ok_before": _chars(), "warn_ok_after": _words()},
    "money.shared": {"separators": Key(list, ["、", "和", "及", "与", "或"])},
    "money.context": {"window": Key(int, 24), "magnitude": Key(str, "[万亿萬億]"),
                      "named_after": Key(str, "", "a pattern right after the amount that names "
                                                   "it money (1000万天使轮融资)"),
                      "people_after": Key(str, "", "a pattern right after the amount naming "
                                                   "the people it counts (41万退休人员)")},
    "money.ge_yi": {"magnitudes": Key(dict, {"亿": 100000000})},
    "money.range": {"separators": Key(list, _SEPARATORS)},
    # count
    "count.range": {"separators": Key(list, _SEPARATORS)},
    "count.list": {"separators": Key(list, ["、"])},
    # award
    "award.lexicon": {
        "generic_before": _words(),
        "block_before": _words(),
        "list_block_before": _words(),
        "list_programme_after": _words(),
        "programme_after": _words(),
    },
    "award.pattern": {
        "max_len": Key(int, 20),
        "stop_tokens": _words(),
        "name_joins": _words("phrases whose middle stop token (与) a name may hold "
                             "(何梁何利基金科学与技术进步奖)"),
        "walk_stop_words": _words("words that end a name walked right from a prefix head (名单)"),
        "walk_stop_pos": _words("jieba POS tags (prefixes) that end that walk: d, adverbs"),
        "block_after": _table(),
        "not_names": _words(),
        "recipient_before": _words("a run right before these names who receives an honour, "
                                   "no honour (授予中国优秀青年的最高荣誉)"),
        "law_title_ends": _words("a book title ending in these is a law or rule: an honour "
                                 "named inside it (《…国家勋章和国家荣誉称号法》) is none"),
        "designations": _words(),
        "facility_names": _table("tails (a hall's last word), honour_words (keep it an honour)"),
        "not_suffixes": _words(),
        "bare_after_trigger": _words("heads that are an honour's whole name right after a trigger "
                                     "(被评为先进集体, 表彰了24个先进集体)"),
        "extend_suffixes": _words(),
        "not_places": _words(),
        "agent_tails": _words(),
        "level_range": Key(list, ABSENT),
        "ranking": _table(),
    },
    "award.trigger": {
        **{
            k: _words()
            for k in (
                "recipient_lead",
                "recipient_trail",
                "recipient_titles",
                "recipient_trail_time",
                "recipient_means",
                "recipient_surnames",
                "recipient_role_ends",
                "recipient_pronouns",
                "indefinite_receivers",
                "closing",
            )
        },
        "recipient_max_len": Key(int, 30),
        "honour_closers": _words("words closing a list after a trigger that call its items "
                                 "honours (…、…等荣誉称号): each item is an award"),
    },
    "award.again": {
        "min_len": Key(int, 4, "the shortest name whose later mentions count"),
        "of_rules": _words("the rules whose names are looked for again"),
    },
    "award.presented": {
        "verbs": _words("what is handed out after 为 and the list of honours (颁奖, 颁发证书)"),
        "max_span": Key(int, 40),
        "item_tails": _words("what a 十佳 item may end with besides agent_tails (小区)"),
    },
    "award.grade": {
        "grades": _words("a contest's grades: awards alone in a clause with a verb of winning"),
        "not_before": _words("what may not follow a grade (一等奖学金: a scholarship)"),
        "verbs": _words("verbs of winning besides the award_triggers lexicon (评出, 夺得)"),
        "window": Key(int, 20),
        "list_openers": _words("a clause opening with these lists the prizes won in the clause "
                               "before (…，包括15个金奖)"),
        "prize_lists": _words("a word naming prizes (奖项) before a list opener: the list "
                              "after it names prizes (奖项包括：友爱奖、勤劳奖)"),
        "prize_list_verbs": _words("verbs of handing prizes out that open such a list's clause "
                                   "besides the verbs of winning (颁发多个奖项，包括…)"),
        "results_words": _words("words of a results list (获奖名单, 得奖作品): a grade or a line's "
                                "heading prize (优秀奖：) near them is a prize won"),
        "results_window": Key(int, 300),
        "results_after": Key(int, 30),
        "row_prefixes": _words("a category's first words (最佳, 最受, 年度): a run of lines each "
                               "opened by one, then a colon, a bar or a space and its winner, is "
                               "a results list"),
        "min_rows": Key(int, 3),
    },
    "award.table": {
        "honour_words": _words("a header cell naming the honour column holds one of these"),
        "honour_ends": _words("… and ends with one of these (荣誉称号, 奖励名称, 获奖项目)"),
        "receiver_ends": _words("a header cell naming who received it ends so (获奖单位, 姓名)"),
        "granter_starts": _words("… unless it starts so (授奖单位: who gave it)"),
        "time_ends": _words("a header cell naming when (年份, 获奖时间)"),
        "cell_ends": _words("ends of an honour cell besides award_heads (…表现突出的集体)"),
        "max_gap": Key(int, 6),
        "max_cell": Key(int, 40),
        "header_cell_max": Key(int, 12),
    },
    "award.quoted": {"gap": _words(),
                     "event_after": _words("a ceremony after a quoted name makes it a prize's "
                                           "(“最美廊坊人”颁奖盛典)"),
                     "holder_after": _words("its holder after a name ending in 奖 or 奖学金 "
                                            "makes it a prize's (某某文学奖获得者)"),
                     "selection_after": _words("a selection after a quoted name of people or "
                                               "of a prize names the honour (“十佳教师”评选)"),
                     "scholarship_after": _words("verbs of setting one up before a named "
                                                 "scholarship (设有某某奖学金)"),
                     "scholarship_not_first": _words("words that open no scholarship's name")},
    "award.nominated": {"nominated_after": _words()},
    "award.category": {
        "category_tails": _words(),
        "category_prefixes": _words(),
        "parent_window": Key(int, 60),
        "category_ends": _words(),
        "parent_ends": _words(),
    },
    "date.festival": {"suffix_words": _words(), "period_words": _words(),
                      "greeting_words": _words("a verb that greets a festival: its short alias "
                                               "after it names the day (庆国庆)"),
                      "day_marks": _words("marks between a month and a day written before a "
                                          "festival of that day (9·10教师节): one fact")},
}

# keys every rule of a type may have, besides the common and declared ones
TYPE_RULE_KEYS: dict[str, dict[str, Key]] = {
    "date": {
        "kind": Key(str, ABSENT),
        "near": Key((str, dict), ABSENT),
        "pattern": Key(str, doc="the date grammar's pattern ({PARTS} of the file)"),
    },
}


def is_declared(rule: dict) -> bool:
    """A rule that names its value builder is run by the declared finder, not by its type's
    finder."""
    return "value" in rule


def rule_keys(type_: str, rule: dict) -> dict[str, Key]:
    keys = {**RULE_COMMON, **TYPE_RULE_KEYS.get(type_, {}), **RULE_KEYS.get(rule["id"], {})}
    if is_declared(rule) or type_ != "date":
        keys.update({k: v for k, v in DECLARED.items() if k not in keys})
    return keys


def _kind_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        list: "a list",
        dict: "a mapping",
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
    }
    return " or ".join(dict.fromkeys(names.get(k, k.__name__) for k in kinds))


def _check_value(where: str, key: str, spec: Key, value: Any) -> None:
    if value is None:
        return  # an empty YAML value: the default
    kinds = spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise RuleError(f"{where}: `{key}` must be {_kind_name(spec.kind)}, not {value!r}")
    if not isinstance(value, kinds):
        raise RuleError(
            f"{where}: `{key}` must be {_kind_name(spec.kind)}, "
            f"not {type(value).__name__} {value!r}"
        )


def _unknown(where: str, key: str, known) -> RuleError:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return RuleError(f"{where}: unknown key `{key}`{hint}; known: {', '.join(sorted(known))}")


def check(rules: Rules) -> None:
    """RuleError naming the file (and rule) of the first undeclared key or value of a wrong kind."""
    for rf in rules.files.values():
        if rf.type == "boilerplate":
            continue
        where = str(rf.path)
        sections = FILE_KEYS.get(rf.type, {})
        for key, value in rf.data.items():
            if key in FILE_COMMON:
                _check_value(where, key, FILE_COMMON[key], value)
            elif key not in sections:
                raise _unknown(where, key, [*FILE_COMMON, *sections])
            elif isinstance(section := sections[key], dict):
                if value is None:
                    continue
                if not isinstance(value, dict):
                    raise RuleError(f"{where}: `{key}` must be a mapping")
                for sub, v in value.items():
                    if sub not in section:
                        raise _unknown(f"{where}: {key}", sub, section)
                    _check_value(f"{where}: {key}", sub, section[sub], v)
            else:
                _check_value(where, key, section, value)
        for rule in rf.rules:
            rw = f"{where}: rule {rule['id']}"
            keys = rule_keys(rf.type, rule)
            for key, value in rule.items():
                if key not in keys:
                    raise _unknown(rw, key, keys)
                _check_value(rw, key, keys[key], value)
            if is_declared(rule):
                if "pattern" not in rule and "candidate" not in rule:
                    raise RuleError(
                        f"{rw}: a declared rule (with `value`) needs a `pattern` "
                        "or a `candidate` kind"
                    )
                if rf.type == "date":
                    raise RuleError(
                        f"{rw}: date rules are read by the date grammar (`kind`, `pattern`), "
                        "not declared with `value`"
                    )


def fill(rules: Rules) -> None:
    """Put every missing key's default into the loaded rules (after check())."""
    for rf in rules.files.values():
        if rf.type == "boilerplate":
            continue
        for key, spec in FILE_KEYS.get(rf.type, {}).items():
            if isinstance(spec, dict):
                section = rf.data.get(key)
                if section is None:
                    section = rf.data[key] = {}
                for sub, s in spec.items():
                    if s.default is not ABSENT and section.get(sub) is None:
                        section[sub] = copy.deepcopy(s.default)
            elif spec.default is not ABSENT and rf.data.get(key) is None:
                rf.data[key] = copy.deepcopy(spec.default)
        for rule in rf.rules:
            for key, spec in {
                **RULE_KEYS.get(rule["id"], {}),
                **TYPE_RULE_KEYS.get(rf.type, {}),
            }.items():
                if spec.default is not ABSENT and rule.get(key) is None:
                    rule[key] = copy.deepcopy(spec.default)


def check_and_fill(rules: Rules) -> Rules:
    check(rules)
    fill(rules)
    return rules
