// The login form posts like any form; it needs the CSRF token the service put in the XSRF-TOKEN cookie.
const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
document.getElementById('login-csrf').value = token ? decodeURIComponent(token.split('=')[1]) : '';
const query = new URLSearchParams(location.search);
const message = document.getElementById('login-message');
if (query.has('error') || query.has('throttled')) {
  message.textContent = query.has('throttled') ? 'Too many failed sign-ins: wait a moment and try again.' : 'Wrong user or password.';
  message.hidden = false;
}
