"""Voicing: Script -> one SegmentAudio per segment, from the cast's engines, through the cache.

Each segment becomes a SegmentJob keyed by what changes its audio; jobs already in the cache are read
back, the others go to an executor (this process or a pool of workers) and their audio into the cache."""
from .cache import SegmentCache
from .cache_usage import CacheUsage, ShowUsage
from .cast import Cast, load_cast
from .lexicon import Lexicon, load_lexicon
from .pool import Executor, LocalExecutor, SegmentJob, usable_cores
from .voice import (VoicingReport, load_engines, plan_jobs, sentence_keys, voice_script, voice_script_here,
                    voiced_already)

__all__ = ["CacheUsage", "Cast", "Executor", "Lexicon", "LocalExecutor", "SegmentCache", "SegmentJob", "ShowUsage",
           "VoicingReport", "load_cast", "load_engines", "load_lexicon", "plan_jobs", "sentence_keys", "usable_cores",
           "voice_script", "voice_script_here", "voiced_already"]
