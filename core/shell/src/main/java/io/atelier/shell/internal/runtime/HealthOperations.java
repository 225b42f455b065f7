package io.atelier.shell.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.shell.internal.auth.FirstStart;
import io.atelier.store.StoreInfo;

/**
 * Says whether the workbench can do its job: the store answers, sign-in is
 * prepared, every bundle and every Declarative Services component is where it
 * should be (STARTING until sign-in is prepared). The store and
 * SCR are optional references so health can still answer — DOWN — when the store
 * is missing.
 */
@Component(service = HealthOperations.class)
public final class HealthOperations {

    private static final Logger LOG = LoggerFactory.getLogger(HealthOperations.class);

    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StoreInfo store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FirstStart firstStart;

    @Activate
    public HealthOperations(BundleContext context) {
        this.context = context;
    }

    /** The current health. */
    public Health health() {
        StoreInfo current = store;
        boolean up = false;
        String kind = null;
        String node = null;
        String location = null;
        Integer schema = null;
        if (current != null) {
            try {
                kind = current.kind();
                node = current.nodeId();
                location = current.location();
                schema = current.schemaVersion();
                up = current.isUp();
            } catch (RuntimeException e) {
                LOG.warn("The store did not answer the health check: {}", e.getMessage());
                up = false;
            }
        }
        // Up once sign-in is prepared too (provisioned administrator and token, or the set-up offer).
        FirstStart start = firstStart;
        String status = !up ? "DOWN" : start != null && start.done() ? "UP" : "STARTING";
        return new Health(status, kind, node, version(), schema, bundles(), components(), location);
    }

    /** The product version: the {@code atelier.version} property, else the shell's own version. */
    public String version() {
        String version = context.getProperty("atelier.version");
        return version == null || version.isBlank() ? context.getBundle().getVersion().toString() : version;
    }

    private Health.Bundles bundles() {
        Bundle[] all = context.getBundles();
        int active = (int) Arrays.stream(all).filter(b -> b.getState() == Bundle.ACTIVE).count();
        return new Health.Bundles(all.length, active);
    }

    private Health.Components components() {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return new Health.Components(0, 0, List.of());
        }
        int total = 0;
        int satisfied = 0;
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (!runtime.isComponentEnabled(description)) {
                continue; // disabled on purpose: neither satisfied nor a fault
            }
            total++;
            var configurations = runtime.getComponentConfigurationDTOs(description);
            boolean ok = !configurations.isEmpty() && configurations.stream().allMatch(c ->
                    c.state == ComponentConfigurationDTO.SATISFIED || c.state == ComponentConfigurationDTO.ACTIVE);
            if (ok) {
                satisfied++;
            } else {
                unsatisfied.add(description.name);
            }
        }
        unsatisfied.sort(null);
        return new Health.Components(total, satisfied, unsatisfied);
    }
}
