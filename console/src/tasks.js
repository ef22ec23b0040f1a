// The task inbox (open tasks the user's roles may complete) and a task's Camunda Form, rendered by form-js.
import { Form } from '@bpmn-io/form-js';
import { api, el, problem, when, ago, every2s, drillBanner, waitsOn } from './lib.js';
import { decisionOf, withoutDecision, decisionButtons } from './decision.js';

/** A task without a candidate group is the commander's, as the service decides too. */
function mine(task, me) {
  const groups = task.candidateGroups.length ? task.candidateGroups : ['commander'];
  return groups.some(group => me.roles.includes(group));
}

export async function showTasks(view, me) {
  const list = el('tbody', { id: 'tasks' });
  view.append(el('h2', {}, 'My open tasks'), el('table', {},
    el('thead', {}, el('tr', {}, ['Task', 'Runbook', 'Run reason', 'Run', 'For', 'Waiting for'].map(h => el('th', {}, h)))), list));
  return every2s(async () => {
    try {
      const tasks = (await api('api/tasks')).filter(task => mine(task, me));
      list.replaceChildren(...tasks.map(task => el('tr', { class: task.drill ? 'drill-row' : '' },
        el('td', {}, task.drill ? el('span', { class: 'drill-badge' }, 'DRILL') : null,
          el('a', { href: `#/tasks/${task.taskId}`, class: 'task-link' }, task.name)),
        el('td', {}, task.runbook || '–'), el('td', {}, task.reason || '–'),
        el('td', {}, el('a', { href: `#/runs/${task.runId}` }, task.runId.slice(0, 8))),
        el('td', {}, task.candidateGroups.join(', ') || 'commander'),
        el('td', { title: when(task.createdAt) }, ago(task.createdAt)))));
      if (!tasks.length) list.replaceChildren(el('tr', {}, el('td', { colspan: 6 }, 'Nothing waits for you.')));
    } catch (error) {
      list.replaceChildren(el('tr', {}, el('td', { colspan: 6 }, problem(error))));
    }
  });
}

export async function showTask(view, me, taskId) {
  const task = await api(`api/tasks/${taskId}/form`);
  const container = el('div', { id: 'task-form' });
  const message = el('div', { id: 'task-message' });
  const decision = decisionOf(task.schema.components);
  const schema = decision ? withoutDecision(task.schema, decision) : task.schema;
  const groups = task.candidateGroups.join(', ') || 'commander';
  const actions = el('div', { class: 'actions' });
  view.append(drillBanner(task.data.drill), el('h2', {}, task.name),
    el('p', {}, 'Run ', el('a', { href: `#/runs/${task.runId}` }, task.runId), ` (${task.data.runbook || ''}),`
      + ` started by ${task.data.startedBy || '–'}; for ${groups}`),
    // the buttons and any error stay in sight at the bottom of the window, however long the form
    el('div', { class: 'card' }, container, el('div', { class: 'task-actions' }, actions, message)));
  // no debounce: a button pressed right after typing must see what was typed (a rejection checks its reason)
  const form = new Form({ container, debounce: false });
  await form.importSchema(schema, readable(task.data, schema));
  const send = async decided => {
    const { data, errors } = form.submit();
    if (Object.keys(errors).length) return;
    const buttons = [...actions.querySelectorAll('button')];
    buttons.forEach(button => { button.disabled = true; });
    try {
      const done = await api(`api/tasks/${taskId}/complete`, { method: 'POST', body: { variables: { ...fieldsOf(schema, data), ...decided } } });
      actions.hidden = true;
      const next = el('span', { id: 'task-next' }, done.completed ? 'Waiting for the run to go on…' : '');
      message.replaceChildren(el('p', { class: 'done', id: 'task-done' }, done.completed ? 'Done. ' : 'Your approval is recorded; the task waits for further approvers. ',
        next, ' ', el('a', { href: `#/runs/${task.runId}` }, 'Back to the run')));
      // the task is done either way: a failure to learn what follows is no error of the completion
      if (done.completed) next.textContent = await whatNext(task, () => next.isConnected).catch(() => GOES_ON);
    } catch (error) {
      buttons.forEach(button => { button.disabled = false; });
      showFieldErrors(form, schema, error);
      message.replaceChildren(problem(error));
    }
  };
  if (!mine(task, me)) {
    actions.append(el('p', { class: 'muted' }, `Only ${groups} may complete this task.`));
  } else if (decision) {
    actions.append(decisionButtons(decision, key => form._getState().data[key], approved => send({ [decision.key]: approved }),
      (key, text) => showFieldErrors(form, schema, { body: { fields: { [key]: text } } })));
  } else {
    actions.append(el('button', { type: 'button', id: 'task-submit', onclick: () => send({}) }, 'Submit'));
  }
}

const GOES_ON = 'The run goes on; its page shows where it stands.';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The run's values for the form's text, instants in the reader's time zone to the second; the form's own fields as they are. */
function readable(data, schema) {
  const fields = new Set(keyed(schema.components).map(c => c.key));
  return Object.fromEntries(Object.entries(data).map(([key, value]) =>
    [key, !fields.has(key) && typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value).toLocaleString() : value]));
}

/** What the completed task led to: the run's outcome once it ended, or the next task and who it waits on (asked for a minute). */
async function whatNext(task, shown) {
  // asked only while the page shows the answer
  for (let tries = 0; tries < 60 && shown(); tries++) {
    const run = await api(`api/runs/${task.runId}`);
    if (run.endedAt) return `The run ended: ${run.outcome || run.state}.`;
    const next = (await api(`api/tasks?runId=${task.runId}`)).find(other => other.taskId !== task.taskId);
    if (next) return `Next: ${next.name}, waiting on ${waitsOn(next)}.`;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return GOES_ON;
}

/** Only the form's own fields go back: the data also holds the run's context, which the service refuses. */
function fieldsOf(schema, data) {
  const values = {};
  keyed(schema.components).forEach(component => {
    if (data[component.key] !== undefined && !component.disabled) values[component.key] = data[component.key];
  });
  return values;
}

function keyed(components = []) {
  return components.flatMap(c => [...(c.key ? [c] : []), ...keyed(c.components)]);
}

/** The service's 400 names fields by key; form-js shows errors by component id. */
function showFieldErrors(form, schema, error) {
  const fields = error.body && error.body.fields;
  if (!fields) return;
  const errors = {};
  keyed(schema.components).forEach(component => {
    if (fields[component.key]) errors[component.id] = [fields[component.key]];
  });
  form._setState({ errors });
}
