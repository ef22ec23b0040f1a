// The printable report: one HTML file with its style inline and no scripts, which an auditor can keep.
import { when, duration, percent } from './lib.js';
import { rtoInWords } from './rto.js';

const escape = text => String(text ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
const rows = list => list.map(cells => `<tr>${cells.map(c => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
const head = names => `<tr>${names.map(n => `<th>${escape(n)}</th>`).join('')}</tr>`;

export function reportHtml({ run, events, check, timeline, decisions }) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Run ${escape(run.runId)}: ${escape(run.runbook)}</title>
<style>body{font:14px/1.4 sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eee}.bad{color:#b00;font-weight:bold}
code{font-size:11px;word-break:break-all}
.drill{background:#4a2a8a;color:#fff;font-size:1.4em;font-weight:bold;padding:.4em .8em}</style></head><body>
${run.drill ? '<p class="drill">DRILL: this run worked on a scratch copy; the live target was not touched.</p>' : ''}
<h1>${escape(run.runbook)} run ${escape(run.runId)}</h1>
<p>Started ${escape(when(run.startedAt))} by ${escape(run.startedBy)}; reason: ${escape(run.reason)}.<br>
Ended ${escape(when(run.endedAt))}: ${escape(run.state)}, outcome ${escape(run.outcome)}.<br>
RTO ${escape(run.rto)}: ${run.rtoBreached ? '<span class="bad">' : ''}${escape(rtoInWords(run))}${run.rtoBreached ? '</span>' : ''},
deadline ${escape(when(run.rtoDeadline))}.</p>
<p class="${check.intact ? '' : 'bad'}">Audit chain: ${check.intact ? `verified, ${check.events} events` : `BROKEN at event ${escape(check.brokenAt)}: ${escape(check.problem)}`}
(checked when this report was made, ${escape(new Date().toLocaleString())}).</p>
<h2>Timeline</h2><table>${head(['Step', 'Start', 'End', 'Duration', 'Share of RTO', 'Actor'])}${rows(timeline.map(s =>
    [s.name, when(s.startedAt), when(s.endedAt), duration(s.durationMillis), percent(s.rtoShare), s.actor]))}</table>
<h2>Decisions and approvals</h2><table>${head(['When', 'Step', 'Who', 'Type', 'Form data'])}${rows(decisions.map(e =>
    [when(e.at), e.step, e.actor, e.type, JSON.stringify(e.detail.values)]))}</table>
<h2>Audit trail</h2><p>hash = sha256_hex(prevHash + canonical_json); anyone can recompute it from the JSON export.</p>
<table>${head(['#', 'At', 'Actor', 'Type', 'Step', 'Detail', 'Hash'])}${events.map(e => `<tr><td>${e.seq}</td><td>${escape(e.at)}</td>
<td>${escape(e.actor)}</td><td>${escape(e.type)}</td><td>${escape(e.step)}</td><td><code>${escape(JSON.stringify(e.detail))}</code></td>
<td><code>${escape(e.hash)}</code></td></tr>`).join('')}</table></body></html>`;
}
