/**
 * Who may do what: users and their roles from {@code dr.security.users}, the console's login page,
 * HTTP Basic for scripts, and refusals as the API's JSON errors. The role a request needs is decided
 * by {@link io.drrunbooks.security.Roles}; what a role may do to a run or task is checked where the
 * run or task is known (the web layer), and four eyes where approvals are counted (the run service).
 */
package io.drrunbooks.security;
