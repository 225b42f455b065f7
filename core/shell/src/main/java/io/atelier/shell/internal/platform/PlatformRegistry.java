package io.atelier.shell.internal.platform;

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

/**
 * The whiteboard of platform connectors: every {@link PlatformConnector}
 * service, whenever its bundle comes or goes. A connector whose {@code info()}
 * fails is left out and logged; it never breaks the list. When two connectors
 * claim the same id, the one with the higher service ranking wins.
 */
@Component(service = PlatformRegistry.class)
public final class PlatformRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRegistry.class);

    private final Map<ServiceReference<PlatformConnector>, PlatformConnector> connectors = new ConcurrentHashMap<>();

    /** A connector with what it declared and the bundle that contributes it. */
    public record Platform(PlatformConnector connector, PlatformInfo info, String plugin) {
    }

    @Reference(service = PlatformConnector.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addConnector(PlatformConnector connector, ServiceReference<PlatformConnector> reference) {
        connectors.put(reference, connector);
    }

    void removeConnector(ServiceReference<PlatformConnector> reference) {
        connectors.remove(reference);
    }

    /** Every usable platform, by id. */
    public List<PlatformDescription> list() {
        return platforms().stream().map(p -> PlatformDescription.of(p.info(), p.plugin())).toList();
    }

    /** The platform with {@code id}, if a usable connector declares it. */
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
