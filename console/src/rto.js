// The RTO bar: elapsed against the RTO in words, green until the warning share, amber after it, red
// once breached; frozen at the run's end, where it says whether the run recovered in time.
import { el, when, inWords, isoMillis, waitsOn } from './lib.js';

// the ends that did what the runbook is for; any other end (REJECTED, ABORTED, a cancel) recovered nothing
const SUCCESSES = ['RECOVERED', 'BACKED_UP', 'VERIFIED', 'PRUNED', 'DRY_RUN'];
// the service's default dr.rto-warning-share, for a run started before runs recorded their warning
const DEFAULT_WARNING_SHARE = 0.8;

/** waiting: the run's open tasks, each a person's step the run waits on. */
export function rtoBar(run, waiting = []) {
  if (!run.rto) return el('p', {}, 'No RTO for this run.');
  const rto = isoMillis(run.rto);
  const elapsed = run.rtoElapsedSeconds * 1000;
  const share = Math.min(1, elapsed / rto);
  const warning = run.rtoWarning ? isoMillis(run.rtoWarning) / rto : DEFAULT_WARNING_SHARE;
  const level = run.rtoBreached ? 'red' : share >= warning ? 'amber' : 'green';
  const label = `${inWords(elapsed)} of ${inWords(rto)}`;
  return el('div', { class: `rto ${level}${run.endedAt ? ' ended' : ''}`, 'data-level': level },
    run.rtoBreached ? el('p', { class: 'breach-banner', role: 'alert' }, `RTO ${inWords(rto)} BREACHED`) : null,
    el('div', { class: 'bar', role: 'meter', 'aria-valuenow': Math.round(share * 100), 'aria-label': `RTO: ${label}` },
      el('div', { class: 'fill', style: `width:${(share * 100).toFixed(1)}%` }), el('span', { class: 'bar-label', id: 'rto-label' }, label)),
    el('p', { id: 'rto-status' }, run.endedAt ? ended(run, label) : running(run, rto, elapsed)),
    run.endedAt ? null : el('p', { id: 'rto-prediction' }, prediction(run, waiting)));
}

/** Whether the run ended doing what its runbook is for; only such a run can have met its RTO. */
function succeeded(run) {
  return run.state === 'COMPLETED' && SUCCESSES.includes(run.outcome);
}

/** The RTO in a few words, for lists and reports: "12 min of 1 h", "met", "BREACHED", "ended without recovery". */
export function rtoInWords(run) {
  if (!run.rto) return '–';
  const label = `${inWords(run.rtoElapsedSeconds * 1000)} of ${inWords(isoMillis(run.rto))}`;
  if (run.endedAt && !succeeded(run)) return `ended without recovery after ${label}`;
  if (run.rtoBreached) return `BREACHED (${label})`;
  return run.endedAt ? `met (${label})` : `${label}, on time so far`;
}

function ended(run, label) {
  const outcome = run.outcome || run.state;
  if (!succeeded(run)) {
    return el('strong', { class: 'without-recovery' }, `Ended without recovery (${outcome}) after ${label}.`);
  }
  return run.rtoBreached ? el('strong', { class: 'breach' }, `Finished (${outcome}) after ${label}: RTO breached.`)
    : `Finished (${outcome}) in ${label}: RTO met.`;
}

function running(run, rto, elapsed) {
  const left = rto - elapsed;
  return left > 0 ? `${inWords(left)} left; deadline ${when(run.rtoDeadline)}.`
    : el('strong', { class: 'breach' }, `${inWords(-left)} past the deadline (${when(run.rtoDeadline)}).`);
}

/** A run waiting on a person has no finish to predict: it says who it waits on, and since when. */
function prediction(run, waiting) {
  if (waiting.length) {
    const oldest = waiting.reduce((a, b) => (Date.parse(a.createdAt) <= Date.parse(b.createdAt) ? a : b));
    return `Waiting on ${waitsOn(oldest)} since ${inWords(Date.now() - Date.parse(oldest.createdAt))} (${oldest.name}).`;
  }
  if (!run.predictedFinish) {
    return `No predicted finish: fewer than 3 completed ${run.drill ? 'drills' : 'real runs'} of ${run.runbook} to learn from.`;
  }
  const predicted = new Date(run.predictedFinish);
  const late = predicted > new Date(run.rtoDeadline);
  return [`Predicted finish ${when(run.predictedFinish)} (in ${inWords(predicted - Date.now())})`,
    late ? el('strong', { class: 'breach' }, ', after the deadline') : null, '.'];
}
