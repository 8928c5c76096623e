"""The report as Markdown (CommonMark), for a wiki, a ticket or an e-mail."""

from __future__ import annotations

import re

from workbench.reports.model import STATUS_ICONS, ClaimEntry, Report, human

# Characters that would turn an article's words into emphasis, code, a link or raw
# HTML; and what makes a list or a heading at the start of a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")
_LINE_START = re.compile(r"^([-+]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line: markup characters backslash-escaped
    (so ``<script>`` stays text in any renderer), line breaks folded to spaces."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text)


def _link(url: str) -> str:
    """An autolink, or the escaped text where the URL cannot be one."""
    return f"<{url}>" if url and not re.search(r"[\s<>]", url) else escape(url)


def _quote(text: str) -> list[str]:
    """A block quote of ``text``, its own paragraphs kept."""
    lines = [escape(line) for line in text.strip().splitlines()]
    return ["> " + line if line else ">" for line in lines]


def to_markdown(report: Report) -> str:
    """Title, article facts, counts, then every claim with its decision and evidence;
    sentences marked not a claim and excluded lines at the end."""
    out = [f"# Verification report: {escape(report.display_title)}", ""]
    out += [f"- {name}: {value}" for name, value in _facts(report)]
    counts = report.counts
    out += ["", "## Summary", ""]
    out += [f"- {STATUS_ICONS[s]} {s}: {n}" for s, n in counts.items()]
    out += [f"- not a claim: {len(report.not_claims)}", "", "## Claims", ""]
    for claim in report.claims:
        out += _claim(claim)
    if not report.claims:
        out += ["This article has no claims.", ""]
    if report.not_claims:
        out += ["## Marked as not a claim", ""]
        for item in report.not_claims:
            who = (
                f" (by {escape(item.marked_by)}, {human(item.marked_at)})" if item.marked_by else ""
            )
            note = f": {escape(item.note)}" if item.note else ""
            out.append(f"- Sentence {item.number}: {escape(item.text)}{who}{note}")
        out.append("")
    if report.excluded:
        out += ["## Not checked: lines that hold no claims", ""]
        out += [f"- {e.label}: {escape(e.text)}" for e in report.excluded]
        out.append("")
    out.append(f"Generated {human(report.generated_at)} (report schema {report.schema_version}).")
    return "\n".join(out) + "\n"


def _facts(report: Report) -> list[tuple[str, str]]:
    facts = [("Article", str(report.article_id))]
    if report.origin_url:
        facts.append(("Origin", _link(report.origin_url)))
    if report.publisher:
        facts.append(("Publisher", escape(report.publisher)))
    facts.append(("Language", escape(report.language)))
    if report.published_at:
        facts.append(("Published", human(report.published_at)))
    facts.append(("Imported", human(report.imported_at)))
    if report.checked_at:
        facts.append(
            ("Checked", f"by {escape(report.checked_by or '?')}, {human(report.checked_at)}")
        )
    else:
        facts.append(("Checked", "not signed off yet"))
    if report.review_url:
        facts.append(("Review page", _link(report.review_url)))
    return facts


def _claim(claim: ClaimEntry) -> list[str]:
    status = f"{STATUS_ICONS[claim.status]} {claim.status_label}"
    out = [f"### {claim.number}. {status}", ""]
    out += _quote(claim.text)
    out.append("")
    if claim.is_decided:
        who = escape(claim.reviewer) if claim.reviewer else "someone"
        out.append(f"- Decided by {who}, {human(claim.decided_at)}")
    if claim.reason_text:
        out.append(f"- Reason: {escape(claim.reason_text)}")
    if claim.note:
        out.append(f"- Note: {escape(claim.note)}")
    if claim.suggestion:
        verdict = {True: " (the decision agrees)", False: " (the decision differs)"}
        agree = verdict.get(claim.agrees, "")
        out.append(f"- Matcher suggested: {escape(claim.suggestion_reason)}{agree}")
    for flag in claim.flags:
        out.append(f"- Flag ({escape(flag.kind)}): {escape(flag.message)}")
    if claim.source_changed:
        out.append("- The source changed since this was decided.")
    evidence = claim.evidence
    if evidence:
        position = evidence.selector("TextPositionSelector")
        out += ["", "Evidence:", ""]
        out += _quote(evidence.passage)
        out += [
            "",
            f"- Source: {_link(evidence.source_url)}",
            f"- Snapshot {evidence.snapshot_id}, {human(evidence.fetched_at)}, "
            f"sha256 `{evidence.sha256}`",
        ]
        if position:
            out.append(f"- Characters {position.get('start')}–{position.get('end')} of its text")
        out.append(f"- Archived copies: {_link(evidence.archive_url)}")
    if claim.url:
        out.append(f"- On the review page: {_link(claim.url)}")
    out.append("")
    return out
