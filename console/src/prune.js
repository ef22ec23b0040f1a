// What a prune deleted, or in a dry run would delete, and why: read from its step's output in the audit trail.
import { el } from './lib.js';

/** The table of a prune run's decisions, or null when the events hold none (another runbook, or not yet pruned). */
export function pruneDecisions(events) {
  const done = events.find(e => e.type === 'step.completed' && e.detail.output && Array.isArray(e.detail.output.pruneDecisions));
  if (!done) return null;
  const { pruneDecisions: decisions, outcome, protectedSets = [] } = done.detail.output;
  const dryRun = outcome === 'DRY_RUN';
  return el('section', { id: 'prune-decisions' },
    el('h3', {}, dryRun ? 'Dry run: what would be deleted, and why' : 'Deleted, and why'),
    decisions.length ? el('table', {}, el('thead', {}, el('tr', {}, ['Set', dryRun ? 'Would delete' : 'Deleted', 'Why'].map(h => el('th', {}, h)))),
      el('tbody', {}, decisions.map(d => el('tr', {}, el('td', {}, d.set),
        el('td', {}, Array.isArray(d.delete) ? d.delete.join(', ') : d.delete), el('td', {}, d.reason)))))
      : el('p', {}, dryRun ? 'Nothing would be deleted: every set is within the retention policy.' : 'Nothing was deleted.'),
    protectedSets.length ? el('p', { class: 'muted' }, `Protected (never deleted): ${protectedSets.join(', ')}`) : null);
}
