/** The service's own database when it is the embedded H2 file: owner-only, loopback-only, with a password. */
package io.drrunbooks.database;
