"""The detectors a scanner runs: the built-in ones, then those of installed plug-ins.

A plug-in is a package that declares, in its metadata, an entry point in the group
``smishguard.detectors`` naming a zero-argument callable that returns a Detector.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from smishguard.detectors import sender, text_cues, text_model, urls
from smishguard.detectors.base import Detector
from smishguard.detectors.sender import SenderDetector
from smishguard.detectors.text_cues import TextCueDetector
from smishguard.detectors.text_model import TextModelDetector
from smishguard.detectors.urls import UrlDetector
from smishguard.errors import SmishguardError

ENTRY_POINT_GROUP = "smishguard.detectors"

# Every signal id the built-in detectors can emit → what it means (docs/detectors.md).
BUILTIN_DETECTOR_IDS: dict[str, str] = {
    **urls.DETECTOR_IDS,
    **text_cues.DETECTOR_IDS,
    **sender.DETECTOR_IDS,
    **text_model.DETECTOR_IDS,
}


def builtin_detectors() -> tuple[Detector, ...]:
    """The detectors smishguard ships, in the order they run."""
    return (UrlDetector(), TextCueDetector(), SenderDetector(), TextModelDetector())


def plugin_detectors() -> tuple[Detector, ...]:
    """Detectors registered by installed packages under the ``smishguard.detectors`` group."""
    found: list[Detector] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        factory = entry.load()
        detector = factory()
        if not isinstance(detector, Detector):
            raise SmishguardError(
                f"plug-in '{entry.name}' ({entry.value}) did not return a detector: it needs "
                "a 'name' and a 'detect(message, context)' method"
            )
        found.append(detector)
    return tuple(found)


def all_detectors() -> tuple[Detector, ...]:
    return builtin_detectors() + plugin_detectors()
