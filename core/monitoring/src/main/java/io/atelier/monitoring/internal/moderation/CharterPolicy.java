package io.atelier.monitoring.internal.moderation;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atelier.scheduling.TextPolicy;
import io.atelier.store.ModerationRepository;

/**
 * The workspace's charter as a rule on what it publishes: the scheduling service
 * refuses to plan a post whose text contains a charter term, naming the term.
 */
@Component(service = TextPolicy.class)
public final class CharterPolicy implements TextPolicy {

    private final ModerationRepository moderation;

    @Activate
    public CharterPolicy(@Reference ModerationRepository moderation) {
        this.moderation = moderation;
    }

    @Override
    public Check forWorkspace(String workspaceId) {
        Charter charter = Charter.of(moderation.charter(workspaceId));
        return text -> {
            List<String> breaches = charter.breaches(text);
            return breaches.isEmpty() ? List.of() : List.of(Charter.problem(breaches));
        };
    }
}
