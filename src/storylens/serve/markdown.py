"""A story's account as Markdown, for people who read it outside storylens."""

from __future__ import annotations

from storylens.model import Account, Agreement, Claim

_AGREEMENT_TITLES = {
    Agreement.AGREE: "Sources agree",
    Agreement.SINGLE: "Reported by one source only",
    Agreement.CONFLICT: "Sources conflict",
}


def _sources(outlets: tuple[str, ...]) -> str:
    return ", ".join(outlets) if outlets else "unattributed"


def _claim_values(claim: Claim) -> str:
    """Each value with the independent sources stating it, and where else it is printed (copies, citations)."""
    if not claim.sides:
        return f"{' vs '.join(claim.values)} [{_sources(claim.sources)}]"
    parts = []
    for side in claim.sides:
        reprinted = [outlet for outlet in side.outlets if outlet not in side.sources]
        also = f"; also in {', '.join(reprinted)}" if reprinted else ""
        parts.append(f"{side.value} [{_sources(side.sources)}{also}]")
    return " vs ".join(parts)


def account_to_markdown(account: Account) -> str:
    """Every piece keeps its sources in brackets after it."""
    lines = [f"# {account.headline}", "", f"Story `{account.story_id}`", "", "## Summary", ""]
    lines += [f"- {sentence.text} [{_sources(sentence.sources)}]" for sentence in account.summary]
    if account.quotes:
        lines += ["", "## Quotes", ""]
        for quote in account.quotes:
            speaker = quote.speaker or "Unattributed"
            lines.append(f"- **{speaker}**: “{quote.text}” [{_sources(quote.sources)}]")
            wordings = {variant.mention.text for variant in quote.variants} - {quote.text}
            lines += [f"  - variant: “{wording}”" for wording in sorted(wordings)]
    for agreement in (Agreement.AGREE, Agreement.CONFLICT, Agreement.SINGLE):
        claims = [claim for claim in account.claims if claim.agreement is agreement]
        if claims:
            lines += ["", f"## {_AGREEMENT_TITLES[agreement]}", ""]
            lines += [f"- {claim.subject}: {_claim_values(claim)}" for claim in claims]
    if account.coverage:
        lines += ["", "## What each source adds", ""]
        for source in account.coverage:
            copied = f" (repeats {', '.join(source.copies_of)})" if source.copies_of else ""
            lines.append(f"### {source.outlet}{copied}")
            lines += [f"- adds: {mention.text}" for mention in source.adds]
            lines += [f"- leaves out: {point}" for point in source.omits]
    if account.entities:
        lines += ["", "## Entities", ""]
        for entity in account.entities:
            counts = ", ".join(f"{outlet} {count}" for outlet, count in entity.mentions_by_outlet)
            lines.append(f"- {entity.name} ({entity.kind}): {counts}")
    if account.timeline:
        lines += ["", "## Timeline", ""]
        for entry in account.timeline:
            when = entry.at.strftime("%Y-%m-%d %H:%M") if entry.at else "undated"
            lines.append(f"- {when} — {entry.outlet or 'unknown outlet'}: {entry.title}")
    return "\n".join(lines) + "\n"
