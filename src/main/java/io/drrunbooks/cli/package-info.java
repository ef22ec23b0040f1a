/**
 * The command line, for when everything else is down: {@code backup}, {@code restore}, {@code verify},
 * {@code list}, and the auditor's {@code verify-audit} and {@code verify-export}. Each command is a thin
 * picocli class over the same capability types the service uses, so a restore from here has the same
 * safety as one from a runbook; no web server and no workflow engine are started.
 */
package io.drrunbooks.cli;
