// Small helpers shared by the views: the API over fetch, building elements, formatting.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
}

/** A POST that answers a file (the signed audit bundle): its name from Content-Disposition, and its bytes. */
export async function postForFile(path, fallbackName) {
  const response = await fetch(path, { method: 'POST', headers: { 'X-Requested-With': 'console', 'X-XSRF-TOKEN': csrfToken() } });
  if (response.status === 401) {
    location.href = 'login.html';
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(response.status, (response.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text);
  }
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') || '');
  return { name: named ? named[1] : fallbackName, blob: await response.blob() };
}

/** JSON in and out; a lost session goes back to the login page. X-Requested-With keeps the browser's own password dialog away. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'X-Requested-With': 'console', 'X-XSRF-TOKEN': csrfToken() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    location.href = 'login.html';
  }
  const text = await response.text();
  const json = (response.headers.get('content-type') || '').includes('json');
  const parsed = text && json ? JSON.parse(text) : text;
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

/** el('a', {href: '#'}, 'text', child): attributes starting with "on" are listeners; text is never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export function problem(error) {
  return el('p', { class: 'problem', role: 'alert' }, error.message || String(error));
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

export function duration(millis) {
  if (millis === null || millis === undefined) return '–';
  const negative = millis < 0;
  let seconds = Math.round(Math.abs(millis) / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text = hours ? `${hours}h ${minutes}m` : minutes ? `${minutes}m ${seconds}s` : `${seconds}s`;
  return negative ? `-${text}` : text;
}

/** A duration as a person says it: "45 s", "12 min", "1 h 5 min", "1 day 2 h"; the two largest units, rounded down. */
export function inWords(millis) {
  if (millis === null || millis === undefined) return '–';
  const seconds = Math.floor(Math.abs(millis) / 1000);
  const units = [['day', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  const parts = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count && parts.length < 2) parts.push(`${count} ${unit === 'day' && count > 1 ? 'days' : unit}`);
    else if (parts.length) break;
  }
  return parts.length ? parts.join(' ') : '0 s';
}

/** How long ago an instant was, in words. */
export function ago(iso) {
  return iso ? inWords(Date.now() - Date.parse(iso)) : '–';
}

/** The banner every page about a drill carries: nobody must mistake a drill for an incident, or the reverse. */
export function drillBanner(drill) {
  return drill ? el('p', { class: 'drill-banner', role: 'note' }, 'DRILL: this run works on a scratch copy; the live target is not touched') : null;
}

const ROLE_WORDS = { approver: 'an approver', commander: 'the commander', operator: 'an operator', auditor: 'an auditor' };

/** Who a task waits on, in words: "an approver", "the commander" (a task without a group is the commander's). */
export function waitsOn(task) {
  return (task.candidateGroups.length ? task.candidateGroups : ['commander']).map(g => ROLE_WORDS[g] || g).join(' or ');
}

/** Whether the user only reads: an auditor without another role changes nothing, so is offered no button that would. */
export function readOnly(me) {
  return me.roles.every(role => role === 'auditor');
}

/** ISO-8601 durations as the service writes them (PT1H, PT24H, P7D). */
export function isoMillis(text) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(text || '');
  if (!match) return null;
  const [, d, h, m, s] = match.map(v => Number(v || 0));
  return (((d * 24 + h) * 60 + m) * 60 + s) * 1000;
}

export function percent(share) {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * Calls fn now and every 2 s (the console's live view) until the returned stop is called; stop's
 * promise settles once a call in flight has ended, so that signing out waits for it.
 */
export function every2s(fn) {
  let timer = null;
  let stopped = false;
  let current = Promise.resolve();
  // a tick starts 2 s after the last one started, or at once when the last took longer: never two at a time
  const tick = () => {
    const started = Date.now();
    current = fn().finally(() => {
      if (!stopped) timer = setTimeout(tick, Math.max(0, 2000 - (Date.now() - started)));
    });
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    return current;
  };
}

export function download(name, type, content) {
  const link = el('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}
