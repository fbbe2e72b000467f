"""Write a synthetic events folder of realistic shape, for benchmarks.

N events spread over 75 years, each with 1-3 real ISO countries, 0-3 leaders from a registry of N/10,
0-1 organisations from a registry of N/50,
0-2 tags, a 2-4 sentence summary and 1-2 sources. The same N and seed always give the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pycountry
import yaml

WORDS = ["minister", "talks", "agreement", "border", "election", "parliament", "summit", "trade", "tariff", "protest", "court", "ruling", "coalition", "budget", "sanctions", "ceasefire", "delegation", "treaty", "vote", "reform", "inflation", "port", "harvest", "storm", "refugees", "embassy", "pipeline", "currency", "referendum", "strike", "accord", "envoy", "council"]
TAGS = {f"topic-{index:02d}": f"Topic {index}" for index in range(24)}
PUBLISHERS = ("Reuters", "Associated Press", "Agence France-Presse", "BBC News", "Al Jazeera", "Kyodo")


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 14))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def date_text(rng: random.Random) -> str:
    year = rng.randint(1950, 2024)
    kind = rng.random()
    if kind < 0.08:
        return f"{year}"
    month = rng.randint(1, 12)
    if kind < 0.25:
        return f"{year}-{month:02d}" + ("~" if rng.random() < 0.3 else "")
    day = rng.randint(1, 25)
    if kind < 0.3:
        return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{day + rng.randint(1, 3):02d}"
    return f"{year}-{month:02d}-{day:02d}"


def write_corpus(root: Path, count: int, seed: int = 20251101) -> Path:
    """Write the corpus under root/events and return that folder."""
    rng = random.Random(seed)
    events = root / "events"
    (events / "leaders").mkdir(parents=True, exist_ok=True)
    codes = sorted(country.alpha_2 for country in pycountry.countries)
    leaders = [f"leader-{index:05d}" for index in range(max(1, count // 10))]
    for index, leader in enumerate(leaders):
        start = f"{rng.randint(1950, 2020)}"
        data = {"name": f"Leader Number {index}", "country": rng.choice(codes),
                "offices": [{"title": "Head of government", "start": start, "source": 1}],
                "sources": [{"publisher": rng.choice(PUBLISHERS), "title": sentence(rng).rstrip("."),
                             "date": start, "quote": sentence(rng)}]}
        (events / "leaders" / f"{leader}.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (events / "organisations").mkdir(exist_ok=True)
    organisations = [f"organisation-{index:05d}" for index in range(max(1, count // 50))]
    for index, organisation in enumerate(organisations):
        data = {"name": f"Organisation Number {index}", "kind": rng.choice(["company", "intergovernmental"])}
        (events / "organisations" / f"{organisation}.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    tags = {tag: {"label": label, "description": f"Events about {label.lower()}."} for tag, label in TAGS.items()}
    (events / "tags.yml").write_text(yaml.safe_dump(tags, sort_keys=False), encoding="utf-8")
    for index in range(count):
        date = date_text(rng)
        prefix = date.split("/")[0].rstrip("~")
        event_id = f"{prefix}-event-{index:06d}"
        data = {
            "title": sentence(rng).rstrip("."),
            "date": date,
            "countries": rng.sample(codes, rng.randint(1, 3)),
            "leaders": rng.sample(leaders, min(len(leaders), rng.randint(0, 3))),
            "organisations": rng.sample(organisations, min(len(organisations), rng.randint(0, 1))),
            "tags": rng.sample(sorted(TAGS), rng.randint(0, 2)),
            "location": f"{rng.choice(WORDS).capitalize()} City",
            "summary": " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) + "\n",
            "sources": [{"publisher": rng.choice(PUBLISHERS), "title": sentence(rng).rstrip("."),
                         "date": prefix, "quote": sentence(rng)} for _ in range(rng.randint(1, 2))],
        }
        folder = events / prefix[:4]
        folder.mkdir(exist_ok=True)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{event_id}.yml").write_text(text, encoding="utf-8")
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("-n", "--count", type=int, default=1000)
    args = parser.parse_args()
    print(write_corpus(args.root, args.count))


if __name__ == "__main__":
    main()
