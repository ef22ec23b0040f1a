/**
 * The demo mode (Spring profile {@code demo}): a sample Platform God tree under {@code dr.home},
 * created on first start with a first backup set, and a simulated health endpoint, so that a
 * newcomer's first {@code registry-corruption} run recovers something real. Starting that runbook
 * first damages one agent definition, as a corrupted registry would look.
 */
package io.drrunbooks.demo;
