// A run's audit: step timeline against the RTO, decisions with their form data, the chain check,
// and the exports an auditor keeps (the JSON trail, a self-contained HTML report, the signed bundle).
import { api, el, when, duration, percent, download, postForFile, problem, drillBanner } from './lib.js';
import { reportHtml } from './report.js';
import { rtoInWords } from './rto.js';
import { pruneDecisions } from './prune.js';
import { eventDetails, decisionWords } from './details.js';

const DECISIONS = ['task.completed', 'task.approval'];
// the actors the service writes its own events as (StepAudit.ACTOR, and AuditTrail's default)
const SERVICE = 'dr-runbooks';
const MACHINES = [SERVICE, 'system'];

export async function showAudit(view, me, runId) {
  const [run, events, check] = await Promise.all([
    api(`api/runs/${runId}`), api(`api/runs/${runId}/audit`), api(`api/runs/${runId}/audit/check`)]);
  const audit = { run, events, check, timeline: timeline(run, events), decisions: events.filter(e => DECISIONS.includes(e.type)) };
  view.append(drillBanner(run.drill),
    el('h2', {}, `Audit: ${run.runbook} `, el('small', {}, runId)),
    el('p', {}, el('a', { href: `#/runs/${runId}` }, 'Back to the run')),
    el('p', { id: 'chain-check', class: check.intact ? 'verified' : 'breach' }, check.intact
      ? `Chain verified: ${check.events} events, every hash recomputes.` : `CHAIN BROKEN at event ${check.brokenAt}: ${check.problem}`),
    el('p', { id: 'audit-outcome' }, `Outcome ${run.outcome || run.state}; RTO: `, run.rtoBreached
      ? el('strong', { class: 'breach' }, rtoInWords(run)) : rtoInWords(run), '.'),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'export-json', onclick: () => download(`run-${runId}-audit.json`, 'application/json',
        JSON.stringify({ runId, run, events, check }, null, 2)) }, 'Export JSON'),
      el('button', { type: 'button', id: 'export-html', onclick: () => download(`run-${runId}-report.html`, 'text/html',
        reportHtml(audit)) }, 'Download HTML report'),
      // the server signs it and audits the export, so it is a POST; verify-export or openssl check it offline
      el('button', { type: 'button', id: 'export-bundle', onclick: () => exportBundle(runId).catch(error => view.append(problem(error))) }, 'Signed bundle'),
      el('button', { type: 'button', onclick: () => window.print() }, 'Print')),
    el('h3', {}, 'Timeline'), table(['Step', 'Start', 'End', 'Duration', 'Share of RTO', 'Actor'], audit.timeline.map(row =>
      [row.name, when(row.startedAt), when(row.endedAt), duration(row.durationMillis), percent(row.rtoShare), row.actor])),
    el('h3', {}, 'Decisions and approvals'), table(['When', 'Step', 'Who', 'Kind', 'Decision', 'Form data'], audit.decisions.map(e =>
      [when(e.at), e.step, e.actor, e.type === 'task.approval' ? `approval ${e.detail.approvals} of ${e.detail.approvalsRequired}` : 'completed',
        decisionWords(e.detail.values), eventDetails(e.detail.values)])),
    pruneDecisions(events) || '',
    el('h3', {}, 'Trail'), table(['#', 'At', 'Actor', 'Type', 'Step', 'Details'],
      events.map(e => [e.seq, when(e.at), e.actor, e.type, e.step || '', eventDetails(e.detail)]), 'trail'));
}

async function exportBundle(runId) {
  const { name, blob } = await postForFile(`api/runs/${runId}/audit/export`, `audit-${runId}.zip`);
  download(name, 'application/zip', blob);
}

/** Each finished or failed step, in order, with who did it: the person who completed it, else the service. */
export function timeline(run, events) {
  const failed = run.failedSteps.map(step => ({ ...step, failed: true }));
  return [...run.completedSteps, ...failed].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)).map(step => {
    const people = events.filter(e => e.step === step.step && !MACHINES.includes(e.actor));
    const name = step.name || step.step;
    return { ...step, name: step.failed ? `${name} (FAILED: ${step.problem})` : name,
      actor: people.length ? people[people.length - 1].actor : SERVICE };
  });
}

function table(headings, rows, id) {
  return el('table', { id }, el('thead', {}, el('tr', {}, headings.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(cell => el('td', {}, cell ?? ''))))));
}
