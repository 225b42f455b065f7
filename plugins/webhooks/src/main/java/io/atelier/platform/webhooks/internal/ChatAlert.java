package io.atelier.platform.webhooks.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.atelier.api.monitoring.Alert;
import io.atelier.api.monitoring.Mention;

/**
 * An alert as one chat message: the title, the message, the kind and time, a few
 * mentions as evidence (the rest counted) and the link to the workbench, within
 * the chat's length. Every piece of the alert is escaped with the chat's own
 * escaping before it is put together, and the message's own markup is added
 * after, so none of it comes from the internet.
 */
final class ChatAlert {

    /**
     * How a chat writes text: its escaping of untrusted text, of a link (already
     * reduced by {@link ChatText#link} to a plain URL without markup characters) and its bold.
     */
    record Style(UnaryOperator<String> escape, UnaryOperator<String> link, UnaryOperator<String> bold) {
    }

    /** Links stay clickable: {@link ChatText#link} left nothing in them that Discord's markdown reads. */
    static final Style DISCORD = new Style(ChatText::discord, UnaryOperator.identity(), s -> "**" + s + "**");
    static final Style SLACK = new Style(ChatText::slack, ChatText::slack, s -> "*" + s + "*");

    static final int MAX_EVIDENCE = 10;
    private static final int MAX_TITLE = 200;
    private static final int MAX_MESSAGE = 600;
    private static final int MAX_MENTION = 200;
    private static final int MAX_NAME = 80;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ChatAlert() {
    }

    /** {@code alert} written in {@code style}, at most {@code maxLength} code points. */
    static String render(Alert alert, Style style, int maxLength) {
        UnaryOperator<String> e = style.escape();
        List<String> head = new ArrayList<>();
        head.add("🔔 " + style.bold().apply(e.apply(ChatText.oneLine(alert.title(), MAX_TITLE))));
        String message = ChatText.lines(alert.message(), MAX_MESSAGE);
        if (!message.isEmpty()) {
            head.add(e.apply(message));
        }
        head.add(e.apply(ChatText.oneLine(alert.kind(), MAX_NAME)) + " · raised " + when(alert.raisedAt()));
        List<String> tail = new ArrayList<>();
        String link = ChatText.link(alert.link());
        if (link != null) {
            tail.add("Open in Atelier: " + style.link().apply(link));
        }
        List<Mention> evidence = alert.evidence();
        String text = String.join("\n", head);
        if (!evidence.isEmpty()) {
            int total = evidence.size();
            List<String> lines = new ArrayList<>();
            int budget = maxLength - ChatText.length(text) - ChatText.length(String.join("\n", tail)) - 120;
            for (int i = 0; i < Math.min(MAX_EVIDENCE, total); i++) {
                String line = "• " + mention(evidence.get(i), style);
                if (ChatText.length(line) + 1 > budget) {
                    break;
                }
                budget -= ChatText.length(line) + 1;
                lines.add(line);
            }
            String summary = total == 1 ? "Evidence: 1 mention." : lines.size() == total
                    ? "Evidence: " + total + " mentions." : "Evidence: " + total + " mentions, " + lines.size() + " below.";
            text += "\n" + summary + (lines.isEmpty() ? "" : "\n" + String.join("\n", lines));
            int more = total - lines.size();
            if (more > 0 && !lines.isEmpty()) {
                text += "\n… and " + more + " more in the workbench.";
            }
        }
        if (!tail.isEmpty()) {
            text += "\n" + String.join("\n", tail);
        }
        // The parts' own limits keep the text far below a chat's; a cut here could at worst leave an
        // escape's backslash before the ellipsis, which only escapes the ellipsis.
        return ChatText.cut(text, maxLength);
    }

    private static String mention(Mention m, Style style) {
        UnaryOperator<String> e = style.escape();
        String author = ChatText.oneLine(m.author(), MAX_NAME);
        String line = e.apply(author.isEmpty() ? "someone" : author) + " on " + e.apply(ChatText.oneLine(m.source(),
                MAX_NAME)) + ": " + e.apply(ChatText.oneLine(m.text(), MAX_MENTION));
        String url = ChatText.link(m.url());
        return url == null ? line : line + " " + style.link().apply(url);
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
