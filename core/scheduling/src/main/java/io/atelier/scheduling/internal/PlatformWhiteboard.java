package io.atelier.scheduling.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.PlatformConnector;
import io.atelier.api.platform.PlatformInfo;
import io.atelier.scheduling.Platforms;

/**
 * {@link Platforms} from the whiteboard of {@link PlatformConnector} services.
 */
@Component(service = Platforms.class)
public final class PlatformWhiteboard implements Platforms {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformWhiteboard.class);

    private final Map<ServiceReference<PlatformConnector>, PlatformConnector> connectors = new ConcurrentHashMap<>();

    @Reference(service = PlatformConnector.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addConnector(PlatformConnector connector, ServiceReference<PlatformConnector> reference) {
        connectors.put(reference, connector);
    }

    void removeConnector(ServiceReference<PlatformConnector> reference) {
        connectors.remove(reference);
    }

    @Override
    public List<Platform> all() {
        return platforms();
    }

    @Override
    public Optional<Platform> find(String id) {
        return platforms().stream().filter(p -> p.info().id().equals(id)).findFirst();
    }

    /** One platform per id, by id; the highest-ranked connector wins a tie. */
    private List<Platform> platforms() {
        List<Map.Entry<ServiceReference<PlatformConnector>, PlatformConnector>> entries =
                new ArrayList<>(connectors.entrySet());
        // ServiceReference orders by ranking then age; highest first.
        entries.sort(Map.Entry.<ServiceReference<PlatformConnector>, PlatformConnector>comparingByKey().reversed());
        Map<String, Platform> byId = new TreeMap<>();
        for (var entry : entries) {
            PlatformInfo info;
            try {
                info = entry.getValue().info();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Platform connector {} of {} is left out: its info() failed",
                        entry.getValue().getClass().getName(), plugin(entry.getKey()), e);
                continue;
            }
            if (info == null) {
                LOG.warn("Platform connector {} is left out: its info() returned null", entry.getValue().getClass().getName());
                continue;
            }
            byId.putIfAbsent(info.id(), new Platform(entry.getValue(), info, plugin(entry.getKey())));
        }
        return List.copyOf(byId.values());
    }

    private static String plugin(ServiceReference<?> reference) {
        var bundle = reference.getBundle();
        return bundle == null ? null : bundle.getSymbolicName();
    }
}
