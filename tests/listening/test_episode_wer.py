"""The ear on whole episodes: two corpus issues besides AN #99, built by the CLI with the default voice and
checked, are heard as written. Whisper tiny.en's word error rate against the script as a listener should hear it
(podcast/listening/episode_wer.py) is at most 3% over each episode and 8% in any chapter, and every chapter's
heard words match its own text better than its neighbours' (each chapter is heard as itself, not merely as
English). The figures are printed (-s shows them)."""
import pytest

from podcast.caches import CacheDirs
from podcast.config import load_show
from podcast.episode import load_episode, load_voices
from podcast.listening import episode_rates, listen
from podcast.voicing import SegmentCache, voice_script_here

EPISODE_WER = 0.03
CHAPTER_WER = 0.08


@pytest.mark.slow
def test_two_corpus_episodes_are_heard_as_written(corpus_episodes):
    show, caches = load_show(corpus_episodes.root / "podcast.toml"), CacheDirs(corpus_episodes.cache)
    cast, lexicon = load_voices(show)
    for folder in corpus_episodes.episodes:
        script = load_episode(folder, show).script
        audios = voice_script_here(script, cast, lexicon, SegmentCache(caches.segments))
        report = listen(script, audios, lexicon.respell, caches.recognition, caches.listening)
        assert report.heard == 0, "the build's check left segments unheard"
        rates = episode_rates(script, audios, report, caches.recognition)
        print(f"\n{folder.name}\n{rates.table()}")
        assert len(rates.chapters) > 2
        assert rates.rate <= EPISODE_WER, rates.table()
        assert rates.worst.rate <= CHAPTER_WER, rates.table()
        assert rates.apart, rates.table()


@pytest.mark.slow
def test_an_episode_not_checked_has_no_figures_rather_than_wrong_ones(corpus_episodes, tmp_path):
    """A segment the check has not heard leaves its chapter's figures missing, not zero: the measure refuses."""
    from podcast.errors import PodcastError

    show, caches = load_show(corpus_episodes.root / "podcast.toml"), CacheDirs(corpus_episodes.cache)
    cast, lexicon = load_voices(show)
    script = load_episode(corpus_episodes.episodes[0], show).script
    audios = voice_script_here(script, cast, lexicon, SegmentCache(caches.segments))
    report = listen(script, audios, lexicon.respell, caches.recognition, tmp_path / "no-checks", hear=False)
    assert report.unchecked
    with pytest.raises(PodcastError, match="not checked yet"):
        episode_rates(script, audios, report, caches.recognition)
