// Notifications: open ones first, each with its escalation level; acknowledging stops the escalation in the signed-in user's name
// (offered to those who act, not to an auditor).
import { api, el, problem, when, every2s, readOnly } from './lib.js';

export async function showNotifications(view, me) {
  const list = el('tbody', { id: 'notifications' });
  const message = el('div', { id: 'notification-message' });
  view.append(el('h2', {}, 'Notifications'), message, el('table', {},
    el('thead', {}, el('tr', {}, ['Type', 'Subject', 'Level', 'Contacts', 'Raised', 'Acknowledged', ''].map(h => el('th', {}, h)))), list));
  const refresh = async () => {
    try {
      const notifications = await api('api/notifications');
      list.replaceChildren(...notifications.map(n => el('tr', { class: n.open ? 'open' : 'past' },
        el('td', {}, n.issueType), el('td', {}, n.subject, n.sourceRunId ? [' (', el('a', { href: `#/runs/${n.sourceRunId}` }, 'run'), ')'] : ''),
        el('td', {}, n.level), el('td', {}, n.contacts.join(', ')), el('td', {}, when(n.raisedAt)),
        el('td', {}, n.acknowledgedBy ? `${n.acknowledgedBy}, ${when(n.acknowledgedAt)}` : '–'),
        el('td', {}, n.open && !readOnly(me) ? el('button', { type: 'button', class: 'ack', 'data-id': n.notificationId, onclick: event => acknowledge(event, n) }, 'Acknowledge') : ''))));
      if (!notifications.length) list.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, 'No notifications.')));
    } catch (error) {
      list.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, problem(error))));
    }
  };
  const acknowledge = async (event, n) => {
    event.target.disabled = true;
    try {
      await api(`api/notifications/${n.notificationId}/ack`, { method: 'POST' });
      message.replaceChildren(el('p', { class: 'done' }, `Acknowledged: ${n.subject}`));
    } catch (error) {
      message.replaceChildren(problem(error));
    }
    await refresh();
  };
  return every2s(refresh);
}
