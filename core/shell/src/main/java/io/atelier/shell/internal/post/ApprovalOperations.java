package io.atelier.shell.internal.post;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atelier.api.post.Media;
import io.atelier.api.post.PostState;
import io.atelier.api.team.Person;
import io.atelier.api.workspace.Account;
import io.atelier.api.workspace.Workspace;
import io.atelier.scheduling.Approvals;
import io.atelier.scheduling.Approvals.Review;
import io.atelier.scheduling.InvalidInputException;
import io.atelier.scheduling.NotAnApproverException;
import io.atelier.shell.internal.audit.Actor;
import io.atelier.shell.internal.audit.Audit;
import io.atelier.shell.internal.auth.AccessPolicy;
import io.atelier.shell.internal.auth.Permission;
import io.atelier.shell.internal.auth.Principal;
import io.atelier.shell.internal.json.Json;
import io.atelier.shell.internal.media.MediaOperations;
import io.atelier.shell.internal.rest.ApiException;
import io.atelier.shell.internal.rest.Download;
import io.atelier.shell.internal.rest.ErrorCode;
import io.atelier.shell.internal.rest.StoreAccess;
import io.atelier.shell.internal.rest.StoreCalls;
import io.atelier.store.ApprovalRepository.Comment;
import io.atelier.store.ApprovalRepository.Mode;
import io.atelier.store.ApprovalRepository.NewSignoffLink;
import io.atelier.store.ApprovalRepository.SignoffLink;
import io.atelier.store.ApprovalRepository.Step;
import io.atelier.store.PostRepository.StoredPost;
import io.atelier.store.PostRepository.Target;
import io.atelier.store.WorkspaceRepository;

/**
 * Approvals as the shell offers them, behind the REST routes, the console commands
 * and the views: workflows, decisions, comments, what waits for a person, and the
 * client sign-off links with the page they open. Decisions and links are recorded
 * in the audit log with the real caller; the service's refusals become the API's
 * errors (not an approver: 403 on field {@code approver}).
 *
 * <p>A sign-off link is a secret: the page sends it in request bodies, never in a
 * URL a proxy could log, and a wrong, expired or revoked one gets the same 404 as a
 * link that never existed.
 */
@Component(service = ApprovalOperations.class)
public final class ApprovalOperations {

    /** Where the sign-off page is, relative to the workbench; the secret follows after {@code #}. */
    static final String SIGNOFF_PAGE = "/signoff#";
    private static final String LINK_GONE = "this sign-off link is not valid: it may have expired or been revoked;"
            + " ask the agency for a new one";

    private final StoreAccess store;
    private final Audit audit;
    private final PostOperations posts;
    private final MediaOperations media;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Approvals approvals;

    @Activate
    public ApprovalOperations(@Reference StoreAccess store, @Reference Audit audit, @Reference PostOperations posts,
            @Reference MediaOperations media) {
        this.store = store;
        this.audit = audit;
        this.posts = posts;
        this.media = media;
    }

    // --- answers

    /** A workflow as the API shows it. */
    public record WorkflowView(List<StepView> steps) {
    }

    /** One step, with its approvers' names. */
    public record StepView(int step, String mode, List<ApproverView> approvers) {
    }

    /** An approver: a person of the workspace, or {@code client} for the sign-off links. */
    public record ApproverView(String id, String name) {
    }

    /** Where a post in review stands, and whether the caller may decide now. */
    public record ReviewView(int step, int steps, String mode, List<ApproverView> approvers,
            List<ApproverView> approvedBy, boolean mayDecide) {
    }

    /** A comment on a post; its text and author name are untrusted. */
    public record CommentView(String id, String post, String author, String authorName, String text, Instant at) {

        static CommentView of(Comment comment) {
            return new CommentView(comment.id(), comment.postId(), comment.author(), comment.authorName(),
                    comment.text(), comment.at());
        }
    }

    /** A sign-off link without its secret. */
    public record LinkView(String id, String workspace, String clientName, Instant from, Instant to,
            Instant expiresAt, String createdBy, Instant createdAt, Instant revokedAt, boolean open) {

        static LinkView of(SignoffLink link, Instant now) {
            return new LinkView(link.id(), link.workspaceId(), link.clientName(), link.from(), link.to(),
                    link.expiresAt(), link.createdBy(), link.createdAt(), link.revokedAt(), link.opensAt(now));
        }
    }

    /** A new link: its secret and the page's address, shown this once. */
    public record NewLinkView(LinkView link, String secret, String url) {
    }

    // --- workflow

    public WorkflowView workflow(String workspaceId) {
        return view(workspaceId, call(() -> approvals().workflow(workspace(workspaceId).id())));
    }

    /** Replaces the workflow from {@code [{"mode": "ANY", "approvers": ["usr_…"]}]}. */
    public WorkflowView setWorkflow(Actor actor, String workspaceId, List<Step> steps) {
        workspace(workspaceId);
        List<Step> set = call(() -> approvals().setWorkflow(workspaceId, steps));
        audit.record(actor, workspaceId, "approval-workflow.changed", "workspace", workspaceId, set.isEmpty()
                ? "no workflow: one approval from someone who may schedule" : set.size() + " steps: " + set);
        return view(workspaceId, set);
    }

    // --- decisions

    public ReviewView review(Principal caller, String workspaceId, String postId) {
        Review review = call(() -> approvals().review(workspaceId, postId));
        String personId = caller.isPerson() ? caller.personId() : caller.isSystem() ? Approvals.SYSTEM : "";
        return new ReviewView(review.step(), review.steps(), review.mode().name(),
                approvers(workspaceId, review.approvers()), approvers(workspaceId, review.approvedBy()),
                review.waitsFor(personId, may(caller, Permission.POSTS_SCHEDULE, workspaceId)));
    }

    public StoredPost approve(Actor actor, String workspaceId, String postId, long version) {
        Approvals service = approvals();
        StoredPost post = call(() -> service.approve(workspaceId, postId, version, actor.id(), actor.displayName(), may(actor.principal(), Permission.POSTS_SCHEDULE, workspaceId))).post();
        audit.record(actor, workspaceId, "post.approved", "post", postId, "now " + post.state());
        return post;
    }

    public StoredPost reject(Actor actor, String workspaceId, String postId, long version, String comment) {
        Approvals service = approvals();
        StoredPost post = call(() -> service.reject(workspaceId, postId, version, actor.id(), actor.displayName(), may(actor.principal(), Permission.POSTS_SCHEDULE, workspaceId), comment));
        audit.record(actor, workspaceId, "post.rejected", "post", postId, "back to draft");
        return post;
    }

    public List<CommentView> comments(String workspaceId, String postId) {
        posts.get(workspaceId, postId);
        return call(() -> approvals().comments(workspaceId, postId)).stream().map(CommentView::of).toList();
    }

    public CommentView comment(Actor actor, String workspaceId, String postId, String text) {
        Comment comment = call(() -> approvals().comment(workspaceId, postId, actor.id(), actor.displayName(), text));
        audit.record(actor, workspaceId, "post.commented", "post", postId, null);
        return CommentView.of(comment);
    }

    /** A post waiting for the caller's decision, with its workspace's name and its review. */
    public record ApprovalItem(JsonObject post, String workspaceName, ReviewView review) {
    }

    /**
     * What waits for the caller: posts in review, in the workspaces where they may
     * approve, whose current step is theirs and not approved by them yet.
     */
    public List<ApprovalItem> awaiting(Principal caller) {
        Set<String> workspaces = posts.workspacesWhere(caller, Permission.POSTS_APPROVE);
        Set<String> schedulerIn = posts.workspacesWhere(caller, Permission.POSTS_SCHEDULE);
        String personId = caller.isPerson() ? caller.personId() : Approvals.SYSTEM;
        List<StoredPost> waiting = call(() -> approvals().awaiting(personId, workspaces, schedulerIn));
        Map<String, String> names = new HashMap<>();
        List<ApprovalItem> items = new ArrayList<>();
        for (StoredPost post : waiting) {
            items.add(new ApprovalItem(PostJson.post(post), names.computeIfAbsent(post.workspaceId(),
                    id -> workspace(id).name()), review(caller, post.workspaceId(), post.id())));
        }
        return items;
    }

    // --- sign-off links

    public NewLinkView createLink(Actor actor, String workspaceId, String clientName, Instant from, Instant to,
            Instant expiresAt) {
        workspace(workspaceId);
        NewSignoffLink created = call(() -> approvals().createLink(workspaceId, clientName, from, to, expiresAt,
                actor.id()));
        audit.record(actor, workspaceId, "signoff-link.created", "signoff-link", created.link().id(),
                "for " + created.link().clientName() + ", until " + created.link().expiresAt());
        return new NewLinkView(LinkView.of(created.link(), Instant.now()), created.secret(),
                SIGNOFF_PAGE + created.secret());
    }

    public List<LinkView> links(String workspaceId) {
        workspace(workspaceId);
        Instant now = Instant.now();
        return call(() -> approvals().links(workspaceId)).stream().map(link -> LinkView.of(link, now)).toList();
    }

    public void revokeLink(Actor actor, String workspaceId, String linkId) {
        if (!call(() -> approvals().revokeLink(workspaceId, linkId))) {
            throw ApiException.notFound("id", "no sign-off link " + linkId + " in workspace " + workspaceId);
        }
        audit.record(actor, workspaceId, "signoff-link.revoked", "signoff-link", linkId, null);
    }

    /**
     * The sign-off page's content: the workspace's name, the client's, the period and
     * each post the link shows, with its text per account, its media, its comments
     * and whether the client may decide on it now.
     */
    public JsonObject signoff(String secret) {
        SignoffLink link = open(secret);
        Workspace workspace = workspace(link.workspaceId());
        Map<String, Account> accounts = new HashMap<>();
        StoreCalls.call(() -> store.accounts().list(link.workspaceId())).forEach(a -> accounts.put(a.id(), a));
        WorkspaceRepository.Branding branding = StoreCalls.call(() -> store.workspaces().branding(link.workspaceId()));
        JsonObject page = new JsonObject();
        page.addProperty("workspaceName", branding.displayName() != null ? branding.displayName() : workspace.name());
        page.addProperty("logo", branding.logo());
        page.addProperty("accent", branding.accent());
        page.addProperty("clientName", link.clientName());
        page.addProperty("zone", workspace.zone().getId());
        page.addProperty("from", link.from().toString());
        page.addProperty("to", link.to().toString());
        page.addProperty("expiresAt", link.expiresAt().toString());
        JsonArray list = new JsonArray();
        for (StoredPost post : call(() -> approvals().linkPosts(link))) {
            JsonObject item = new JsonObject();
            item.addProperty("id", post.id());
            item.addProperty("state", post.state().name());
            item.addProperty("at", post.at().toString());
            item.addProperty("localAt", LocalDateTime.ofInstant(post.at(), post.zone()).toString());
            item.addProperty("zone", post.zone().getId());
            JsonArray variants = new JsonArray();
            for (Target target : post.targets()) {
                Account account = accounts.get(target.accountId());
                JsonObject variant = new JsonObject();
                variant.addProperty("platform", account == null ? "" : account.platform());
                variant.addProperty("handle", account == null ? "" : account.handle());
                variant.addProperty("text", target.variant().text());
                JsonArray mediaList = new JsonArray();
                for (Media m : target.variant().media()) {
                    JsonObject medium = new JsonObject();
                    medium.addProperty("id", m.id());
                    medium.addProperty("mediaType", m.mediaType());
                    medium.addProperty("alt", m.altText());
                    mediaList.add(medium);
                }
                variant.add("media", mediaList);
                JsonArray thread = new JsonArray();
                target.variant().thread().forEach(thread::add);
                variant.add("thread", thread);
                variants.add(variant);
            }
            item.add("variants", variants);
            boolean mayDecide = false;
            if (post.state() == PostState.IN_REVIEW) {
                Review review = call(() -> approvals().review(link.workspaceId(), post.id()));
                // A link decides where a step names the client, or alone without a workflow.
                mayDecide = review.waitsFor(Approvals.CLIENT, true);
                item.addProperty("step", review.step());
                item.addProperty("steps", review.steps());
            }
            item.addProperty("mayDecide", mayDecide);
            item.add("comments", Json.GSON.toJsonTree(call(
                    () -> approvals().comments(link.workspaceId(), post.id())).stream().map(CommentView::of)
                    .toList()));
            list.add(item);
        }
        page.add("posts", list);
        return page;
    }

    public void signoffApprove(String secret, String postId) {
        SignoffLink link = open(secret);
        call(() -> approvals().approveByLink(link, postId));
        audit.record(Actor.SYSTEM, link.workspaceId(), "post.approved", "post", postId, "by " + link.clientName()
                + " through sign-off link " + link.id());
    }

    public void signoffReject(String secret, String postId, String comment) {
        SignoffLink link = open(secret);
        call(() -> approvals().rejectByLink(link, postId, comment));
        audit.record(Actor.SYSTEM, link.workspaceId(), "post.rejected", "post", postId, "by " + link.clientName()
                + " through sign-off link " + link.id());
    }

    public CommentView signoffComment(String secret, String postId, String text) {
        SignoffLink link = open(secret);
        return CommentView.of(call(() -> approvals().commentByLink(link, postId, text)));
    }

    /** A medium of a post the link shows, or the workspace's logo; any other is not found. */
    public Download signoffMedia(String secret, String mediaId) {
        SignoffLink link = open(secret);
        boolean logo = mediaId.equals(StoreCalls.call(() -> store.workspaces().branding(link.workspaceId())).logo());
        boolean shown = logo || call(() -> approvals().linkPosts(link)).stream().flatMap(p -> p.targets().stream())
                .flatMap(t -> t.variant().media().stream()).anyMatch(m -> m.id().equals(mediaId));
        if (!shown) {
            throw ApiException.notFound("id", "no such medium on this page");
        }
        return media.content(link.workspaceId(), mediaId);
    }

    // --- helpers

    private SignoffLink open(String secret) {
        return call(() -> approvals().openLink(secret)).orElseThrow(() -> ApiException.notFound("token", LINK_GONE));
    }

    private WorkflowView view(String workspaceId, List<Step> steps) {
        return new WorkflowView(steps.stream().map(step -> new StepView(step.number(), step.mode().name(),
                approvers(workspaceId, step.approvers()))).toList());
    }

    private List<ApproverView> approvers(String workspaceId, List<String> ids) {
        List<ApproverView> views = new ArrayList<>();
        for (String id : ids) {
            if (Approvals.CLIENT.equals(id)) {
                views.add(new ApproverView(id, "the client (sign-off link)"));
            } else {
                String name = StoreCalls.call(() -> store.people().find(id)).map(Person::displayName).orElse(id);
                views.add(new ApproverView(id, name));
            }
        }
        return views;
    }


    private boolean may(Principal caller, Permission permission, String workspaceId) {
        AccessPolicy.Memberships memberships = (ws, person) -> StoreCalls.call(() -> store.memberships()
                .role(ws, person));
        return AccessPolicy.allows(caller, permission, workspaceId, memberships);
    }

    private Workspace workspace(String workspaceId) {
        return StoreCalls.call(() -> store.workspaces().find(workspaceId))
                .orElseThrow(() -> ApiException.notFound("workspace", "no workspace " + workspaceId));
    }

    private Approvals approvals() {
        Approvals service = approvals;
        if (service == null) {
            throw StoreCalls.unavailable();
        }
        return service;
    }

    /** Runs a call of the approvals service, its refusals turned into the API's errors. */
    private static <T> T call(Supplier<T> call) {
        try {
            return StoreCalls.call(call);
        } catch (InvalidInputException e) {
            throw ApiException.invalid(e.field(), e.getMessage()).withProblems(e.problems());
        } catch (NotAnApproverException e) {
            throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage(), "approver");
        } catch (NoSuchElementException e) {
            throw ApiException.notFound("id", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(null, e.getMessage());
        }
    }

    /** Steps from a checked body of {@code Schemas.WORKFLOW_INPUT}. */
    public static List<Step> steps(JsonObject body) {
        List<Step> steps = new ArrayList<>();
        JsonArray array = body.getAsJsonArray("steps");
        for (int i = 0; i < array.size(); i++) {
            JsonObject step = array.get(i).getAsJsonObject();
            String mode = step.has("mode") && !step.get("mode").isJsonNull() ? step.get("mode").getAsString() : "ANY";
            Mode parsed;
            try {
                parsed = Mode.valueOf(mode.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("steps[" + i + "].mode", "mode is ANY (one approver is enough) or ALL"
                        + " (every approver)");
            }
            List<String> approvers = new ArrayList<>();
            step.getAsJsonArray("approvers").forEach(a -> approvers.add(a.getAsString()));
            steps.add(new Step(i + 1, parsed, approvers));
        }
        return steps;
    }
}
