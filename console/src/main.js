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

async function stopPolling() {
  if (stop) await stop();
  stop = null;
}

async function route() {
  await stopPolling();
  const view = document.getElementById('view');
  view.replaceChildren();
  const [pattern, show] = routes.find(([p]) => p.test(location.hash)) || [];
  if (!show) {
    location.hash = '#/runs';
    return;
  }
  try {
    stop = await show(view, me, ...pattern.exec(location.hash).slice(1).map(decodeURIComponent));
  } catch (error) {
    view.append(problem(error));
  }
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
