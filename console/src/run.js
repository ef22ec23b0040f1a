// A run: its diagram with finished, active and failed steps marked, its RTO bar and its open tasks, live.
import Viewer from 'bpmn-js/lib/Viewer';
import { api, el, problem, when, duration, every2s } from './lib.js';

const MARKERS = ['step-done', 'step-active', 'step-failed'];

export async function showRun(view, me, runId) {
  const first = await api(`api/runs/${runId}`);
  // who may cancel a run is who may start its runbook: operators their backups, commanders their recoveries
  const { startRole } = (await api('api/runbooks')).find(runbook => runbook.id === first.runbook) || {};
  const summary = el('section', { id: 'run-summary' });
  const rto = el('section', { id: 'rto' });
  const tasks = el('section', { id: 'run-tasks' });
  const canvasBox = el('div', { id: 'diagram', class: 'diagram' });
  view.append(el('h2', {}, `${first.runbook} `, el('small', {}, runId)), summary, rto, tasks, canvasBox,
    el('p', {}, el('a', { href: `#/audit/${runId}`, id: 'audit-link' }, 'Audit trail and report')));
  const viewer = new Viewer({ container: canvasBox });
  await viewer.importXML(await api(`api/runbooks/${first.runbook}/model`));
  viewer.get('canvas').zoom('fit-viewport');
  return every2s(async () => {
    try {
      const run = await api(`api/runs/${runId}`);
      summary.replaceChildren(runSummary(run, me, runId, startRole));
      rto.replaceChildren(rtoBar(run));
      tasks.replaceChildren(...(await openTasks(run)));
      mark(viewer, run);
    } catch (error) {
      summary.replaceChildren(problem(error));
    }
  });
}

function mark(viewer, run) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  registry.getAll().forEach(element => MARKERS.forEach(marker => canvas.removeMarker(element, marker)));
  const add = (id, marker) => { if (registry.get(id)) canvas.addMarker(id, marker); };
  const failed = new Set(run.failedSteps.map(step => step.step));
  run.completedSteps.filter(step => !failed.has(step.step)).forEach(step => add(step.step, 'step-done'));
  run.activeSteps.filter(id => !failed.has(id)).forEach(id => add(id, 'step-active'));
  failed.forEach(id => add(id, 'step-failed'));
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

/** Elapsed against the RTO, the deadline, and the predicted finish; a breach, or a predicted one, is loud. */
export function rtoBar(run) {
  if (!run.rto) return el('p', {}, 'No RTO for this run.');
  const total = run.rtoElapsedSeconds + run.rtoRemainingSeconds;
  const share = Math.min(1, run.rtoElapsedSeconds / total);
  const predicted = run.predictedFinish ? new Date(run.predictedFinish) : null;
  const late = predicted && predicted > new Date(run.rtoDeadline);
  return el('div', { class: `rto ${run.rtoBreached ? 'breached' : late ? 'late' : ''}` },
    run.rtoBreached ? el('p', { class: 'breach-banner', role: 'alert' }, `RTO ${run.rto} BREACHED`) : null,
    el('div', { class: 'bar' }, el('div', { class: 'fill', style: `width:${(share * 100).toFixed(1)}%` })),
    el('p', {}, `Elapsed ${duration(run.rtoElapsedSeconds * 1000)} of ${run.rto}; remaining ${duration(run.rtoRemainingSeconds * 1000)};`
      + ` deadline ${when(run.rtoDeadline)}; predicted finish ${predicted ? predicted.toLocaleString() : 'no past run to learn from'}`,
    late && !run.endedAt ? el('strong', { class: 'breach' }, ' (after the deadline)') : null));
}

async function openTasks(run) {
  if (run.state !== 'ACTIVE') return [];
  const tasks = await api(`api/tasks?runId=${run.runId}`);
  return tasks.map(task => el('p', { class: 'open-task' }, 'Waiting for ', el('a', { href: `#/tasks/${task.taskId}`, class: 'task-link' },
    task.name), ` (${task.candidateGroups.join(', ') || 'commander'})`));
}
