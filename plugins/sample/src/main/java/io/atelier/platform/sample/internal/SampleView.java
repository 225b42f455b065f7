package io.atelier.platform.sample.internal;

import org.osgi.service.component.annotations.Component;

import io.atelier.api.workbench.View;

/**
 * The Sample view of the web workbench: a table of what the sample platform
 * published. Everything the shell needs is in the service properties; the code
 * is the ES module {@code web/sample/sample-view.js}, loaded only when the view
 * is opened.
 */
@Component(property = {
        View.ID + "=sample",
        View.TITLE + "=Sample",
        View.CATEGORY + "=Plugins",
        View.ORDER + ":Integer=100",
        View.RESOURCES + "=/web/sample",
        View.MODULE + "=sample-view.js",
        View.ELEMENT + "=atelier-sample-view" })
public final class SampleView implements View {
}
