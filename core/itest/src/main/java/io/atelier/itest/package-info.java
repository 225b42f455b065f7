/**
 * In-framework tests of Atelier: JUnit 5 classes run by the bnd tester inside a
 * real Felix framework with Atelier's core bundles, real HTTP and a real H2 store.
 * The package is private to the test bundle.
 */
package io.atelier.itest;
