"""`timeline draft ARTICLE`: draft events from an article, one per sentence that reports a dated happening.

Drafts go to a folder of their own, never into events/, and each opens with a `review` key that `timeline check`
refuses: a person compares the draft with the article, rewrites it, and deletes the key.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
from pydantic import TypeAdapter, ValidationError

from .article import Article, read_article
from .catalog import suggest_slug
from .dates import MONTHS, EventDate
from .loader import Document, load_yaml, read_source
from .registries import LEADERS
from .relative_dates import PAST_FORMS, WEEKDAYS, DatePhrase, find_date_phrases, on_or_before
from .schema import MAX_SLUG_LENGTH, Leader, Url
from .validate import REVIEW_KEY, validate_document

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/event.schema.json"
"""The editor's schema, from where the file belongs once reviewed: events/<year>/ (drafts/<year>/ alike)."""
TITLE_LENGTH = 120

# -- sentences -------------------------------------------------------------------------------------------------

_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Adm", "Sen", "Rep", "Gov",
                  "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
                  "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "approx", "est"}
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each exactly as written; abbreviations (U.S., Mr., Nov.) do not end one."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        word = paragraph[:match.start() + 1].rsplit(" ", 1)[-1].rstrip(".").lstrip("\"“‘'([")
        if paragraph[match.start()] == "." and (word in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word)):
            continue
        sentences.append(paragraph[start:match.end()].strip())
        start = match.end()
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
    return sentences


# -- happenings without a date ---------------------------------------------------------------------------------

_PARTICIPLES = ("made", "held", "met", "taken", "given", "won", "lost", "begun", "fallen", "risen", "struck", "sent",
                "left", "come", "gone", "brought", "sought", "fought", "built", "spoken", "broken", "chosen", "flown",
                "grown", "run", "seen", "shot", "stood", "thrown", "written", "paid", "sold", "become", "beaten",
                "drawn", "frozen", "hidden", "kept", "found", "shut", "spent", "swept", "withdrawn", "stolen",
                "bought", "caught", "sunk", "fled", "spread", "sworn", "torn", "driven", "led", "done", "hit", "cut",
                "put", "set")
# Words ending in -ed that are rarely a verb in news text, and verbs that only say who said something.
_NOT_HAPPENINGS = {"related", "based", "united", "limited", "hundred", "need", "speed", "indeed", "proceed",
                   "exceed", "succeed", "concerned", "interested", "supposed", "detailed", "advanced", "alleged",
                   "unprecedented", "sacred", "naked", "beloved", "aged", "skilled", "talented", "experienced",
                   "sophisticated", "dedicated", "complicated", "isolated", "mixed", "embattled", "reported",
                   "quoted", "noted", "stated", "added", "explained", "titled", "said", "told", "was", "were",
                   "had", "did"}
_RECENT = re.compile(r"(?i:\b(?:in recent (?:years|months|weeks|days)|recently|recent|lately)\b)")
_PERFECT = re.compile(r"(?i:\b(?:has|have)\b(?:\s+(?:\w+ly|and|not|also|already|long|never|just|now|yet))*"
                      r"\s+(?:been\s+)?(?P<verb>[a-z]+)\b)")
_PAST = re.compile(r"(?<![\w-])(?P<verb>[a-z]{2,}ed|" + "|".join(PAST_FORMS) + r")\b")


def find_happening(sentence: str) -> str | None:
    """The words that make an undated sentence report a happening ("recent", "has rejected", "signed"), or None."""
    found = _RECENT.search(sentence)
    if found:
        return found.group(0)
    for match in _PERFECT.finditer(sentence):
        verb = match["verb"].lower()
        if (verb.endswith("ed") or verb in _PARTICIPLES) and verb not in _NOT_HAPPENINGS:
            return " ".join(match.group(0).split())
    for match in _PAST.finditer(sentence):
        if match["verb"] not in _NOT_HAPPENINGS:
            return match["verb"]
    return None


# -- countries and leaders -------------------------------------------------------------------------------------

_COMMON_NAMES = {"Russia": "RU", "Britain": "GB", "Great Britain": "GB", "U.K.": "GB", "UK": "GB", "U.S.": "US",
                 "US": "US", "U.S.A.": "US", "USA": "US", "Turkey": "TR", "Czech Republic": "CZ",
                 "Ivory Coast": "CI", "Vatican": "VA", "Brunei": "BN", "Cape Verde": "CV", "Burma": "MM",
                 "East Timor": "TL", "Palestine": "PS", "Macedonia": "MK", "Swaziland": "SZ",
                 "Democratic Republic of Congo": "CD", "DR Congo": "CD", "Holland": "NL"}
DEMONYMS = {
    "American": "US", "Chinese": "CN", "South Korean": "KR", "North Korean": "KP", "Japanese": "JP",
    "Russian": "RU", "Ukrainian": "UA", "British": "GB", "French": "FR", "German": "DE", "Italian": "IT",
    "Spanish": "ES", "Portuguese": "PT", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT",
    "Swedish": "SE", "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Irish": "IE", "Polish": "PL",
    "Czech": "CZ", "Hungarian": "HU", "Romanian": "RO", "Greek": "GR", "Serbian": "RS", "Belarusian": "BY",
    "Georgian": "GE", "Armenian": "AM", "Azerbaijani": "AZ", "Turkish": "TR", "Iranian": "IR", "Iraqi": "IQ",
    "Syrian": "SY", "Lebanese": "LB", "Israeli": "IL", "Palestinian": "PS", "Jordanian": "JO", "Saudi": "SA",
    "Yemeni": "YE", "Qatari": "QA", "Emirati": "AE", "Egyptian": "EG", "Libyan": "LY", "Tunisian": "TN",
    "Algerian": "DZ", "Moroccan": "MA", "Sudanese": "SD", "Ethiopian": "ET", "Kenyan": "KE", "Nigerian": "NG",
    "South African": "ZA", "Afghan": "AF", "Pakistani": "PK", "Indian": "IN", "Bangladeshi": "BD",
    "Sri Lankan": "LK", "Nepali": "NP", "Burmese": "MM", "Thai": "TH", "Vietnamese": "VN", "Cambodian": "KH",
    "Malaysian": "MY", "Singaporean": "SG", "Indonesian": "ID", "Filipino": "PH", "Philippine": "PH",
    "Taiwanese": "TW", "Mongolian": "MN", "Kazakh": "KZ", "Australian": "AU", "New Zealand": "NZ",
    "Canadian": "CA", "Mexican": "MX", "Cuban": "CU", "Venezuelan": "VE", "Colombian": "CO", "Brazilian": "BR",
    "Argentine": "AR", "Argentinian": "AR", "Chilean": "CL", "Peruvian": "PE",
}
"""Adjectives of nationality news text uses for a country's government or people ("Chinese President Xi")."""
CAPITALS = {"Washington": "US", "Beijing": "CN", "Seoul": "KR", "Pyongyang": "KP", "Tokyo": "JP", "Moscow": "RU",
            "Kyiv": "UA", "Kiev": "UA", "London": "GB", "Paris": "FR", "Berlin": "DE", "Tehran": "IR",
            "Ankara": "TR", "New Delhi": "IN", "Taipei": "TW", "Ottawa": "CA", "Canberra": "AU"}
"""Capitals that news text uses for their governments ("Beijing said")."""


@lru_cache(maxsize=1)
def _country_words() -> tuple[re.Pattern, dict[str, str]]:
    words: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if not name:
                continue
            head, comma, tail = name.partition(", ")
            # ISO's 'Korea, Republic of' is 'Republic of Korea' in text; its head alone would name two countries.
            words[f"{tail} {head}" if comma and tail.endswith(" of") else name.removeprefix("the ")] = country.alpha_2
    words.update(_COMMON_NAMES | DEMONYMS | CAPITALS)
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?<!New )(?:{alternatives})(?!\w)"), words


def find_countries(sentence: str) -> list[tuple[str, str]]:
    """The countries a sentence names, by name, demonym or capital: (code, the words), first mention first."""
    pattern, words = _country_words()
    found: dict[str, str] = {}
    for match in pattern.finditer(sentence):
        found.setdefault(words[match.group(0)], match.group(0))
    return list(found.items())


def load_leaders(events_dir: str | Path) -> dict[str, Leader]:
    """The valid leader files of the registry by id; files with problems are left to `timeline check`."""
    leaders = {}
    for path in sorted((Path(events_dir) / LEADERS.where()).glob("*.yml")):
        data = read_source(path, str(path))  # as the check reads it: never through a link, never too much
        document = load_yaml(str(path), data) if isinstance(data, bytes) else data
        result = validate_document(document, Leader) if isinstance(document, Document) else document
        if isinstance(result, Leader):
            leaders[path.stem] = result
    return leaders


_TITLES = {"President", "Prime", "Minister", "Chancellor", "Leader", "King", "Queen", "Premier", "Secretary",
           "General", "Chairman", "Supreme", "Mr", "Mrs", "Ms", "Dr", "Senator", "Governor", "Emperor", "Pope"}
# Capitalised words that are not part of a person's name: a sentence's first word, a month or a weekday.
_NOT_NAMES = {"According", "After", "Amid", "As", "At", "Before", "But", "By", "During", "For", "From", "If", "In",
              "Meanwhile", "On", "Since", "The", "Then", "Until", "When", "While", "With", *MONTHS, *WEEKDAYS}


class LeaderFinder:
    """The registry's leaders in sentences: by name or alias, or by a lone part of it once named in full (Xi)."""

    # A part of a name (the first or last word) counts when the article names the leader in full somewhere, it
    # stands alone in the sentence, and no other leader named in the article shares it.

    def __init__(self, leaders: dict[str, Leader], article_text: str):
        self.full: list[tuple[re.Pattern, str]] = []
        shorts: dict[str, set[str]] = {}
        for leader_id, leader in leaders.items():
            names = [leader.name, *leader.aliases]
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
            self.full.append((pattern, leader_id))
            if pattern.search(article_text):
                for name in names:
                    for part in {name.split()[0], name.split()[-1]}:
                        shorts.setdefault(part, set()).add(leader_id)
        self.short = {part: ids.pop() for part, ids in shorts.items() if len(ids) == 1 and len(part) > 1}

    def find(self, sentence: str) -> list[tuple[str, str]]:
        """The leaders a sentence names: (id, the words), first mention first."""
        found: list[tuple[int, str, str]] = []
        covered: list[tuple[int, int]] = []
        for pattern, leader_id in self.full:
            for match in pattern.finditer(sentence):
                found.append((match.start(), leader_id, match.group(0)))
                covered.append(match.span())
        for part, leader_id in self.short.items():
            for match in re.finditer(rf"(?<!\w){re.escape(part)}(?!\w)", sentence):
                inside = any(start <= match.start() < end for start, end in covered)
                if not inside and _stands_alone(sentence, *match.span()):
                    found.append((match.start(), leader_id, match.group(0)))
        result: dict[str, str] = {}
        for _, leader_id, words in sorted(found):
            result.setdefault(leader_id, words)
        return list(result.items())


def _stands_alone(sentence: str, start: int, end: int) -> bool:
    # 'Kim' in 'Kim Hye Kyung' or 'Lee' in 'Joyce Lee' is someone else: a neighbouring capitalised word says so,
    # unless punctuation stands between them or the word is a title ('President Xi') or no name ('During Xi's').
    before = sentence[:start]
    previous = before.rstrip().rsplit(" ", 1)[-1].lstrip("\"“‘'(") if before.strip() else ""
    if re.match(r" ?[A-Z][a-z]", sentence[end:]):
        return False
    return (not previous or not previous[0].isupper() or not before.endswith(" ")
            or previous.endswith((",", ";", ":", ".", "’s", "'s")) or previous in _TITLES | _NOT_NAMES)


# -- drafts ----------------------------------------------------------------------------------------------------

_SLUG_SKIP = {"a", "an", "the", "of", "to", "in", "on", "and", "for", "with", "at", "by", "from", "his", "her",
              "its", "their", "that", "this", "was", "were", "is", "are", "has", "have", "had", "be", "been", "who",
              "which", "as", "s", "it", "they", "he", "she", "said", "also", "into", "than", "then"}


@dataclass
class Draft:
    """One proposed event: its file, its date and how that was found, and what the sentence names."""

    id: str
    date: EventDate
    words: str | None
    """The words the date comes from ("on Saturday"); None when the sentence gives no date."""
    reason: str
    sentence: str
    countries: list[tuple[str, str]]
    """Each code with the words it was found from, as the review notes show them."""
    leaders: list[tuple[str, str]]
    also: list[DatePhrase] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Where the draft is written under the drafts folder: `<year>/<id>.yml`, as in events/."""
        return f"{self.date.year:04d}/{self.id}.yml"


def draft_events(article: Article, published: date, leaders: dict[str, Leader]) -> list[Draft]:
    """One draft for each sentence of the report that dates a happening, or reports one without a date."""
    finder = LeaderFinder(leaders, article.text)
    drafts: list[Draft] = []
    taken: set[str] = set()
    for index, paragraph in enumerate(article.body):
        if index == 0 and article.dateline:
            paragraph = paragraph[len(article.dateline):].lstrip(" -–—")
        for sentence in split_sentences(paragraph):
            phrases = find_date_phrases(sentence, published)
            if phrases:
                when, words, reason = phrases[0].date, phrases[0].text, f'"{phrases[0].text}" is {phrases[0].reason}'
            else:
                cue = find_happening(sentence)
                if cue is None:
                    continue
                when, words = on_or_before(published), None
                reason = f'the sentence reports it ("{cue}") without a date: on or before the publication date'
            countries = [(code, f'"{found}"') for code, found in find_countries(sentence)]
            named = finder.find(sentence)
            for leader_id, found in named:
                code = leaders[leader_id].country
                if code not in dict(countries):
                    countries.append((code, f'"{found}" ({leaders[leader_id].name}\'s country)'))
            drafts.append(Draft(_unique(f"{when.prefix}-{_slug(sentence)}", taken), when, words, reason, sentence,
                                countries, named, phrases[1:]))
    return drafts


def _title(sentence: str) -> str:
    # The first clause, as a starting point: the reviewer writes the real title.
    clause = re.split(r", (?:while|but|saying|according to|as|after) |; | – | — ", sentence)[0]
    clause = (clause if len(clause.split()) >= 5 else sentence).rstrip(" .,")
    if len(clause) <= TITLE_LENGTH:
        return clause
    return clause[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;") + " …"


def _slug(sentence: str) -> str:
    words = [word for word in suggest_slug(_title(sentence)).split("-") if word not in _SLUG_SKIP]
    return "-".join(words[:6]) or "event"


def _unique(wanted: str, taken: set[str]) -> str:
    wanted = wanted[:MAX_SLUG_LENGTH - 3].rstrip("-")
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    taken.add(candidate)
    return candidate


# -- the files -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceFacts:
    """What the article says about itself, for every draft's source block."""

    name: str
    published: date
    publisher: str | None
    title: str | None
    url: str | None
    site_name: str | None = None


def render_draft(draft: Draft, source: SourceFacts) -> str:
    """The draft's YAML: the schema line, the review notes, then the event's fields."""
    review = [f"Drafted by `timeline draft` from {source.name} (published {_day(source.published)}); "
              f"nobody has checked it yet.",
              f"date {draft.date}: {draft.reason}."]
    if draft.countries:
        review.append("countries: " + ", ".join(f"{code} from {words}" for code, words in draft.countries) + ".")
    else:
        review.append("countries: none found; add every country involved.")
    if draft.leaders:
        review.append("leaders: " + ", ".join(f'{leader} from "{words}"' for leader, words in draft.leaders) + ".")
    for phrase in draft.also:
        review.append(f'The sentence also says "{phrase.text}" ({phrase.date}): is that the date of the event?')
    if source.site_name and source.publisher and source.site_name != source.publisher:
        review.append(f"The page is from {source.site_name}; its dateline credits {source.publisher}, the publisher "
                      f"cited here.")
    if not source.publisher and not source.url:
        review.append("The article names no publisher and no url was given: add the source's publisher or url.")
    if not source.title:
        review.append("The article's headline was not found: add the source's title.")
    review.append("Check every field against the article; write the title and the summary in your own words; add "
                  "tags, a location and related events; rename the file if the date or the title changes. Then "
                  f"delete this `{REVIEW_KEY}` key and move the file to events/{draft.date.year:04d}/.")
    notes = [line for note in review for line in textwrap.wrap(note, 116, subsequent_indent="  ")]
    lines = [SCHEMA_LINE, f"{REVIEW_KEY}: |-", *(f"  {line}" for line in notes),
             f"title: {_scalar(_title(draft.sentence))}",
             f"date: {draft.date}",
             f"countries: [{', '.join(code for code, _ in draft.countries)}]"]
    if draft.leaders:
        lines.append(f"leaders: [{', '.join(leader for leader, _ in draft.leaders)}]")
    lines += ["summary: |-", f"  {draft.sentence}", "sources:"]
    fields = [("publisher", source.publisher), ("title", source.title), ("date", source.published.isoformat()),
              ("url", source.url), ("quote", draft.sentence)]
    lines += [f"{'  - ' if not index else '    '}{key}: {_scalar(value)}"
              for index, (key, value) in enumerate((key, value) for key, value in fields if value)]
    return "\n".join(lines) + "\n"


_PLAIN = re.compile(r"[A-Za-z0-9][^\n]*[^\s:]")


def _scalar(text: str) -> str:
    # Plain where YAML reads it back as the same text, double-quoted (JSON is YAML) everywhere else.
    if (_PLAIN.fullmatch(text) and ": " not in text and " #" not in text and text.isprintable()
            and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _day(when: date) -> str:
    return EventDate.parse(when.isoformat()).display()


def write_drafts(data: bytes, name: str, *, out: str | Path, events_dir: str | Path, published: date | None = None,
                 url: str | None = None) -> list[tuple[str, Draft]]:
    """Draft events from an article and write each under out; return (path, draft) for each file written.

    Raise ValueError for what the caller must supply, FileExistsError rather than overwrite any file.
    """
    article = read_article(name, data)
    published = published or article.published
    if published is None:
        raise ValueError(f"no publication date found in {name}: give it with --published YYYY-MM-DD")
    if url is not None:
        try:
            url = TypeAdapter(Url).validate_python(url)
        except ValidationError as error:
            raise ValueError(f"--url: {error.errors()[0]['msg']}") from None
    out_dir, events = Path(out).resolve(), Path(events_dir).resolve()
    if out_dir == events or events in out_dir.parents:
        raise ValueError(f"--out {out} is inside the events folder: drafts are written elsewhere until reviewed")
    source = SourceFacts(Path(name).name, published, article.publisher, article.headline, url or _valid(article.url),
                         article.site_name)
    targets = [(Path(out) / found.path, found) for found in draft_events(article, published, load_leaders(events_dir))]
    existing = [str(target) for target, _ in targets if target.exists()]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise FileExistsError(f"{existing[0]} already exists{more}: move earlier drafts away or choose another --out")
    for target, found in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_draft(found, source), encoding="utf-8")
    return [(str(target), found) for target, found in targets]


def _valid(url: str | None) -> str | None:
    # An address the page gives for itself is cited only when the schema would take it (not a relative link).
    try:
        return TypeAdapter(Url).validate_python(url) if url else None
    except ValidationError:
        return None
