"""The telegram's verbatim text and its provenance, as the project keeps them in layers/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..paths import PROVENANCE, TELEGRAM

# the telegram's date, from its provenance (layers/provenance.json): the day the date control opens on, the
# start of every undated directive, the day of the front that 'the rear of the enemy' is drawn from
TELEGRAM_DATE: str = json.loads(PROVENANCE.read_text(encoding="utf-8"))["date"]


@dataclass(frozen=True)
class Telegram:
    text: str
    provenance: dict

    @classmethod
    def load(cls, text_path: Path = TELEGRAM, provenance_path: Path = PROVENANCE) -> Telegram:
        return cls(
            text=text_path.read_text(encoding="utf-8"),
            provenance=json.loads(provenance_path.read_text(encoding="utf-8")),
        )
