package io.atelier.reporting.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.atelier.reporting.cfg}: how this node collects metrics and sends reports. */
@ObjectClassDefinition(name = "Atelier reporting", description = "How this node collects metrics and sends scheduled reports")
@interface ReportingConfig {

    String PID = "io.atelier.reporting";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(description = "Whether this node collects metrics and sends scheduled reports; false for a node that only serves the workbench")
    boolean collector() default true;

    @AttributeDefinition(description = "Minutes between two readings of an account's counters and of its recent posts")
    int collectIntervalMinutes() default 60;

    @AttributeDefinition(description = "Days after its publication a post's counters are still read (older posts keep their last reading)")
    int trackDays() default 90;

    @AttributeDefinition(description = "Days raw metric samples are kept; the daily rollups stay. 0 keeps every sample")
    int sampleRetentionDays() default 0;

    @AttributeDefinition(description = "The workbench's address as people reach it, for links in report e-mails (e.g. https://atelier.example.org/); empty: the address the workbench listens on")
    String publicUrl() default "";
}
