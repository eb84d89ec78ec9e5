"""`zhfacts`: extract | eval | review | rules.

Exit codes: 0 done, 1 a check failed (eval below a floor, rules --check found errors),
2 bad arguments or an input that cannot be read (one line on stderr).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import __version__


class UsageError(Exception):
    """Reported as one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints usage too; keep it short)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _ref_date(value: str) -> str:
    from .core import check_ref_date
    try:
        return check_ref_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def _checked(cast, ok, what: str):
    """An argparse type: `cast` the value, then `ok` must hold, else a one-line error."""
    def parse(value: str):
        try:
            x = cast(value)
        except ValueError:
            x = None
        if x is None or not ok(x):
            raise argparse.ArgumentTypeError(f"must be {what}: {value!r}")
        return x
    return parse


_positive_int = _checked(int, lambda n: n >= 1, "a whole number of at least 1")
_fraction = _checked(float, lambda x: 0.0 <= x <= 1.0, "a number from 0 to 1")
_seconds = _checked(float, lambda x: 0.0 <= x < float("inf"), "a number of seconds, 0 or more")


DEFAULT_TIMEOUT = 60.0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="zhfacts", description="Facts (counts, money, dates, percents, awards) "
                "from Chinese news articles, with boilerplate lines removed.")
    p.add_argument("--version", action="version", version=f"zhfacts {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    ex = sub.add_parser("extract", help="extract facts from articles",
                        description="Read articles (.txt, folders, .jsonl(.gz), .html, .warc(.gz), "
                        "zip/tar archives, '-' for stdin) and write one record per article.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders; '-' reads stdin")
    ex.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    ex.add_argument("--format", choices=("jsonl", "json", "csv"),
                    help="output format (default: from the -o suffix, else jsonl); csv is one row per fact")
    ex.add_argument("--ref-date", type=_ref_date, metavar="YYYY-MM-DD",
                    help="reference date for articles that carry none")
    ex.add_argument("--jobs", "-j", type=_positive_int, metavar="N",
                    help="worker processes (default: every core)")
    ex.add_argument("--dask", metavar="ADDRESS",
                    help="run on a Dask cluster at ADDRESS (tcp://host:8786), or 'local' to start one")
    ex.add_argument("--no-repeats", action="store_true",
                    help="skip the first pass that finds lines repeated across the batch")
    ex.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                    help="time limit per article (default: %(default)g; 0: none): an article that "
                    "takes longer becomes an error record and the batch goes on")
    ex.add_argument("--rules", metavar="DIR", help="rules folder (default: the bundled rules)")
    ex.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N", help=argparse.SUPPRESS)
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    ev = sub.add_parser("eval", help="score predictions against gold",
                        description="Precision, recall and F1 per fact type and for boilerplate lines.")
    ev.add_argument("gold", nargs="+", metavar="GOLD", help="gold files or folders")
    ev.add_argument("--pred", required=True, metavar="FILE", help="predictions (zhfacts extract JSONL)")
    ev.add_argument("--min-f1", type=_fraction, metavar="X", help="fail (exit 1) when a fact F1 is below X")
    ev.add_argument("--min-boilerplate-f1", type=_fraction, metavar="X",
                    help="fail (exit 1) when the boilerplate F1 is below X")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")

    rv = sub.add_parser("review", help="an HTML page to review facts and removed lines",
                        description="Write one self-contained HTML page: each article's text with its "
                        "facts highlighted, removed lines and warnings. PATH is input articles or "
                        "an existing zhfacts output (JSONL/JSON).")
    rv.add_argument("paths", nargs="+", metavar="PATH")
    rv.add_argument("-o", "--output", metavar="FILE.html", help="output file (default: stdout)")
    rv.add_argument("--ref-date", type=_ref_date, metavar="YYYY-MM-DD",
                    help="reference date for articles that carry none")
    rv.add_argument("--rules", metavar="DIR", help="rules folder (default: the bundled rules)")

    gd = sub.add_parser("gold", help="gold files from the decisions made on a review page",
                        description="Turn the review page's decisions (JSONL) into one gold file per "
                        "reviewed article: its predicted facts minus those marked wrong, plus the "
                        "missed ones; unmarked facts are kept.")
    gd.add_argument("decisions", metavar="DECISIONS.jsonl")
    gd.add_argument("--pred", required=True, metavar="FILE", help="the output the page was made from")
    gd.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the *.gold.json files")

    xp = sub.add_parser("export", help="an output as facts and articles tables (Parquet or CSV)",
                        description="Write DIR/facts.FORMAT (one row per fact) and DIR/articles.FORMAT "
                        "(one row per article) for SQL over an archive.")
    xp.add_argument("path", metavar="OUT.jsonl", help="a zhfacts extract output (JSONL)")
    xp.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                    help="table format (default: %(default)s; parquet needs the export extra)")
    xp.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the two tables")

    ru = sub.add_parser("rules", help="list the rules with their example counts",
                        description="List rule files and rules with their examples and counterexamples; "
                        "--check validates rules/ and compiles every stage.")
    ru.add_argument("--check", action="store_true", help="validate and compile; exit 1 on an error")
    ru.add_argument("--rules", metavar="DIR", help="rules folder (default: the bundled rules)")
    return p


# -- helpers ------------------------------------------------------------------------------------

def _check_inputs(paths: Sequence[str]) -> None:
    from .sources import SourceError, check_paths
    try:
        check_paths(paths)
    except SourceError as e:
        raise UsageError(str(e)) from None


def _check_output(path: str | None) -> None:
    if path in (None, "-"):
        return
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise UsageError(f"{path}: folder {parent} does not exist")
    if Path(path).is_dir():
        raise UsageError(f"{path}: is a folder, not a file")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{path}: cannot write there (permission denied)")


def _load_rules(rules_dir: str | None):
    """The rules loaded and every stage built, in this process, before any worker starts: a
    broken rules folder is one clear line (exit 2), not a failure in each worker."""
    from .batch import worker_pipeline
    from .rules import RuleError
    if rules_dir is not None and not Path(rules_dir).is_dir():
        raise UsageError(f"{rules_dir}: rules folder not found")
    try:
        return worker_pipeline(rules_dir).rules
    except RuleError as e:
        raise UsageError(str(e).splitlines()[0]) from None
    except Exception as e:
        raise UsageError(f"the rules in {rules_dir or 'the bundled rules/'} do not build: "
                         f"{type(e).__name__}: {e}".splitlines()[0]) from None


def progress(items: Iterable, enabled: bool = True, unit: str = "article") -> Iterator:
    """A progress bar on stderr when stderr is a terminal: tqdm if installed, else a counter."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        tqdm.monitor_interval = 0  # no monitor thread
        with tqdm(items, unit=unit, file=sys.stderr, dynamic_ncols=True) as bar:
            yield from bar
        return
    n = 0
    for n, item in enumerate(items, 1):
        if n % 50 == 0:
            sys.stderr.write(f"\r{n} {unit}s")
            sys.stderr.flush()
        yield item
    sys.stderr.write(f"\r{n} {unit}s\n")


# -- commands -----------------------------------------------------------------------------------

def cmd_extract(args) -> int:
    from . import batch, sinks
    _check_inputs(args.paths)
    _check_output(args.output)
    _load_rules(args.rules)  # a broken rules folder is one clear line, before any worker starts
    if args.dask is not None and not args.dask.strip():
        raise UsageError("--dask needs an address or 'local'")
    fmt = sinks.format_for(args.output, args.format)
    kw = {"chunk_size": args.chunk_size} if args.chunk_size else {}
    articles = batch.run(args.paths, ref_date=args.ref_date, jobs=args.jobs, dask=args.dask,
                         rules_dir=args.rules, repeats=not args.no_repeats,
                         timeout=args.timeout or None, **kw)
    stream = iter(progress(articles, not args.no_progress))
    try:  # the first record before the output file is opened: a run that cannot start leaves none
        first = next(stream, None)
    except RuntimeError as e:  # --dask without the dask extra, or no scheduler at that address
        raise UsageError(str(e)) from None
    sinks.write(itertools.chain([] if first is None else [first], stream), args.output, fmt)
    return 0


def cmd_eval(args) -> int:
    for g in args.gold:
        if not Path(g).exists():
            raise UsageError(f"{g}: no such gold file or folder")
    if not Path(args.pred).is_file():
        raise UsageError(f"{args.pred}: no such predictions file")
    from . import evaluate  # lazy: the scorer is not needed to extract
    try:
        return evaluate.run(list(args.gold), args.pred, min_f1=args.min_f1,
                            min_boilerplate_f1=args.min_boilerplate_f1, verbose=args.verbose,
                            as_json=args.json)
    except evaluate.EvalError as e:
        raise UsageError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None


def cmd_review(args) -> int:
    from . import review
    _check_inputs(args.paths)
    _check_output(args.output)
    if args.output in (None, "-"):
        sys.stdout.write(review.render_paths(args.paths, ref_date=args.ref_date, rules_dir=args.rules))
    else:
        n = review.write_page(args.paths, args.output, ref_date=args.ref_date, rules_dir=args.rules)
        print(f"{args.output}: {n} articles", file=sys.stderr)
    return 0


def cmd_rules(args) -> int:
    from .rules import RuleError, load_rules
    if args.rules is not None and not Path(args.rules).is_dir():
        raise UsageError(f"{args.rules}: rules folder not found")
    try:
        rules = load_rules(args.rules)
    except RuleError as e:
        if args.check:
            print(f"rules: {e}", file=sys.stderr)
            return 1
        raise UsageError(str(e).splitlines()[0]) from None
    out = sys.stdout
    total = [0, 0, 0]
    out.write(f"{'rule':<40} {'examples':>8} {'counter':>8}\n")
    for name, rf in sorted(rules.files.items()):
        n_ex = sum(len(r.get("examples") or []) for r in rf.rules)
        n_cx = sum(len(r.get("counterexamples") or []) for r in rf.rules)
        out.write(f"{name + '.yaml':<30} {rf.type:<9} {len(rf.rules):>3} rules {n_ex:>5} {n_cx:>8}\n")
        for r in rf.rules:
            out.write(f"  {r['id']:<38} {len(r.get('examples') or []):>8} {len(r.get('counterexamples') or []):>8}\n")
        total[0] += len(rf.rules)
        total[1] += n_ex
        total[2] += n_cx
    for name, rows in sorted(rules.lexicons.items()):
        out.write(f"lexicons/{name}.tsv {len(rows):>22} entries\n")
    out.write(f"total: {len(rules.files)} files, {total[0]} rules, {total[1]} examples, "
              f"{total[2]} counterexamples, {len(rules.lexicons)} lexicons\n")
    if args.check:
        try:
            from .core import Pipeline
            Pipeline(rules=rules)  # every stage compiles its rules
        except Exception as e:
            print(f"rules: {type(e).__name__}: {e}".splitlines()[0], file=sys.stderr)
            return 1
        out.write("rules: ok\n")
    return 0


def cmd_gold(args) -> int:
    from . import gold  # decisions → gold files; all the logic is there
    for path in (args.decisions, args.pred):
        if not Path(path).is_file():
            raise UsageError(f"{path}: no such file")
    try:
        summary = gold.write(args.decisions, args.pred, args.output)
    except gold.GoldError as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"{args.output}: cannot write: {e.strerror or e}") from None
    for line in gold.describe(summary, args.output):
        print(line, file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from . import export
    if not Path(args.path).is_file():
        raise UsageError(f"{args.path}: no such file")
    try:
        n_arts, n_facts = export.export(args.path, args.output, args.format)
    except export.ExportError as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"{args.output}: cannot write: {e.strerror or e}") from None
    print(f"{args.output}: {n_arts} articles, {n_facts} facts ({args.format})", file=sys.stderr)
    return 0


COMMANDS = {"extract": cmd_extract, "eval": cmd_eval, "review": cmd_review, "rules": cmd_rules,
            "gold": cmd_gold, "export": cmd_export}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version (0) and argument errors (2)
        return int(e.code or 0)
    try:
        return COMMANDS[args.command](args)
    except UsageError as e:
        print(f"zhfacts {args.command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `zhfacts extract … | head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("zhfacts: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
