package io.atelier.platform.sample.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.api.workbench.Command;
import io.atelier.api.workbench.CommandException;
import io.atelier.api.workbench.CommandResult;

/**
 * The {@code sample-posts} command: what the sample platform has published, for
 * the console ({@code atelier:sample-posts}), the REST API and the sample view.
 */
@Component(property = {
        Command.NAME + "=" + SampleConstants.POSTS_COMMAND,
        Command.DESCRIPTION + "=Lists the posts published to the Sample platform (kept in memory)",
        Command.USAGE + "=" })
public final class SamplePostsCommand implements Command {

    /** Texts longer than this are shortened in the console listing (the data keeps them whole). */
    private static final int PREVIEW = 60;

    private final SampleOutbox outbox;

    /** A command reading {@code outbox}. */
    @Activate
    public SamplePostsCommand(@Reference SampleOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public CommandResult execute(List<String> args) throws CommandException {
        if (!args.isEmpty()) {
            throw new CommandException("validation_failed", SampleConstants.POSTS_COMMAND + " takes no arguments", "args");
        }
        List<SamplePost> posts = outbox.all();
        if (posts.isEmpty()) {
            return new CommandResult("No post published to " + SampleConstants.PLATFORM_NAME + " yet.", List.of());
        }
        StringBuilder text = new StringBuilder()
                .append(posts.size()).append(posts.size() == 1 ? " post" : " posts")
                .append(" published to ").append(SampleConstants.PLATFORM_NAME).append(':');
        // Strings only in the data: instants are rendered here so any JSON mapper can write them.
        List<Map<String, String>> data = posts.stream().map(post -> {
            text.append('\n').append(post.remoteId()).append("  ").append(post.publishedAt())
                    .append("  ").append(post.accountId()).append("  ").append(preview(post.text()));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("remoteId", post.remoteId());
            row.put("idempotencyKey", post.idempotencyKey());
            row.put("accountId", post.accountId());
            row.put("text", post.text());
            row.put("publishedAt", post.publishedAt().toString());
            return row;
        }).toList();
        return new CommandResult(text.toString(), data);
    }

    private static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) <= PREVIEW) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, PREVIEW - 1)) + "…";
    }
}
