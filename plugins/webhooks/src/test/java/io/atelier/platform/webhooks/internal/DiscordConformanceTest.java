package io.atelier.platform.webhooks.internal;

import io.atelier.sdk.tck.ConnectorConformance;
import io.atelier.sdk.tck.ConnectorFixture;

/** The SDK's conformance kit against the discord webhook connector and {@link FakeChat}, a fake built from the documented API. */
class DiscordConformanceTest extends ConnectorConformance {

    @Override
    protected ConnectorFixture createFixture() throws Exception {
        return new WebhookFixture(Fixtures.discord(), "/api/webhooks/.*");
    }
}
