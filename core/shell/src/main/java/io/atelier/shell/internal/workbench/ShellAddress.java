package io.atelier.shell.internal.workbench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.atelier.api.workbench.WorkbenchAddress;

/**
 * The workbench's address ({@link WorkbenchAddress}), ending in {@code /}: the
 * framework property {@code atelier.http.publicUrl} (the distribution's
 * {@code publicUrl} setting) when set; else the first {@code http} endpoint the
 * HTTP runtime announces ({@code osgi.http.endpoint}); else the host and port
 * properties. Looked up on every call, so a runtime that starts later, or a port
 * chosen at start, is seen. The shell's own links (the set-up link, the ways back
 * from sign-ins) use it too.
 */
@Component(service = WorkbenchAddress.class)
public final class ShellAddress implements WorkbenchAddress {

    static final String PUBLIC_URL = "atelier.http.publicUrl";
    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    private final Function<String, String> properties;
    private final Supplier<List<Object>> endpoints;

    /**
     * @param properties the framework's properties by name
     * @param endpoints  the {@code osgi.http.endpoint} values of the HTTP runtimes (a string, an array or a collection each)
     */
    ShellAddress(Function<String, String> properties, Supplier<List<Object>> endpoints) {
        this.properties = properties;
        this.endpoints = endpoints;
    }

    /** The address in the framework of {@code context}. */
    @Activate
    public ShellAddress(BundleContext context) {
        this(context::getProperty, () -> {
            List<Object> values = new ArrayList<>();
            try {
                // By name: no import of the servlet runtime API for one property.
                ServiceReference<?>[] runtimes = context.getServiceReferences(RUNTIME, null);
                if (runtimes != null) {
                    for (ServiceReference<?> runtime : runtimes) {
                        values.add(runtime.getProperty("osgi.http.endpoint"));
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("no filter was given", e);
            } catch (IllegalStateException e) {
                // The bundle is stopping: fall back to the properties.
            }
            return values;
        });
    }

    @Override
    public URI base() {
        return URI.create(text());
    }

    /** {@link #base()} as text. */
    public String text() {
        String configured = properties.apply(PUBLIC_URL);
        if (configured != null && !configured.isBlank()) {
            return slash(configured.strip());
        }
        for (Object endpoint : endpoints.get()) {
            String http = firstHttp(endpoint);
            if (http != null) {
                return slash(http);
            }
        }
        String host = properties.apply("org.apache.felix.http.host");
        String port = properties.apply("org.osgi.service.http.port");
        return "http://" + (host == null || host.isBlank() || host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":"
                + (port == null || port.isBlank() ? "8080" : port) + "/";
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String firstHttp(Object endpoints) {
        if (endpoints instanceof String one) {
            return one.startsWith("http") ? one : null;
        }
        if (endpoints instanceof String[] many) {
            for (String one : many) {
                if (one != null && one.startsWith("http")) {
                    return one;
                }
            }
        }
        if (endpoints instanceof Iterable<?> many) {
            for (Object one : many) {
                if (one != null && one.toString().startsWith("http")) {
                    return one.toString();
                }
            }
        }
        return null;
    }
}
