"""Who speaks (issue 35): an episode says in its audio, its metadata and its transcripts how it is read, from
what the build used: the synthetic voice alone, the narrator's takes and the synthetic voice, or the narrator
alone; only a person whose takes are used is credited as narrator. The wording decisions are checked on the
script with the takes' verdicts given; real builds (TTS alone: the published site; one segment from a take of
the tests' second voice, Piper's joe) are read back with pocketsphinx, lxml, webvtt-py and the npm feed
parsers."""
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import webvtt
from lxml import etree

import podcast.narration
from podcast.audio import SegmentAudio, Source
from podcast.build import credits
from podcast.heard_script import as_heard
from podcast.config import Disclosure, load_show
from podcast.episode import load_episode
from podcast.errors import InputError
from podcast.mastering.master import speaker_of
from podcast.narration import Assessment, SegmentStatus, TakeState
from podcast.publishing import load_catalog
from podcast.publishing.catalog import EpisodeEntry, PersonEntry
from podcast.publishing.disclosure import episode_description, read_by, show_description
from podcast.recognition import transcribe
from podcast.scripting import Reading, statement, with_statement

from tests.support.audio import decode
from tests.support.files import private_copy
from tests.support.show import REPO, an99_excerpt, make_episode, run_podcast

NARRATOR = "Joe Reader"
"""The narrator named in the test show's podcast.toml (the takes are Piper's joe voice)."""


# --- Settings and wording -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def show():
    return load_show(REPO / "podcast.toml")


def disclosing(toml: str, settings: str) -> str:
    """podcast.toml's text with these lines in its [disclosure] table."""
    assert toml.count("\n[disclosure]\n") == 1
    return toml.replace("\n[disclosure]\n", f"\n[disclosure]\n{settings}\n")


def with_disclosure(show, **settings):
    return replace(show, disclosure=replace(show.disclosure, **settings))


def test_defaults_are_short_and_plain(show):
    assert show.disclosure == Disclosure()
    assert [statement(show, r) for r in Reading] == [
        "This episode is read by a synthetic voice.",
        "This episode is read by Rohin Shah, with some parts in a synthetic voice.",
        "This episode is read by Rohin Shah."], "the narrator defaults to the author"


@pytest.mark.parametrize("settings, problem", [
    ('mixed = "Read by {reader}."', '[disclosure] mixed: "Read by {reader}.": the only placeholder is {narrator}'),
    ('synthetic = "  "', '[disclosure] synthetic: "  " is blank'),
    ('speaker = ""', '[disclosure] speaker: "" is blank'),
    ('audio = "no"', '[disclosure] audio: "no" is not true or false'),
    ("announce_synthetic_chapters = 1", "[disclosure] announce_synthetic_chapters: 1 is not true or false"),
])
def test_bad_disclosure_settings_are_one_line(tmp_path, settings, problem):
    path = tmp_path / "podcast.toml"
    path.write_text(disclosing((REPO / "podcast.toml").read_text(), settings))
    with pytest.raises(InputError) as err:
        load_show(path)
    assert str(err.value) == f"{path}: {problem}"


def test_the_producer_words_it(tmp_path):
    path = tmp_path / "podcast.toml"
    path.write_text(f'narrator = "{NARRATOR}"\n' + disclosing((REPO / "podcast.toml").read_text(),
                    'mixed = "Mostly {narrator}; the rest is a computer voice."\nspeaker = "TTS"'))
    show = load_show(path)
    assert statement(show, Reading.MIXED) == "Mostly Joe Reader; the rest is a computer voice."
    assert statement(show, Reading.SYNTHETIC) == Disclosure.synthetic and show.disclosure.speaker == "TTS"


@pytest.fixture
def episode(tmp_path, show):
    return load_episode(make_episode(tmp_path / "099", 99, an99_excerpt(), "AN #99: Excerpt"), show)


def test_statement_follows_the_intro_in_the_opening_chapter(episode):
    intro, said = episode.script.segments[:2]
    assert (said.id, said.kind, said.chapter_index, said.chapter) == ("099-00-disclosure", "disclosure", 0, intro.chapter)
    assert said.text == "This episode is read by a synthetic voice.", "no take in recordings/: the synthetic wording"


def test_audio_statement_turned_off_leaves_the_script_without_it(tmp_path, show):
    folder = make_episode(tmp_path / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    script = load_episode(folder, with_disclosure(show, audio=False)).script
    assert "disclosure" not in {s.kind for s in script.segments}


def test_podcast_script_words_it_for_the_takes_found(show_dir):
    """`podcast script` shows the episode as the takes in recordings/ would make it, each accepted: here the
    closing's take (its name is all that is read), with the synthetic chapters announced when asked."""
    toml = show_dir / "podcast.toml"
    toml.write_text(f'narrator = "{NARRATOR}"\n' + disclosing(toml.read_text(), "announce_synthetic_chapters = true"))
    folder = make_episode(show_dir / "episodes" / "099", 99, an99_excerpt(), "AN #99: Excerpt")
    (folder / "recordings").mkdir()
    (folder / "recordings" / "099-99-outro.wav").write_bytes(b"")
    done = run_podcast("script", str(folder), "--format", "json", cwd=show_dir)
    assert done.returncode == 0, done.stderr
    segments = {s["id"]: s for s in json.loads(done.stdout)["segments"]}
    assert segments["099-00-disclosure"]["text"] == f"This episode is read by {NARRATOR}, with some parts in a synthetic voice."
    assert [i for i, s in segments.items() if s["kind"] == "announcement"] == ["099-01-announcement", "099-02-announcement"]


# --- What the build decides from the takes' verdicts ---------------------------------------------------------

def audio_of(segment_id: str, source: Source) -> SegmentAudio:
    return SegmentAudio(segment_id, np.zeros(2205, np.float32), 22050, (), source, str(source))


def judged(script, takes: dict[str, str]) -> Assessment:
    """The verdicts of takes whose speech is known: a take is matched when it says its segment's text."""
    statuses, narrated = [], {}
    for s in script.segments:
        if s.id not in takes:
            statuses.append(SegmentStatus(s.id, Source.TTS, TakeState.NONE, None, 0.1, None, None))
            continue
        used = takes[s.id] == s.text
        statuses.append(SegmentStatus(s.id, Source.NARRATOR if used else Source.TTS,
                                      TakeState.MATCHED if used else TakeState.MISMATCHED, f"recordings/{s.id}.wav",
                                      0.1, 1.0 if used else 0.2, None))
        if used:
            narrated[s.id] = audio_of(s.id, Source.NARRATOR)
    return Assessment(statuses, narrated, {})


def heard(episode, show, takes: dict[str, str], monkeypatch):
    """as_heard with these takes; returns its script, audio, reading and the texts it had voiced anew."""
    monkeypatch.setattr(podcast.narration, "assess_takes", lambda folder, script, tts, recognition, respell=None: judged(script, takes))
    voiced = []

    def voice(segments):
        voiced.extend(s.text for s in segments)
        return [audio_of(s.id, Source.TTS) for s in segments]

    tts = [audio_of(s.id, Source.TTS) for s in episode.script.segments]
    script, audios, _, reading = as_heard(episode, tts, show, episode.folder / "recognition", voice)
    return script, audios, reading, voiced


def wording(episode, show, reading: Reading) -> str:
    return with_statement(episode.script, show, reading).segments[1].text


def test_tts_alone_says_so_without_voicing_anything_again(episode, show, monkeypatch):
    script, audios, reading, voiced = heard(episode, show, {}, monkeypatch)
    assert reading == Reading.SYNTHETIC and voiced == [] and script == episode.script
    assert {a.source for a in audios} == {Source.TTS}


def test_one_take_makes_it_mixed_and_tts_says_so(episode, show, monkeypatch):
    outro = episode.script.segments[-1]
    script, audios, reading, voiced = heard(episode, show, {outro.id: outro.text}, monkeypatch)
    assert reading == Reading.MIXED and voiced == [wording(episode, show, Reading.MIXED)]
    assert script.segments[1].text == "This episode is read by Rohin Shah, with some parts in a synthetic voice."
    assert [a.source for a in audios] == [Source.TTS] * 7 + [Source.NARRATOR]


def test_narrator_alone_only_when_the_statement_is_the_narrators_too(episode, show, monkeypatch):
    """Every other segment from takes: the statement's take is judged against the narrator's wording; used, the
    episode is the narrator's alone; not used, TTS says the statement, so some of it is synthetic after all."""
    takes = {s.id: s.text for s in episode.script.segments[2:]} | {episode.script.segments[0].id: episode.script.segments[0].text}
    alone = wording(episode, show, Reading.NARRATOR)
    script, audios, reading, _ = heard(episode, show, {**takes, "099-00-disclosure": alone}, monkeypatch)
    assert (reading, script.segments[1].text) == (Reading.NARRATOR, "This episode is read by Rohin Shah.")
    assert {a.source for a in audios} == {Source.NARRATOR}

    script, audios, reading, voiced = heard(episode, show, {**takes, "099-00-disclosure": "something else"}, monkeypatch)
    assert (reading, script.segments[1].text) == (Reading.MIXED, wording(episode, show, Reading.MIXED))
    assert audios[1].source == Source.TTS and voiced[-1] == wording(episode, show, Reading.MIXED)


def test_a_statement_take_alone_makes_it_mixed(episode, show, monkeypatch):
    mixed = wording(episode, show, Reading.MIXED)
    script, audios, reading, _ = heard(episode, show, {"099-00-disclosure": mixed}, monkeypatch)
    assert (reading, script.segments[1].text, audios[1].source) == (Reading.MIXED, mixed, Source.NARRATOR)


def test_chapters_the_synthetic_voice_reads_are_announced_when_asked(episode, show, monkeypatch):
    outro = episode.script.segments[-1]
    takes = {outro.id: outro.text}
    script, _, _, _ = heard(episode, show, takes, monkeypatch)
    assert "announcement" not in {s.kind for s in script.segments}, "off by default"
    asked = with_disclosure(show, announce_synthetic_chapters=True)
    script, audios, _, voiced = heard(episode, asked, takes, monkeypatch)
    announced = [(s.id, s.chapter, s.text) for s in script.segments if s.kind == "announcement"]
    assert announced == [("099-01-announcement", "AI and Efficiency", "This part is read by a synthetic voice."),
                         ("099-02-announcement", "BERI seeking new university collaborators",
                          "This part is read by a synthetic voice.")], "not the opening, not the narrator's closing"
    assert [s.id for s in script.segments if s.chapter == "AI and Efficiency"][0] == "099-01-announcement"
    assert len(audios) == len(script.segments) and voiced.count("This part is read by a synthetic voice.") == 2
    _, _, _, voiced = heard(episode, asked, {}, monkeypatch)
    assert voiced == [], "TTS alone: the opening said it"


# --- Metadata and transcripts from the catalog entry ----------------------------------------------------------

def entry(**changes) -> EpisodeEntry:
    return replace(EpisodeEntry(99, "guid", "AN #99", "2020-05-13", "Excerpt.", None, "episodes/099/a.mp3", 1, 1.0),
                   **changes)


def test_credits_and_descriptions_say_who_reads(show):
    writer = PersonEntry("Flo Dorner", ["writer"])
    synthetic = entry(people=[writer], statement=statement(show, Reading.SYNTHETIC))
    mixed = entry(reading="mixed", people=[PersonEntry(NARRATOR, ["narrator"]), writer], statement="Read by Joe, partly.")
    alone = entry(reading="narrator", people=[PersonEntry(NARRATOR, ["narrator", "writer"])], statement="Read by Joe.")
    assert [read_by(e) for e in (synthetic, mixed, alone)] == [
        "Read by a synthetic voice", "Read by Joe Reader and a synthetic voice", "Read by Joe Reader"]
    assert episode_description(show, synthetic) == "Excerpt. This episode is read by a synthetic voice."
    assert show_description(show, [alone, mixed]).endswith(" This show is read in whole or in part by a synthetic voice.")
    assert show_description(show, [alone]) == show.description == show_description(show, [])


def test_only_a_narrator_whose_takes_are_used_is_credited(episode, show):
    assert [(p.name, p.roles) for p in credits(episode.issue, show, narrated=False)] == [
        ("Flo Dorner", ["writer"]), ("Rohin Shah", ["writer"])]
    assert [(p.name, p.roles) for p in credits(episode.issue, show, narrated=True)] == [
        ("Rohin Shah", ["narrator", "writer"]), ("Flo Dorner", ["writer"])]


def test_an_entry_published_before_readings_were_recorded_is_disclosed(tmp_path, show):
    """An old catalog loads; its entries are taken as read by the synthetic voice, crediting no narrator."""
    old = {k: v for k, v in json.loads(json.dumps(entry(people=[
        PersonEntry("Rohin Shah", ["narrator", "writer"]), PersonEntry("Ann Reader", ["narrator"])]).__dict__,
        default=lambda o: o.__dict__)).items() if k not in ("reading", "statement")}
    (tmp_path / "catalog.json").write_text(json.dumps({"format": "alignment-newsletter-podcast/catalog/1",
                                                       "episodes": [old]}))
    [loaded] = load_catalog(tmp_path).episodes.values()
    assert loaded.reading == "synthetic" and loaded.people == [PersonEntry("Rohin Shah", ["writer"])]
    assert episode_description(show, loaded) == "Excerpt. This episode is read by a synthetic voice."


def test_transcripts_name_the_synthetic_voice_for_tts_and_the_narrator_for_a_take(show):
    assert speaker_of(audio_of("x", Source.TTS), show) == "Synthetic voice"
    assert speaker_of(audio_of("x", Source.NARRATOR), replace(show, narrator=NARRATOR)) == NARRATOR


# --- Real builds ---------------------------------------------------------------------------------------------

NS = {"podcast": "https://podcastindex.org/namespace/1.0"}


def opening_heard(site: Path) -> str:
    """What pocketsphinx hears in the first 30 seconds of the built MP3."""
    [mp3] = site.glob("episodes/099/*.mp3")
    return transcribe(decode(mp3, 16000), 16000, first_s=30)


def feed_of(site: Path):
    return etree.parse(str(site / "feed.xml")).getroot().find("channel")


def persons_seen(site: Path) -> dict[str, list[tuple[str, str]]]:
    """(name, role) of each podcast:person podcast-partytime and feedsmith see in the episode."""
    done = subprocess.run(["node", str(REPO / "tests" / "clients" / "feeds.mjs"), str(site / "feed.xml")],
                          capture_output=True, text=True, cwd=REPO / "tests", check=True)
    return {client: [(p["name"], p["role"].lower()) for p in feed["episodes"][0]["persons"]]
            for client, feed in json.loads(done.stdout).items()}


def cues(site: Path) -> list[tuple[str, str]]:
    """(speaker, text) of each WebVTT cue of the episode (a caption: a sentence is cut into several)."""
    entry = load_catalog(site).episodes[99]
    return [(c.voice, " ".join(c.text.split())) for c in webvtt.read(str(site / entry.sidecars["vtt"]))]


def sentences(site: Path) -> list[tuple[str, str]]:
    """(speaker, text) of each sentence of the episode's JSON transcript."""
    entry = load_catalog(site).episodes[99]
    return [(s["speaker"], s["body"])
            for s in json.loads((site / entry.sidecars["transcript"]).read_text(encoding="utf-8"))["segments"]]


@pytest.mark.slow
def test_tts_alone_says_so_in_the_opening_the_feed_and_the_transcript(published):
    site = published.site
    heard_words = opening_heard(site)
    assert "episode is read by a synthetic" in heard_words, heard_words
    channel = feed_of(site)
    assert channel.findtext("description").endswith("This show is read in whole or in part by a synthetic voice.")
    assert channel.findtext("item/description").endswith("This episode is read by a synthetic voice.")
    assert "This episode is read by a synthetic voice." in channel.findtext(
        "item/{http://purl.org/rss/1.0/modules/content/}encoded")
    for client, persons in persons_seen(site).items():
        assert persons and all(role != "narrator" for _, role in persons), (client, persons)
    people = {p.name for p in load_catalog(site).episodes[99].people} | {published.show.narrator_name}
    assert {speaker for speaker, _ in cues(site)} == {"Synthetic voice"} and "Synthetic voice" not in people
    assert ("Synthetic voice", "This episode is read by a synthetic voice.") in sentences(site)
    page = (site / "episodes" / "099" / "index.html").read_text(encoding="utf-8")
    assert "Read by a synthetic voice · Written by Flo Dorner, Rohin Shah" in page


@pytest.fixture(scope="module")
def narrated(published, tmp_path_factory):
    """The published episode built again with one segment (the closing) from the narrator's take, the narrator
    named in podcast.toml; the segment cache is a copy of the published site's."""
    from tests.support.narrator import level_off, speak, write_wav

    root = private_copy(published.root, tmp_path_factory.mktemp("narrated") / "show")
    shutil.rmtree(root / "public")
    toml = root / "podcast.toml"
    toml.write_text(f'narrator = "{NARRATOR}"\n' + toml.read_text())
    folder = root / "episodes" / "099"
    outro = load_episode(folder, load_show(toml)).script.segments[-1]
    write_wav(folder / "recordings" / f"{outro.id}.wav", level_off(speak(outro.text), 5))
    done = run_podcast("build", str(folder), "--site", str(root / "public"), "--cache", str(root / "cache"))
    assert done.returncode == 0, done.stderr
    return root / "public", outro


@pytest.mark.slow
def test_one_take_is_credited_to_the_narrator_and_the_opening_says_both(narrated):
    site, outro = narrated
    mixed = f"This episode is read by {NARRATOR}, with some parts in a synthetic voice."
    heard_words = opening_heard(site)
    assert "read by joe" in heard_words and "some parts in a synthetic" in heard_words, heard_words
    spoken = sentences(site)
    assert ("Synthetic voice", mixed) in spoken
    assert " ".join(t for s, t in spoken if s == NARRATOR) == outro.text, "the take's sentences name the narrator"
    captions = cues(site)
    assert " ".join(t for s, t in captions if s == NARRATOR) == outro.text, "and only they"
    assert {s for s, _ in captions} == {"Synthetic voice", NARRATOR}
    channel = feed_of(site)
    assert channel.findtext("item/description").endswith(mixed)
    assert channel.findtext("description").endswith("This show is read in whole or in part by a synthetic voice.")
    persons = [(p.text, p.get("role")) for p in channel.findall("item/podcast:person", NS)]
    assert persons[0] == (NARRATOR, "narrator") and [r for _, r in persons].count("narrator") == 1
    for client, seen in persons_seen(site).items():
        assert (NARRATOR, "narrator") in seen, (client, seen)
    page = (site / "episodes" / "099" / "index.html").read_text(encoding="utf-8")
    assert f"Read by {NARRATOR} and a synthetic voice" in page


@pytest.mark.slow
def test_a_show_without_the_audio_statement_is_warned_once_and_still_discloses_in_the_metadata(published, tmp_path):
    root = private_copy(published.root, tmp_path / "show")
    shutil.rmtree(root / "public")
    (root / "podcast.toml").write_text(disclosing((root / "podcast.toml").read_text(), "audio = false"))
    done = run_podcast("build", str(root / "episodes" / "099"), "--site", str(root / "public"),
                       "--cache", str(root / "cache"))
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "[disclosure] audio = false" in line]
    assert len(warnings) == 1 and "Apple Podcasts" in warnings[0], done.stderr
    assert not [t for _, t in cues(root / "public") if t.startswith("This episode is read")]
    assert feed_of(root / "public").findtext("item/description").endswith("This episode is read by a synthetic voice.")
