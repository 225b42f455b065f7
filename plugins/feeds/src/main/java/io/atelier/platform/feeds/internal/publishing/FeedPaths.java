package io.atelier.platform.feeds.internal.publishing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the feeds are served, under the servlet's {@code /feeds/*}:
 * {@code /feeds/<accountId>.atom} for one account and
 * {@code /feeds/workspace/<workspaceId>.atom} for every Atom account of a
 * workspace; and where an entry lives (its feed's address and {@code #} its Atom id).
 */
final class FeedPaths {

    /** The servlet's pattern. */
    static final String PATTERN = "/feeds/*";

    /** What a feed address names. */
    enum Kind {
        ACCOUNT, WORKSPACE
    }

    /** A feed named by an address: an account's or a workspace's, by id. */
    record Feed(Kind kind, String id) {
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern ACCOUNT = Pattern.compile("/(" + ID + ")\\.atom");
    private static final Pattern WORKSPACE = Pattern.compile("/workspace/(" + ID + ")\\.atom");

    private FeedPaths() {
    }

    /** {@code feeds/<accountId>.atom}, relative to the workbench's address. */
    static String account(String accountId) {
        return "feeds/" + accountId + ".atom";
    }

    /** {@code feeds/workspace/<workspaceId>.atom}, relative to the workbench's address. */
    static String workspace(String workspaceId) {
        return "feeds/workspace/" + workspaceId + ".atom";
    }

    /** The entry's link: its account feed under {@code base} (ending in {@code /}), {@code #} its Atom id. */
    static String entryUrl(String base, String accountId, String atomId) {
        return base + account(accountId) + "#" + atomId;
    }

    /** The feed the servlet's path info names ({@code /acc_1.atom}), or empty for anything else. */
    static Optional<Feed> parse(String pathInfo) {
        if (pathInfo == null) {
            return Optional.empty();
        }
        Matcher workspace = WORKSPACE.matcher(pathInfo);
        if (workspace.matches()) {
            return Optional.of(new Feed(Kind.WORKSPACE, workspace.group(1)));
        }
        Matcher account = ACCOUNT.matcher(pathInfo);
        return account.matches() ? Optional.of(new Feed(Kind.ACCOUNT, account.group(1))) : Optional.empty();
    }
}
