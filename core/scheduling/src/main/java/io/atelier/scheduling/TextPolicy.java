package io.atelier.scheduling;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A rule on what a workspace may publish, such as its charter of forbidden words.
 * Registered as services; when a post is planned, the scheduling service asks each of
 * them once for the workspace's check, runs it on every text of the post (and of its
 * thread), and refuses the post with their problems on the text's field. A policy
 * that throws is logged and skipped.
 */
@ConsumerType
public interface TextPolicy {

    /** The check of one text: what in it the workspace does not allow, one message each; empty when all is well. */
    @FunctionalInterface
    interface Check {
        List<String> problems(String text);
    }

    /** The workspace's check, read once for all the texts of a post. */
    Check forWorkspace(String workspaceId);
}
