package io.atelier.monitoring.internal;

import java.net.URI;
import java.time.Duration;

/**
 * How alerts are evaluated and delivered, from {@code etc/io.atelier.monitoring.cfg}
 * ({@link MonitoringConfig}).
 *
 * @param interval     the pause between two evaluations of a rule
 * @param timeout      how long a sink may take to deliver
 * @param workbenchUrl the workbench's address ending with {@code /}, for links in alerts, or {@code null}
 */
record AlertSettings(Duration interval, Duration timeout, String workbenchUrl) {

    /**
     * @param listenUrl the address the workbench listens on (framework property
     *                  {@code atelier.url}), or {@code null}
     * @throws IllegalArgumentException naming the file and the key of a bad value
     */
    static AlertSettings from(MonitoringConfig config, String listenUrl) {
        String url = config.publicUrl() == null || config.publicUrl().isBlank() ? listenUrl : config.publicUrl().strip();
        if (url != null && !url.isBlank()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("publicUrl in " + MonitoringConfig.FILE + " is not an address: "
                        + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("publicUrl in " + MonitoringConfig.FILE
                        + " must be an http or https address, not " + url);
            }
            url = url.endsWith("/") ? url : url + "/";
        } else {
            url = null;
        }
        return new AlertSettings(
                Duration.ofSeconds(ListeningSettings.positive(config.alertIntervalSeconds(), "alertIntervalSeconds")),
                Duration.ofSeconds(ListeningSettings.positive(config.sinkTimeoutSeconds(), "sinkTimeoutSeconds")),
                url);
    }
}
