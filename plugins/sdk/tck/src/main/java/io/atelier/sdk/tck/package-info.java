/**
 * The connector conformance kit: JUnit 5 tests every platform connector runs
 * against its real server (or a fake built from the network's documented API).
 * A plugin's test extends {@link io.atelier.sdk.tck.ConnectorConformance} and
 * gives it a {@link io.atelier.sdk.tck.ConnectorFixture}; faults a server cannot
 * produce on demand are injected by a {@link io.atelier.sdk.tck.FaultProxy} the kit
 * puts between the connector and the server. {@link io.atelier.sdk.tck.FakeHttp} is
 * the plumbing of a fake server: multipart parts, forms, JSON answers;
 * {@link io.atelier.sdk.tck.MemoryPluginStore} stands in for the core's plugin store.
 */
package io.atelier.sdk.tck;
