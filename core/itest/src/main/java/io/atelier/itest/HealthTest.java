package io.atelier.itest;

import static io.atelier.itest.Workbench.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.google.gson.JsonObject;

import io.atelier.store.StoreInfo;

/**
 * The health endpoint tells the truth about the running framework: it is UP on
 * the H2 store the store bundle reports, counts the bundles the framework has, and
 * every Declarative Services component of Atelier is satisfied.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class HealthTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ServiceAware<HttpServiceRuntime> http;

    @InjectService(timeout = 20_000)
    StoreInfo store;

    @InjectService(timeout = 20_000)
    ServiceComponentRuntime components;

    @Test
    void healthIsUpOnH2WithEveryComponentSatisfied() {
        Workbench workbench = Workbench.at(http.getServiceReference());
        JsonObject health = workbench.get("/api/v1/health").expect(200).object();
        JsonObject anonymous = workbench.anonymous().get("/api/v1/health").expect(200).object();
        assertEquals("UP", text(anonymous, "status"), "health is public: monitoring needs no credentials");
        assertTrue(anonymous.get("storeLocation").isJsonNull(), "where the data lies is not for anybody: " + anonymous);
        assertTrue(health.get("storeLocation").getAsString().startsWith("jdbc:h2:"), "a signed-in caller sees it");

        assertEquals("UP", text(health, "status"), health.toString());
        assertEquals("h2", text(health, "store"));
        assertEquals(store.kind(), text(health, "store"));
        assertEquals(store.nodeId(), text(health, "node"));
        assertEquals(context.getProperty("atelier.version"), text(health, "version"));
        assertEquals(store.schemaVersion(), health.get("schemaVersion").getAsInt());
        assertTrue(store.schemaVersion() >= 1, "migrations ran");

        Bundle[] bundles = context.getBundles();
        JsonObject counted = health.getAsJsonObject("bundles");
        assertEquals(bundles.length, counted.get("total").getAsInt(), health.toString());
        assertEquals(Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count(),
                counted.get("active").getAsLong(), health.toString());

        JsonObject reported = health.getAsJsonObject("components");
        assertEquals(0, reported.getAsJsonArray("unsatisfied").size(), health.toString());
        assertEquals(reported.get("total").getAsInt(), reported.get("satisfied").getAsInt(), health.toString());

        List<String> atelierComponents = new ArrayList<>();
        List<String> notSatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.atelier.")) {
                continue;
            }
            atelierComponents.add(description.name);
            if (!components.isComponentEnabled(description)) {
                notSatisfied.add(description.name + " (disabled)");
            }
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.SATISFIED
                        && configuration.state != ComponentConfigurationDTO.ACTIVE) {
                    notSatisfied.add(description.name + " (state " + configuration.state + ")");
                }
            }
        }
        assertTrue(atelierComponents.stream().anyMatch(n -> n.startsWith("io.atelier.store")),
                "the store has components: " + atelierComponents);
        assertTrue(atelierComponents.stream().anyMatch(n -> n.startsWith("io.atelier.scheduling")),
                "the scheduling service and its dispatcher have components: " + atelierComponents);
        assertTrue(atelierComponents.stream().anyMatch(n -> n.startsWith("io.atelier.shell")),
                "the shell has components: " + atelierComponents);
        assertEquals(List.of(), notSatisfied, "Service Component Runtime agrees that every Atelier component is satisfied");
        assertTrue(reported.get("total").getAsInt() >= atelierComponents.size(),
                "health counts at least Atelier's components: " + health + " vs " + atelierComponents);
    }
}
