package io.atelier.scheduling;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A rule on what a workspace may publish, such as its charter of forbidden words.
 * Registered as services; the scheduling service asks each of them about every text
 * of a post (and of its thread) when the post is planned, and refuses the post with
 * their problems on the text's field. A policy that throws is logged and skipped.
 */
@ConsumerType
public interface TextPolicy {

    /** What in {@code text} the workspace does not allow, one message each; empty when all is well. */
    List<String> problems(String workspaceId, String text);
}
