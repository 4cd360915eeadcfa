"""Score the attribution extractor against PolNeAR (brat standoff): per role and per attribution."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language

from ..records import Analysis, Article, article_id
from .brat import ROLES, GoldArticle, GoldFrame, load_split, trim
from .spans import Counts, Offsets, exact, match, overlaps, resolve_corpus, shared, table

DEFAULT_CORPUS = "../shared/corpora/polnear"
FORMS = ("direct", "indirect", "mixed")


def predicted_frames(text: str, analysis: Analysis, nested: bool = False) -> list[GoldFrame]:
    """The extractor's frames as offsets, leaving out the article's own `asserted` statements and,
    unless `nested`, frames nested in another frame's content: PolNeAR gives each token one role in
    at most one attribution, so it almost never annotates a cue inside another frame's content."""
    frames = []
    for att in analysis.attributions:
        if att.status == "asserted" or (att.parent is not None and not nested):
            continue
        source = att.source.span if att.source else None
        frames.append(
            GoldFrame(
                cue=trim(text, (att.cue.start, att.cue.end)) if att.cue else None,
                source=trim(text, (source.start, source.end)) if source else None,
                content=trim(text, (att.content.start, att.content.end)),
                form=att.form,
            )
        )
    return frames


def _role_spans(frames: Iterable[GoldFrame], role: str) -> list[Offsets]:
    return sorted({span for f in frames if (span := f.role(role)) is not None})


def _both(a: Offsets | None, b: Offsets | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return overlaps(a, b)


def frames_match(gold: GoldFrame, pred: GoldFrame) -> bool:
    """Cue, content and source all overlap; no source on both sides counts as a match."""
    return _both(gold.cue, pred.cue) and _both(gold.content, pred.content) and _both(gold.source, pred.source)


def _frame_weight(gold: GoldFrame, pred: GoldFrame) -> float:
    return float(sum(shared(g, p) for g, p in ((gold.cue, pred.cue), (gold.content, pred.content)) if g and p))


class Tally:
    """Running counts over articles."""

    def __init__(self) -> None:
        self.roles = {(role, mode): Counts() for role in ROLES for mode in ("exact", "overlap")}
        self.frames = Counts()
        self.forms = {form: Counts() for form in FORMS}
        self.errors: list[dict[str, Any]] = []

    def add(self, article: GoldArticle, pred: list[GoldFrame], keep_errors: bool) -> None:
        for role in ROLES:
            gold_spans, pred_spans = _role_spans(article.frames, role), _role_spans(pred, role)
            for mode, same in (("exact", exact), ("overlap", overlaps)):
                pairs = match(gold_spans, pred_spans, same, shared)
                self.roles[(role, mode)].add(len(pairs), len(pred_spans), len(gold_spans))
        pairs = match(article.frames, pred, frames_match, _frame_weight)
        self.frames.add(len(pairs), len(pred), len(article.frames))
        found = {i for i, _ in pairs}
        for i, frame in enumerate(article.frames):
            self.forms[frame.form].add(int(i in found), 0, 1)
        if keep_errors:
            self.errors.extend(_errors(article, pred, pairs))

    def result(self) -> dict[str, Any]:
        roles = {role: {mode: self.roles[(role, mode)].to_dict() for mode in ("exact", "overlap")} for role in ROLES}
        return {
            "roles": roles,
            "attribution": self.frames.to_dict(),
            "form_recall": {f: {"r": round(c.recall, 4), "gold": c.gold} for f, c in self.forms.items()},
        }


def _show(text: str, frame: GoldFrame) -> dict[str, str | None]:
    return {role: text[s[0] : s[1]] if (s := frame.role(role)) else None for role in ROLES}


def _errors(article: GoldArticle, pred: list[GoldFrame], pairs: list[tuple[int, int]]) -> list[dict[str, Any]]:
    gold_hit, pred_hit = {i for i, _ in pairs}, {j for _, j in pairs}
    out: list[dict[str, Any]] = []
    for i, frame in enumerate(article.frames):
        if i not in gold_hit:
            out.append({"article": article.name, "kind": "missed", "form": frame.form, **_show(article.text, frame)})
    for j, frame in enumerate(pred):
        if j not in pred_hit:
            out.append({"article": article.name, "kind": "spurious", "form": frame.form, **_show(article.text, frame)})
    return out


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Run the extractor over a PolNeAR split and score it."""
    from ..extract.pipeline import analyse

    root = resolve_corpus(corpus, DEFAULT_CORPUS, "PolNeAR")
    gold = load_split(root, split, limit)
    articles = [Article(id=article_id(g.text), text=g.text, published=g.published, name=g.name) for g in gold]
    tally, every = Tally(), Tally()
    for g, (_, analysis) in zip(gold, analyse(articles, nlp=nlp), strict=True):
        tally.add(g, predicted_frames(g.text, analysis), errors)
        every.add(g, predicted_frames(g.text, analysis, nested=True), False)
    result = {"corpus": str(root), "split": split, "articles": len(gold), **tally.result()}
    result["metrics"] = _headline(result)
    result["with_nested"] = _headline({**result, **every.result()})
    if errors:
        result["errors"] = tally.errors
    return result


def _headline(result: dict[str, Any]) -> dict[str, float]:
    """The flat metrics that the quality gate pins."""
    flat = {f"{role}_{mode}_f1": result["roles"][role][mode]["f1"] for role in ROLES for mode in ("exact", "overlap")}
    flat["attribution_overlap_f1"] = result["attribution"]["f1"]
    return flat


def render(result: dict[str, Any]) -> str:
    rows: list[list[Any]] = []
    for role in ROLES:
        for mode in ("exact", "overlap"):
            c = result["roles"][role][mode]
            rows.append([role, mode, c["p"], c["r"], c["f1"], c["tp"], c["predicted"], c["gold"]])
    a = result["attribution"]
    rows.append(["attribution", "overlap", a["p"], a["r"], a["f1"], a["tp"], a["predicted"], a["gold"]])
    head = f"PolNeAR {result['split']}: {result['articles']} articles ({result['corpus']})"
    forms = ", ".join(f"{f} {v['r']:.3f} of {v['gold']}" for f, v in result["form_recall"].items())
    parts = [head, table(["role", "match", "P", "R", "F1", "tp", "pred", "gold"], rows), f"recall by form: {forms}"]
    if nested := result.get("with_nested"):
        parts.append(
            "scored above: top-level frames only; with nested frames too: "
            f"cue exact F1 {nested['cue_exact_f1']:.3f}, source exact F1 {nested['source_exact_f1']:.3f}, "
            f"content overlap F1 {nested['content_overlap_f1']:.3f}, "
            f"attribution overlap F1 {nested['attribution_overlap_f1']:.3f}"
        )
    if result.get("errors"):
        parts.append(_render_errors(result["errors"]))
    return "\n".join(parts)


def _render_errors(errors: list[dict[str, Any]]) -> str:
    lines = ["errors:"]
    for e in errors:
        lines.append(f"  [{e['kind']}/{e['form']}] {e['article']}")
        for role in ROLES:
            if e[role]:
                lines.append(f"      {role}: {e[role][:160]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """`python -m reportedly.evaluate.polnear [--split train] [--limit N] [--errors]`: scores, and errors for tuning."""
    import argparse

    parser = argparse.ArgumentParser(description="Score the attribution extractor on PolNeAR.")
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list missed and spurious frames")
    args = parser.parse_args(argv)
    print(render(run(corpus=args.corpus, split=args.split, limit=args.limit, errors=args.errors)))


if __name__ == "__main__":
    main()
