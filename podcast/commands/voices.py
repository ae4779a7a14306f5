"""podcast voices [--measure] [--engine NAME]: the engines and voices, installed or not, and who speaks what."""
from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError
from ..folders import VoicesFolder
from .paths import nearest_show_file


def _rows(cast) -> list[tuple]:
    """(VoiceInfo, roles) for every engine's voices, plus the cast's voices no engine lists (files, models)."""
    from ..voicing.engines import VoiceInfo, check_voice, list_voices

    infos = list_voices()
    roles: dict[tuple[str, str], list[str]] = {}
    for role, spec in cast.roles.items():
        roles.setdefault((spec.engine, spec.voice), []).append(role)
        if not any((i.engine, i.voice) == (spec.engine, spec.voice) for i in infos):
            try:
                check_voice(*spec)
                infos.append(VoiceInfo(spec.engine, spec.voice, True, True, None, "from the cast"))
            except LookupError as e:
                infos.append(VoiceInfo(spec.engine, spec.voice, False, False, None, str(e)))
    return [(i, roles.get((i.engine, i.voice), [])) for i in infos]


def _measure(info, spec):
    from ..voicing.engines import load_engine
    from ..voicing.intelligibility import measure

    engine = load_engine(*spec) if spec else load_engine(info.engine, info.voice)
    return replace(info, sample_rate=engine.sample_rate), measure(engine).word_error_rate


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]).rstrip() for r in rows)


def check_engine(name: str) -> None:
    """--engine names one of the engines (the registry's), or the error names them."""
    from ..voicing.engines import ENGINES

    if name not in ENGINES:
        near = difflib.get_close_matches(name, ENGINES, n=1)
        raise UsageError(f"--engine: no engine {name!r}{f'; did you mean {near[0]!r}?' if near else ''} "
                         f"(engines: {', '.join(ENGINES)})")


def run(args) -> None:
    from ..voicing.cast import read_cast

    if args.engine:
        check_engine(args.engine)
    show_file = args.show or nearest_show_file(Path.cwd())
    cast = read_cast(VoicesFolder.of(show_file.parent if show_file else Path(".")).cast)
    specs = {(s.engine, s.voice): s for s in cast.roles.values()}
    out = [["engine", "voice", "installed", "offline", "rate_hz", "WER", "roles", "note"]]
    for info, roles in _rows(cast):
        if args.engine and info.engine != args.engine:
            continue
        wer = ""
        if args.measure and info.installed:
            info, score = _measure(info, specs.get((info.engine, info.voice)))
            wer = f"{100 * score:.1f}%"
        yes = {True: "yes", False: "no"}
        out.append([info.engine, info.voice, yes[info.installed], yes[info.offline],
                    str(info.sample_rate or "?"), wer or "-", ",".join(roles) or "-",
                    info.note])
    print(table(out))
    if args.measure:
        from ..voicing.intelligibility import PASSAGE

        print(f"\nWER: pocketsphinx's word error rate on a fixed {len(PASSAGE.split())}-word passage, read sentence "
              f"by sentence (lower is clearer; a ranking, not an absolute).")


def register(sub) -> None:
    p = sub.add_parser("voices", help="list engines and voices, installed or not, and the cast")
    p.add_argument("--measure", action="store_true",
                   help="also score each installed voice's intelligibility (pocketsphinx word error rate)")
    p.add_argument("--engine", metavar="NAME", help="only this engine's voices: hibari, piper, coqui or espeak "
                                                   "(default: every engine's)")
    p.set_defaults(run=run)
