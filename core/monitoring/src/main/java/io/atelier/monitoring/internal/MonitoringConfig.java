package io.atelier.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.atelier.monitoring.cfg}: how this node listens. */
@ObjectClassDefinition(name = "Atelier monitoring", description = "How this node polls sources for mentions and raises alerts")
@interface MonitoringConfig {

    String PID = "io.atelier.monitoring";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(description = "Whether this node polls sources and evaluates and delivers alerts; false for a node that only serves the workbench")
    boolean poller() default true;

    @AttributeDefinition(description = "Seconds between two polls of a source that works")
    int intervalSeconds() default 120;

    @AttributeDefinition(description = "Longest pause, in seconds, before polling again a source that keeps failing")
    int maxBackoffSeconds() default 3600;

    @AttributeDefinition(description = "Seconds a source may take to answer before its poll is abandoned and the source marked failing")
    int timeoutSeconds() default 60;

    @AttributeDefinition(description = "Sources polled at once by this node")
    int concurrency() default 4;

    @AttributeDefinition(description = "Seconds between two evaluations of an alert rule")
    int alertIntervalSeconds() default 60;

    @AttributeDefinition(description = "Seconds an alert sink (e-mail, webhook...) may take to deliver before the attempt is abandoned and tried again later")
    int sinkTimeoutSeconds() default 30;

    @AttributeDefinition(description = "The workbench's address as people reach it, for the links in alerts (e.g. https://atelier.example.org/); empty: the address the workbench listens on")
    String publicUrl() default "";
}
