// Backup sets: age against each RPO, verification status and when, size.
import { api, el, when, inWords, isoMillis, every2s, problem } from './lib.js';

export async function showBackups(view) {
  const runbooks = await api('api/runbooks');
  const rpos = [...new Set(runbooks.map(r => r.rpo))].sort((a, b) => isoMillis(a) - isoMillis(b));
  const body = el('tbody', { id: 'backups' });
  view.append(el('h2', {}, 'Backup sets'), el('table', {}, el('thead', {}, el('tr', {},
    ['Set', 'Taken', 'Age', ...rpos.map(rpo => `RPO ${rpo}`), 'Verified', 'Size', 'Data sets'].map(h => el('th', {}, h)))), body));
  return every2s(async () => {
    try {
      body.replaceChildren(...(await api('api/backups')).map(set => el('tr', {},
        el('td', {}, set.id), el('td', {}, when(set.createdAt)), el('td', {}, inWords(set.ageSeconds * 1000)),
        // a set that does not open meets no RPO
        rpos.map(rpo => set.problem ? el('td', {}, '–')
          : set.ageSeconds * 1000 <= isoMillis(rpo) ? el('td', { class: 'ok' }, 'within') : el('td', { class: 'breach' }, 'older')),
        el('td', { class: set.verified === false ? 'breach' : '' }, set.problem ? `does not open: ${set.problem}`
          : set.verified === null ? 'not yet'
          : `${set.verified ? 'yes' : 'FAILED'} at ${when(set.verifiedAt)}${set.verificationProblem ? `: ${set.verificationProblem}` : ''}`),
        el('td', {}, size(set.sizeBytes)), el('td', {}, set.dataSets.join(', ')))));
    } catch (error) {
      body.replaceChildren(el('tr', {}, el('td', {}, problem(error))));
    }
  });
}

function size(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}
