// An audit event's detail as a reader takes it in: one "name: value" line per fact (nested facts
// as "output.health: ..."), rather than the raw JSON that only the export needs.
import { el } from './lib.js';

// the forms' decision fields (the checkbox each marks with the property decision = "true")
const DECISIONS = { approved: ['APPROVED', 'REJECTED'], confirmed: ['CONFIRMED', 'REFUSED'], overwriteConfig: ['OVERWRITE', 'KEEP CURRENT'] };

export function eventDetails(detail) {
  const lines = facts(detail || {}, '');
  return lines.length ? el('ul', { class: 'details' }, lines.map(([name, value]) => el('li', {}, el('span', { class: 'fact' }, `${name}: `), value)))
    : '';
}

/** The decision a task's values record, in words; empty for a form that decides nothing. */
export function decisionWords(values = {}) {
  const key = Object.keys(DECISIONS).find(name => typeof values[name] === 'boolean');
  return key ? DECISIONS[key][values[key] ? 0 : 1] : '';
}

function facts(object, prefix) {
  return Object.entries(object).flatMap(([name, value]) => {
    const path = prefix + name;
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length && !prefix) return facts(value, `${path}.`);
    if (Array.isArray(value)) return [[path, value.every(v => typeof v !== 'object') ? value.join(', ') || '(none)' : JSON.stringify(value)]];
    if (value && typeof value === 'object') return [[path, JSON.stringify(value)]];
    return [[path, value === null ? '–' : String(value)]];
  });
}
