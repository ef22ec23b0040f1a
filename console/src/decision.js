// A form's decision (approve, confirm, overwrite) as two explicit buttons instead of a checkbox whose
// default would decide for whoever pressed Submit: Approve, or Reject with a reason and a confirmation.
import { el } from './lib.js';

const REASON = 'reason';

/** The form's decision field (a checkbox marked with the property decision = "true"), if it has one. */
export function decisionOf(components = []) {
  for (const component of components) {
    if (component.properties && component.properties.decision === 'true') return component;
    const inner = decisionOf(component.components);
    if (inner) return inner;
  }
  return null;
}

/** The schema without the decision field: the buttons give it, so form-js renders no box to forget. */
export function withoutDecision(schema, decision) {
  const strip = components => components.filter(c => c.id !== decision.id)
    .map(c => (c.components ? { ...c, components: strip(c.components) } : c));
  return { ...schema, components: strip(schema.components) };
}

/**
 * The Approve and Reject buttons; decide(true|false) sends the form. Rejecting asks for the form's
 * reason first (a refusal ends or turns the run, and the trail must say why), then for a confirmation.
 */
export function decisionButtons(decision, reasonOf, decide, showProblem) {
  const approve = el('button', { type: 'button', id: 'task-approve', class: 'approve', onclick: () => decide(true) }, 'Approve');
  const confirmation = el('div', { id: 'reject-confirmation', class: 'confirm', hidden: true });
  const missing = el('p', { id: 'reject-needs-reason', class: 'breach', role: 'alert', hidden: true },
    'A rejection needs a reason: say why in the reason field, then reject.');
  const reject = el('button', { type: 'button', id: 'task-reject', class: 'reject', onclick: () => {
    missing.hidden = Boolean(String(reasonOf(REASON) || '').trim());
    if (!missing.hidden) {
      showProblem(REASON, 'a rejection needs a reason');
      return;
    }
    confirmation.replaceChildren(
      el('p', {}, `Reject "${decision.label}"? The run takes its refusal path; this cannot be undone.`),
      el('button', { type: 'button', id: 'task-reject-confirm', class: 'reject', onclick: () => decide(false) }, 'Yes, reject'),
      el('button', { type: 'button', id: 'task-reject-back', onclick: () => { confirmation.hidden = true; } }, 'Back'));
    confirmation.hidden = false;
  } }, 'Reject');
  return el('div', { class: 'decision' }, el('p', { class: 'question' }, decision.label), approve, reject, missing, confirmation);
}
