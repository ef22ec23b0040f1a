// A run: its diagram with finished, active and failed steps marked, its RTO bar and its open tasks, live.
import { api, el, problem, when, every2s, drillBanner } from './lib.js';
import { rtoBar } from './rto.js';
import { runDiagram } from './diagram.js';
import { pruneDecisions } from './prune.js';

export async function showRun(view, me, runId) {
  const first = await api(`api/runs/${runId}`);
  // who may cancel a run is who may start its runbook: operators their backups, commanders their recoveries
  const { startRole } = (await api('api/runbooks')).find(runbook => runbook.id === first.runbook) || {};
  const summary = el('section', { id: 'run-summary' });
  const rto = el('section', { id: 'rto' });
  const tasks = el('section', { id: 'run-tasks' });
  const results = el('section', { id: 'run-results' });
  const diagram = await runDiagram(await api(`api/runbooks/${first.runbook}/model`));
  view.append(drillBanner(first.drill), el('h2', {}, `${first.runbook} `, el('small', {}, runId)), summary, rto, tasks, results,
    diagram.element, el('p', {}, el('a', { href: `#/audit/${runId}`, id: 'audit-link' }, 'Audit trail and report')));
  await diagram.show();
  let resultsShown = false;
  return every2s(async () => {
    try {
      const run = await api(`api/runs/${runId}`);
      const open = run.state === 'ACTIVE' ? await api(`api/tasks?runId=${run.runId}`) : [];
      summary.replaceChildren(runSummary(run, me, runId, startRole));
      rto.replaceChildren(rtoBar(run, open));
      tasks.replaceChildren(...open.map(openTask));
      diagram.mark(run);
      if (run.endedAt && !resultsShown) {
        resultsShown = true;
        results.replaceChildren(pruneDecisions(await api(`api/runs/${runId}/audit`)) || '');
      }
    } catch (error) {
      summary.replaceChildren(problem(error));
    }
  });
}

function runSummary(run, me, runId, startRole) {
  const cancel = ['ACTIVE', 'FAILED'].includes(run.state) && me.roles.includes(startRole)
    ? el('button', { type: 'button', id: 'cancel-run', onclick: () => cancelRun(runId) }, 'Cancel run') : null;
  return el('dl', {},
    el('dt', {}, 'State'), el('dd', { id: 'run-state' }, run.state),
    el('dt', {}, 'Outcome'), el('dd', { id: 'run-outcome' }, run.outcome || '–'),
    el('dt', {}, 'Started'), el('dd', {}, `${when(run.startedAt)} by ${run.startedBy || '–'}`),
    el('dt', {}, 'Reason'), el('dd', {}, run.reason || '–'),
    el('dt', {}, 'Ended'), el('dd', {}, when(run.endedAt)), cancel);
}

async function cancelRun(runId) {
  const reason = prompt('Why cancel this run? (recorded in the audit trail)');
  if (reason) await api(`api/runs/${runId}/cancel`, { method: 'POST', body: { reason } }).catch(e => alert(e.message));
}

function openTask(task) {
  return el('p', { class: 'open-task' }, 'Waiting for ', el('a', { href: `#/tasks/${task.taskId}`, class: 'task-link' },
    task.name), ` (${task.candidateGroups.join(', ') || 'commander'})`);
}
