// The console: a hash router over the views; each view may return a function that stops its polling.
import { api, el, problem } from './lib.js';
import { showRuns } from './runs.js';
import { showRun } from './run.js';
import { showTasks, showTask } from './tasks.js';
import { showAudit } from './audit.js';
import { showBackups } from './backups.js';
import { showNotifications } from './notifications.js';

const routes = [
  [/^#\/runs\/([^/]+)$/, showRun],
  [/^#\/tasks\/([^/]+)$/, showTask],
  [/^#\/tasks$/, showTasks],
  [/^#\/audit\/([^/]+)$/, showAudit],
  [/^#\/backups$/, showBackups],
  [/^#\/notifications$/, showNotifications],
  [/^#\/runs$/, showRuns]
];

let stop = null;
let me = null;
// each route is numbered: a view whose responses arrive after the user moved on is dropped, not shown
let latest = 0;

async function stopPolling() {
  if (stop) await stop();
  stop = null;
}

async function route() {
  const generation = ++latest;
  await stopPolling();
  const [pattern, show] = routes.find(([p]) => p.test(location.hash)) || [];
  if (!show) {
    location.hash = '#/runs';
    return;
  }
  // the view builds into its own page, which only it fills: a later route replaces it, and a late one writes into a detached page
  const page = el('div', { class: 'page' });
  document.getElementById('view').replaceChildren(page);
  let stopper = null;
  try {
    stopper = await show(page, me, ...pattern.exec(location.hash).slice(1).map(decodeURIComponent));
  } catch (error) {
    page.append(problem(error));
  }
  if (generation !== latest) {
    if (stopper) await stopper();
    return;
  }
  stop = stopper;
}

async function start() {
  me = await api('api/me');
  document.getElementById('who').textContent = `${me.user} (${me.roles.join(', ')})`;
  document.getElementById('logout').addEventListener('click', async () => {
    window.removeEventListener('hashchange', route);
    await stopPolling();
    await api('logout', { method: 'POST' });
    location.href = 'login.html';
  });
  window.addEventListener('hashchange', route);
  await route();
}

start().catch(error => document.getElementById('view').append(el('div', {}, problem(error))));
