"""`zhfacts`: extract | eval | review | gold | export | rules (one cmd_* function per subcommand).

Exit codes: 0 done, 1 a check failed (eval below a floor, rules --check found errors),
2 bad arguments, an input that cannot be read or an output that cannot be written (one line on
stderr), 3 `extract --fail-on-error` and a record has an error, 130 interrupted (SIGINT),
143 terminated (SIGTERM); an interrupted extract leaves FILE.partial for --resume.
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path

from . import __version__


class UsageError(Exception):
    """Reported as one line on stderr, exit 2."""


EXIT_ERRORS = 3       # extract --fail-on-error: some record has an error


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt so the same cleanup
    runs (workers killed, FILE.partial flushed), then exit 143."""


def _on_sigterm(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the cleanup must not be interrupted again
    raise Terminated()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse prints usage too; keep it short)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _ref_date(value: str) -> str:
    from .core import check_ref_date
    try:
        checked = check_ref_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None
    assert checked is not None  # a string in, a date out
    return checked


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
_positive = _checked(float, lambda x: 0.0 < x < float("inf"), "a positive number")


DEFAULT_TIMEOUT = 60.0


def _add_timeout(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="time limit per article (default: %(default)g; 0: none): an article that "
                   "takes longer becomes an error record and the batch goes on")


def _add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="rules folder (default: the bundled rules); its "
                   "patterns are probed for catastrophic backtracking when loaded")
    p.add_argument("--skip-rule-probe", action="store_true",
                   help="do not probe the patterns of --rules DIR (the time limit still applies)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="zhfacts", description="Facts (counts, money, dates, percents, awards) "
                "from Chinese news articles, with boilerplate lines removed.")
    p.add_argument("--version", action="version", version=f"zhfacts {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    ex = sub.add_parser("extract", help="extract facts from articles",
                        description="Read articles (.txt, folders, .jsonl(.gz), .html, .warc(.gz), "
                        "zip/tar archives, '-' for stdin) and write one record per article.")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="input files or folders; '-' reads stdin")
    ex.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    ex.add_argument("--format", choices=("jsonl", "json", "csv"),
                    help="output format (default: from the -o suffix, else jsonl); csv is one row"
                    " per fact")
    ex.add_argument("--ref-date", type=_ref_date, metavar="YYYY-MM-DD",
                    help="fallback reference date, for articles that state no date of their own "
                    "(no ref_date field, 发布时间 line, dateline or date in the url)")
    ex.add_argument("--force-ref-date", type=_ref_date, metavar="YYYY-MM-DD",
                    help="reference date of every article, overriding what the article states")
    ex.add_argument("--jobs", "-j", type=_positive_int, metavar="N",
                    help="worker processes (default: every core)")
    ex.add_argument("--dask", metavar="ADDRESS",
                    help="run on a Dask cluster at ADDRESS (tcp://host:8786), or 'local' to start"
                    " one")
    ex.add_argument("--no-repeats", action="store_true",
                    help="skip the first pass that finds lines repeated across the batch")
    _add_timeout(ex)
    _add_rules(ex)
    ex.add_argument("--resume", action="store_true",
                    help="continue an interrupted run from FILE.partial: only the articles not yet "
                    "written are run, and FILE ends up as an uninterrupted run would write it")
    ex.add_argument("--overwrite", action="store_true",
                    help="replace an existing FILE (or FILE.partial); without it they are never"
                    " overwritten")
    ex.add_argument(
        "--fail-on-error",
        action="store_true",
        help=f"exit {EXIT_ERRORS} when any record has an error "
        "(the output is written all the same)",
    )
    ex.add_argument("--max-chars", type=_positive_int, metavar="N",
                    help="characters in one article; a longer one becomes an error record")
    ex.add_argument("--max-bytes", type=_positive_int, metavar="N",
                    help="bytes of one input item held in memory (file, JSONL line, WARC record)")
    ex.add_argument("--max-ratio", type=_positive, metavar="X",
                    help="how much larger than compressed a compressed input may grow (zip bombs)")
    ex.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N",
                    help=argparse.SUPPRESS)
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ex.add_argument("-q", "--quiet", action="store_true", help="no run summary on stderr")

    ev = sub.add_parser("eval", help="score predictions against gold",
                        description="Precision, recall and F1 per fact type and for boilerplate"
                        " lines.")
    ev.add_argument("gold", nargs="+", metavar="GOLD", help="gold files or folders")
    src = ev.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", metavar="FILE",
                     help="predictions: zhfacts extract output (JSONL or --format json)")
    src.add_argument("--articles", metavar="DIR",
                     help="extract the gold articles from DIR now, each at "
                     "its gold file's own ref_date (the article whose id is the gold id)")
    ev.add_argument("--rules", metavar="DIR",
                    help="rules folder for --articles (default: the bundled rules)")
    ev.add_argument("--min-f1", type=_fraction, metavar="X",
                    help="fail (exit 1) when a fact F1 is below X")
    ev.add_argument("--min-boilerplate-f1", type=_fraction, metavar="X",
                    help="fail (exit 1) when the boilerplate F1 is below X")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")

    rv = sub.add_parser("review", help="an HTML page to review facts and removed lines",
                        description="Write one self-contained HTML page: each article's text with"
                        " its "
                        "facts highlighted, removed lines and warnings. PATH is input articles or "
                        "an existing zhfacts output (JSONL/JSON).")
    rv.add_argument("paths", nargs="+", metavar="PATH")
    rv.add_argument("-o", "--output", metavar="FILE.html", help="output file (default: stdout)")
    rv.add_argument("--ref-date", type=_ref_date, metavar="YYYY-MM-DD",
                    help="fallback reference date, for articles that state no date of their own")
    _add_timeout(rv)
    _add_rules(rv)

    gd = sub.add_parser("gold", help="gold files from the decisions made on a review page",
                        description="Turn the review page's decisions (JSONL) into one gold file"
                        " per "
                        "reviewed article: its predicted facts minus those marked wrong, plus the "
                        "missed ones; unmarked facts are kept.")
    gd.add_argument("decisions", metavar="DECISIONS.jsonl")
    gd.add_argument("--pred", required=True, metavar="FILE",
                    help="the output the page was made from")
    gd.add_argument("-o", "--output", required=True, metavar="DIR",
                    help="folder for the *.gold.json files")

    xp = sub.add_parser("export", help="an output as facts and articles tables (Parquet or CSV)",
                        description="Write DIR/facts.FORMAT (one row per fact) and"
                        " DIR/articles.FORMAT "
                        "(one row per article) for SQL over an archive.")
    xp.add_argument("path", metavar="OUT.jsonl", help="a zhfacts extract output (JSONL)")
    xp.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                    help="table format (default: %(default)s; parquet needs the export extra)")
    xp.add_argument("-o", "--output", required=True, metavar="DIR",
                    help="folder for the two tables")

    ru = sub.add_parser("rules", help="list the rules with their example counts",
                        description="List rule files and rules with their examples and"
                        " counterexamples; "
                        "--check validates rules/ and compiles every stage.")
    ru.add_argument("--check", action="store_true",
                    help="validate, compile and probe every pattern "
                    "against adversarial strings; exit 1 on an error")
    ru.add_argument("--rules", metavar="DIR", help="rules folder (default: the bundled rules)")
    return p


# -- helpers ------------------------------------------------------------------------------------

def _check_inputs(paths: Sequence[str]) -> None:
    from . import sources
    try:
        sources.check_paths(paths)
    except sources.SourceError as e:
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


def _load_rules(rules_dir: str | None, probe: bool = True):
    """The rules loaded and every stage built, in this process, before any worker starts: a
    broken rules folder is one clear line (exit 2), not a failure in each worker. A user's rules
    folder is probed for catastrophic patterns (rules.probe_patterns) unless `probe` is off."""
    from .batch import worker_pipeline
    from .rules import RuleError, probe_patterns
    if rules_dir is not None and not Path(rules_dir).is_dir():
        raise UsageError(f"{rules_dir}: rules folder not found")
    try:
        rules = worker_pipeline(rules_dir).rules
        if rules_dir is not None and probe:
            probe_patterns(rules)
        return rules
    except RuleError as e:
        raise UsageError(str(e).splitlines()[0]) from None
    except Exception as e:
        raise UsageError(f"the rules in {rules_dir or 'the bundled rules/'} do not build: "
                         f"{type(e).__name__}: {e}".splitlines()[0]) from None


def progress(items: Iterable, enabled: bool = True, unit: str = "article", total=None,
             size: int | None = None, read=None) -> Generator:
    """A progress bar on stderr when stderr is a terminal: tqdm if installed, else a counter.
    `total`: a number, or a function asked once the first item is out (extract learns the number
    of articles in its first pass), for tqdm's percentage and ETA. Without a total, `size` (bytes
    of the input) and `read()` (bytes read so far) make a bar in bytes with an ETA instead."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield from _counter(items, unit)
        return
    tqdm.monitor_interval = 0  # no monitor thread
    it = iter(items)
    first = next(it, None)
    if first is None:
        return
    n = total() if callable(total) else total
    if n is None and size and read is not None:  # progress in bytes read
        with tqdm(total=size, unit="B", unit_scale=True, file=sys.stderr,
                  dynamic_ncols=True) as bar:
            for item in itertools.chain([first], it):
                bar.update(max(0, min(read(), size) - bar.n))
                yield item
        return
    with tqdm(total=n, unit=unit, file=sys.stderr, dynamic_ncols=True) as bar:
        bar.update(1)
        yield first
        for item in it:
            bar.update(1)
            yield item


def _counter(items: Iterable, unit: str) -> Iterator:
    """progress() without tqdm: a count on stderr every 50 items."""
    n = 0
    for n, item in enumerate(items, 1):
        if n % 50 == 0:
            sys.stderr.write(f"\r{n} {unit}s")
            sys.stderr.flush()
        yield item
    sys.stderr.write(f"\r{n} {unit}s\n")


# -- commands -----------------------------------------------------------------------------------

def _limits(args) -> dict:
    """sources.read's keyword arguments: the --max-* options as `limits=` (the defaults where
    not given), and a ReadStats (`stats=`) that counts skipped inputs for the summary."""
    from .limits import Limits, ReadStats
    d = Limits.default()
    try:
        limits = Limits(max_chars=args.max_chars or d.max_chars,
                        max_bytes=args.max_bytes or d.max_bytes,
                        max_ratio=args.max_ratio or d.max_ratio)
    except ValueError as e:
        raise UsageError(str(e)) from None
    return {"limits": limits, "stats": ReadStats()}


def cmd_extract(args) -> int:
    from . import batch, sinks, sources
    from .summary import Summary
    if args.resume and args.output in (None, "-"):
        raise UsageError("--resume needs -o FILE (stdout cannot be resumed)")
    _check_inputs(args.paths)
    _check_output(args.output)
    if args.dask is not None and not args.dask.strip():
        raise UsageError("--dask needs an address or 'local'")
    if args.rules is not None or args.dask is not None:
        _load_rules(args.rules, probe=not args.skip_rule_probe)
    # else batch.run builds the bundled rules' Pipeline once, where it runs: in the forkserver
    # the workers fork from, or here with one job (a failure is a batch.BuildError: exit 2)
    fmt = sinks.format_for(args.output, args.format)
    out = None
    if args.output not in (None, "-"):
        try:
            out = sinks.FileOutput(args.output, fmt, resume=args.resume, overwrite=args.overwrite)
        except sinks.OutputError as e:
            raise UsageError(str(e)) from None
        except OSError as e:
            raise UsageError(
                f"{args.output}: cannot read the partial output: {e.strerror or e}"
            ) from None
    done = out.done if out is not None else []
    read_kw = _limits(args)
    summary = Summary(done, out.done_errors if out is not None else ())
    total: list[int] = []
    kw = {"chunk_size": args.chunk_size} if args.chunk_size else {}
    articles = batch.run(args.paths, ref_date=args.ref_date, force_ref_date=args.force_ref_date,
                         jobs=args.jobs, dask=args.dask, rules_dir=args.rules,
                         repeats=not args.no_repeats, timeout=args.timeout or None, done=done,
                         on_total=total.append, read_kw=read_kw,
                         # JSONL written as the workers encoded it: no fields to send beside it
                         fields=out is None and fmt != "jsonl", **kw)
    show = not args.no_progress and sys.stderr.isatty()
    size = sources.estimate(args.paths) if show and args.no_repeats else None
    stream = summary.watch(progress(articles, show,
                                    total=lambda: (total[0] - len(done)) if total else None,
                                    size=size, read=lambda: read_kw["stats"].bytes_read))
    old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        try:  # the first record before the output is opened: a run that cannot start leaves none
            first = next(stream, None)
        except RuntimeError as e:  # --dask without the dask extra, or no scheduler at that address
            raise UsageError(str(e)) from None
        except batch.ResumeError as e:
            raise UsageError(f"cannot resume {out.partial if out else args.output}: {e}") from None
        try:
            if out is None:
                with sinks.open_sink(None, fmt) as sink:
                    for a in _chain(first, stream):
                        sink.write(a)
            else:
                try:
                    for a in _chain(first, stream):
                        out.write(a)
                finally:
                    out.close()  # complete lines stay in FILE.partial, whatever happened
                out.finish()
        except batch.ResumeError as e:
            raise UsageError(f"cannot resume {out.partial if out else args.output}: {e}") from None
        except batch.BuildError as e:  # found only when a pool broke (batch.forkserver_builds)
            raise UsageError(str(e)) from None
        except OSError as e:
            if isinstance(e, BrokenPipeError):
                raise
            where = e.filename or args.output or "stdout"
            raise UsageError(f"cannot write {where}: {e.strerror or e}") from None
    except KeyboardInterrupt:
        stream.close()
        articles.close()  # the workers are killed now, not at exit
        if out is not None and os.path.exists(out.partial):
            print(f"zhfacts extract: stopped; {summary.resumed + summary.articles} records are in "
                  f"{out.partial}: --resume continues", file=sys.stderr)
        raise
    finally:
        signal.signal(signal.SIGTERM, old_term)
        articles.close()
    stats = read_kw.get("stats")
    if stats is not None:
        summary.skipped.update(stats.skipped)
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    if args.fail_on_error and summary.error_count:
        print(f"zhfacts extract: {summary.error_count} records have an error (--fail-on-error)",
              file=sys.stderr)
        return EXIT_ERRORS
    return 0


def _chain(first, rest):
    if first is not None:
        yield first
        yield from rest


def cmd_eval(args) -> int:
    for g in args.gold:
        if not Path(g).exists():
            raise UsageError(f"{g}: no such gold file or folder")
    if args.pred is not None and not Path(args.pred).is_file():
        raise UsageError(f"{args.pred}: no such predictions file")
    if args.articles is not None and not Path(args.articles).is_dir():
        raise UsageError(f"{args.articles}: no such articles folder")
    from . import evaluate  # lazy: the scorer is not needed to extract
    try:
        pred = args.pred
        if args.articles is not None:
            _load_rules(args.rules)
            pred = evaluate.extract_pred(evaluate.load_gold(args.gold), args.articles, args.rules)
        return evaluate.run(list(args.gold), pred, min_f1=args.min_f1,
                            min_boilerplate_f1=args.min_boilerplate_f1, verbose=args.verbose,
                            as_json=args.json)
    except evaluate.EvalError as e:
        raise UsageError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None


def cmd_review(args) -> int:
    from . import batch, review
    _check_inputs(args.paths)
    _check_output(args.output)
    _load_rules(args.rules, probe=not args.skip_rule_probe)
    batch.DEFAULT_TIMEOUT = args.timeout or None  # review runs articles through batch.run
    if args.output in (None, "-"):
        sys.stdout.write(review.render_paths(args.paths, ref_date=args.ref_date,
                                             rules_dir=args.rules))
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
        out.write(
            f"{name + '.yaml':<30} {rf.type:<9} {len(rf.rules):>3} rules {n_ex:>5} {n_cx:>8}\n"
        )
        for r in rf.rules:
            n_ex, n_counter = len(r.get("examples") or []), len(r.get("counterexamples") or [])
            out.write(f"  {r['id']:<38} {n_ex:>8} {n_counter:>8}\n")
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
            from .rules import probe_patterns
            Pipeline(rules=rules)  # every stage compiles its rules
            probe_patterns(rules)  # no pattern backtracks for ever on adversarial strings
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
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- stdout until the process ends
        return 0
    except Terminated:
        print("zhfacts: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("zhfacts: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
