"""Linking time for generated articles at growing sizes, with the growth ratio.

    python benchmarks/link.py [--sizes 1000 10000 100000] [--seed 7] [--repeat 1]

Generates stories of 2 to 8 articles each (one in five a syndicated copy), spread over a year of publication dates,
with frames, events and times, and times `link_articles()` (the pure linking pass) at each size. Prints seconds,
articles per second, and the ratio of each time to the previous one against the ratio of sizes (with --repeat, the
fastest of that many runs of each size, which evens out the noise of a shared machine). The target is
near-linear growth: ten times more articles may cost at most about twelve times the time.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from reportedly.link.core import link_articles
from reportedly.records import Analysis, Article, Attribution, Event, Source, Span, TimeRef, article_id

SYLLABLES = ["ka", "ri", "mo", "te", "su", "na", "lo", "vi", "de", "ra", "po", "zu", "ne", "ta", "mi", "ko"]
COMMON = [
    "the",
    "said",
    "officials",
    "on",
    "after",
    "people",
    "town",
    "river",
    "government",
    "report",
    "local",
    "region",
    "water",
]
TRIGGERS = (("killed", "ASSAULT"), ("arrested", "ARREST"), ("protested", "PROTEST"), ("met", "CONSULT"))
STATUSES = ("reported", "reported", "confirmed", "claimed", "denied", "not_confirmed")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_story(rng: random.Random, n: int, outlets: list[str], start: date) -> list[tuple[Article, Analysis]]:
    names = [word(rng).title() for _ in range(6)]
    topic = [word(rng) for _ in range(10)]
    trigger, etype = rng.choice(TRIGGERS)
    out: list[tuple[Article, Analysis]] = []
    while len(out) < n:
        if out and rng.random() < 0.2:
            original = out[rng.randrange(len(out))][0]
            copy = Article(
                id=article_id(original.text + str(len(out))),
                text=original.text,
                outlet=rng.choice(outlets),
                published=original.published,
                title=original.title,
                copy_of=original.id,
            )
            out.append((copy, out[[a.id for a, _ in out].index(original.id)][1]))
            continue
        out.append(make_article(rng, names, topic, trigger, etype, outlets, start + timedelta(days=rng.randint(0, 3))))
    return out


def make_article(
    rng: random.Random, names: list[str], topic: list[str], trigger: str, etype: str, outlets: list[str], day: date
) -> tuple[Article, Analysis]:
    figure = rng.choice((12, 14, 17, 40))
    sentences = [
        f"At least {figure} people were {trigger} in {names[0]} on Tuesday, {names[1]} said.",
        " ".join(rng.sample(topic, 6) + rng.sample(COMMON, 4)) + ".",
        f"{names[2]} {rng.choice(('denied', 'confirmed', 'reported'))} that {' '.join(rng.sample(topic, 5))}.",
        " ".join(rng.sample(topic, 5) + rng.sample(COMMON, 5)) + ".",
    ]
    text = " ".join(sentences)
    art = Article(id=article_id(text), text=text, outlet=rng.choice(outlets), published=day, title=" ".join(topic[:4]))
    frames, events = [], []
    pos = 0
    for k, sentence in enumerate(sentences[:3]):
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        who = names[1 + k % 2]
        src = Source(Span(start, start + 1, sentence[0]), who, "organization")
        frames.append(Attribution(src, None, Span(start, pos, sentence), rng.choice(STATUSES)))
    t = text.index(trigger)
    times = (TimeRef(Span(text.index("Tuesday"), text.index("Tuesday") + 7, "Tuesday"), day.isoformat()),)
    events.append(
        Event(Span(t, t + len(trigger), trigger), etype, quantity=f"at least {figure}", time=0, attributions=(0,))
    )
    return art, Analysis(art.id, tuple(frames), tuple(events), times)


def generate(size: int, seed: int) -> list[tuple[Article, Analysis]]:
    rng = random.Random(seed)
    outlets = [f"{word(rng).title()} {rng.choice(('Post', 'Herald', 'Times', 'Daily'))}" for _ in range(200)]
    pairs: list[tuple[Article, Analysis]] = []
    while len(pairs) < size:
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        pairs += make_story(rng, min(rng.randint(2, 8), size - len(pairs)), outlets, start)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1, help="link each size this many times and keep the fastest")
    args = parser.parse_args()
    previous: tuple[int, float] | None = None
    for size in args.sizes:
        pairs = generate(size, args.seed)
        seconds = float("inf")
        for _ in range(max(1, args.repeat)):
            began = time.process_time()
            result = link_articles(pairs)
            seconds = min(seconds, time.process_time() - began)
        line = (
            f"{size:>7} articles: {seconds:8.2f} s CPU  {size / seconds:8.0f} articles/s  "
            f"{len(result.stories)} stories, {len(result.clusters)} clusters, {len(result.links)} links"
        )
        if previous:
            line += f"  x{seconds / previous[1]:.1f} time for x{size / previous[0]:.0f} articles"
        print(line, flush=True)
        previous = (size, seconds)


if __name__ == "__main__":
    main()
