package io.atelier.shell.internal.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.atelier.api.team.Role;

/**
 * What a role allows in one workspace: the permission table of the workbench,
 * written once. Routes name the permission they need; the table says which roles
 * have it. Instance administrators and the local system caller have every
 * permission in every workspace.
 */
public enum Permission {
    WORKSPACE_READ("workspace.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.ANALYST,
            Role.CLIENT),
    WORKSPACE_MANAGE("workspace.manage", Role.OWNER, Role.MANAGER),
    WORKSPACE_DELETE("workspace.delete", Role.OWNER),
    ACCOUNTS_READ("accounts.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.ANALYST),
    ACCOUNTS_MANAGE("accounts.manage", Role.OWNER, Role.MANAGER),
    MEMBERS_READ("members.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.ANALYST),
    /** Managers may manage members too, but never owners (checked where the target's role is known). */
    MEMBERS_MANAGE("members.manage", Role.OWNER, Role.MANAGER),
    /** The workspace's audit log (without network addresses, which only administrators see). */
    AUDIT_READ("audit.read", Role.OWNER, Role.MANAGER),
    /** The editorial calendar: posts, their history, queues and the next free slot. */
    POSTS_READ("posts.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.ANALYST),
    /**
     * Writing posts. Whoever lacks {@link #POSTS_SCHEDULE} may only write drafts and send
     * them to review (checked where the post's state is known).
     */
    POSTS_DRAFT("posts.draft", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR),
    /** Planning posts for publication: scheduling, cancelling, publishing now, importing. */
    POSTS_SCHEDULE("posts.schedule", Role.OWNER, Role.MANAGER, Role.EDITOR),
    /** The accounts' queue slots. */
    QUEUE_MANAGE("queue.manage", Role.OWNER, Role.MANAGER, Role.EDITOR),
    /** The secret of the workspace's calendar feed. */
    FEED_MANAGE("feed.manage", Role.OWNER, Role.MANAGER),
    /**
     * Approving or rejecting posts in review: whoever the workspace's workflow names at
     * the step a post waits at (checked where the post is known); without a workflow,
     * whoever may schedule posts.
     */
    POSTS_APPROVE("posts.approve", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.CLIENT),
    /** Commenting on posts. */
    POSTS_COMMENT("posts.comment", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.CLIENT),
    /** The approval workflow and the client sign-off links. */
    APPROVALS_MANAGE("approvals.manage", Role.OWNER, Role.MANAGER),
    /** Listening: the queries, the sources and the mentions they found. */
    LISTENING_READ("listening.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.ANALYST),
    /** Writing listening queries and adding, pausing and removing sources. */
    LISTENING_MANAGE("listening.manage", Role.OWNER, Role.MANAGER, Role.EDITOR),
    /** The inbox: items, their notes and answers, the saved replies. */
    INBOX_READ("inbox.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR, Role.ANALYST),
    /** Handling items: assigning, changing their status, writing internal notes. */
    INBOX_HANDLE("inbox.handle", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.CONTRIBUTOR),
    /** Answering on the networks in the workspace's name, and the saved replies. */
    INBOX_REPLY("inbox.reply", Role.OWNER, Role.MANAGER, Role.EDITOR),
    /** Alerts raised, with the mentions that caused them; the workspace's alert rules and channels. */
    ALERTS_READ("alerts.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.ANALYST),
    /** Acknowledging alerts: taking a crisis in hand. */
    ALERTS_HANDLE("alerts.handle", Role.OWNER, Role.MANAGER, Role.EDITOR),
    /** Alert rules, and the channels alerts go to (their settings hold secrets). */
    ALERTS_MANAGE("alerts.manage", Role.OWNER, Role.MANAGER),
    /** The workspace's charter of forbidden words and its moderation rules. */
    MODERATION_MANAGE("moderation.manage", Role.OWNER, Role.MANAGER),
    /**
     * Reports and what they are made of: the metrics collected, the objectives and how
     * they fare, the best times to post. Clients read them too: reports are what an
     * agency shares with them.
     */
    REPORTS_READ("reports.read", Role.OWNER, Role.MANAGER, Role.EDITOR, Role.ANALYST, Role.CLIENT),
    /**
     * Objectives, scheduled reports (their recipients' addresses included), share links and
     * asking for a collection of the metrics now.
     */
    REPORTS_MANAGE("reports.manage", Role.OWNER, Role.MANAGER);

    private final String id;
    private final Set<Role> roles;

    Permission(String id, Role first, Role... more) {
        this.id = id;
        this.roles = EnumSet.of(first, more);
    }

    /** The permission as the API names it, e.g. {@code accounts.read}. */
    public String id() {
        return id;
    }

    /** The permission the API names {@code id}, e.g. {@code posts.read}. */
    public static Optional<Permission> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** Whether {@code role} has this permission. */
    public boolean grantedTo(Role role) {
        return role != null && roles.contains(role);
    }
}
