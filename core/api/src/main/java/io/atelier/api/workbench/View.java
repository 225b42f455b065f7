package io.atelier.api.workbench;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A view of the web workbench, contributed by any bundle as a service of this
 * type. The view is known by its service properties before any of its code loads:
 * the shell lists it in its navigation by {@link #CATEGORY}, {@link #ORDER} and
 * {@link #TITLE}, and when a person opens it, loads the ES module
 * {@link #MODULE} from the contributing bundle's folder {@link #RESOURCES} and
 * shows the custom element {@link #ELEMENT} that the module defines.
 * <p>
 * The element receives no HTML from the server: it fetches JSON from the REST API
 * and must insert untrusted text as text ({@code textContent}), never as markup.
 * <p>
 * Example: a bundle with {@code web/sample/sample-view.js} registers a {@code View}
 * with {@code atelier.view.id=sample}, {@code atelier.view.title=Sample},
 * {@code atelier.view.resources=/web/sample}, {@code atelier.view.module=sample-view.js},
 * {@code atelier.view.element=atelier-sample-view}.
 */
@ConsumerType
public interface View {

    /** Service property: stable id, used in the shell's URL ({@code #/view/<id>}); {@code [a-z0-9-]+}. */
    String ID = "atelier.view.id";
    /** Service property: title in the navigation. */
    String TITLE = "atelier.view.title";
    /** Service property: navigation group, e.g. {@code Publish}, {@code Listen}, {@code Report}, {@code Settings}. */
    String CATEGORY = "atelier.view.category";
    /** Service property (Integer): position within the category, lowest first. */
    String ORDER = "atelier.view.order";
    /** Service property: folder inside the contributing bundle that holds the view's files. */
    String RESOURCES = "atelier.view.resources";
    /** Service property: the ES module to load, relative to {@link #RESOURCES}. */
    String MODULE = "atelier.view.module";
    /** Service property: the custom element the module defines, e.g. {@code atelier-sample-view}. */
    String ELEMENT = "atelier.view.element";
    /**
     * Service property (optional): who sees the view in the navigation. A workspace
     * permission such as {@code posts.read} (the person holds it in at least one
     * workspace) or {@code admin} (instance administrators); without it, everyone
     * signed in. It only tidies the navigation: the REST API checks every call.
     */
    String PERMISSION = "atelier.view.permission";
}
