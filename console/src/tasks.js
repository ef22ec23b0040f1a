// The task inbox (open tasks the user's roles may complete) and a task's Camunda Form, rendered by form-js.
import { Form } from '@bpmn-io/form-js';
import { api, el, problem, when, every2s } from './lib.js';

/** A task without a candidate group is the commander's, as the service decides too. */
function mine(task, me) {
  const groups = task.candidateGroups.length ? task.candidateGroups : ['commander'];
  return groups.some(group => me.roles.includes(group));
}

export async function showTasks(view, me) {
  const list = el('tbody', { id: 'tasks' });
  view.append(el('h2', {}, 'My open tasks'), el('table', {},
    el('thead', {}, el('tr', {}, ['Task', 'Run', 'For', 'Waiting since'].map(h => el('th', {}, h)))), list));
  return every2s(async () => {
    try {
      const tasks = (await api('api/tasks')).filter(task => mine(task, me));
      list.replaceChildren(...tasks.map(task => el('tr', {},
        el('td', {}, el('a', { href: `#/tasks/${task.taskId}`, class: 'task-link' }, task.name)),
        el('td', {}, el('a', { href: `#/runs/${task.runId}` }, task.runId.slice(0, 8))),
        el('td', {}, task.candidateGroups.join(', ') || 'commander'), el('td', {}, when(task.createdAt)))));
      if (!tasks.length) list.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, 'Nothing waits for you.')));
    } catch (error) {
      list.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, problem(error))));
    }
  });
}

export async function showTask(view, me, taskId) {
  const task = await api(`api/tasks/${taskId}/form`);
  const container = el('div', { id: 'task-form' });
  const message = el('div', { id: 'task-message' });
  const submit = el('button', { type: 'button', id: 'task-submit' }, 'Submit');
  view.append(el('h2', {}, task.name),
    el('p', {}, 'Run ', el('a', { href: `#/runs/${task.runId}` }, task.runId), ` (${task.data.runbook || ''}),`
      + ` started by ${task.data.startedBy || '–'}; for ${task.candidateGroups.join(', ') || 'commander'}`),
    el('div', { class: 'card' }, container, submit, message));
  const form = new Form({ container });
  await form.importSchema(task.schema, task.data);
  submit.addEventListener('click', async () => {
    const { data, errors } = form.submit();
    if (Object.keys(errors).length) return;
    submit.disabled = true;
    try {
      const done = await api(`api/tasks/${taskId}/complete`, { method: 'POST', body: { variables: fieldsOf(task.schema, data) } });
      message.replaceChildren(el('p', { class: 'done', id: 'task-done' }, done.completed ? 'Done. ' : 'Your approval is recorded; the task waits for further approvers. ',
        el('a', { href: `#/runs/${task.runId}` }, 'Back to the run')));
    } catch (error) {
      submit.disabled = false;
      showFieldErrors(form, task.schema, error);
      message.replaceChildren(problem(error));
    }
  });
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
