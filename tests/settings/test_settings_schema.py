"""The settings files' schema (podcast/settings): each mistake is one line naming the file, the table and the key,
with the fix where there is one; every mistake of a file at once; no traceback for any value; valid files read
as before; and README's settings tables name exactly the schema's keys, with their defaults."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from pathlib import Path

import pytest

from podcast.config import EpisodeMeta, Music, load_episode_meta, load_show
from podcast.errors import SettingsError
from podcast.settings import CastFile, EpisodeFile, LexiconFile, ShowFile
from podcast.settings.fields import shown
from podcast.settings.problems import table_model
from podcast.voicing.cast import VoiceSpec, load_cast, read_cast
from podcast.voicing.lexicon import load_lexicon

from tests.support.show import REPO, an99_excerpt, make_episode, run_podcast

GOOD_SHOW = (REPO / "podcast.toml").read_text(encoding="utf-8")
GOOD_EPISODE = 'number = 98\ntitle = "AN #98: Understanding neural net training"\ndate = 2020-05-06\n'
MINIMAL_SHOW = ('title = "T"\ndescription = "D"\nauthor = "A"\nowner_email = "a@example.org"\n'
                'base_url = "https://example.org/podcast"\n')
LOADERS = {"podcast.toml": load_show, "episode.toml": load_episode_meta, "cast.toml": read_cast,
           "lexicon.toml": load_lexicon}


def show_with(old: str, new: str) -> str:
    assert old in GOOD_SHOW, old
    return GOOD_SHOW.replace(old, new, 1)


MISTAKES = [  # (file, its text, the one line after "<path>: ")
    ("podcast.toml", show_with("explicit = false", "explict = false"),
     "unknown key 'explict'; did you mean 'explicit'?"),
    ("podcast.toml", show_with("[loudness]", "[loudnes]"), "unknown table [loudnes]; did you mean [loudness]?"),
    ("podcast.toml", show_with("integrated_lufs = -16.0", "integrated = -16.0"),
     "unknown key 'integrated' in [loudness]; did you mean 'integrated_lufs'?"),
    ("podcast.toml", show_with("bitrate_kbps = 64", 'bitrate_kbps = "64k"'), '[mp3] bitrate_kbps: "64k" is not a whole number'),
    ("podcast.toml", show_with("bitrate_kbps = 64", 'bitrate_kbps = "64"'),
     '[mp3] bitrate_kbps: "64" is not a whole number; write it unquoted: bitrate_kbps = 64'),
    ("podcast.toml", show_with("bitrate_kbps = 24", 'bitrate_kbps = "24"'),
     '[opus] bitrate_kbps: "24" is not a whole number; write it unquoted: bitrate_kbps = 24'),
    ("podcast.toml", show_with("bitrate_kbps = 24", "bitrate_kbps = 300"), "[opus] bitrate_kbps: 300 is not between 6 and 256"),
    ("podcast.toml", show_with("true_peak_dbtp = -1.0", 'true_peak_dbtp = "minus one"'),
     '[loudness] true_peak_dbtp: "minus one" is not a number'),
    ("podcast.toml", show_with("true_peak_dbtp = -1.0", "true_peak_dbtp = 3"), "[loudness] true_peak_dbtp: 3.0 is not between -10 and 0"),
    ("podcast.toml", show_with("sample_rate_hz = 44100", "sample_rate_hz = 44000"),
     "[mp3] sample_rate_hz: 44000 is not one of 16000, 22050, 24000, 32000, 44100, 48000"),
    ("podcast.toml", show_with("sample_rate_hz = 44100", "sample_rate_hz = 22050").replace("bitrate_kbps = 64", "bitrate_kbps = 192"),
     "[mp3] bitrate_kbps: 192 is not an MP3 bitrate at 22050 Hz (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)"),
    ("podcast.toml", show_with("explicit = false", 'explicit = "no"'), 'explicit: "no" is not true or false'),
    ("podcast.toml", show_with("enabled = true", 'enabled = "true"'),
     '[opus] enabled: "true" is not true or false; write it unquoted: enabled = true'),
    ("podcast.toml", show_with('language = "en"', 'language = "English"'),
     'language: "English" is not a language code like "en" or "en-US"'),
    ("podcast.toml", show_with('category = "Technology"', 'category = "Tech"'),
     'category: "Tech" is not one of Arts, Business, Comedy, Education, Fiction, Government, Health & Fitness, History, '
     'Kids & Family, Leisure, Music, News, Religion & Spirituality, Science, Society & Culture, Sports, TV & Film, '
     'Technology, True Crime'),
    ("podcast.toml", show_with("# apple_id = 1234567890", "apple_id = 1234567890.0"),
     "apple_id: 1234567890.0 is not a whole number; write it without a decimal point"),
    ("podcast.toml", show_with('author = "Rohin Shah"', 'author = ""'), 'author: "" is blank'),
    ("podcast.toml", show_with('title = "Alignment Newsletter Podcast"\n', ""), "missing key 'title'"),
    ("podcast.toml", MINIMAL_SHOW + "people = 1\n",
     "people: 1 is not a table; write it as a table: [people], with its keys on the lines below"),
    ("podcast.toml", show_with('# outro = "music/outro.wav"', 'outro = "gone.wav"'),
     "[music] outro: file \"gone.wav\" not found (in {folder})"),
    ("podcast.toml", MINIMAL_SHOW + '[feeds.highlights]\ntitle = "T (Highlights)"\nsections = []\n',
     '[feeds.highlights] sections: [] selects nothing; name at least one section, as the issues head it ("Highlights")'),
    ("podcast.toml", MINIMAL_SHOW + '[feeds.highlights]\ntitle = "T (Highlights)"\n',
     "[feeds.highlights] missing key 'sections'"),
    ("podcast.toml", MINIMAL_SHOW + '[feeds.Best]\ntitle = "T (Best)"\nsections = ["Highlights"]\n',
     "[feeds.Best]: \"Best\" is not a feed name: lower-case letters, digits and '-', at most 40 (it names feeds/NAME.xml)"),
    ("podcast.toml", MINIMAL_SHOW + '[feeds."abc\\n"]\ntitle = "T (abc)"\nsections = ["Highlights"]\n',
     '[feeds."abc\\n"]: "abc\\n" is not a feed name: lower-case letters, digits and \'-\', at most 40 (it names feeds/NAME.xml)'),
    ("episode.toml", GOOD_EPISODE.replace("date = 2020-05-06", 'date = "2020-05-06"'),
     'date: "2020-05-06" is not a date; write it unquoted: date = 2020-05-06'),
    ("episode.toml", GOOD_EPISODE.replace("date = 2020-05-06", 'date = "last week"'),
     'date: "last week" is not a date; write a date unquoted, like date = 2020-05-13'),
    ("episode.toml", GOOD_EPISODE + 'lnk = "https://example.org/98"\n', "unknown key 'lnk'; did you mean 'link'?"),
    ("episode.toml", GOOD_EPISODE.replace("number = 98", 'number = "98"'),
     'number: "98" is not a whole number; write it unquoted: number = 98'),
    ("episode.toml", GOOD_EPISODE.replace("number = 98", "number = 0"), "number: issue number 0 is not between 1 and 9999"),
    ("episode.toml", GOOD_EPISODE + 'link = "javascript:alert(1)"\n',
     "link: javascript: is not published (only http, https, mailto); give an http(s) or mailto link, or none"),
    ("episode.toml", GOOD_EPISODE + '[narration]\nforce = "098-00-intro"\n', '[narration] force: "098-00-intro" is not a list'),
    ("episode.toml", GOOD_EPISODE + '[narration]\nforse = ["098-00-intro"]\n',
     "unknown key 'forse' in [narration]; did you mean 'force'?"),
    ("cast.toml", '[narator]\nengine = "hibari"\nvoice = "heart"\n',
     'unknown role [narator]; did you mean [narrator]? (roles: narrator, section, quote, opinion, "opinion:NAME")'),
    ("cast.toml", '[quote]\nengine = "piper"\n', "[quote] missing key 'voice'"),
    ("cast.toml", '[quote]\nengine = "espeak"\nvoice = "en-us"\nspeed = [1, 2]\n',
     "[quote] speed: [1, 2] is not text, a number or true/false"),
    ("cast.toml", 'narrator = "hibari"\n',
     'narrator: "hibari" is not a table; write it as a table: [narrator], with its keys on the lines below'),
    ("lexicon.toml", '[hibri]\nRohin = "ɹˈOhɪn"\n', "unknown table [hibri]; did you mean [hibari]?"),
    ("lexicon.toml", "[say]\nML = 3\n", "[say] ML: 3 is not text (in quotes)"),
    ("lexicon.toml", 'AI = "A I"\n', "unknown key 'AI' (known: [say], [hibari])"),
]


@pytest.mark.parametrize("name, text, line", MISTAKES, ids=[f"{m[0]}:{m[2][:40]}" for m in MISTAKES])
def test_each_mistake_is_one_line_naming_the_file_the_table_and_the_key(tmp_path: Path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        LOADERS[name](path)
    assert err.value.lines() == [f"{path}: {line.format(folder=tmp_path)}"]


def test_every_mistake_of_a_file_in_one_run_of_the_build(show_dir: Path):
    toml = GOOD_SHOW.replace("explicit = false", "explict = false").replace("bitrate_kbps = 64", 'bitrate_kbps = "64k"')
    toml = toml.replace("true_peak_dbtp = -1.0", 'true_peak_dbtp = "minus one"').replace("bitrate_kbps = 24", 'bitrate_kbps = "24"')
    (show_dir / "podcast.toml").write_text(toml + "\n[loudnes]\nintegrated_lufs = -14\n", encoding="utf-8")
    episode = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt())
    done = run_podcast("build", str(episode), "--site", str(show_dir / "public"))
    path = show_dir / "podcast.toml"
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert sorted(done.stderr.splitlines()) == sorted(f"podcast: error: {path}: {line}" for line in [
        "unknown key 'explict'; did you mean 'explicit'?",
        "unknown table [loudnes]; did you mean [loudness]?",
        '[loudness] true_peak_dbtp: "minus one" is not a number',
        '[mp3] bitrate_kbps: "64k" is not a whole number',
        '[opus] bitrate_kbps: "24" is not a whole number; write it unquoted: bitrate_kbps = 24',
    ])
    assert not (show_dir / "public").exists()


def test_every_missing_key_of_an_episode_at_once(tmp_path: Path):
    path = tmp_path / "episode.toml"
    path.write_text('titel = "AN #98"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_episode_meta(path)
    assert err.value.problems == ["missing key 'number'", "missing key 'title'", "missing key 'date'",
                                  "unknown key 'titel'; did you mean 'title'?"]


def test_every_voice_of_the_cast_not_installed_in_one_run(tmp_path: Path):
    path = tmp_path / "cast.toml"
    path.write_text('[narrator]\nengine = "hibari"\nvoice = "fenrir"\n\n[quote]\nengine = "festival"\nvoice = "kal"\n')
    with pytest.raises(SettingsError) as err:
        load_cast(path)
    [narrator, quote] = err.value.lines()
    assert narrator.startswith(f"{path}: role [narrator]: ") and "would need a download" in narrator
    assert quote == f"{path}: role [quote]: unknown engine 'festival' (engines: hibari, piper, coqui, espeak)"


VALUES = ["text", 1.5, -3, True, [1], {"a": 1}, dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 10, 0), dt.time(10, 0)]


def toml_value(value) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return shown(value)


@pytest.mark.parametrize("value", VALUES, ids=[type(v).__name__ for v in VALUES])
def test_no_value_anywhere_gives_a_traceback(tmp_path: Path, value):
    """Every key of podcast.toml and episode.toml given each kind of TOML value: it is read, or refused in one
    line per mistake; never another exception."""
    for name, model, base in [("podcast.toml", ShowFile, MINIMAL_SHOW), ("episode.toml", EpisodeFile, GOOD_EPISODE)]:
        for key in schema_keys(model):
            table, _, leaf = key.rpartition(" ")
            table = table.strip("[]")
            lines = [line for line in base.splitlines() if not line.startswith(f"{leaf} =")] if not table else \
                base.splitlines()
            text = "\n".join(lines) + "\n" + (f"[{table}]\n" if table else "") + f"{leaf.replace('NAME', 'Flo')} = {toml_value(value)}\n"
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            try:
                LOADERS[name](path)
            except SettingsError as e:
                assert all(line.startswith(f"{path}: ") and "\n" not in line for line in e.lines()), e.lines()


def test_valid_files_read_as_before():
    show = load_show(REPO / "podcast.toml")
    assert dataclasses.asdict(show) == dataclasses.asdict(dataclasses.replace(
        show, title="Alignment Newsletter Podcast", author="Rohin Shah", owner_name="Alignment Newsletter",
        owner_email="podcast@alignment-newsletter.example", language="en", category="Technology", explicit=False,
        base_url="https://alignment-newsletter.example/podcast/", artwork=REPO / "artwork.png", loudness_lufs=-16.0,
        true_peak_dbtp=-1.0, mp3_bitrate_kbps=64, mp3_sample_rate_hz=44100, root=REPO, narrator=None, music=Music(),
        opus_enabled=True, opus_bitrate_kbps=24, apple_id=None, stats_prefix=None))
    assert show.people["Rohin"] == "Rohin Shah" and len(show.people) == 9
    assert load_episode_meta(REPO / "episodes" / "099" / "episode.toml") == EpisodeMeta(
        99, "AN #99: Doubling times for the efficiency of AI algorithms", dt.date(2020, 5, 13),
        "https://rohinshah.com/alignment-newsletter/", None)
    assert read_cast(REPO / "voices" / "cast.toml").roles == {"narrator": VoiceSpec("hibari", "heart", ())}
    lexicon = load_lexicon(REPO / "voices" / "lexicon.toml")
    assert lexicon.say["AGI"] == "A G I" and set(lexicon.phonemes) <= {"hibari"}


def test_defaults_of_a_minimal_show_are_the_ones_it_always_had(tmp_path: Path):
    (tmp_path / "podcast.toml").write_text(MINIMAL_SHOW + 'people = { " Flo " = " Flo Dorner " }\n')
    show = load_show(tmp_path / "podcast.toml")
    assert (show.owner_name, show.language, show.category, show.explicit, show.base_url, show.artwork) == \
        ("A", "en", "Technology", False, "https://example.org/podcast/", None)
    assert (show.loudness_lufs, show.true_peak_dbtp, show.mp3_bitrate_kbps, show.mp3_sample_rate_hz) == (-16, -1, 64, 44100)
    assert (show.opus_enabled, show.opus_bitrate_kbps, show.music, show.people) == (True, 24, Music(), {"Flo": "Flo Dorner"})
    episode = tmp_path / "episode.toml"
    episode.write_text(GOOD_EPISODE.replace("date = 2020-05-06", "date = 2020-05-06T10:30:00"))
    assert load_episode_meta(episode).date == dt.date(2020, 5, 6), "a date-time counts as its date, as before"


PLACEHOLDERS = {"people": "NAME", "say": "WORD", "hibari": "WORD", "feeds": "NAME"}
"""How README's tables write a table's keys that are names the producer chooses."""


def schema_keys(model) -> dict[str, str]:
    """Every key of a settings model as README's tables write it ("[mp3] bitrate_kbps"), with its default as
    the tables give it: `"en"`-style TOML in backticks, "required", or None (described in words)."""
    if model is CastFile:
        voice = table_model(CastFile, "narrator")
        return {**{f"[ROLE] {k}": default(f) for k, f in voice.model_fields.items()}, "[ROLE] SETTING": None}
    keys = {}
    for name, field in model.model_fields.items():
        sub = table_model(model, name)
        if sub is not None and typing.get_origin(field.annotation) is dict:  # tables the producer names: [feeds.NAME]
            keys.update({f"[{name}.{PLACEHOLDERS[name]}] {k}": default(f) for k, f in sub.model_fields.items()})
        elif sub is not None:
            keys.update({f"[{name}] {k}": default(f) for k, f in sub.model_fields.items()})
        elif typing.get_origin(field.annotation) is dict:
            keys[f"[{name}] {PLACEHOLDERS[name]}"] = None
        else:
            keys[name] = default(field)
    return keys


def default(field) -> str | None:
    if field.is_required():
        return "required"
    return None if field.default is None else f"`{shown(field.default)}`"


def readme_tables() -> dict[str, dict[str, str]]:
    """README's "Settings" section: per file (its ### heading), key -> default cell."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for part in section.split("\n### ")[1:]:
        name, body = part.split("\n", 1)
        rows = [row.split(" | ") for row in body.splitlines() if row.startswith("| `")]
        tables[name.strip()] = {re.fullmatch(r"\| `(.+)`", cells[0])[1]: cells[2] for cells in rows}
    return tables


def test_readme_settings_tables_name_every_key_of_the_schema_with_its_default():
    tables = readme_tables()
    models = {"podcast.toml": ShowFile, "episode.toml": EpisodeFile, "voices/cast.toml": CastFile,
              "voices/lexicon.toml": LexiconFile}
    assert set(tables) == set(models)
    for name, model in models.items():
        keys = schema_keys(model)
        assert set(tables[name]) == set(keys), name
        for key, cell in tables[name].items():
            if keys[key] is None:
                assert not cell.startswith("`") and cell != "required", (name, key, cell)
            else:
                assert cell == keys[key], (name, key, cell)
