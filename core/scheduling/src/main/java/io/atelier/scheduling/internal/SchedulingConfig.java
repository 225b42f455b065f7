package io.atelier.scheduling.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/io.atelier.scheduling.cfg}: every key is optional.
 */
@ObjectClassDefinition(name = "Atelier scheduling", description = "How this node publishes posts")
@interface SchedulingConfig {

    String PID = "io.atelier.scheduling";
    String FILE = "etc/" + PID + ".cfg";

    @AttributeDefinition(description = "Whether this node publishes; false for a node that only serves the workbench")
    boolean dispatcher() default true;

    @AttributeDefinition(description = "How late, in minutes, a post may still be published after downtime; later ones are marked missed")
    int graceMinutes() default 30;

    @AttributeDefinition(description = "Seconds a node holds a claim without renewing it before another node takes it over")
    int leaseSeconds() default 30;

    @AttributeDefinition(description = "The most posts one claim takes")
    int batchSize() default 500;

    @AttributeDefinition(description = "Attempts for a post that failed before it was sent")
    int maxAttempts() default 8;

    @AttributeDefinition(description = "Milliseconds before the first retry; doubled at each attempt")
    int retryBaseMillis() default 10_000;

    @AttributeDefinition(description = "Longest pause before a retry, in seconds")
    int retryMaxSeconds() default 900;

    @AttributeDefinition(description = "Minutes after its due time a post may wait on rate limits or on finding out whether it was published")
    int patienceMinutes() default 1440;

    @AttributeDefinition(description = "Longest sleep in milliseconds when nothing is due")
    int idlePollMillis() default 500;

    @AttributeDefinition(description = "Seconds a connector may take to publish one post before the call is given up"
            + " on (interrupted) and the network is asked later whether it has the post")
    int callTimeoutSeconds() default 600;
}
