"""Resolved entities as the schema's Speakers, numbered in order of first attribution."""
from typing import Dict, List, Optional, Sequence

from ..schema import Attribution, Speaker, TextSpan
from .entities import Entity


def assign_speakers(text: str, attributions: Sequence[Attribution],
                    entities: Sequence[Optional[Entity]]) -> List[Speaker]:
    """Turn resolved entities into Speakers numbered in order of first attribution, set
    each attribution's ``speaker`` and return the speakers with their attribution counts."""
    speakers: Dict[int, Speaker] = {}
    for attribution, entity in zip(attributions, entities):
        if entity is None:
            attribution.speaker = None
            continue
        speaker = speakers.get(entity.id)
        if speaker is None:
            mentions = [TextSpan.from_offsets(text, [m]) for m in sorted(entity.mentions)]
            speaker = Speaker(id=len(speakers) + 1, name=entity.name, type=entity.type,
                              title=entity.title, mentions=mentions)
            speakers[entity.id] = speaker
        speaker.attributions += 1
        attribution.speaker = speaker
    return list(speakers.values())
