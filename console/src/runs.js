// Runs: the start form (only the runbooks the user's roles may start) and every run, newest first.
import { api, el, problem, when, every2s } from './lib.js';
import { rtoInWords } from './rto.js';

const DATA_SETS = ['registry', 'state', 'artifacts', 'audit', 'cache', 'config'];
// the newest runs listed; a year of daily schedules would otherwise be read every 2 s
const LISTED = 100;

export async function showRuns(view, me) {
  const [runbooks, backups] = await Promise.all([api('api/runbooks'), api('api/backups')]);
  const startable = runbooks.filter(r => me.roles.includes(r.startRole));
  if (startable.length) view.append(startForm(startable, backups));
  const table = el('tbody', { id: 'runs' });
  view.append(el('h2', {}, 'Runs'), el('table', {},
    el('thead', {}, el('tr', {}, ['Run', 'Runbook', 'State', 'Outcome', 'Started', 'By', 'RTO'].map(h => el('th', {}, h)))),
    table));
  return every2s(async () => {
    try {
      table.replaceChildren(...(await api(`api/runs?limit=${LISTED}`)).map(runRow));
    } catch (error) {
      table.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, problem(error))));
    }
  });
}

function runRow(run) {
  const rto = run.rtoBreached ? el('span', { class: 'breach' }, rtoInWords(run)) : rtoInWords(run);
  return el('tr', { class: `state-${run.state}` },
    el('td', {}, el('a', { href: `#/runs/${run.runId}`, class: 'run-link' }, run.runId.slice(0, 8))),
    el('td', {}, run.drill ? el('span', { class: 'drill drill-badge' }, 'DRILL') : '', run.runbook), el('td', {}, run.state), el('td', {}, run.outcome || '–'),
    el('td', {}, when(run.startedAt)), el('td', {}, run.startedBy || '–'), el('td', {}, rto));
}

function startForm(runbooks, backups) {
  const runbook = el('select', { id: 'start-runbook', name: 'runbook' },
    runbooks.map(r => el('option', { value: r.id }, `${r.id} (RTO ${r.rto})`)));
  const reason = el('input', { id: 'start-reason', name: 'reason', required: true, placeholder: 'what happened, why now' });
  const drill = el('input', { id: 'start-drill', type: 'checkbox', checked: true });
  const dataSets = DATA_SETS.map(name => el('label', { class: 'inline' }, el('input', { type: 'checkbox', value: name, class: 'data-set' }), name));
  const backupSet = el('select', { id: 'start-backup-set' }, el('option', { value: '' }, 'the newest usable set'),
    backups.map(b => el('option', { value: b.id }, `${b.id}${b.verified ? ' (verified)' : ''}`)));
  const restoreFields = el('fieldset', { id: 'restore-fields' }, el('legend', {}, 'Restore'),
    el('div', {}, 'Data sets (none ticked: the runbook asks): ', dataSets), el('label', {}, 'Backup set ', backupSet));
  const weekly = el('input', { id: 'start-weekly', type: 'checkbox' });
  const dryRun = el('input', { id: 'start-dry-run', type: 'checkbox', checked: true });
  const weeklyField = el('label', { class: 'inline' }, weekly, ' Weekly: a full set, cache included');
  const dryRunField = el('label', { class: 'inline' }, dryRun, ' Dry run: only list what would be deleted, and why');
  const drillField = el('label', { class: 'inline' }, drill, ' Drill: run on a scratch copy; the live target is not touched');
  // server-loss is meant for a new, empty root: the live one (it holds data) only when said so, and an approver confirms
  const overwrite = el('input', { id: 'start-overwrite-root', type: 'checkbox' });
  const overwriteField = el('label', { class: 'inline' }, overwrite,
    ' Overwrite the live root (it holds data): an approver must confirm, and services are stopped first');
  const message = el('div');
  // only a recovery can be a drill; the service refuses a drill of the others (backup, verify-backup, prune-backups)
  const drillable = () => runbooks.find(r => r.id === runbook.value).drill;
  const toggle = () => {
    restoreFields.hidden = runbook.value !== 'restore';
    weeklyField.hidden = runbook.value !== 'backup';
    dryRunField.hidden = runbook.value !== 'prune-backups';
    drillField.hidden = !drillable();
    overwriteField.hidden = runbook.value !== 'server-loss';
  };
  runbook.addEventListener('change', toggle);
  toggle();
  const form = el('form', { id: 'start-form', class: 'card' },
    el('h2', {}, 'Start a runbook'),
    el('label', {}, 'Runbook ', runbook), el('label', {}, 'Reason ', reason), restoreFields, weeklyField, dryRunField,
    drillField, overwriteField,
    el('button', { type: 'submit', id: 'start-submit' }, 'Start'), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const asDrill = drillable() && drill.checked;
    const body = { runbook: runbook.value, reason: reason.value, drill: asDrill };
    if (runbook.value === 'restore') {
      const ticked = dataSets.map(l => l.firstChild).filter(c => c.checked).map(c => c.value);
      if (ticked.length) body.dataSets = ticked;
      if (backupSet.value) body.backupSet = backupSet.value;
    }
    if (runbook.value === 'backup') body.weekly = weekly.checked;
    if (runbook.value === 'prune-backups') body.dryRun = dryRun.checked;
    if (runbook.value === 'server-loss' && !asDrill && overwrite.checked) body.overwriteNonEmptyRoot = true;
    if (drillable() && !asDrill && !confirm(`Start a REAL ${runbook.value} on the live target?`)) return;
    if (body.dryRun === false && !confirm('Prune for real? The sets listed for deletion will be deleted.')) return;
    try {
      const { runId } = await api('api/runs', { method: 'POST', body });
      location.hash = `#/runs/${runId}`;
    } catch (error) {
      message.replaceChildren(problem(error));
    }
  });
  return form;
}
